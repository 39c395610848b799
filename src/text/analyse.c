/*
 * analyse.c -- the text stage in one call: tokenise a segment, split it
 * into sentences, then tag, lemmatise and chunk each sentence, appending to
 * the document's dyad_text (token and sentence indices count on across
 * segments). Arrays grow by doubling in the caller's arena, so a document
 * of many segments costs linear time.
 */
#include <string.h>

#include "text_int.h"

int dyad__text_analyse(const dyad_lex *lex, const char *text, uint32_t off, uint32_t len,
                       dyad_arena *arena, dyad_text *out)
{
    if (out->ntok > out->tokcap || out->nsent > out->sentcap) {
        /* filled by hand without capacities: adopt the arrays as full */
        out->tokcap = out->ntok;
        out->sentcap = out->nsent;
    }
    dyad_tokbuf tb = {out->tok, out->ntok, out->tokcap, arena, 0};
    uint32_t first = out->ntok;
    if (dyad__tokenize_into(lex, text, off, len, &tb) != 0)
        return -1;
    out->tok = tb.t;
    out->ntok = tb.n;
    out->tokcap = tb.cap;
    uint32_t ntok = tb.n - first;
    if (!ntok)
        return 0;
    dyad_sentbuf sb = {out->sent, out->nsent, out->sentcap, arena};
    uint32_t s0 = out->nsent;
    if (dyad__split_into(out->tok + first, ntok, first, text, &sb) != 0)
        return -1;
    out->sent = sb.s;
    out->nsent = sb.n;
    out->sentcap = sb.cap;
    for (uint32_t i = s0; i < sb.n; i++) {
        dyad_tok *t = out->tok + sb.s[i].tok;
        uint32_t n = sb.s[i].ntok;
        dyad__tag_sentence(lex, t, n, text);
        dyad__lemmatize(lex, t, n, text);
        dyad__chunk(t, n);
    }
    return 0;
}
