/*
 * kbi.h -- the inside of the knowledge base, shared by the files of src/kb/
 * (load.c, trie.c, patterns.c, tables.c, check.c) and by nothing else.
 *
 * Memory: everything the kb keeps lives in one arena (kb->mem) carved by
 * kb_alloc, or in a few growable vectors (actors, terminals, nodes, patterns,
 * edges) that double when full. No malloc per name or per pattern. After
 * dyad_kb_load returns, nothing here changes: lookups are read-only and may
 * run on many threads.
 */
#ifndef DYAD_KBI_H
#define DYAD_KBI_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "../base/arena.h"
#include "../base/err.h"
#include "kb.h"

/* Flags of a dictionary file (kb_file.flags). */
enum { KF_BUILTIN = 1, KF_USER = 2, KF_GENERATED = 4, KF_TABLE = 8 };

typedef struct kb_file {
    const char *name;   /* "actors/countries.txt", "gen/cities.txt", or the user's path */
    uint32_t flags;     /* KF_* */
} kb_file;

/* Severity of a finding. */
enum { KS_ERROR = 0, KS_WARNING = 1, KS_INFO = 2 };

typedef struct kb_finding {
    uint8_t severity;   /* KS_* */
    uint32_t file;      /* index in kb->files */
    uint32_t line;
    const char *msg;    /* in kb->mem */
} kb_finding;

/* One name variant that ends at a trie node. */
typedef struct kb_term {
    uint32_t actor;     /* index in kb->actors */
    uint32_t next;      /* next terminal of the same node (index), 0 = none */
    uint32_t caps;      /* offset in kb->caps of ntok capital masks; 0 = no capitals */
    uint8_t ntok;       /* tokens of this variant */
    uint8_t nothe;      /* 1: the variant without the written leading "the" */
    uint8_t dead;       /* unlinked by an override or a drop */
    uint8_t pad;
} kb_term;

/* Per-actor facts the public dyad_actor has no room for. */
typedef struct kb_actor_x {
    uint32_t file;      /* index in kb->files */
    uint32_t nnames;    /* names written on the line (variants counted once) */
    uint32_t nlive;     /* terminals still linked (0: every name dropped or overridden) */
} kb_actor_x;

/* A pattern's private facts. */
typedef struct kb_pattern_x {
    uint32_t file;
    uint8_t dropped;    /* `drop pattern : FILE:LINE` */
    uint8_t nanchor;    /* anchor ids in anchor[] */
    const uint32_t *anchor; /* lemma ids the pattern is indexed under */
} kb_pattern_x;

typedef struct kb_discard {
    const uint32_t *w;  /* folded form ids */
    uint32_t n;
    uint32_t next;      /* next phrase with the same first word: index+1, 0 = none */
    const char *text;   /* as written */
    uint32_t file, line;
    uint8_t dropped;
} kb_discard;

/* Two entries of one kind that give one name two meanings. */
typedef struct kb_clash {
    uint32_t older, newer;  /* actor indices */
    const char *name;       /* the name, as written in the newer entry */
    uint8_t override;       /* 1: newer file replaced older (else: same file, both kept) */
} kb_clash;

#define KB_NBLOCKS (36 * 36 * 36) /* three-letter blocks over [A-Z0-9] */
#define KB_CAMEO_SLOTS 11100      /* codes of 2, 3 and 4 digits (tables.c, cameo_slot) */

/* Open-addressing table from a 64-bit key to a 32-bit value. */
typedef struct kb_slot {
    uint64_t key;       /* key+1 stored, 0 = empty */
    uint32_t val;
} kb_slot;              /* key and value in one cache line: one miss a probe */

typedef struct kb_map {
    kb_slot *s;
    uint32_t cap;       /* power of two, at most half full */
    uint32_t count;
} kb_map;

int kb_map_init(kb_map *m, uint32_t expected);
void kb_map_free(kb_map *m);
int kb_map_put(kb_map *m, uint64_t key, uint32_t val); /* replaces; -1 on OOM */
/* The value slot of key, added (value 0, *fresh = 1) when absent: one probe
 * for a lookup-or-insert. NULL when out of memory. */
uint32_t *kb_map_slot(kb_map *m, uint64_t key, int *fresh);
/* Value of key, or 0 when absent (store values that are never 0). */
uint32_t kb_map_get(const kb_map *m, uint64_t key);

/* A growable array of fixed-size items. */
typedef struct kb_vec {
    void *p;            /* dyad__big_calloc'ed: huge pages once a megabyte */
    uint32_t n, cap;
    uint32_t size;      /* bytes per item (0 until the first reserve or grow) */
} kb_vec;

/* Makes room for n items in all; 0, or -1 when out of memory. */
int kb_vec_reserve(kb_vec *v, size_t size, size_t n);
/* Doubles the room of a full vector; 0, or -1 when out of memory. */
int kb_vec_grow(kb_vec *v, size_t size);
/* Makes room for one more item; returns its address (zeroed) or NULL.
 * Inline: with a constant size the clearing is a few stores. */
static inline void *kb_vec_push(kb_vec *v, size_t size)
{
    if (v->n == v->cap && kb_vec_grow(v, size) != 0)
        return NULL;
    void *item = (char *)v->p + (size_t)v->n++ * size;
    memset(item, 0, size);
    return item;
}

struct dyad_kb {
    dyad_lex *lex;
    dyad_arena mem;            /* names, roles, elements, strings */
    dyad_arena *scratch;       /* tokenizer scratch during the load; NULL after */
    char *chunk;               /* kb_alloc's current chunk */
    size_t chunk_left;

    kb_vec files;              /* kb_file */
    kb_vec findings;           /* kb_finding (lenient loads, notes) */
    int lenient;               /* record syntax errors as findings instead of failing */

    /* actors */
    kb_vec actors;             /* dyad_actor, load order */
    kb_vec actx;               /* kb_actor_x, parallel to actors */
    kb_vec terms;              /* kb_term; index 0 unused */
    kb_vec nodes;              /* uint32_t: head terminal of node i (0 = none); node 0 = root */
    kb_vec caps;               /* uint16_t capital masks; index 0 unused */
    kb_map edges;              /* (node << 32 | word) -> child node, for nodes other than the root */
    uint32_t *root;            /* root[word] = child of the root (0 = none); grows with the lexicon */
    uint32_t nroot;            /* entries in root[] */
    uint64_t *rootbits;        /* two bits per word, as root[] (dyad__kb_start_bits()): names
                                  start with it; some need no capital there (small: stays in
                                  cache) */
    uint64_t *nextmask;        /* per node: a bit (next_bit() in trie.c) for each word with
                                  an edge out of it; a name goes on only with one of them.
                                  Both kept as names are added. */
    uint32_t nnext;            /* entries in nextmask (at least the nodes after loading) */
    kb_vec clashes;            /* kb_clash */
    uint32_t nnames;           /* name variants written */
    uint32_t the_id;           /* lexicon id of "the" */

    /* patterns */
    kb_vec pats;               /* dyad_pattern */
    kb_vec patx;               /* kb_pattern_x */
    kb_map pindex;             /* (kind << 32 | lemma) -> r+1: the triple pranges[3r..3r+2] */
    const dyad_pattern **plist;/* patterns grouped by (kind, anchor), most specific first */
    dyad_pfilter *pfilt;       /* the filter of each plist entry */
    uint16_t *porbits;         /* their OR groups' word bits */
    dyad_pattern *pcopy;       /* plist's patterns copied in plist order, with */
    dyad_pelem *pelems;        /* their elements and */
    uint32_t *palts;           /* their alternatives: a verb's patterns are read in one sweep */
    uint32_t *pranges;         /* triples (start, count, last plain pattern + 1 or 0) into plist */
    uint32_t nplist;           /* entries in plist */
    kb_vec discards;           /* kb_discard */
    kb_map dindex;             /* first word -> index+1 of the first phrase */
    uint8_t *dstart;           /* bit per word id: some phrase starts with it (built at the end) */
    uint32_t ndstart;          /* word ids covered by dstart */

    /* tables */
    kb_vec cameo;              /* dyad_cameo_info */
    uint16_t *cameo_at;        /* dense: code -> index+1 (see tables.c: cameo_slot) */
    uint8_t *blocks;           /* KB_NBLOCKS: DYAD_CB_* of each three-letter block */
    kb_vec block_labels;       /* kb_block_label, for dict output */

    void *slab;                /* a kb restored from its image (image.c): the vectors
                                  with pointers are in this one mapping, the rest of
                                  the above in the image */
    size_t slab_bytes;

    double load_seconds;
};

typedef struct kb_block_label {
    char block[4];
    uint8_t type;             /* DYAD_CB_* */
    const char *label;
    uint32_t file, line;
} kb_block_label;

#define KB_VEC_AT(v, type, i) (((type *)(v).p)[i])

/* Memory from the kb's arena; align is 1, 2, 4 or 8. NULL on failure. */
void *kb_alloc_chunk(dyad_kb *kb, size_t n); /* kb_alloc's new chunk */
static inline void *kb_alloc(dyad_kb *kb, size_t n, size_t align)
{
    size_t pad = (size_t)(-(uintptr_t)kb->chunk) & (align - 1);
    if (!kb->chunk || kb->chunk_left < n + pad)
        return kb_alloc_chunk(kb, n); /* arena memory is aligned to 8 */
    char *p = kb->chunk + pad;
    kb->chunk += pad + n;
    kb->chunk_left -= pad + n;
    return p;
}
char *kb_strdup(dyad_kb *kb, const char *s, size_t n);
/* Records a finding; returns 0, or -1 when out of memory. */
int kb_note(dyad_kb *kb, int severity, uint32_t file, uint32_t line, const char *fmt, ...)
    DYAD_PRINTF(5, 6);

const char *kb_file_name(const dyad_kb *kb, uint32_t file);

/* Index of a three-letter upper-case block ("RUS") in kb->blocks, or -1. */
int kb_block_index(const char *s);

/* Case masks. */
uint16_t kb_caps_mask(const char *s, size_t n);
int kb_caps_ok(uint16_t mask, const char *s, size_t n);

/* The parsed parts of one dictionary line. */
typedef struct kb_line {
    uint32_t file, line;      /* where */
    uint64_t offset;          /* byte offset of the line in its file */
    const char *kind;         /* first word */
    size_t kind_len;
    const char *field[32];    /* fields between the kind and " : " */
    size_t field_len[32];
    uint32_t nfield;
    char *rest;               /* after " : ", comment removed, trimmed, \# unescaped */
    size_t rest_len;
} kb_line;

/* Parses one line of dyad's format (s[0,n), no newline). 0 or -1. */
int kb_parse_line(dyad_kb *kb, uint32_t file, uint32_t lineno, uint64_t offset, const char *s,
                  size_t n, dyad_err *err);

/* TABARI/PETRARCH dictionaries (import.c), recognised by file name. */
enum { KB_FOREIGN_ACTORS = 1, KB_FOREIGN_AGENTS = 2 };
int kb_foreign_type(const char *path); /* 0: dyad's own format */
int kb_load_foreign(dyad_kb *kb, uint32_t file, int type, const char *p, size_t n,
                    dyad_err *err);

/* Line handlers: return 0, or -1 with err filled (DYAD_EDICT, file and line). */
int kb_actor_line(dyad_kb *kb, const kb_line *ln, int kind, dyad_err *err);
int kb_drop_line(dyad_kb *kb, const kb_line *ln, dyad_err *err);
int kb_pattern_line(dyad_kb *kb, const kb_line *ln, int kind, dyad_err *err);
int kb_discard_line(dyad_kb *kb, const kb_line *ln, dyad_err *err);
int kb_event_line(dyad_kb *kb, const kb_line *ln, dyad_err *err);
int kb_code_line(dyad_kb *kb, const kb_line *ln, dyad_err *err);

/* A syntax error on a line: fails the load, or becomes a finding when lenient.
 * Returns -1 (fail) or 0 (recorded, go on). */
int kb_line_error(dyad_kb *kb, const kb_line *ln, dyad_err *err, const char *fmt, ...)
    DYAD_PRINTF(4, 5);

/* Tokenises s into folded lexicon ids (interning them) with capital masks.
 * Returns the number of tokens (at most cap), or -1 when out of memory.
 * masks may be NULL. */
int kb_words(dyad_kb *kb, const char *s, size_t n, uint32_t *ids, uint16_t *masks,
             uint32_t cap);
/* Same without interning (read-only kb): unknown words get id 0. */
int kb_words_find(const dyad_kb *kb, const char *s, size_t n, uint32_t *ids, uint16_t *masks,
                  uint32_t cap);

/* One token of a name or pattern word, folded, with the id the lexicon
 * already had for it (0 = none yet) and its capital mask. */
typedef struct kb_tokw {
    char f[256];
    size_t n;
    uint32_t known;
    uint16_t mask;
    uint8_t exact;      /* 1: known is what dyad__lex_find(f) gave (0: the
                           tokenizer's id, or none) */
} kb_tokw;
/* Tokenises without interning; returns the count (at most cap), or -1. */
int kb_tokens(const dyad_kb *kb, const char *s, size_t n, kb_tokw *out, int cap);
/* kb_tokens' result for a single word of ASCII letters (1 to 250 of them),
 * without its overhead: 1, or -2 when s is not such a word (nothing done). */
int kb_one_word(const dyad_kb *kb, const char *s, size_t n, kb_tokw *w);
/* Interns a folded word for the kb (flags it DYAD_LW_KB); 0 on failure. */
uint32_t kb_intern(dyad_kb *kb, const char *f, size_t n);

/* Restores a kb from an image (image.c) into kb, fresh but for its
 * lexicon, loaded: 0; 1 when the image is not one this binary and this
 * lexicon can use (nothing was changed); -1 with err filled when out of
 * memory or the image is damaged. data must outlive the kb: the forms of
 * the words it adds to the lexicon stay there. drop: data is embedded in
 * the binary, and what was copied from it is given back (mem.h). */
int kb_image_read(dyad_kb *kb, const char *name, const char *data, size_t len, int drop,
                  dyad_err *err);

/* Finishing steps run once every file is loaded. */
int kb_trie_finish(dyad_kb *kb);
int kb_patterns_finish(dyad_kb *kb);

/* The code field of an actor line: CODE or CODE@RANGE. */
int kb_parse_role(const char *s, size_t n, dyad_role *r, char *why, size_t whycap);

/* Whether a code is well formed: blocks of three [A-Z0-9], at most 21
 * characters ("---" alone, or "---" + blocks, is allowed as a root). */
static inline int kb_code_ok(const char *s, size_t n)
{
    if (n < 3 || n > 21 || n % 3)
        return 0;
    size_t i = 0;
    if (s[0] == '-' && s[1] == '-' && s[2] == '-')
        i = 3;
    for (; i < n; i++)
        if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9')))
            return 0;
    return 1;
}

/* The trie node reached by a sequence of word ids from the root; 0 if none. */
uint32_t kb_trie_walk(const dyad_kb *kb, const uint32_t *ids, uint32_t n);

#endif
