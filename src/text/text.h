/*
 * text.h -- language analysis of cleaned text: sentences, tokens,
 * part-of-speech tags, lemmas, chunks.
 *
 * Input is one cleaned segment (a paragraph of English text, from clean.h);
 * output is an array of tokens and an array of sentences over it, carved
 * from the caller's arena. Offsets are byte offsets into the cleaned text.
 * This stage knows words and grammar classes, never actors or events.
 */
#ifndef DYAD_TEXT_H
#define DYAD_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "../base/arena.h"
#include "../lex/lex.h"

/* Token shape flags. */
enum {
    DYAD_TS_CAP = 1 << 0,     /* first letter upper-case */
    DYAD_TS_ALLCAP = 1 << 1,  /* every letter upper-case (and at least one letter) */
    DYAD_TS_DIGIT = 1 << 2,   /* contains a digit */
    DYAD_TS_PUNCT = 1 << 3,   /* punctuation only */
    DYAD_TS_HYPHEN = 1 << 4,  /* contains an inner hyphen */
    DYAD_TS_START = 1 << 5,   /* first token of its sentence */
    DYAD_TS_QUOTED = 1 << 6,  /* inside quotation marks */
    DYAD_TS_ABBREV = 1 << 7,  /* ends with a period that is not a sentence end */
};

/* Chunk labels: chunk = type | (begin ? DYAD_CH_B : 0). */
enum { DYAD_CH_O = 0, DYAD_CH_NP = 1, DYAD_CH_VP = 2, DYAD_CH_PP = 3, DYAD_CH_ADJP = 4,
       DYAD_CH_ADVP = 5, DYAD_CH_TYPE = 7, DYAD_CH_B = 8 };

typedef struct dyad_tok {
    uint32_t off;    /* byte offset in the cleaned text */
    uint16_t len;    /* bytes (tokens longer than 65535 bytes are cut) */
    uint8_t tag;     /* dyad_pos */
    uint8_t shape;   /* DYAD_TS_* */
    uint32_t form;   /* lexicon id of the folded form; 0 = unknown word */
    uint32_t lemma;  /* lexicon id of the lemma for its tag; 0 = unknown */
    uint8_t chunk;   /* DYAD_CH_* */
    uint8_t hint;    /* DYAD_TH_*: lexicon facts the tokenizer copied for later steps */
    uint8_t pad[2];
} dyad_tok;

/* Token hints (dyad_tok.hint), set by the tokenizer from the lexicon. */
enum {
    DYAD_TH_TITLE = 1 << 0,    /* abbreviation a name follows (Mr. Gen.): never ends a sentence */
    DYAD_TH_FUNCTION = 1 << 1, /* closed-class word (the, he, but) */
    DYAD_TH_STARTER = 1 << 2,  /* capitalised, a common word rather than a name (The, Police) */
    DYAD_TH_URL = 1 << 3,      /* URL or e-mail address */
    DYAD_TH_ELLIPSIS = 1 << 4, /* ... or U+2026 */
    DYAD_TH_SUBORD = 1 << 5,   /* subordinating conjunction (that, whether, because) */
};

typedef struct dyad_sent {
    uint32_t off, len;   /* bytes in the cleaned text */
    uint32_t tok, ntok;  /* first token index and count */
} dyad_sent;

/* A small per-thread cache of the tokenizer's lexicon lookups (folded word
 * -> lexicon id and flags): the frequent words of news text stay in a
 * table that fits the CPU cache instead of probing the lexicon's large
 * hash table each time. Never shared between threads; valid for one
 * lexicon. */
typedef struct dyad_wcache dyad_wcache;
dyad_wcache *dyad__wcache_new(void);
void dyad__wcache_free(dyad_wcache *wc);

typedef struct dyad_text {
    dyad_wcache *wc;          /* optional (NULL: no cache); kept by the owner */
    dyad_tok *tok;
    uint32_t ntok;
    dyad_sent *sent;
    uint32_t nsent;
    uint32_t tokcap, sentcap; /* allocated entries (arena); 0 in a zeroed dyad_text */
} dyad_text;

/* Full analysis of text[off, off+len): tokenise, split into sentences, tag,
 * lemmatise and chunk. Appends to `out` (which may already hold earlier
 * segments of the same document: indices keep counting). Returns 0, or -1
 * when the arena runs out of memory. */
int dyad__text_analyse(const dyad_lex *lex, const char *text, uint32_t off, uint32_t len,
                       dyad_arena *arena, dyad_text *out);

/* The same, adding the nanoseconds each step took to ns[DYAD_TS_STEPS]
 * (tokenise, split, tag, lemmatise, chunk): for `dyad code --profile`. */
enum { DYAD_TS_TOKENIZE, DYAD_TS_SPLIT, DYAD_TS_TAG, DYAD_TS_LEMMA, DYAD_TS_CHUNK,
       DYAD_TS_STEPS };
int dyad__text_analyse_timed(const dyad_lex *lex, const char *text, uint32_t off, uint32_t len,
                             dyad_arena *arena, dyad_text *out, uint64_t *ns);

/* The steps one by one, for tests and for `dyad explain`. dyad__split
 * leaves tok untouched (so it cannot mark DYAD_TS_START); dyad__tag tags
 * tok[0,ntok) as one sentence except where DYAD_TS_START marks a start;
 * dyad__text_analyse does all of it in the right order. */
uint32_t dyad__tokenize(const dyad_lex *lex, const char *text, uint32_t off, uint32_t len,
                        dyad_arena *arena, dyad_tok **out);
uint32_t dyad__split(const dyad_tok *tok, uint32_t ntok, const char *text, dyad_arena *arena,
                     dyad_sent **out);
void dyad__tag(const dyad_lex *lex, dyad_tok *tok, uint32_t ntok, const char *text);
void dyad__lemmatize(const dyad_lex *lex, dyad_tok *tok, uint32_t ntok, const char *text);
void dyad__chunk(dyad_tok *tok, uint32_t ntok);

#endif
