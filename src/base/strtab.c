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
    t->str[0] = (uintptr_t)"";
    t->len[0] = 0;
    return 0;
}

void dyad__strtab_free(dyad_strtab *t)
{
    if (!t->borrowed) {
        dyad__big_free(t->slots, t->cap, sizeof *t->slots);
        free(t->str);
        free(t->len);
    }
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
            const char *q = (const char *)(t->base + t->slots[i].s);
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
        uint64_t h = dyad__hash((const char *)(t->base + t->str[id]), t->len[id]);
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
    uintptr_t *str = realloc(t->str, nc * sizeof *str);
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

/* Copies an image's slots and ids into memory of the table's own; the
 * strings stay where they are, and so does the base. */
static int own(dyad_strtab *t)
{
    dyad_strslot *slots = dyad__big_calloc(t->cap, sizeof *slots);
    uint32_t nc = t->count + 17;
    uintptr_t *str = malloc(nc * sizeof *str);
    uint32_t *len = malloc(nc * sizeof *len);
    if (!slots || !str || !len) {
        dyad__big_free(slots, t->cap, sizeof *slots);
        free(str);
        free(len);
        return -1;
    }
    memcpy(slots, t->slots, t->cap * sizeof *slots);
    memcpy(str, t->str, (t->count + 1) * sizeof *str);
    memcpy(len, t->len, (t->count + 1) * sizeof *len);
    t->slots = slots;
    t->str = str;
    t->len = len;
    t->str_cap = nc;
    t->borrowed = 0;
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
    if (n > UINT32_MAX || (n && memchr(s, '\0', n)) || (t->borrowed && own(t) != 0))
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
    t->str[id] = (uintptr_t)copy - t->base;
    t->len[id] = (uint32_t)n;
    t->slots[slot].hid = (h & 0xffffffff00000000ull) | id;
    t->slots[slot].s = t->str[id];
    return id;
}

/* ------------------------------------------------------------ images */

/* The head of an image; then the slots, the positions and lengths of ids
 * 0..count, and the strings (a NUL first: "" at 0), each padded to 8. */
typedef struct image_head {
    uint32_t cap, count;
    uint64_t bytes;      /* of the strings */
} image_head;

static void image_sizes(const image_head *h, size_t *sz)
{
    sz[0] = (size_t)h->cap * sizeof(dyad_strslot);
    sz[1] = ((size_t)h->count + 1) * sizeof(uintptr_t);
    sz[2] = ((size_t)h->count + 1) * sizeof(uint32_t);
    sz[3] = (size_t)h->bytes;
}

int dyad__strtab_write(const dyad_strtab *t, FILE *f)
{
    image_head h = {t->cap, t->count, 1};
    for (uint32_t id = 1; id <= t->count; id++)
        h.bytes += t->len[id] + 1;
    size_t sz[4];
    image_sizes(&h, sz);
    dyad_strslot *slots = calloc(t->cap ? t->cap : 1, sizeof *slots);
    uintptr_t *str = malloc(sz[1]);
    int bad = !slots || !str;
    if (!bad) {
        /* positions in the strings written below, in id order */
        uintptr_t at = 1;
        str[0] = 0;
        for (uint32_t id = 1; id <= t->count; id++) {
            str[id] = at;
            at += t->len[id] + 1;
        }
        for (uint32_t i = 0; i < t->cap; i++)
            if (t->slots[i].hid) {
                slots[i].hid = t->slots[i].hid;
                slots[i].s = str[(uint32_t)t->slots[i].hid];
            }
    }
    const void *part[3] = {slots, str, t->len};
    bad = bad || fwrite(&h, sizeof h, 1, f) != 1;
    for (int i = 0; i < 3 && !bad; i++)
        bad = dyad__put_padded(f, part[i], sz[i]) != 0;
    bad = bad || fwrite("", 1, 1, f) != 1;
    for (uint32_t id = 1; id <= t->count && !bad; id++)
        bad = fwrite((const char *)(t->base + t->str[id]), 1, t->len[id] + 1, f) != t->len[id] + 1;
    bad = bad || dyad__put_pad(f, sz[3]) != 0;
    free(slots);
    free(str);
    return bad ? -1 : 0;
}

size_t dyad__strtab_use(dyad_strtab *t, const void *data, size_t len)
{
    image_head h;
    if (t->count || len < sizeof h || ((uintptr_t)data & 7))
        return 0;
    memcpy(&h, data, sizeof h);
    /* a power of two at most half full, as the table keeps it */
    if (h.cap < 2 || (h.cap & (h.cap - 1)) || h.count >= h.cap / 2 || !h.bytes ||
        h.bytes > len)
        return 0;
    size_t sz[4], total = sizeof h;
    image_sizes(&h, sz);
    for (int i = 0; i < 4; i++)
        total += dyad__pad8(sz[i]);
    if (total > len)
        return 0;
    const char *p = (const char *)data + sizeof h;
    const char *s = p + dyad__pad8(sz[0]) + dyad__pad8(sz[1]) + dyad__pad8(sz[2]);
    if (s[0] != '\0' || s[h.bytes - 1] != '\0')
        return 0;
    dyad__strtab_free(t);
    /* the cast: a borrowed table is never written (own() copies it first) */
    t->slots = (dyad_strslot *)(uintptr_t)p;
    t->str = (uintptr_t *)(uintptr_t)(p + dyad__pad8(sz[0]));
    t->len = (uint32_t *)(uintptr_t)(p + dyad__pad8(sz[0]) + dyad__pad8(sz[1]));
    t->cap = h.cap;
    t->count = h.count;
    t->str_cap = h.count + 1;
    t->base = (uintptr_t)s;
    t->borrowed = 1;
    dyad__arena_init(&t->mem, 256 * 1024);
    return total;
}
