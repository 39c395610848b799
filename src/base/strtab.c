/*
 * strtab.c -- see strtab.h.
 */
#include "strtab.h"

#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "mem.h"

int dyad__strtab_init(dyad_strtab *t, uint32_t expected)
{
    memset(t, 0, sizeof *t);
    uint32_t cap = 64;
    while (cap < expected * 2u && cap < (1u << 30))
        cap <<= 1;
    t->slots = dyad__big_calloc(cap, sizeof *t->slots);
    t->cap = cap; /* what dyad__strtab_free needs to free the slots */
    t->str_cap = expected > 16 ? expected + 1 : 17;
    t->str = malloc(t->str_cap * sizeof *t->str);
    t->len = malloc(t->str_cap * sizeof *t->len);
    dyad__arena_init(&t->mem, 256 * 1024);
    if (!t->slots || !t->str || !t->len) {
        dyad__strtab_free(t);
        return -1;
    }
    t->str[0] = "";
    t->len[0] = 0;
    return 0;
}

void dyad__strtab_free(dyad_strtab *t)
{
    dyad__big_free(t->slots, t->cap, sizeof *t->slots);
    free(t->str);
    free(t->len);
    dyad__arena_free(&t->mem);
    memset(t, 0, sizeof *t);
}

/* The id of s, or 0 with *empty set to the slot where it would go; h is
 * dyad__hash(s, n). */
static inline uint32_t find_h(const dyad_strtab *t, const char *s, size_t n, uint64_t h,
                              uint32_t *empty)
{
    uint64_t hi = h & 0xffffffff00000000ull;
    uint32_t mask = t->cap - 1;
    for (uint32_t i = (uint32_t)h & mask;; i = (i + 1) & mask) {
        uint64_t v = t->slots[i].hid;
        if (!v) {
            *empty = i;
            return 0;
        }
        if ((v & 0xffffffff00000000ull) == hi) {
            const char *q = t->slots[i].s;
            if (memcmp(q, s, n) == 0 && q[n] == '\0')
                return (uint32_t)v;
        }
    }
}

uint32_t dyad__strtab_find(const dyad_strtab *t, const char *s, size_t n)
{
    if (!t->cap)
        return 0;
    uint32_t empty;
    return find_h(t, s, n, dyad__hash(s, n), &empty);
}

uint64_t dyad__strtab_find_start(const dyad_strtab *t, const char *s, size_t n)
{
    uint64_t h = dyad__hash(s, n);
    if (t->cap)
        __builtin_prefetch(&t->slots[(uint32_t)h & (t->cap - 1)]);
    return h;
}

uint32_t dyad__strtab_find_hashed(const dyad_strtab *t, const char *s, size_t n, uint64_t h)
{
    if (!t->cap)
        return 0;
    uint32_t empty;
    return find_h(t, s, n, h, &empty);
}

static int grow(dyad_strtab *t)
{
    uint32_t ncap = t->cap * 2, mask = ncap - 1;
    dyad_strslot *slots = dyad__big_calloc(ncap, sizeof *slots);
    if (!slots)
        return -1;
    for (uint32_t id = 1; id <= t->count; id++) {
        uint64_t h = dyad__hash(t->str[id], t->len[id]);
        uint32_t i = (uint32_t)h & mask;
        while (slots[i].hid)
            i = (i + 1) & mask;
        slots[i].hid = (h & 0xffffffff00000000ull) | id;
        slots[i].s = t->str[id];
    }
    dyad__big_free(t->slots, t->cap, sizeof *t->slots);
    t->slots = slots;
    t->cap = ncap;
    return 0;
}

/* Doubles the id-indexed arrays (str, len). */
static int grow_ids(dyad_strtab *t)
{
    uint32_t nc = t->str_cap * 2;
    const char **str = realloc(t->str, nc * sizeof *str);
    if (!str)
        return -1;
    t->str = str;
    uint32_t *len = realloc(t->len, nc * sizeof *len);
    if (!len)
        return -1;
    t->len = len;
    t->str_cap = nc;
    return 0;
}

uint32_t dyad__strtab_intern(dyad_strtab *t, const char *s, size_t n)
{
    if (!t->cap)
        return 0;
    /* One hash for the lookup and the insertion. */
    uint64_t h = dyad__hash(s, n);
    uint32_t slot = 0;
    uint32_t id = find_h(t, s, n, h, &slot);
    if (id)
        return id;
    if (n > UINT32_MAX || (n && memchr(s, '\0', n)))
        return 0;
    if ((t->count + 1) * 2u >= t->cap) { /* at most half full: short probes */
        if (grow(t) != 0)
            return 0;
        find_h(t, s, n, h, &slot);
    }
    if (t->count + 1 >= t->str_cap && grow_ids(t) != 0)
        return 0;
    char *copy = dyad__arena_strndup(&t->mem, s, n);
    if (!copy)
        return 0;
    id = ++t->count;
    t->str[id] = copy;
    t->len[id] = (uint32_t)n;
    t->slots[slot].hid = (h & 0xffffffff00000000ull) | id;
    t->slots[slot].s = copy;
    return id;
}

uint32_t dyad__strtab_push_static(dyad_strtab *t, const char *s, size_t n, uint64_t h)
{
    if (!t->cap || n > UINT32_MAX)
        return 0;
    if ((t->count + 1) * 2u >= t->cap && grow(t) != 0)
        return 0;
    if (t->count + 1 >= t->str_cap && grow_ids(t) != 0)
        return 0;
    uint32_t id = ++t->count, mask = t->cap - 1, i = (uint32_t)h & mask;
    while (t->slots[i].hid)
        i = (i + 1) & mask;
    t->str[id] = s;
    t->len[id] = (uint32_t)n;
    t->slots[i].hid = (h & 0xffffffff00000000ull) | id;
    t->slots[i].s = s;
    return id;
}
