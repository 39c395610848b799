/*
 * arena.c -- see arena.h.
 */
#include "arena.h"

#include <stdlib.h>
#include <string.h>

#include "mem.h"

struct dyad_arena_block {
    dyad_arena_block *next;
    size_t size; /* usable bytes in data[] */
    size_t pos;  /* next free byte */
    _Alignas(16) unsigned char data[];
};

void dyad__arena_init(dyad_arena *a, size_t block_size)
{
    memset(a, 0, sizeof *a);
    a->block_size = block_size ? block_size : 64 * 1024;
}

void dyad__arena_init_big(dyad_arena *a, size_t block_size)
{
    dyad__arena_init(a, block_size);
    a->big = 1;
}

static void free_chain(dyad_arena_block *b, int big)
{
    while (b) {
        dyad_arena_block *n = b->next;
        if (big)
            dyad__big_free(b, 1, sizeof *b + b->size);
        else
            free(b);
        b = n;
    }
}

void dyad__arena_free(dyad_arena *a)
{
    free_chain(a->head, a->big);
    free_chain(a->spare, a->big);
    memset(a, 0, sizeof *a);
}

void dyad__arena_reset(dyad_arena *a)
{
    dyad_arena_block *b = a->head;
    while (b) {
        dyad_arena_block *n = b->next;
        b->pos = 0;
        b->next = a->spare;
        a->spare = b;
        b = n;
    }
    a->head = NULL;
    a->used = 0;
}

void *dyad__arena_alloc(dyad_arena *a, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    if (n == 0)
        n = 16;
    dyad_arena_block *b = a->head;
    if (b && b->size - b->pos >= n) {
        void *p = b->data + b->pos;
        b->pos += n;
        a->used += n;
        return p;
    }
    return dyad__arena_alloc_block(a, n);
}

void *dyad__arena_alloc_block(dyad_arena *a, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    if (n == 0)
        n = 16;
    /* Take a spare block that fits, else allocate. */
    dyad_arena_block *b, **pp = &a->spare;
    while (*pp && (*pp)->size < n)
        pp = &(*pp)->next;
    if (*pp) {
        b = *pp;
        *pp = b->next;
    } else {
        size_t size = n > a->block_size ? n : a->block_size;
        if (a->big) {
            /* block_size counts the header; the block takes its whole mapping */
            size_t want = n + sizeof *b > a->block_size ? n + sizeof *b : a->block_size;
            size = dyad__big_usable(want) - sizeof *b;
            b = dyad__big_calloc(1, sizeof *b + size);
        } else {
            b = malloc(sizeof *b + size);
        }
        if (!b)
            return NULL;
        b->size = size;
        a->reserved += size;
    }
    b->pos = n;
    b->next = a->head;
    a->head = b;
    a->used += n;
    return b->data;
}

size_t dyad__arena_blocks(const dyad_arena *a, const void **data, size_t *used, size_t cap)
{
    size_t n = 0;
    for (const dyad_arena_block *b = a->head; b; b = b->next)
        n++;
    size_t i = n;
    for (const dyad_arena_block *b = a->head; b; b = b->next)
        if (--i < cap) { /* the list is newest first */
            data[i] = b->data;
            used[i] = b->pos;
        }
    return n;
}

void *dyad__arena_zalloc(dyad_arena *a, size_t n)
{
    void *p = dyad__arena_alloc(a, n);
    if (p)
        memset(p, 0, n);
    return p;
}

char *dyad__arena_strndup(dyad_arena *a, const char *s, size_t n)
{
    char *p = dyad__arena_alloc(a, n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}
