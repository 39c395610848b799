/*
 * grammar.h -- who did what to whom: events from a sentence's tokens and
 * actor mentions.
 *
 * Finds event verbs and event nouns that match a dictionary pattern, and
 * assigns the source and target by the sentence's structure: subject and
 * object, passive "by" agents, compounds, reported speech, modality and
 * negation, pronouns. Every event records the rule that assigned its roles
 * and the pattern that gave its code. Knows nothing of output formats.
 */
#ifndef DYAD_GRAMMAR_H
#define DYAD_GRAMMAR_H

#include <stdint.h>

#include "../actors/actors.h"
#include "../base/arena.h"
#include "../base/buf.h"
#include "../kb/kb.h"
#include "../text/text.h"
#include "words.h"

/* An event as the grammar finds it, before tables and offsets are applied. */
typedef struct dyad_gevent {
    const dyad_pattern *pat;  /* pattern that gave the code */
    char code[6];             /* CAMEO code (may differ from pat->code: modality, negation) */
    int32_t src, tgt;         /* mention indices in the document, -1 = none */
    uint32_t verb_tok, verb_ntok; /* the event words */
    const char *rule;         /* static string: "svo", "passive", ... */
    int32_t date;             /* event date (0 = the article's) */
    uint32_t sent;            /* sentence index in the document */
    int16_t rank;             /* lower is more important: main clause first */
    uint8_t noun;             /* found from an event noun, not a verb: 1; 2 when the
                                 pattern's words make a clause ("pistols were found") */
} dyad_gevent;

/* A document being coded: what the grammar may look back at (earlier
 * mentions for pronouns). */
typedef struct dyad_gdoc {
    const dyad_kb *kb;
    const dyad_text *tx;
    const char *text;          /* cleaned text */
    int32_t date;              /* article date */
    dyad_mention *m;           /* all mentions so far, in text order */
    uint32_t nm;
    uint32_t mcap;             /* capacity of m: the grammar may append (resolved plurals) */
    dyad_buf *trace;           /* when not NULL, explain lines are appended */
    int disaster;              /* an earlier sentence spoke of a disaster or an accident */
    const dyad_gwords *gw;     /* the grammar's word classes (one per coder) */
} dyad_gdoc;

/* Codes sentence `si`, whose mentions are m[m0 .. gd->nm). Appends events
 * to *ev (capacity grown in the arena). Returns 0 or -1 (out of memory). */
int dyad__grammar_code(dyad_gdoc *gd, uint32_t si, uint32_t m0, dyad_arena *arena,
                       dyad_gevent **ev, uint32_t *nev, uint32_t *cap);

#endif
