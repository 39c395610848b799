/*
 * lex.h -- the lexicon: every word dyad knows, with its part-of-speech
 * statistics and its lemmas.
 *
 * Built-in data comes from Debian packages at build time (see
 * tools/gen-lexicon.c): word/tag counts and tag transitions from
 * liblingua-en-tagger-perl (trained on news), lemma exceptions and base forms
 * from wordnet-base. The knowledge base interns its own words here too, so
 * that every later stage compares 32-bit ids, never strings.
 *
 * Ids are 1..n; 0 means "unknown word". Forms are stored lower-cased (UTF-8
 * case folded). Filling is single-threaded (at load); lookups are read-only
 * and thread-safe afterwards. The generated file's format, the tag mapping
 * and the model are described in docs/lexicon.md.
 */
#ifndef DYAD_LEX_H
#define DYAD_LEX_H

#include <stddef.h>
#include <stdio.h>
#include <stdint.h>

#include "../base/strtab.h"
#include "dyad.h"

/* Penn Treebank tags, plus punctuation classes. Order is part of the
 * generated data's contract: append only. */
typedef enum dyad_pos {
    DYAD_POS_NONE = 0,
    DYAD_CC, DYAD_CD, DYAD_DT, DYAD_EX, DYAD_FW, DYAD_IN, DYAD_JJ, DYAD_JJR, DYAD_JJS,
    DYAD_LS, DYAD_MD, DYAD_NN, DYAD_NNS, DYAD_NNP, DYAD_NNPS, DYAD_PDT, DYAD_POS,
    DYAD_PRP, DYAD_PRPS, DYAD_RB, DYAD_RBR, DYAD_RBS, DYAD_RP, DYAD_SYM, DYAD_TO,
    DYAD_UH, DYAD_VB, DYAD_VBD, DYAD_VBG, DYAD_VBN, DYAD_VBP, DYAD_VBZ, DYAD_WDT,
    DYAD_WP, DYAD_WPS, DYAD_WRB,
    DYAD_PCOMMA,  /* , */
    DYAD_PEND,    /* . ! ? */
    DYAD_PCOLON,  /* : ; -- ... */
    DYAD_LQUOTE,  /* opening quote */
    DYAD_RQUOTE,  /* closing quote */
    DYAD_LRB,     /* ( [ { */
    DYAD_RRB,     /* ) ] } */
    DYAD_DOLLAR,  /* $ US$ C$ (currency sign before a number; Penn "$") */
    DYAD_POS_COUNT
} dyad_pos;

const char *dyad__pos_name(dyad_pos p); /* "NN", "VBD", ",", ... */

static inline int dyad__pos_is_noun(int t) { return t >= DYAD_NN && t <= DYAD_NNPS; }
static inline int dyad__pos_is_verb(int t) { return t >= DYAD_VB && t <= DYAD_VBZ; }
static inline int dyad__pos_is_adj(int t) { return t >= DYAD_JJ && t <= DYAD_JJS; }

/* Lemma classes. */
enum { DYAD_LC_NOUN = 0, DYAD_LC_VERB = 1, DYAD_LC_ADJ = 2, DYAD_LC_COUNT = 3 };

/* Word flags. */
enum {
    DYAD_LW_FUNCTION = 1 << 0, /* closed-class English word (the, of, said...) */
    DYAD_LW_TAGGED = 1 << 1,   /* has tag statistics */
    DYAD_LW_ABBREV = 1 << 2,   /* known abbreviation that ends with '.' (Mr., Gen., U.S.) */
    DYAD_LW_KB = 1 << 3,       /* occurs in some dictionary entry */
    /* Set by the lexicon loader (lexicon file flags, docs/lexicon.md): */
    DYAD_LW_SUBORD = 1 << 6,   /* subordinating conjunction (that, whether, because) */
    DYAD_LW_LOWER = 1 << 7,    /* tag[] holds statistics of the lower-case spelling */
    DYAD_LW_WN_NOUN = 1 << 8,  /* a WordNet noun base form */
    DYAD_LW_WN_VERB = 1 << 9,  /* a WordNet verb base form */
    DYAD_LW_WN_ADJ = 1 << 10,  /* a WordNet adjective base form */
    DYAD_LW_WN_ADV = 1 << 11,  /* a WordNet adverb base form */
    DYAD_LW_TITLE = 1 << 12,   /* abbreviation that a name follows (Mr. Gen. Sen.) */
    DYAD_LW_NUMABBR = 1 << 13, /* abbreviation only before a number (No. 5) */
    DYAD_LW_CAPTAGS = 1 << 14, /* has statistics of its capitalised spelling (May, US) */
    DYAD_LW_STARTER = 1 << 15, /* capitalised, mostly a common word, not a name (The, Police) */
};

#define DYAD_LEX_MAXTAGS 6

typedef struct dyad_lex_word {
    uint8_t ntags;                  /* tags seen for this word in the training data, plus
                                       a sibling inflection the data missed (VB with
                                       VBP, VBD with VBN) at a tenth of its weight */
    uint8_t tag[DYAD_LEX_MAXTAGS];  /* dyad_pos, most frequent first */
    float logp[DYAD_LEX_MAXTAGS];   /* log P(word | tag) */
    uint32_t lemma[DYAD_LC_COUNT];  /* lemma id by class; 0 = the word itself */
    uint16_t flags;                 /* DYAD_LW_* */
} dyad_lex_word;

typedef struct dyad_lex dyad_lex;

dyad_lex *dyad__lex_new(dyad_err *err);      /* empty lexicon */
/* Loads the built-in (generated, embedded) lexicon and tag model. */
int dyad__lex_load_builtin(dyad_lex *lex, dyad_err *err);
/* Loads a lexicon file in the same format (docs/lexicon.md) from memory;
 * `name` names it in errors (with the line). Into an empty lexicon only. */
int dyad__lex_load_text(dyad_lex *lex, const char *data, size_t len, const char *name,
                        dyad_err *err);
/* Writes a loaded lexicon as gen/lexicon.bin, which dyad__lex_load_builtin
 * uses instead of parsing the text (tools/lex-image.c, at build time).
 * 0, or -1 when it cannot be written. */
int dyad__lex_write_image(const dyad_lex *lex, FILE *f);
/* The words of an image: every word's record and the table of their forms,
 * written by dyad__lex_write_words (gen/lexicon.bin's, and the knowledge
 * base's image's, which holds the words its dictionaries added) and used
 * where they lie by dyad__lex_use_words, which replaces the lexicon's
 * words with those of data[0, len) (8-byte aligned, never written, to
 * outlive the lexicon): the bytes they take, or 0 when they are not words
 * this binary can use (nothing changed). Records and forms are copied only
 * when a word is added or changed (dyad__lex_intern, dyad__lex_word_mut). */
int dyad__lex_write_words(const dyad_lex *lex, FILE *f);
size_t dyad__lex_use_words(dyad_lex *lex, const char *data, size_t len);
void dyad__lex_free(dyad_lex *lex);

/* Lower-cases (case-folds) s into out (capacity cap); returns the length,
 * or (size_t)-1 when out is too small. ASCII fast path. */
size_t dyad__lex_fold(const char *s, size_t n, char *out, size_t cap);

/* Id of an already folded form; 0 if unknown. */
uint32_t dyad__lex_find(const dyad_lex *lex, const char *folded, size_t n);
/* dyad__lex_find in two steps (see dyad__strtab_find_start): the first
 * prefetches and returns a hash for the second. */
uint64_t dyad__lex_find_start(const dyad_lex *lex, const char *folded, size_t n);
uint32_t dyad__lex_find_hashed(const dyad_lex *lex, const char *folded, size_t n, uint64_t h);
/* Adds a folded form (load time only); returns its id, 0 on failure. */
uint32_t dyad__lex_intern(dyad_lex *lex, const char *folded, size_t n);
const char *dyad__lex_str(const dyad_lex *lex, uint32_t id);
uint32_t dyad__lex_count(const dyad_lex *lex);

/* Statistics of a word; never NULL for a valid id (ntags may be 0). */
const dyad_lex_word *dyad__lex_word(const dyad_lex *lex, uint32_t id);
dyad_lex_word *dyad__lex_word_mut(dyad_lex *lex, uint32_t id);

/* The records, for loops that read those of many words (the tagger, the
 * lemmatiser): fetched once per sentence, w[id] is then a load where
 * dyad__lex_word is a call per word. w[id] for 0 < id < n is what
 * dyad__lex_word(lex, id) returns (record 0 is all zeros); ids 1..nstat
 * have tag statistics (dyad__lex_tags looks no further; nstat < n); ids 1..nfile,
 * once `loaded`, carry their lemmas (dyad__lex_lemma needs no rules for
 * them). Valid while the lexicon is read-only. */
typedef struct dyad_lex_recs {
    const dyad_lex_word *w;
    uint32_t n;       /* w[0, n) may be read */
    uint32_t nstat;   /* ids with tag statistics: 1..nstat */
    uint32_t nfile;   /* ids of the lexicon file: 1..nfile */
    int loaded;       /* the built-in model is in */
} dyad_lex_recs;
void dyad__lex_recs(const dyad_lex *lex, dyad_lex_recs *out);

/* dyad__lex_word(lex, id), inline: the zero record for an id out of range. */
static inline const dyad_lex_word *dyad__lex_rec(const dyad_lex_recs *r, uint32_t id)
{
    return &r->w[id < r->n ? id : 0];
}

/* Lemma id of form `id` in class lc (DYAD_LC_*). For words the lexicon does
 * not know, applies WordNet's detachment rules and returns the first result
 * that is a known lemma; falls back to id itself. */
uint32_t dyad__lex_lemma(const dyad_lex *lex, uint32_t id, int lc);
/* Same for an unknown form given as text (folded). Returns 0 when no rule
 * gives a known word. */
uint32_t dyad__lex_lemma_text(const dyad_lex *lex, const char *folded, size_t n, int lc);

/* Tag model: log P(tag | previous tag), and for unknown words the
 * distribution by word shape. */
float dyad__lex_trans(const dyad_lex *lex, int prev, int tag);

/* ------------------------------------------------ tagger model (internal)
 * Candidate tags of one token with their emission scores. A score is
 * log P(word | tag) up to a constant that is the same for every tag of the
 * set, which is all a Viterbi decoder needs. */
#define DYAD_TAGSET_MAX DYAD_LEX_MAXTAGS
typedef struct dyad_tagset {
    uint8_t n;                        /* candidates, most likely first */
    uint8_t tag[DYAD_TAGSET_MAX];     /* dyad_pos */
    float score[DYAD_TAGSET_MAX];     /* emission score (see above) */
} dyad_tagset;

/* A read-only view of candidates: over a dyad_tagset or a word's record. */
typedef struct dyad_tagview {
    uint32_t n;
    const uint8_t *tag;
    const float *score;
} dyad_tagview;

static inline dyad_tagview dyad__tagview(const dyad_tagset *s)
{
    dyad_tagview v = {s->n, s->tag, s->score};
    return v;
}

/* How a known word is written where it stands. */
enum {
    DYAD_WC_LOWER = 0, /* in lower case */
    DYAD_WC_CAP = 1,   /* capitalised inside a sentence */
    DYAD_WC_START = 2, /* capitalised at the start of a sentence or quote */
};
/* Candidate tags of word `id` written as `wc`; returns 0 (and n = 0) when
 * the training data has no statistics for that spelling. */
int dyad__lex_tags(const dyad_lex *lex, uint32_t id, int wc, dyad_tagview *out);

/* dyad__lex_tags(lex, id, DYAD_WC_LOWER, out) with the records at hand,
 * inline: the tagger's most frequent case (a known word in lower case). */
static inline int dyad__lex_tags_lower(const dyad_lex_recs *r, uint32_t id, dyad_tagview *out)
{
    out->n = 0;
    if (!id || id > r->nstat)
        return 0;
    const dyad_lex_word *w = &r->w[id];
    if (!(w->flags & DYAD_LW_LOWER) || !w->ntags)
        return 0;
    out->n = w->ntags;
    out->tag = w->tag;
    out->score = w->logp;
    return 1;
}

/* Unknown-word classes (Lingua's, from the lexicon file). */
enum {
    DYAD_UNK_NUM = 0, DYAD_UNK_ORD, DYAD_UNK_ABBR, DYAD_UNK_CAP, DYAD_UNK_HYP,
    DYAD_UNK_HYPADJ, DYAD_UNK_SYM, DYAD_UNK_ING, DYAD_UNK_S, DYAD_UNK_TION, DYAD_UNK_LY,
    DYAD_UNK_ED, DYAD_UNK_UNKNOWN, DYAD_UNK_COUNT
};
const dyad_tagset *dyad__lex_unknown(const dyad_lex *lex, int cls);
/* Tags of rare lower-case words sharing the longest known suffix (1-5 bytes)
 * of the folded form; NULL when none is known. A few probes of a small
 * table: for unknown words only. */
const dyad_tagset *dyad__lex_suffix(const dyad_lex *lex, const char *folded, size_t n);
/* The whole table: row prev, column tag (DYAD_POS_COUNT x DYAD_POS_COUNT),
 * for decoders that read it in inner loops. */
const float *dyad__lex_trans_table(const dyad_lex *lex);
/* The same transposed: row tag, column prev, so that a decoder's inner loop
 * over the previous candidates reads one row. */
const float *dyad__lex_trans_in_table(const dyad_lex *lex);

/* log P(tag), the prior of the training data. */
float dyad__lex_prior(const dyad_lex *lex, int tag);

/* Tags WordNet allows for a word (bit 1 << dyad_pos): its base-form classes
 * (flags) and the inflections its lemmas and ending allow (cancelled: JJ as
 * a base form, VBD/VBN as a form of cancel). 0 when WordNet knows nothing. */
uint64_t dyad__lex_wordnet_tags(const dyad_lex_word *w, const char *form, size_t n);

/* Abbreviation table for the tokenizer: id of "stem." when the folded stem
 * (without its period) is a known abbreviation, else 0; *flags gets its
 * DYAD_LW_* flags. Stems of 1-8 bytes; one probe of a small table. */
uint32_t dyad__lex_abbrev(const dyad_lex *lex, const char *folded_stem, size_t n, uint16_t *flags);

/* Ids of words the text stage treats specially (0 when absent). */
typedef struct dyad_lex_ids {
    uint32_t nt, not_, s, be, have, do_, by, help, let, make, say; /* n't not 's be ... */
    uint32_t clause_in[5]; /* after before until since once: may open a clause */
    uint32_t floating[3];  /* both each all: quantifiers that may float after a subject */
} dyad_lex_ids;
const dyad_lex_ids *dyad__lex_ids(const dyad_lex *lex);

#endif
