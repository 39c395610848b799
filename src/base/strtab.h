/*
 * strtab.h -- interning table: byte strings to dense ids 1..n.
 *
 * The lexicon and the knowledge base intern every word they know, so later
 * stages compare 32-bit ids instead of strings. Id 0 is never used: it means
 * "not in the table". Strings are copied into the table's own arena and stay
 * valid until dyad__strtab_free. Not thread-safe while being filled;
 * read-only lookups from many threads are safe once filling is done.
 *
 * A table can also be an image's (dyad__strtab_write, dyad__strtab_use):
 * its slots, ids and strings are then used where they lie, in the binary,
 * and copied only when a string is added. That is why a table keeps its
 * strings as positions from a base address (0 for a table of its own):
 * an image's positions are its own offsets and hold wherever it is mapped.
 */
#ifndef DYAD_STRTAB_H
#define DYAD_STRTAB_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "arena.h"

/* A slot: the string's hash (high 32 bits) | its id (low 32), 0 = empty,
 * and the string itself, so that a lookup reads the slot and the bytes and
 * nothing else (the hash covers the length; the stored copy ends in NUL). */
typedef struct dyad_strslot {
    uint64_t hid;
    uintptr_t s;       /* the string is at base + s */
} dyad_strslot;

typedef struct dyad_strtab {
    dyad_strslot *slots; /* open addressing, at most half full; capacity a power of 2 */
    uint32_t cap;      /* number of slots */
    uint32_t count;    /* number of strings interned (ids are 1..count) */
    uintptr_t *str;    /* str[id]: the NUL-terminated string at base + str[id] */
    uint32_t *len;     /* len[id]: bytes, without the NUL */
    uint32_t str_cap;  /* allocated entries in str/len */
    uintptr_t base;    /* 0, or an image's strings (dyad__strtab_use); positions wrap */
    int borrowed;      /* slots, str and len are an image's: copied before a change */
    dyad_arena mem;    /* string storage */
} dyad_strtab;

int dyad__strtab_init(dyad_strtab *t, uint32_t expected);
void dyad__strtab_free(dyad_strtab *t);
/* Returns the id of s, adding it if new; 0 on allocation failure or when
 * s holds a NUL byte (words never do). */
uint32_t dyad__strtab_intern(dyad_strtab *t, const char *s, size_t n);
/* Writes the table as an image: its slots, ids and strings, each section
 * padded to 8 bytes. 0, or -1 on a write error. Native layout: read by the
 * same build. */
int dyad__strtab_write(const dyad_strtab *t, FILE *f);
/* Makes t, which holds no string yet, the table of the image at data
 * (8-byte aligned; it must outlive t and is never written): the bytes it
 * takes, or 0 when it is not an image this binary can use in those len
 * bytes (t unchanged). Its sizes are checked, not its contents: an image
 * is the build's own data. */
size_t dyad__strtab_use(dyad_strtab *t, const void *data, size_t len);
/* Returns the id of s, or 0 when it is not in the table. */
uint32_t dyad__strtab_find(const dyad_strtab *t, const char *s, size_t n);
/* dyad__strtab_find in two steps, for a caller with many strings to look
 * up: dyad__strtab_find_start returns dyad__hash(s, n) and prefetches the
 * slot the lookup starts at, dyad__strtab_find_hashed takes that hash and
 * answers as dyad__strtab_find does. Between the two the caller starts the
 * other lookups, so that their cache misses overlap. */
uint64_t dyad__strtab_find_start(const dyad_strtab *t, const char *s, size_t n);
uint32_t dyad__strtab_find_hashed(const dyad_strtab *t, const char *s, size_t n, uint64_t h);

static inline const char *dyad__strtab_str(const dyad_strtab *t, uint32_t id)
{
    return id && id <= t->count ? (const char *)(t->base + t->str[id]) : "";
}

#endif
