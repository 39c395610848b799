/*
 * text.c -- STUB: splits on white space and sentence-final punctuation.
 * Replaced by the real tokenizer, splitter, tagger, lemmatizer, chunker.
 */
#include "text.h"

#include <string.h>

static int grow(dyad_arena *a, void **p, uint32_t n, uint32_t *cap, size_t sz)
{
    if (n < *cap)
        return 0;
    uint32_t nc = *cap ? *cap * 2 : 64;
    void *q = dyad__arena_alloc(a, nc * sz);
    if (!q)
        return -1;
    if (n)
        memcpy(q, *p, n * sz);
    *p = q;
    *cap = nc;
    return 0;
}

uint32_t dyad__tokenize(const dyad_lex *lex, const char *text, uint32_t off, uint32_t len,
                        dyad_arena *arena, dyad_tok **out)
{
    dyad_tok *t = NULL;
    uint32_t n = 0, cap = 0, i = off, end = off + len;
    while (i < end) {
        while (i < end && (text[i] == ' ' || text[i] == '\n' || text[i] == '\t'))
            i++;
        if (i >= end)
            break;
        uint32_t s = i;
        while (i < end && text[i] != ' ' && text[i] != '\n' && text[i] != '\t' && text[i] != '.' &&
               text[i] != ',')
            i++;
        if (i == s)
            i++;
        if (grow(arena, (void **)&t, n, &cap, sizeof *t) != 0)
            return 0;
        memset(&t[n], 0, sizeof t[n]);
        t[n].off = s;
        t[n].len = (uint16_t)(i - s);
        char f[256];
        size_t fl = dyad__lex_fold(text + s, i - s > 255 ? 255 : i - s, f, sizeof f);
        t[n].form = t[n].lemma = dyad__lex_find(lex, f, fl);
        if (text[s] >= 'A' && text[s] <= 'Z')
            t[n].shape |= DYAD_TS_CAP;
        n++;
    }
    *out = t;
    return n;
}

uint32_t dyad__split(const dyad_tok *tok, uint32_t ntok, const char *text, dyad_arena *arena,
                     dyad_sent **out)
{
    dyad_sent *s = NULL;
    uint32_t n = 0, cap = 0, start = 0;
    for (uint32_t i = 0; i < ntok; i++) {
        if ((text[tok[i].off] == '.' && tok[i].len == 1) || i + 1 == ntok) {
            if (grow(arena, (void **)&s, n, &cap, sizeof *s) != 0)
                return 0;
            s[n].tok = start;
            s[n].ntok = i + 1 - start;
            s[n].off = tok[start].off;
            s[n].len = tok[i].off + tok[i].len - tok[start].off;
            n++;
            start = i + 1;
        }
    }
    *out = s;
    return n;
}

void dyad__tag(const dyad_lex *lex, dyad_tok *tok, uint32_t ntok, const char *text) { (void)lex; (void)tok; (void)ntok; (void)text; }
void dyad__lemmatize(const dyad_lex *lex, dyad_tok *tok, uint32_t ntok, const char *text) { (void)lex; (void)tok; (void)ntok; (void)text; }
void dyad__chunk(dyad_tok *tok, uint32_t ntok) { (void)tok; (void)ntok; }

int dyad__text_analyse(const dyad_lex *lex, const char *text, uint32_t off, uint32_t len,
                       dyad_arena *arena, dyad_text *out)
{
    dyad_tok *t;
    uint32_t n = dyad__tokenize(lex, text, off, len, arena, &t);
    dyad_sent *s;
    uint32_t ns = dyad__split(t, n, text, arena, &s);
    dyad_tok *all = DYAD_ARENA_NEW(arena, dyad_tok, out->ntok + n + 1);
    dyad_sent *alls = DYAD_ARENA_NEW(arena, dyad_sent, out->nsent + ns + 1);
    if (!all || !alls)
        return -1;
    if (out->ntok)
        memcpy(all, out->tok, out->ntok * sizeof *all);
    memcpy(all + out->ntok, t, n * sizeof *t);
    if (out->nsent)
        memcpy(alls, out->sent, out->nsent * sizeof *alls);
    for (uint32_t i = 0; i < ns; i++) {
        alls[out->nsent + i] = s[i];
        alls[out->nsent + i].tok += out->ntok;
    }
    out->tok = all;
    out->sent = alls;
    out->ntok += n;
    out->nsent += ns;
    return 0;
}
