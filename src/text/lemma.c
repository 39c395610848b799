/*
 * lemma.c -- lemmas by tag class: verbs (VB*, and modals: wo -> will) get
 * their verb lemma, common nouns their noun lemma, adjectives their
 * adjective lemma (WordNet exceptions and morphy rules, precomputed in the
 * lexicon); a base-form tag on a base form keeps the form (found/VB stays
 * "found", found/VBD is "find"). Proper nouns and other classes keep their
 * form, except n't -> not. Unknown forms go through the detachment rules
 * at run time and get 0 when no rule reaches a known word (the lexicon is
 * read-only while coding, so nothing new can be interned).
 */
#include "text_int.h"

#include <string.h>

static int has_tag(const dyad_lex_word *w, int a)
{
    for (int i = 0; i < w->ntags; i++)
        if (w->tag[i] == a)
            return 1;
    return 0;
}

/* dyad__lex_lemma(lex, id, lc) where w, the record of id, has no lemma of
 * class lc: the word itself for a word of the lexicon file (most), else
 * the rules. */
static uint32_t no_lemma(const dyad_lex *lex, const dyad_lex_recs *R, uint32_t id, int lc)
{
    return id <= R->nfile || !R->loaded ? id : dyad__lex_lemma(lex, id, lc);
}

static uint32_t lemma_known(const dyad_lex *lex, const dyad_lex_recs *R, const dyad_tok *t)
{
    const dyad_lex_word *w = dyad__lex_rec(R, t->form);
    int tag = t->tag;
    switch (tag) {
    case DYAD_VB:
    case DYAD_VBP:
        if ((w->flags & DYAD_LW_WN_VERB) || !w->lemma[DYAD_LC_VERB])
            return t->form; /* found/VB stays found; 're/VBP is be */
        return w->lemma[DYAD_LC_VERB];
    case DYAD_VBD: case DYAD_VBG: case DYAD_VBN: case DYAD_VBZ: case DYAD_MD:
        return w->lemma[DYAD_LC_VERB] ? w->lemma[DYAD_LC_VERB] : no_lemma(lex, R, t->form, DYAD_LC_VERB);
    case DYAD_NN:
        if ((w->flags & DYAD_LW_WN_NOUN) || has_tag(w, DYAD_NN))
            return t->form;
        return w->lemma[DYAD_LC_NOUN] ? w->lemma[DYAD_LC_NOUN] : t->form;
    case DYAD_NNS:
        return w->lemma[DYAD_LC_NOUN] ? w->lemma[DYAD_LC_NOUN] : no_lemma(lex, R, t->form, DYAD_LC_NOUN);
    case DYAD_JJ:
        if ((w->flags & DYAD_LW_WN_ADJ) || has_tag(w, DYAD_JJ))
            return t->form;
        return w->lemma[DYAD_LC_ADJ] ? w->lemma[DYAD_LC_ADJ] : t->form;
    case DYAD_JJR:
    case DYAD_JJS:
        return w->lemma[DYAD_LC_ADJ] ? w->lemma[DYAD_LC_ADJ] : no_lemma(lex, R, t->form, DYAD_LC_ADJ);
    case DYAD_RB: {
        const dyad_lex_ids *ids = dyad__lex_ids(lex);
        if (t->form == ids->nt && ids->not_)
            return ids->not_;
        return t->form;
    }
    default:
        return t->form;
    }
}

/* Does token t start with "re-" (any case), with more after it? The test
 * every token takes: its third byte first. */
static int re_hyphen(const dyad_tok *t, const char *text)
{
    const char *p = text + t->off;
    return t->len >= 6 && p[2] == '-' && (p[1] | 0x20) == 'e' && (p[0] | 0x20) == 'r';
}

/* "re-imposed", "re-arrest": a verb written with the prefix re- and a
 * hyphen (re_hyphen) has the lemma of the verb after it, so that the
 * verb's patterns apply (to re-impose sanctions is to impose them), unless
 * a dictionary uses the re- word itself ("re-examine +" is 014). 0 when
 * that is not the case or no lemma is found. */
static uint32_t lemma_re_verb(const dyad_lex *lex, const dyad_lex_recs *R, const dyad_tok *t,
                              const char *text)
{
    if (t->len >= 64 || !dyad__pos_is_verb(t->tag) ||
        (t->lemma && (dyad__lex_rec(R, t->lemma)->flags & DYAD_LW_KB)))
        return 0;
    char f[128];
    size_t n = dyad__lex_fold(text + t->off, t->len, f, sizeof f);
    if (n == (size_t)-1 || n < 4)
        return 0;
    int base = t->tag == DYAD_VB || t->tag == DYAD_VBP;
    uint32_t id = dyad__lex_find(lex, f + 3, n - 3);
    if (id) {
        const dyad_lex_word *w = dyad__lex_word(lex, id);
        if (base)
            return (w->flags & DYAD_LW_WN_VERB) ? id : 0;
        if (w->lemma[DYAD_LC_VERB])
            return w->lemma[DYAD_LC_VERB];
    }
    return base ? 0 : dyad__lex_lemma_text(lex, f + 3, n - 3, DYAD_LC_VERB);
}

static uint32_t lemma_unknown(const dyad_lex *lex, const dyad_tok *t, const char *text)
{
    int lc;
    switch (t->tag) {
    case DYAD_VBD: case DYAD_VBG: case DYAD_VBN: case DYAD_VBZ: lc = DYAD_LC_VERB; break;
    case DYAD_NNS: lc = DYAD_LC_NOUN; break;
    case DYAD_JJR: case DYAD_JJS: lc = DYAD_LC_ADJ; break;
    default: return 0;
    }
    if (t->len >= 64 || (t->shape & (DYAD_TS_DIGIT | DYAD_TS_PUNCT)))
        return 0;
    char f[128];
    size_t n = dyad__lex_fold(text + t->off, t->len, f, sizeof f);
    if (n == (size_t)-1)
        return 0;
    return dyad__lex_lemma_text(lex, f, n, lc);
}

void dyad__lemmatize(const dyad_lex *lex, dyad_tok *tok, uint32_t ntok, const char *text)
{
    dyad_lex_recs R;
    dyad__lex_recs(lex, &R);
    for (uint32_t i = 0; i < ntok; i++) {
        dyad_tok *t = &tok[i];
        if (t->shape & DYAD_TS_PUNCT)
            t->lemma = t->form;
        else if (t->form)
            t->lemma = lemma_known(lex, &R, t);
        else
            t->lemma = lemma_unknown(lex, t, text);
        if (re_hyphen(t, text)) {
            uint32_t re = lemma_re_verb(lex, &R, t, text);
            if (re)
                t->lemma = re;
        }
    }
}
