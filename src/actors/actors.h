/*
 * actors.h -- finding the actors of a sentence.
 *
 * Over one tagged sentence, finds every mention of an actor the knowledge
 * base knows (longest match, case-aware), composes country + agent ("Chinese
 * troops" -> CHNMIL, "Kenya's police" -> KENCOP, "police in Kenya"), gives
 * each its code on the article's date, and marks what the grammar needs:
 * pronouns and definite descriptions that may refer to earlier actors.
 * Knows nothing of events.
 */
#ifndef DYAD_ACTORS_H
#define DYAD_ACTORS_H

#include <stdint.h>

#include "../base/arena.h"
#include "../kb/kb.h"
#include "../text/text.h"

enum {
    DYAD_MF_COMPOSED = 1 << 0, /* country/adjective/place + agent */
    DYAD_MF_POSS = 1 << 1,     /* followed by 's (a possessor) */
    DYAD_MF_REF = 1 << 2,      /* a pronoun or description to resolve ("he", "the two countries") */
    DYAD_MF_RESOLVED = 1 << 3, /* code taken from an earlier mention */
    DYAD_MF_PLURAL = 1 << 4,   /* refers to several actors ("both sides") */
    DYAD_MF_NOCOUNTRY = 1 << 5,/* agent without a country: code is ---SECTOR */
    DYAD_MF_POSSREF = 1 << 6,  /* after a possessive pronoun ("its forces"): the pronoun's
                                  antecedent gives the country (the mention before it) */
    DYAD_MF_INFERRED = 1 << 7, /* code taken by the grammar from an actor named before ("the
                                  militant group" after "Islamic State"): no new actor */
};

typedef struct dyad_mention {
    uint32_t tok, ntok;          /* token span (document token indices) */
    uint32_t head;               /* head token: the noun the mention is about */
    const dyad_actor *actor;     /* dictionary entry (the agent's when composed) */
    const dyad_actor *mod;       /* country/adj/place it composed with, or NULL */
    char code[DYAD_CODE_MAX];    /* code on the article's date */
    uint8_t kind;                /* dyad_actor_kind of the entry (of mod when composed) */
    uint8_t flags;               /* DYAD_MF_* */
    uint8_t acronym;             /* an acronym the article defined for actor's name */
    int16_t ref;                 /* DYAD_MF_REF: index of the antecedent mention in the doc, -1 */
} dyad_mention;

/* Finds the mentions of sentence s (tokens tx->tok[s->tok .. s->tok+s->ntok)).
 * Mentions come in text order and never overlap. */
int dyad__actors_find(const dyad_kb *kb, const dyad_text *tx, const dyad_sent *s,
                      const char *text, int32_t date, dyad_arena *arena, dyad_mention **out,
                      uint32_t *n);

/* Acronyms a document defines: "the Commodity Credit Corporation (CCC)"
 * makes CCC, there and in the sentences after, the actor named before it,
 * whatever the dictionaries say CCC is alone. */
#define DYAD_ACRONYMS_MAX 16
typedef struct dyad_acronyms {
    uint32_t n;
    struct {
        const char *s;   /* the acronym's bytes in the document text */
        uint32_t len;
        dyad_mention m;  /* the named actor's mention (span fields unused) */
    } a[DYAD_ACRONYMS_MAX];
} dyad_acronyms;

/* Applies and extends the document's acronyms A (zeroed at the start of a
 * document) in sentence s, whose mentions m[0, *nm) dyad__actors_find gave;
 * m has room for one mention per token. */
void dyad__actors_acronyms(dyad_acronyms *A, const dyad_text *tx, const dyad_sent *s,
                           const char *text, dyad_mention *m, uint32_t *nm);

#endif
