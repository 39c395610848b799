/*
 * lex.c -- STUB: a lexicon that only interns words. Replaced by the real
 * lexicon (tools/gen-lexicon.c data, tagger statistics, lemmas).
 */
#include "lex.h"

#include <stdlib.h>
#include <string.h>

#include "../base/err.h"

struct dyad_lex {
    dyad_strtab words;
    dyad_lex_word *w;
    uint32_t wcap;
};

static const char *const pos_names[DYAD_POS_COUNT] = {
    "-", "CC", "CD", "DT", "EX", "FW", "IN", "JJ", "JJR", "JJS", "LS", "MD", "NN", "NNS",
    "NNP", "NNPS", "PDT", "POS", "PRP", "PRP$", "RB", "RBR", "RBS", "RP", "SYM", "TO", "UH",
    "VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "WDT", "WP", "WP$", "WRB", ",", ".", ":", "``",
    "''", "(", ")"};

const char *dyad__pos_name(dyad_pos p) { return p < DYAD_POS_COUNT ? pos_names[p] : "?"; }

dyad_lex *dyad__lex_new(dyad_err *err)
{
    dyad_lex *l = calloc(1, sizeof *l);
    if (!l || dyad__strtab_init(&l->words, 1024) != 0) {
        free(l);
        dyad__err_set(err, DYAD_ENOMEM, "lexicon", 0, 0, NULL);
        return NULL;
    }
    return l;
}

int dyad__lex_load_builtin(dyad_lex *lex, dyad_err *err) { (void)lex; (void)err; return 0; }

void dyad__lex_free(dyad_lex *lex)
{
    if (!lex)
        return;
    dyad__strtab_free(&lex->words);
    free(lex->w);
    free(lex);
}

size_t dyad__lex_fold(const char *s, size_t n, char *out, size_t cap)
{
    if (n > cap)
        return (size_t)-1;
    for (size_t i = 0; i < n; i++)
        out[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] + 32) : s[i];
    return n;
}

uint32_t dyad__lex_find(const dyad_lex *lex, const char *f, size_t n) { return dyad__strtab_find(&lex->words, f, n); }

uint32_t dyad__lex_intern(dyad_lex *lex, const char *f, size_t n)
{
    uint32_t id = dyad__strtab_intern(&lex->words, f, n);
    if (id >= lex->wcap) {
        uint32_t cap = lex->wcap ? lex->wcap * 2 : 1024;
        while (cap <= id)
            cap *= 2;
        dyad_lex_word *w = realloc(lex->w, cap * sizeof *w);
        if (!w)
            return 0;
        memset(w + lex->wcap, 0, (cap - lex->wcap) * sizeof *w);
        lex->w = w;
        lex->wcap = cap;
    }
    return id;
}

const char *dyad__lex_str(const dyad_lex *lex, uint32_t id) { return dyad__strtab_str(&lex->words, id); }
uint32_t dyad__lex_count(const dyad_lex *lex) { return lex->words.count; }
const dyad_lex_word *dyad__lex_word(const dyad_lex *lex, uint32_t id) { return &lex->w[id < lex->wcap ? id : 0]; }
dyad_lex_word *dyad__lex_word_mut(dyad_lex *lex, uint32_t id) { return &lex->w[id < lex->wcap ? id : 0]; }
uint32_t dyad__lex_lemma(const dyad_lex *lex, uint32_t id, int lc) { (void)lex; (void)lc; return id; }
uint32_t dyad__lex_lemma_text(const dyad_lex *lex, const char *f, size_t n, int lc) { (void)lc; return dyad__lex_find(lex, f, n); }
float dyad__lex_trans(const dyad_lex *lex, int prev, int tag) { (void)lex; (void)prev; (void)tag; return 0; }
