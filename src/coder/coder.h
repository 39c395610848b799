/*
 * coder.h -- the pipeline for one document, and what it leaves behind for
 * `dyad explain`.
 *
 * dyad_code() (dyad.h) runs the stages in order: clean -> text analysis ->
 * actors -> grammar -> events (tables, offsets, duplicates folded). This
 * header exposes the intermediate results of the last document, read-only,
 * for the explainer and for tests.
 */
#ifndef DYAD_CODER_H
#define DYAD_CODER_H

#include "../actors/actors.h"
#include "../base/buf.h"
#include "../clean/clean.h"
#include "../grammar/grammar.h"
#include "../text/text.h"
#include "dyad.h"

typedef struct dyad_coder_state {
    const dyad_clean *clean;
    const dyad_text *tx;
    const dyad_mention *m;
    uint32_t nm;
    const dyad_gevent *gev;
    uint32_t ngev;
    const uint32_t *discard;   /* per sentence: discard id+1 that suppressed it, or 0 */
} dyad_coder_state;

void dyad__coder_state(const dyad_coder *c, dyad_coder_state *st);
const dyad_kb *dyad__coder_kb(const dyad_coder *c);

/* A coder for proto's dictionaries that shares proto's read-only tables
 * (the grammar's word classes, a word of bits per lexicon id) instead of
 * building its own: made in a fraction of the time, and with threads one
 * copy in the caches instead of one per coder. proto must outlive it. */
dyad_coder *dyad__coder_new_like(const dyad_coder *proto, dyad_err *err);

/* Where the time goes, for `dyad code --profile` and the benchmark. */
enum {
    DYAD_PROF_READ, DYAD_PROF_CLEAN, DYAD_PROF_TOKENIZE, DYAD_PROF_SPLIT, DYAD_PROF_TAG,
    DYAD_PROF_LEMMA, DYAD_PROF_CHUNK, DYAD_PROF_ACTORS, DYAD_PROF_GRAMMAR, DYAD_PROF_EVENTS,
    DYAD_PROF_WRITE, DYAD_PROF_COUNT
};
typedef struct dyad_profile {
    uint64_t ns[DYAD_PROF_COUNT]; /* nanoseconds per stage (read and write: the caller's) */
    uint64_t docs, sentences, tokens, events, bytes; /* bytes: document text */
} dyad_profile;
extern const char *const dyad__prof_names[DYAD_PROF_COUNT];

/* Accumulates stage times into *p from now on (NULL stops). */
void dyad__coder_profile(dyad_coder *c, dyad_profile *p);
uint64_t dyad__now_ns(void);

/* Explain: when trace is not NULL, the grammar appends its reasoning there
 * during dyad_code(). */
void dyad__coder_set_trace(dyad_coder *c, dyad_buf *trace);

/* Writes the human-readable explanation of the last coded document, with
 * the trace collected while it was coded. */
void dyad__explain(const dyad_coder *c, const dyad_doc *doc, const dyad_result *r,
                   const dyad_buf *trace, dyad_buf *out);

/* Appends one sentence's tokens and actors to a trace (called by the coder). */
void dyad__explain_sentence(const dyad_kb *kb, const dyad_text *tx, uint32_t si,
                            const char *text, const dyad_mention *m, uint32_t nm,
                            uint32_t discard, dyad_buf *out);

#endif
