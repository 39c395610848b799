/*
 * kb.c -- STUB: an empty knowledge base with a lexicon. Replaced by the real
 * dictionary loader and compiler.
 */
#include "kb.h"

#include <stdlib.h>

struct dyad_kb {
    dyad_lex *lex;
};

dyad_kb *dyad_kb_load(const dyad_kb_opts *opts, dyad_err *err)
{
    (void)opts;
    dyad_kb *kb = calloc(1, sizeof *kb);
    if (!kb)
        return NULL;
    kb->lex = dyad__lex_new(err);
    if (!kb->lex || dyad__lex_load_builtin(kb->lex, err) != 0) {
        dyad_kb_free(kb);
        return NULL;
    }
    return kb;
}

void dyad_kb_free(dyad_kb *kb)
{
    if (!kb)
        return;
    dyad__lex_free(kb->lex);
    free(kb);
}

const dyad_lex *dyad__kb_lex(const dyad_kb *kb) { return kb->lex; }

uint32_t dyad__kb_match_actor(const dyad_kb *kb, const dyad_tok *tok, uint32_t n, uint32_t i,
                              const char *text, const dyad_actor **out)
{
    (void)kb; (void)tok; (void)n; (void)i; (void)text; (void)out;
    return 0;
}

const char *dyad__actor_code(const dyad_actor *a, int32_t date) { (void)date; return a->nroles ? a->roles[0].code : ""; }
size_t dyad__kb_find_name(const dyad_kb *kb, const char *name, const dyad_actor **out, size_t cap) { (void)kb; (void)name; (void)out; (void)cap; return 0; }
const dyad_pattern *const *dyad__kb_patterns(const dyad_kb *kb, int kind, uint32_t lemma, uint32_t *n) { (void)kb; (void)kind; (void)lemma; *n = 0; return NULL; }
uint32_t dyad__kb_discard(const dyad_kb *kb, const dyad_tok *tok, uint32_t n) { (void)kb; (void)tok; (void)n; return 0; }
const char *dyad__kb_discard_text(const dyad_kb *kb, uint32_t id) { (void)kb; (void)id; return ""; }
const dyad_cameo_info *dyad_cameo_lookup(const dyad_kb *kb, const char *code) { (void)kb; (void)code; return NULL; }
const char *dyad__actor_kind_name(int kind) { (void)kind; return "?"; }
void dyad__kb_stats(const dyad_kb *kb, dyad_kb_stats *st) { (void)kb; *st = (dyad_kb_stats){0}; }
size_t dyad__kb_check(const dyad_kb *kb, dyad_kb_report_fn report, void *ud) { (void)kb; (void)report; (void)ud; return 0; }
