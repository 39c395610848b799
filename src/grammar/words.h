/*
 * words.h -- the closed word classes the grammar asks about ("is this a
 * subordinator?", "a speech verb?", "a day word?"), as one bit set per
 * lexicon id, so that every question costs an array read, not a string
 * comparison. Built once per coder from the lists in words.c.
 */
#ifndef DYAD_WORDS_H
#define DYAD_WORDS_H

#include <stdint.h>

#include "../lex/lex.h"

enum {
    G_SUBORD = 1ull << 0,     /* that, which, because, when, ... (forms) */
    G_SPEECH = 1ull << 1,     /* say, tell, announce, ... (lemmas) */
    G_TELL = 1ull << 2,       /* tell: a speech verb with an addressee */
    G_LIGHT = 1ull << 3,      /* hold (talks), launch (an attack), expand (cooperation) */
    G_TPREP = 1ull << 4,      /* with, against, on, to, at, ...: introduce a target */
    G_TEMPORAL = 1ull << 5,   /* yesterday, Monday, night, ... */
    G_NATURAL = 1ull << 6,    /* flood, earthquake, crash, ...: causes, not doers */
    G_VEHICLE = 1ull << 7,    /* car, ship, plane, fire: not enough to call a text a disaster */
    G_INDUSTRIAL = 1ull << 8, /* gas, boiler, factory, ...: before "explosion" */
    G_BLAST = 1ull << 9,      /* explosion, explosions, blast */
    G_QUANT = 1ull << 10,     /* at least, more than, up to, about, ... */
    G_PEOPLE = 1ull << 11,    /* leaders, officials, group, thousands: heads of "X of ACTOR" */
    G_ADJPART = 1ull << 12,   /* committed, determined, ...: adjectives after "be" */
    G_NEG = 1ull << 13,       /* not, n't, never, ... */
    G_MUST = 1ull << 14,      /* must */
    G_SHOULD = 1ull << 15,    /* should, ought */
    G_WILL = 1ull << 16,      /* will, would, shall, 'll */
    G_COMMA = 1ull << 17,
    G_AND = 1ull << 18,
    G_OR = 1ull << 19,
    G_AMP = 1ull << 20,
    G_THAT = 1ull << 21,
    G_BY = 1ull << 22,
    G_OF = 1ull << 23,
    G_TO = 1ull << 24,
    G_ON = 1ull << 25,
    G_UPON = 1ull << 26,
    G_BETWEEN = 1ull << 27,   /* between, among */
    G_WHO = 1ull << 28,       /* who, which */
    G_GOING = 1ull << 29,
    G_DATEWORD = 1ull << 30,  /* words that start a date: Monday, March, yesterday, last, next */
    G_EXPLETIVE = 1ull << 31, /* "it is important to": adjectives after an empty "it" */
    G_VERBPAT = 1ull << 32,   /* some verb pattern has this lemma as its anchor */
    G_NOUNPAT = 1ull << 33,   /* some noun pattern has this word as its anchor */
    G_DURING = 1ull << 34,
    G_DOCUMENT = 1ull << 35,  /* report, data, video, funds: things released that are no people */
};

/* The bits from G_PAT_SHIFT up are no classes (has() never asks for them):
 * for a word that anchors verb patterns, G_PAT_BITS bits hold the handle
 * dyad__kb_patterns_at() takes, and the next G_PAT_BITS the handle of its
 * noun patterns (0: none, or too many anchors to fit; dyad__kb_patterns()
 * then finds them). The grammar has just read the word's classes to see
 * that it anchors patterns, so the handle costs no hash probe. */
enum { G_PAT_SHIFT = 36, G_PAT_BITS = 14, G_PAT_MAX = (1 << G_PAT_BITS) - 1 };
/* A new class bit must stay below G_PAT_SHIFT (move the handles up and
 * shrink G_PAT_BITS to make room), and the two handles must fit in 64 bits. */
#define G_LAST_CLASS G_DOCUMENT /* the highest class bit: change it when adding one */
_Static_assert(G_LAST_CLASS < (1ull << G_PAT_SHIFT), "a word class bit overlaps the pattern handles");
_Static_assert(G_PAT_SHIFT + 2 * G_PAT_BITS <= 64, "the pattern handles do not fit in 64 bits");

/* The pattern handle in a word's classes `cls`: of its noun patterns when
 * `noun`, else of its verb patterns; 0 when there is none. */
static inline uint32_t dyad__gwords_pat(uint64_t cls, int noun)
{
    return (uint32_t)(cls >> (G_PAT_SHIFT + (noun ? G_PAT_BITS : 0))) & G_PAT_MAX;
}

typedef struct dyad_gwords {
    uint64_t *cls; /* per lexicon id: G_* bits */
    uint64_t *any; /* bit per lexicon id: cls[id] != 0 (small: stays in cache) */
    uint32_t n;    /* ids covered (the lexicon's size + 1) */
} dyad_gwords;

/* The G_* bits of lexicon id `id` (0 for ids out of range). */
static inline uint64_t dyad__gwords_cls(const dyad_gwords *gw, uint32_t id)
{
    if (id >= gw->n || !((gw->any[id >> 6] >> (id & 63)) & 1))
        return 0;
    return gw->cls[id];
}

struct dyad_kb;

/* NULL when memory runs out. With a knowledge base, also marks the words
 * that anchor patterns (G_VERBPAT, G_NOUNPAT). */
dyad_gwords *dyad__gwords_new(const dyad_lex *lex, const struct dyad_kb *kb);
void dyad__gwords_free(dyad_gwords *gw);

#endif
