/*
 * analyse.c -- the text stage in one call: tokenise a segment, split it
 * into sentences, then tag, lemmatise and chunk each sentence, appending to
 * the document's dyad_text (token and sentence indices count on across
 * segments). Arrays grow by doubling in the caller's arena, so a document
 * of many segments costs linear time.
 */
#include <string.h>
#include <time.h>

#include "text_int.h"

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

#define STEP(k, call)                          \
    do {                                       \
        uint64_t t0_ = ns ? now_ns() : 0;      \
        call;                                  \
        if (ns)                                \
            ns[k] += now_ns() - t0_;           \
    } while (0)

int dyad__text_analyse(const dyad_lex *lex, const char *text, uint32_t off, uint32_t len,
                       dyad_arena *arena, dyad_text *out)
{
    return dyad__text_analyse_timed(lex, text, off, len, arena, out, NULL);
}

int dyad__text_analyse_timed(const dyad_lex *lex, const char *text, uint32_t off, uint32_t len,
                             dyad_arena *arena, dyad_text *out, uint64_t *ns)
{
    int rc = 0;
    if (out->ntok > out->tokcap || out->nsent > out->sentcap) {
        /* filled by hand without capacities: adopt the arrays as full */
        out->tokcap = out->ntok;
        out->sentcap = out->nsent;
    }
    dyad_tokbuf tb = {out->tok, out->ntok, out->tokcap, arena, 0, out->wc};
    uint32_t first = out->ntok;
    STEP(DYAD_TS_TOKENIZE, rc = dyad__tokenize_into(lex, text, off, len, &tb));
    if (rc != 0)
        return -1;
    out->tok = tb.t;
    out->ntok = tb.n;
    out->tokcap = tb.cap;
    uint32_t ntok = tb.n - first;
    if (!ntok)
        return 0;
    dyad_sentbuf sb = {out->sent, out->nsent, out->sentcap, arena};
    uint32_t s0 = out->nsent;
    STEP(DYAD_TS_SPLIT, rc = dyad__split_into(out->tok + first, ntok, first, text, &sb));
    if (rc != 0)
        return -1;
    out->sent = sb.s;
    out->nsent = sb.n;
    out->sentcap = sb.cap;
    for (uint32_t i = s0; i < sb.n; i++) {
        dyad_tok *t = out->tok + sb.s[i].tok;
        uint32_t n = sb.s[i].ntok;
        STEP(DYAD_TS_TAG, dyad__tag_sentence(lex, t, n, text));
        STEP(DYAD_TS_LEMMA, dyad__lemmatize(lex, t, n, text));
        STEP(DYAD_TS_CHUNK, dyad__chunk(t, n));
    }
    return 0;
}
