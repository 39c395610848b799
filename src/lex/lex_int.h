/*
 * lex_int.h -- the lexicon's private layout, shared by lex.c (lookups,
 * folding, lemmas) and load.c (parsing the generated lexicon file).
 * Nothing outside src/lex/ includes this.
 */
#ifndef DYAD_LEX_INT_H
#define DYAD_LEX_INT_H

#include "lex.h"

/* A small open-addressing table keyed by up to 8 bytes packed into an
 * integer (abbreviation stems, suffixes). */
typedef struct dyad_smallkey {
    uint64_t key;    /* bytes packed little-endian; 0 = empty slot */
    uint8_t len;     /* key bytes */
    uint16_t flags;  /* abbreviations: DYAD_LW_* of the word */
    uint32_t val;    /* abbreviations: word id; suffixes: tag set index */
} dyad_smallkey;

#define DYAD_ABBR_SLOTS 1024u
#define DYAD_SFX_SLOTS 2048u

struct dyad_lex {
    dyad_strtab words;          /* forms; ids 1..n */
    dyad_lex_word *w;           /* w[id]; w[0] is a zero record */
    uint32_t wcap;              /* allocated records */
    int image_w;                /* w is an image's (dyad__lex_use_words): copied before a change */
    int image_sets;             /* wset and sets are gen/lexicon.bin's (never changed) */
    uint32_t nstat;             /* ids 1..nstat have tag statistics (file order) */
    uint32_t nfile;             /* ids 1..nfile come from the lexicon file */
    uint32_t (*wset)[2];        /* [id][0]: capitalised set, [id][1]: start set; index+1
                                   into sets, 0 = none; ids 1..nstat only. The lower-case
                                   statistics are the word record itself. */
    dyad_tagset *sets;          /* candidate sets of known words and suffixes */
    uint32_t nsets, setcap;
    dyad_tagset unk[DYAD_UNK_COUNT];
    float trans[DYAD_POS_COUNT][DYAD_POS_COUNT]; /* log P(tag | prev) */
    float trans_in[DYAD_POS_COUNT][DYAD_POS_COUNT]; /* the same, [tag][prev] */
    float prior[DYAD_POS_COUNT];                  /* log P(tag) */
    double tagcount[DYAD_POS_COUNT];              /* tokens per tag in the training data */
    dyad_smallkey abbr[DYAD_ABBR_SLOTS];
    dyad_smallkey sfx[DYAD_SFX_SLOTS];
    dyad_lex_ids ids;
    dyad_lex_word scratch;      /* handed out by dyad__lex_word_mut for a bad id */
    int loaded;                 /* the built-in model is in */
};

/* Packs n <= 8 bytes; returns 0 when n is 0 or > 8. */
static inline uint64_t dyad__lex_pack(const char *s, size_t n)
{
    if (n == 0 || n > 8)
        return 0;
    uint64_t k = 0;
    for (size_t i = 0; i < n; i++)
        k |= (uint64_t)(unsigned char)s[i] << (8 * i);
    return k;
}

static inline uint32_t dyad__lex_slot(uint64_t key, uint32_t mask)
{
    key ^= key >> 29;
    key *= 0xbf58476d1ce4e5b9ULL;
    key ^= key >> 32;
    return (uint32_t)key & mask;
}

int dyad__lex_grow(dyad_lex *lex, uint32_t id);

#endif
