/*
 * image.c -- the knowledge base compiled: gen/kb.bin, the built-in
 * dictionaries as the loader leaves them in memory, written at build time
 * (tools/kb-image.c) and copied back at start-up instead of parsing some
 * 60,000 dictionary lines (load.c uses it when no user dictionary is given).
 *
 * A loaded kb is a few dozen arrays: the vectors, maps and tables of struct
 * dyad_kb (kbi.h) and the blocks of its arena, which hold what the vectors'
 * items point at (names, roles, pattern elements, strings) and the pattern
 * index. The image holds each of them as it is, except that every pointer
 * is written as a region (an arena block) and an offset in it, and made a
 * pointer again on load; and the maps, mostly empty, as their used slots.
 * The arena is restored block by block, with the same block sizes; the
 * vectors whose items hold pointers into one mapping of huge pages, the
 * slab (one allocation each, as the text load makes them, took a page
 * fault per 4 KB of the smaller ones). What holds no pointer (the other
 * vectors, the maps, the plain tables, the lexicon's words) is used where
 * it lies, in the binary, never written: no copy, no zeroed memory to fill,
 * and its pages are read from the binary's file when first used. (A kb
 * from an image is never added to: nothing pushes onto its vectors or puts
 * into its maps; their capacities are the loaded kb's, for `dict stats`.)
 *
 * The lexicon's words are in the image as they are after the dictionaries'
 * (the words they added, the DYAD_LW_KB flag of the words they use), every
 * record and the table of their forms (dyad__lex_write_words), last; the
 * reader uses them where they lie, in the binary, instead of gen/lexicon.bin's
 * (dyad__lex_use_words), after checking that the lexicon loaded (its tag
 * statistics, which the records index) is the one the image was written
 * against.
 *
 * Every pointer field is listed here, in VECS (the vectors' items) and
 * arena_ptrs() (pointers inside the arena, and the kb's own into it); the
 * _Static_asserts below fail when a struct that holds pointers changes
 * size, to send whoever adds a field here first. Native byte order and
 * layout: the image is written and read by the same build; one whose
 * layout does not match is refused and the text is parsed instead.
 */
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/hash.h"
#include "../base/mem.h"
#include "kbi.h"

#define IMAGE_MAGIC "dyadkb\0\002"
#define MAX_REGIONS 16 /* arena blocks: 8 MB each (load.c), the built-ins fill two */

/* An encoded pointer: region (1..MAX_REGIONS, or EMPTY) in the top byte,
 * the offset in it below; 0 is NULL. EMPTY stands for a "" that is not in
 * the arena (a string literal: trie.c's name of an entry without one). */
#define REGION_SHIFT (sizeof(uintptr_t) * CHAR_BIT - 8)
#define REGION_EMPTY 255u

#if UINTPTR_MAX == UINT64_MAX
/* A new field in one of these needs a look at VECS and arena_ptrs()
 * (then update the size here). */
_Static_assert(sizeof(struct dyad_kb) == 616, "dyad_kb changed: is every field in the image?");
_Static_assert(sizeof(kb_file) == 16, "kb_file changed: see VECS");
_Static_assert(sizeof(kb_finding) == 24, "kb_finding changed: see VECS");
_Static_assert(sizeof(dyad_actor) == 40, "dyad_actor changed: see VECS");
_Static_assert(sizeof(dyad_role) == 32, "dyad_role changed: it holds no pointer");
_Static_assert(sizeof(kb_actor_x) == 12, "kb_actor_x changed: see VECS");
_Static_assert(sizeof(kb_term) == 16, "kb_term changed: see VECS");
_Static_assert(sizeof(kb_clash) == 24, "kb_clash changed: see VECS");
_Static_assert(sizeof(dyad_pattern) == 40, "dyad_pattern changed: see VECS, arena_ptrs()");
_Static_assert(sizeof(kb_pattern_x) == 16, "kb_pattern_x changed: see VECS");
_Static_assert(sizeof(dyad_pelem) == 16, "dyad_pelem changed: see arena_ptrs()");
_Static_assert(sizeof(dyad_pfilter) == 24, "dyad_pfilter changed: see arena_ptrs()");
_Static_assert(sizeof(kb_discard) == 40, "kb_discard changed: see VECS");
_Static_assert(sizeof(dyad_cameo_info) == 56, "dyad_cameo_info changed: see VECS");
_Static_assert(sizeof(kb_block_label) == 24, "kb_block_label changed: see VECS");
#endif

/* The kb's vectors, in image order, with the offsets of the pointers in
 * their items (none: the item is plain data). */
typedef struct vec_desc {
    size_t vec;       /* offsetof(dyad_kb, ...) */
    size_t size;      /* bytes per item */
    size_t nptr;
    size_t ptr[5];
} vec_desc;

static const vec_desc VECS[] = {
    {offsetof(dyad_kb, files), sizeof(kb_file), 1, {offsetof(kb_file, name)}},
    {offsetof(dyad_kb, findings), sizeof(kb_finding), 1, {offsetof(kb_finding, msg)}},
    {offsetof(dyad_kb, actors), sizeof(dyad_actor), 3,
     {offsetof(dyad_actor, roles), offsetof(dyad_actor, name), offsetof(dyad_actor, file)}},
    {offsetof(dyad_kb, actx), sizeof(kb_actor_x), 0, {0}},
    {offsetof(dyad_kb, terms), sizeof(kb_term), 0, {0}},
    {offsetof(dyad_kb, nodes), sizeof(uint32_t), 0, {0}},
    {offsetof(dyad_kb, caps), sizeof(uint16_t), 0, {0}},
    {offsetof(dyad_kb, clashes), sizeof(kb_clash), 1, {offsetof(kb_clash, name)}},
    {offsetof(dyad_kb, pats), sizeof(dyad_pattern), 3,
     {offsetof(dyad_pattern, elem), offsetof(dyad_pattern, text), offsetof(dyad_pattern, file)}},
    {offsetof(dyad_kb, patx), sizeof(kb_pattern_x), 1, {offsetof(kb_pattern_x, anchor)}},
    {offsetof(dyad_kb, discards), sizeof(kb_discard), 2,
     {offsetof(kb_discard, w), offsetof(kb_discard, text)}},
    {offsetof(dyad_kb, cameo), sizeof(dyad_cameo_info), 5,
     {offsetof(dyad_cameo_info, code), offsetof(dyad_cameo_info, label),
      offsetof(dyad_cameo_info, plover), offsetof(dyad_cameo_info, plover_mode),
      offsetof(dyad_cameo_info, plover_context)}},
    {offsetof(dyad_kb, block_labels), sizeof(kb_block_label), 1,
     {offsetof(kb_block_label, label)}},
};
#define NVECS (sizeof VECS / sizeof VECS[0])

/* The maps: open addressing, written whole (their slots). */
static const size_t MAPS[] = {offsetof(dyad_kb, edges), offsetof(dyad_kb, pindex),
                              offsetof(dyad_kb, dindex)};
#define NMAPS (sizeof MAPS / sizeof MAPS[0])

/* The kb's plain tables, sized by the head: root, rootbits, nextmask,
 * dstart, cameo_at, blocks (table_slots()). */
enum { NTABLES = 6 };

/* The kb's own pointers into the arena (the pattern index), in head.idx. */
enum { IX_PLIST, IX_PFILT, IX_PORBITS, IX_PCOPY, IX_PELEMS, IX_PALTS, IX_PRANGES, NIX };

#define NLAYOUT 24

typedef struct image_head {
    char magic[8];
    uint32_t layout[NLAYOUT];   /* sizes that must match this binary's (image_layout) */
    /* the lexicon the image extends (gen/lexicon.bin, loaded) */
    uint32_t lex_count, lex_nstat;
    uint64_t lex_last;          /* dyad__hash of its last form */
    /* the arena */
    uint32_t nregion, pad;
    uint64_t used[MAX_REGIONS]; /* bytes of each block */
    /* the rest of the kb */
    uint32_t vn[NVECS], vcap[NVECS];
    uint32_t mcap[NMAPS], mcount[NMAPS];
    uint32_t nroot, nnext, ndstart, nplist, nnames, the_id;
    uint64_t idx[NIX];          /* encoded pointers */
} image_head;

static void image_layout(uint32_t *l)
{
    static const size_t sizes[NLAYOUT] = {
        sizeof(struct dyad_kb), sizeof(kb_vec),       sizeof(kb_map),
        sizeof(kb_slot),        sizeof(kb_file),      sizeof(kb_finding),
        sizeof(dyad_actor),     sizeof(dyad_role),    sizeof(kb_actor_x),
        sizeof(kb_term),        sizeof(kb_clash),     sizeof(dyad_pattern),
        sizeof(kb_pattern_x),   sizeof(dyad_pelem),   sizeof(dyad_pfilter),
        sizeof(kb_discard),     sizeof(dyad_cameo_info), sizeof(kb_block_label),
        sizeof(dyad_lex_word),  sizeof(uintptr_t),    KB_NBLOCKS,
        KB_CAMEO_SLOTS,         sizeof(image_head),   NVECS};
    for (int i = 0; i < NLAYOUT; i++)
        l[i] = (uint32_t)sizes[i];
}

/* Sections after the head, each padded to 8 bytes: the arena's blocks,
 * the vectors' items, the maps' used slots, root, rootbits, nextmask,
 * dstart, cameo_at, blocks; then the lexicon's words, to the end. */
#define NSECTIONS (MAX_REGIONS + NVECS + NMAPS + NTABLES)

static void image_sections(const image_head *h, size_t *sz)
{
    size_t k = 0;
    for (size_t i = 0; i < MAX_REGIONS; i++)
        sz[k++] = i < h->nregion ? (size_t)h->used[i] : 0;
    for (size_t i = 0; i < NVECS; i++)
        sz[k++] = (size_t)h->vn[i] * VECS[i].size;
    for (size_t i = 0; i < NMAPS; i++)
        sz[k++] = (size_t)h->mcap[i] * sizeof(kb_slot);
    sz[k++] = (size_t)h->nroot * sizeof(uint32_t);
    sz[k++] = ((size_t)h->nroot + 31) / 32 * sizeof(uint64_t);
    sz[k++] = (size_t)h->nnext * sizeof(uint64_t);
    sz[k++] = ((size_t)h->ndstart + 7) / 8;
    sz[k++] = KB_CAMEO_SLOTS * sizeof(uint16_t);
    sz[k++] = KB_NBLOCKS;
}

static kb_vec *vec_of(const dyad_kb *kb, size_t i)
{
    return (kb_vec *)(void *)((char *)kb + VECS[i].vec);
}

static kb_map *map_of(const dyad_kb *kb, size_t i)
{
    return (kb_map *)(void *)((char *)kb + MAPS[i]);
}

/* ------------------------------------------------------- the pointers */

/* Called with the address of each pointer; returns 0, or -1 to stop. The
 * writer encodes the pointer, the reader decodes it in place: a walk reads
 * a pointer only after passing it to fn, so it works on either side. */
typedef int (*slot_fn)(void *ctx, const void *slot);

static int elem_ptrs(const dyad_pattern *p, slot_fn fn, void *ctx)
{
    for (uint32_t k = 0; k < p->nelem; k++)
        if (fn(ctx, &p->elem[k].alt) != 0)
            return -1;
    return 0;
}

/* The kb's own pointers into the arena (the pattern index), in head.idx. */
static void index_slots(const dyad_kb *kb, const void **slot)
{
    slot[IX_PLIST] = &kb->plist;
    slot[IX_PFILT] = &kb->pfilt;
    slot[IX_PORBITS] = &kb->porbits;
    slot[IX_PCOPY] = &kb->pcopy;
    slot[IX_PELEMS] = &kb->pelems;
    slot[IX_PALTS] = &kb->palts;
    slot[IX_PRANGES] = &kb->pranges;
}

/* Where the kb keeps its plain tables, in image order. */
static void table_slots(const dyad_kb *kb, const void **slot)
{
    slot[0] = &kb->root;
    slot[1] = &kb->rootbits;
    slot[2] = &kb->nextmask;
    slot[3] = &kb->dstart;
    slot[4] = &kb->cameo_at;
    slot[5] = &kb->blocks;
}

/* The pointers inside the arena: the pattern index's, and the elements'
 * of the patterns (the vectors' items are done by VECS, before this). */
static int arena_ptrs(const dyad_kb *kb, slot_fn fn, void *ctx)
{
    for (uint32_t i = 0; i < kb->nplist; i++) {
        /* plist[i] is &pcopy[i]; its elements are in pelems, their
         * alternatives in palts; the filter's OR group in porbits */
        const dyad_pattern *p = &kb->pcopy[i];
        if (fn(ctx, &kb->plist[i]) || fn(ctx, &p->elem) || fn(ctx, &p->text) ||
            fn(ctx, &p->file) || fn(ctx, &kb->pfilt[i].orbit) || elem_ptrs(p, fn, ctx))
            return -1;
    }
    for (uint32_t i = 0; i < kb->pats.n; i++)
        if (elem_ptrs(&KB_VEC_AT(kb->pats, dyad_pattern, i), fn, ctx) != 0)
            return -1;
    return 0;
}

/* ------------------------------------------------------------ writing */

typedef struct writer {
    size_t nregion;
    uintptr_t start[MAX_REGIONS];
    size_t used[MAX_REGIONS];
    unsigned char *copy[MAX_REGIONS]; /* the blocks as written: pointers encoded */
    dyad_err *err;
} writer;

static int encode(const writer *w, const void *p, uintptr_t *out)
{
    uintptr_t a = (uintptr_t)p;
    *out = 0;
    if (!p)
        return 0;
    for (size_t r = 0; r < w->nregion; r++)
        if (a >= w->start[r] && a - w->start[r] <= w->used[r]) {
            *out = (uintptr_t)(r + 1) << REGION_SHIFT | (a - w->start[r]);
            return 0;
        }
    if (*(const char *)p == '\0') {
        *out = (uintptr_t)REGION_EMPTY << REGION_SHIFT;
        return 0;
    }
    dyad__err_set(w->err, DYAD_EDICT, "gen/kb.bin", 0, 0,
                  "a pointer outside the kb's arena: see src/kb/image.c");
    return -1;
}

/* Encodes the pointer at slot into the copy of its block. */
static int encode_in_arena(void *ctx, const void *slot)
{
    const writer *w = ctx;
    uintptr_t at, v;
    const void *p;
    memcpy(&p, slot, sizeof p);
    if (encode(w, slot, &at) != 0 || encode(w, p, &v) != 0)
        return -1;
    size_t r = (at >> REGION_SHIFT) - 1, off = at & (((uintptr_t)1 << REGION_SHIFT) - 1);
    if (r >= w->nregion || off + sizeof v > w->used[r]) {
        dyad__err_set(w->err, DYAD_EDICT, "gen/kb.bin", 0, 0,
                      "a pointer of the pattern index outside the arena");
        return -1;
    }
    memcpy(w->copy[r] + off, &v, sizeof v);
    return 0;
}

/* The lexicon the image extends: gen/lexicon.bin's words, which the
 * dictionaries' follow. */
static void lex_base(const dyad_lex *lex, image_head *h)
{
    dyad_lex_recs lr;
    dyad__lex_recs(lex, &lr);
    const char *last = dyad__lex_str(lex, lr.nfile);
    h->lex_count = lr.nfile;
    h->lex_nstat = lr.nstat;
    h->lex_last = dyad__hash(last, strlen(last));
}

/* The vectors' items with their pointers encoded. */
static int put_vecs(FILE *f, const dyad_kb *kb, const writer *w)
{
    for (size_t i = 0; i < NVECS; i++) {
        const kb_vec *v = vec_of(kb, i);
        size_t bytes = (size_t)v->n * VECS[i].size;
        unsigned char *c = malloc(bytes ? bytes : 1);
        if (!c)
            return -1;
        if (bytes)
            memcpy(c, v->p, bytes);
        for (uint32_t k = 0; k < v->n; k++)
            for (size_t j = 0; j < VECS[i].nptr; j++) {
                unsigned char *slot = c + (size_t)k * VECS[i].size + VECS[i].ptr[j];
                const void *p;
                uintptr_t e;
                memcpy(&p, slot, sizeof p);
                if (encode(w, p, &e) != 0) {
                    free(c);
                    return -1;
                }
                memcpy(slot, &e, sizeof e);
            }
        int bad = dyad__put_padded(f, c, bytes);
        free(c);
        if (bad)
            return -1;
    }
    return 0;
}

static int put_maps(FILE *f, const dyad_kb *kb)
{
    for (size_t i = 0; i < NMAPS; i++) {
        const kb_map *m = map_of(kb, i);
        kb_slot *s = malloc(((size_t)m->cap + 1) * sizeof *s);
        if (!s)
            return -1;
        memset(s, 0, (size_t)m->cap * sizeof *s); /* the padding too: the image is reproducible */
        for (uint32_t k = 0; k < m->cap; k++) {
            s[k].key = m->s[k].key;
            s[k].val = m->s[k].val;
        }
        int bad = dyad__put_padded(f, s, (size_t)m->cap * sizeof *s) != 0;
        free(s);
        if (bad)
            return -1;
    }
    return 0;
}

int dyad__kb_write_image(const dyad_kb *kb, FILE *f, dyad_err *err)
{
    dyad__err_clear(err);
    int builtin = !kb->lenient;
    for (uint32_t i = 0; i < kb->files.n; i++)
        builtin &= (KB_VEC_AT(kb->files, kb_file, i).flags & KF_BUILTIN) != 0;
    if (!builtin) {
        dyad__err_set(err, DYAD_EUSAGE, "gen/kb.bin", 0, 0,
                      "an image holds the built-in dictionaries alone, loaded strictly");
        return -1;
    }
    image_head h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, IMAGE_MAGIC, 8);
    image_layout(h.layout);
    writer w;
    memset(&w, 0, sizeof w);
    w.err = err;
    const void *data[MAX_REGIONS];
    w.nregion = dyad__arena_blocks(&kb->mem, data, w.used, MAX_REGIONS);
    if (w.nregion > MAX_REGIONS) {
        dyad__err_set(err, DYAD_EDICT, "gen/kb.bin", 0, 0,
                      "the kb's arena has more than %d blocks: raise MAX_REGIONS", MAX_REGIONS);
        return -1;
    }
    int rc = -1;
    lex_base(kb->lex, &h);
    h.nregion = (uint32_t)w.nregion;
    for (size_t r = 0; r < w.nregion; r++) {
        w.start[r] = (uintptr_t)data[r];
        h.used[r] = w.used[r];
        w.copy[r] = malloc(w.used[r] ? w.used[r] : 1);
        if (!w.copy[r])
            goto oom;
        memcpy(w.copy[r], data[r], w.used[r]);
    }
    for (size_t i = 0; i < NVECS; i++) {
        h.vn[i] = vec_of(kb, i)->n;
        h.vcap[i] = vec_of(kb, i)->cap;
    }
    for (size_t i = 0; i < NMAPS; i++) {
        h.mcap[i] = map_of(kb, i)->cap;
        h.mcount[i] = map_of(kb, i)->count;
    }
    h.nroot = kb->nroot;
    h.nnext = kb->nnext;
    h.ndstart = kb->ndstart;
    h.nplist = kb->nplist;
    h.nnames = kb->nnames;
    h.the_id = kb->the_id;
    const void *slot[NIX];
    index_slots(kb, slot);
    for (size_t i = 0; i < NIX; i++) {
        const void *p;
        uintptr_t v;
        memcpy(&p, slot[i], sizeof p);
        if (encode(&w, p, &v) != 0)
            goto out;
        h.idx[i] = v;
    }
    if (arena_ptrs(kb, encode_in_arena, &w) != 0)
        goto out;
    size_t sz[NSECTIONS];
    image_sections(&h, sz);
    if (dyad__put_padded(f, &h, sizeof h) != 0)
        goto io;
    for (size_t r = 0; r < w.nregion; r++)
        if (dyad__put_padded(f, w.copy[r], w.used[r]) != 0)
            goto io;
    if (put_vecs(f, kb, &w) != 0 || put_maps(f, kb) != 0)
        goto io;
    const void *tslot[NTABLES];
    table_slots(kb, tslot);
    for (size_t t = 0; t < NTABLES; t++) {
        const void *table;
        memcpy(&table, tslot[t], sizeof table);
        if (dyad__put_padded(f, table, sz[MAX_REGIONS + NVECS + NMAPS + t]) != 0)
            goto io;
    }
    if (dyad__lex_write_words(kb->lex, f) != 0)
        goto io;
    rc = 0;
    goto out;
io:
    if (err->code == DYAD_OK)
        dyad__err_set(err, DYAD_EIO, "gen/kb.bin", 0, 0, "cannot write the image");
    goto out;
oom:
    dyad__err_set(err, DYAD_ENOMEM, "gen/kb.bin", 0, 0, NULL);
out:
    for (size_t r = 0; r < w.nregion && r < MAX_REGIONS; r++)
        free(w.copy[r]);
    return rc;
}

/* ------------------------------------------------------------ reading */

typedef struct reader {
    size_t nregion;
    unsigned char *base[MAX_REGIONS];
    size_t used[MAX_REGIONS];
    int drop;           /* the image is embedded: give back what was copied */
    const char *kept;   /* what has not been given back */
} reader;

/* Done with the image up to p. */
static void done(reader *rd, const char *p)
{
    if (rd->drop)
        dyad__drop_copied(rd->kept, (size_t)(p - rd->kept));
    rd->kept = p;
}

/* Done with the image up to `from`; [from, to) is used in place: kept. */
static void keep(reader *rd, const char *from, const char *to)
{
    done(rd, from);
    rd->kept = to;
}

/* A section used in place, which the kb never writes (hence the cast). */
static void *in_place(const char *p) { return (void *)(uintptr_t)p; }

static const char empty[1]; /* REGION_EMPTY */

/* The pointer v encodes, which must leave room for `bytes` in its region. */
static int decode(const reader *rd, uintptr_t v, size_t bytes, const void **out)
{
    uintptr_t r = v >> REGION_SHIFT, off = v & (((uintptr_t)1 << REGION_SHIFT) - 1);
    if (!v)
        *out = NULL;
    else if (r == REGION_EMPTY && !off && bytes <= 1)
        *out = empty;
    else if (r >= 1 && r <= rd->nregion && r <= MAX_REGIONS && off <= rd->used[r - 1] &&
             bytes <= rd->used[r - 1] - off)
        *out = rd->base[r - 1] + off;
    else
        return -1;
    return 0;
}

/* Decodes the pointer at slot in place. The slot is in memory the reader
 * has just filled (a vector's item, an arena block), hence the cast. */
static int decode_slot(void *ctx, const void *slot)
{
    uintptr_t v;
    const void *p;
    memcpy(&v, slot, sizeof v);
    if (decode(ctx, v, 0, &p) != 0)
        return -1;
    memcpy((void *)slot, &p, sizeof p);
    return 0;
}

/* Whether the image is one this binary and this lexicon can use: its
 * layout, its size, the lexicon it was written against. */
static int usable(const dyad_kb *kb, const char *data, size_t len, image_head *h, size_t *sz)
{
    uint32_t layout[NLAYOUT];
    image_layout(layout);
    if (len < dyad__pad8(sizeof *h))
        return 0;
    memcpy(h, data, sizeof *h);
    if (memcmp(h->magic, IMAGE_MAGIC, 8) != 0 || memcmp(h->layout, layout, sizeof layout) != 0 ||
        h->nregion > MAX_REGIONS)
        return 0;
    image_sections(h, sz);
    size_t total = dyad__pad8(sizeof *h);
    for (size_t i = 0; i < NSECTIONS; i++)
        total += dyad__pad8(sz[i]);
    if (total > len || ((uintptr_t)data & 7))
        return 0;
    image_head have;
    lex_base(kb->lex, &have);
    return have.lex_count == h->lex_count && have.lex_nstat == h->lex_nstat &&
           have.lex_last == h->lex_last;
}

/* The arena, block by block; then the kb's pointers into it. */
static int read_arena(dyad_kb *kb, reader *rd, const image_head *h, const char **p)
{
    rd->nregion = h->nregion;
    for (size_t r = 0; r < h->nregion; r++) {
        rd->used[r] = (size_t)h->used[r];
        rd->base[r] = dyad__arena_alloc_block(&kb->mem, rd->used[r]);
        if (!rd->base[r])
            return -1;
        memcpy(rd->base[r], *p, rd->used[r]);
        *p += dyad__pad8(rd->used[r]);
        done(rd, *p);
    }
    const void *slot[NIX];
    index_slots(kb, slot);
    /* arena_ptrs() reads nplist entries of these */
    size_t n = h->nplist, bytes[NIX] = {[IX_PLIST] = n * sizeof *kb->plist,
                                        [IX_PFILT] = n * sizeof *kb->pfilt,
                                        [IX_PCOPY] = n * sizeof *kb->pcopy};
    for (size_t i = 0; i < NIX; i++) {
        const void *v;
        if (decode(rd, (uintptr_t)h->idx[i], bytes[i], &v) != 0)
            return -2;
        memcpy((void *)slot[i], &v, sizeof v);
    }
    return 0;
}

/* Where each vector with pointers goes in the slab (at[i]), each on a
 * cache line of its own. Returns the slab's size. */
static size_t slab_layout(const image_head *h, size_t *at)
{
    size_t o = 0;
    for (size_t i = 0; i < NVECS; i++)
        if (VECS[i].nptr) {
            at[i] = o;
            o = (o + (size_t)h->vcap[i] * VECS[i].size + 63) & ~(size_t)63;
        }
    return o ? o : 1;
}

static int read_vecs(dyad_kb *kb, reader *rd, const image_head *h, const size_t *at,
                     const char **p)
{
    for (size_t i = 0; i < NVECS; i++) {
        kb_vec *v = vec_of(kb, i);
        size_t size = VECS[i].size, bytes = (size_t)h->vn[i] * size;
        if (h->vn[i] > h->vcap[i])
            return -2;
        if (h->vcap[i]) {
            v->p = VECS[i].nptr ? (char *)kb->slab + at[i] : in_place(*p);
            v->cap = h->vcap[i];
            v->size = (uint32_t)size;
        }
        if (VECS[i].nptr) {
            if (bytes)
                memcpy(v->p, *p, bytes);
            done(rd, *p + dyad__pad8(bytes));
        } else {
            keep(rd, *p, *p + dyad__pad8(bytes));
        }
        *p += dyad__pad8(bytes);
        v->n = h->vn[i];
        for (uint32_t k = 0; k < v->n; k++)
            for (size_t j = 0; j < VECS[i].nptr; j++)
                if (decode_slot(rd, (char *)v->p + (size_t)k * size + VECS[i].ptr[j]))
                    return -2;
    }
    return 0;
}

/* The maps, in place. */
static int read_maps(dyad_kb *kb, reader *rd, const image_head *h, const char **p)
{
    for (size_t i = 0; i < NMAPS; i++) {
        kb_map *m = map_of(kb, i);
        if (!h->mcap[i] || (h->mcap[i] & (h->mcap[i] - 1)) || h->mcount[i] >= h->mcap[i])
            return -2; /* a power of two, with an empty slot */
        m->s = in_place(*p);
        m->cap = h->mcap[i];
        m->count = h->mcount[i];
        keep(rd, *p, *p + (size_t)m->cap * sizeof(kb_slot));
        *p += (size_t)m->cap * sizeof(kb_slot); /* a multiple of 8 */
    }
    return 0;
}

/* The plain tables (table_slots()), in place. */
static void read_tables(dyad_kb *kb, reader *rd, const size_t *sz, const char **p)
{
    const size_t *n = sz + MAX_REGIONS + NVECS + NMAPS;
    const void *tslot[NTABLES];
    table_slots(kb, tslot);
    for (size_t i = 0; i < NTABLES; i++) {
        void *t = n[i] ? in_place(*p) : NULL;
        keep(rd, *p, *p + dyad__pad8(n[i]));
        *p += dyad__pad8(n[i]);
        memcpy((void *)tslot[i], &t, sizeof t); /* the kb's field: the cast as in read_arena */
    }
}

int kb_image_read(dyad_kb *kb, const char *name, const char *data, size_t len, int drop,
                  dyad_err *err)
{
    image_head h;
    size_t sz[NSECTIONS];
    if (!usable(kb, data, len, &h, sz))
        return 1;
    const char *p = data + dyad__pad8(sizeof h);
    reader rd;
    memset(&rd, 0, sizeof rd);
    rd.drop = drop;
    rd.kept = data;
    size_t at[NVECS];
    kb->slab_bytes = slab_layout(&h, at);
    kb->slab = dyad__big_calloc(1, kb->slab_bytes);
    int r = kb->slab ? read_arena(kb, &rd, &h, &p) : -1;
    if (r == 0)
        r = read_vecs(kb, &rd, &h, at, &p);
    if (r == 0) {
        kb->nplist = h.nplist;
        r = arena_ptrs(kb, decode_slot, &rd) != 0 ? -2 : 0;
    }
    if (r == 0)
        r = read_maps(kb, &rd, &h, &p);
    if (r == 0)
        read_tables(kb, &rd, sz, &p);
    if (r == 0 && dyad__lex_use_words(kb->lex, p, (size_t)(data + len - p)) !=
                      (size_t)(data + len - p))
        r = -2;
    if (r == -1) {
        dyad__err_set(err, DYAD_ENOMEM, name, 0, 0, NULL);
        return -1;
    }
    if (r != 0) {
        dyad__err_set(err, DYAD_EDICT, name, 0, 0, "the kb image is damaged");
        return -1;
    }
    kb->nroot = h.nroot;
    kb->nnext = h.nnext;
    kb->ndstart = h.ndstart;
    kb->nnames = h.nnames;
    kb->the_id = h.the_id;
    return 0;
}
