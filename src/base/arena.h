/*
 * arena.h -- bump allocator for per-document and per-load memory.
 *
 * Everything a stage produces for one document (tokens, sentences, actor
 * mentions, events) is carved from one arena that the coder resets between
 * documents: no free() per object, no allocation per token. Blocks are kept
 * across resets, so a coder settles at a steady footprint.
 *
 * Allocation failure returns NULL (callers check); dyad__arena_alloc never
 * aborts.
 */
#ifndef DYAD_ARENA_H
#define DYAD_ARENA_H

#include <stddef.h>
#include <stdint.h>

typedef struct dyad_arena_block dyad_arena_block;

typedef struct dyad_arena {
    dyad_arena_block *head;  /* block being carved (most recent) */
    dyad_arena_block *spare; /* blocks kept by reset, reused first */
    size_t block_size;       /* default size of a new block, bytes */
    size_t used;             /* bytes handed out since the last reset */
    size_t reserved;         /* bytes held in all blocks */
    int big;                 /* blocks from dyad__big_calloc (huge pages) */
} dyad_arena;

void dyad__arena_init(dyad_arena *a, size_t block_size);
/* An arena for memory that is filled once and kept (the dictionaries'):
 * its blocks, of block_size bytes with their header (a multiple of 2 MB),
 * are whole huge pages (mem.h), so that filling them takes a page fault
 * per 2 MB rather than per 4 KB. */
void dyad__arena_init_big(dyad_arena *a, size_t block_size);
void dyad__arena_free(dyad_arena *a);
/* Forgets every allocation; keeps the memory for reuse. */
void dyad__arena_reset(dyad_arena *a);
/* Aligned to 16 bytes. NULL on failure. */
void *dyad__arena_alloc(dyad_arena *a, size_t n);
void *dyad__arena_zalloc(dyad_arena *a, size_t n);
/* Like dyad__arena_alloc, but in a block of its own, whatever room the
 * current one has left: for rebuilding an arena block by block (the
 * knowledge base's image, src/kb/image.c). */
void *dyad__arena_alloc_block(dyad_arena *a, size_t n);
/* The arena's blocks, oldest first: their data and the bytes handed out
 * from each, for the first cap of them. Returns the number of blocks. */
size_t dyad__arena_blocks(const dyad_arena *a, const void **data, size_t *used, size_t cap);
/* Copies n bytes and appends a NUL. */
char *dyad__arena_strndup(dyad_arena *a, const char *s, size_t n);

#define DYAD_ARENA_NEW(a, type, count) \
    ((type *)dyad__arena_alloc((a), sizeof(type) * (size_t)(count)))

#endif
