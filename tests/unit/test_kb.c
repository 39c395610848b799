/*
 * test_kb.c -- the knowledge base: loading, actor lookups (dates, case,
 * longest match, "the", metonyms, overrides, drops), patterns and their
 * index, discards, the CAMEO table, checks and stats.
 *
 * Uses the small dictionaries in tests/data (kb-*.txt) with the built-in
 * ones turned off, so the expectations do not move when the default
 * dictionaries grow. Sentences are cut by the real tokenizer (whatever it
 * is today): they avoid tokens whose splitting is a matter of taste.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/arena.h"
#include "grammar/words.h"
#include "kb/kb.h"
#include "text/text.h"

static char base_path[1024], user_path[1024], broken_path[1024], actors_path[1024],
    agents_path[1024];

static void paths(void)
{
    const char *d = getenv("DYAD_TEST_DATA");
    if (!d)
        d = "tests/data";
    snprintf(base_path, sizeof base_path, "%s/kb-base.txt", d);
    snprintf(user_path, sizeof user_path, "%s/kb-user.txt", d);
    snprintf(broken_path, sizeof broken_path, "%s/kb-broken.txt", d);
    snprintf(actors_path, sizeof actors_path, "%s/kb-import.actors", d);
    snprintf(agents_path, sizeof agents_path, "%s/kb-import.agents", d);
}

static dyad_kb *load(const char *a, const char *b, int lenient)
{
    const char *files[2] = {a, b};
    dyad_kb_opts o = {files, b ? 2 : 1, 1};
    dyad_err err = {0};
    dyad_kb *kb = lenient ? dyad__kb_load_lenient(&o, &err) : dyad_kb_load(&o, &err);
    if (!kb)
        fprintf(stderr, "load failed: %s:%llu: %s\n", err.where, (unsigned long long)err.line,
                err.msg);
    return kb;
}

/* Matches at token i of `text`; returns the token count and the entry. */
static uint32_t match(const dyad_kb *kb, const char *text, uint32_t i, const dyad_actor **a)
{
    dyad_arena arena;
    dyad__arena_init(&arena, 4096);
    dyad_tok *tok = NULL;
    uint32_t n = dyad__tokenize(dyad__kb_lex(kb), text, 0, (uint32_t)strlen(text), &arena, &tok);
    *a = NULL;
    uint32_t m = dyad__kb_match_actor(kb, tok, n, i, text, a);
    dyad__arena_free(&arena);
    return m;
}

/* The code of the actor that the name (as a whole text) matches on date. */
static const char *code_of(const dyad_kb *kb, const char *text, int32_t date)
{
    const dyad_actor *a;
    uint32_t m = match(kb, text, 0, &a);
    return m ? dyad__actor_code(a, date) : "";
}

static int setup_base(void **state)
{
    paths();
    *state = load(base_path, NULL, 0);
    return *state ? 0 : -1;
}

static int teardown(void **state)
{
    dyad_kb_free(*state);
    return 0;
}

/* ------------------------------------------------------------- actors */

static void test_person_dates(void **state)
{
    const dyad_kb *kb = *state;
    /* Before, during and after an office; outside it the unranged code. */
    assert_string_equal(code_of(kb, "Barack Obama", 20050101), "USAELI");
    assert_string_equal(code_of(kb, "Barack Obama", 20090120), "USAGOV");
    assert_string_equal(code_of(kb, "Barack Obama", 20120601), "USAGOV");
    assert_string_equal(code_of(kb, "Barack Obama", 20170121), "USAELI");
    assert_string_equal(code_of(kb, "Obama", 0), "USAELI");
    /* Only ranges: the one holding the date, else the most recent. */
    assert_string_equal(code_of(kb, "Merkel", 20100101), "DEUGOV");
    assert_string_equal(code_of(kb, "Merkel", 20230101), "DEUELI");
    assert_string_equal(code_of(kb, "Merkel", 19990101), "DEUELI");
    /* No article date: the role held longest, not the former official's ELI. */
    assert_string_equal(code_of(kb, "Merkel", 0), "DEUGOV");
    assert_string_equal(code_of(kb, "David Cameron", 20200101), "GBRGOV");
    /* Year and year-month ends: 2004 opens on 1 January, 2010-03 closes on the 31st. */
    const dyad_actor *a;
    assert_int_equal(match(kb, "Test Yearmonth", 0, &a), 2);
    assert_int_equal(a->roles[0].from, 20040101);
    assert_int_equal(a->roles[0].to, 20100331);
    assert_string_equal(dyad__actor_code(a, 20100331), "USAGOV");
}

static void test_case_rules(void **state)
{
    const dyad_kb *kb = *state;
    const dyad_actor *a;
    assert_int_equal(match(kb, "US troops", 0, &a), 1);
    assert_int_equal(a->kind, DYAD_AK_COUNTRY);
    assert_string_equal(dyad__actor_code(a, 0), "USA");
    assert_int_equal(match(kb, "they told us nothing", 2, &a), 0);
    assert_int_equal(match(kb, "Us and them", 0, &a), 0);
    assert_int_equal(match(kb, "the WHO said", 1, &a), 1);
    assert_string_equal(dyad__actor_code(a, 0), "IGOUNOWHO");
    assert_int_equal(match(kb, "people who said", 1, &a), 0);
    assert_int_equal(match(kb, "Who said", 0, &a), 0);
    /* Capitalised names: as written or all capitals, not lower case. */
    assert_int_equal(match(kb, "China said", 0, &a), 1);
    assert_int_equal(match(kb, "CHINA SAID", 0, &a), 1);
    assert_int_equal(match(kb, "fine china plates", 1, &a), 0);
    assert_int_equal(match(kb, "WORLD HEALTH ORGANIZATION", 0, &a), 3);
    /* Lower-case names match in any case. */
    assert_int_equal(match(kb, "Troops arrived", 0, &a), 1);
    assert_int_equal(a->kind, DYAD_AK_AGENT);
    assert_string_equal(dyad__actor_code(a, 0), "MIL");
    assert_int_equal(match(kb, "POLICE", 0, &a), 1);
}

static void test_longest_match_and_the(void **state)
{
    const dyad_kb *kb = *state;
    const dyad_actor *a;
    assert_int_equal(match(kb, "United States of America", 0, &a), 4);
    assert_int_equal(match(kb, "the United States of America", 0, &a), 5);
    assert_int_equal(match(kb, "United States officials", 0, &a), 2);
    assert_string_equal(dyad__actor_code(a, 0), "USA");
    assert_int_equal(match(kb, "United Nations", 0, &a), 2);
    assert_string_equal(dyad__actor_code(a, 0), "IGOUNO");
    assert_int_equal(match(kb, "the foreign minister said", 1, &a), 2);
    assert_string_equal(dyad__actor_code(a, 0), "GOV");
    assert_int_equal(match(kb, "the foreign ministry", 1, &a), 0);
    /* "the" written in a name is optional in text. */
    assert_int_equal(match(kb, "the Kremlin said", 0, &a), 2);
    assert_string_equal(dyad__actor_code(a, 0), "RUSGOV");
    assert_int_equal(match(kb, "Kremlin officials", 0, &a), 1);
    assert_string_equal(dyad__actor_code(a, 0), "RUSGOV");
    assert_int_equal(match(kb, "The Kremlin said", 0, &a), 2);
    assert_int_equal(match(kb, "Gambia voted", 0, &a), 1);
    /* "The" written with a capital is part of the name, in any case. */
    assert_int_equal(match(kb, "the Hague ruled", 0, &a), 2);
    assert_string_equal(dyad__actor_code(a, 0), "NLDGOV");
    assert_int_equal(match(kb, "The Hague ruled", 0, &a), 2);
    assert_int_equal(match(kb, "Hague ruled", 0, &a), 0);
    /* Names not written with "the" do not take one. */
    assert_int_equal(match(kb, "the Russian troops", 0, &a), 0);
    assert_int_equal(match(kb, "the Russian troops", 1, &a), 1);
    assert_int_equal(a->kind, DYAD_AK_ADJ);
}

static void test_metonyms_and_places(void **state)
{
    const dyad_kb *kb = *state;
    const dyad_actor *a;
    assert_int_equal(match(kb, "Moscow rejected it", 0, &a), 1);
    assert_int_equal(a->kind, DYAD_AK_CAPITAL);
    assert_string_equal(dyad__actor_code(a, 0), "RUSGOV");
    assert_int_equal(match(kb, "the Pentagon said", 0, &a), 2);
    assert_string_equal(dyad__actor_code(a, 0), "USAMIL");
    assert_int_equal(match(kb, "Novosibirsk police", 0, &a), 1);
    assert_int_equal(a->kind, DYAD_AK_CITY);
    assert_string_equal(a->file + strlen(a->file) - 11, "kb-base.txt");
    assert_int_equal(a->line, 12);
}

static void test_find_name(void **state)
{
    const dyad_kb *kb = *state;
    const dyad_actor *out[8];
    assert_int_equal(dyad__kb_find_name(kb, "Obama", out, 8), 1);
    assert_int_equal(out[0]->kind, DYAD_AK_PERSON);
    assert_string_equal(out[0]->name, "Barack Obama");
    assert_int_equal(out[0]->line, 13);
    /* Folded like text: the case of the query does not matter. */
    assert_int_equal(dyad__kb_find_name(kb, "us", out, 8), 1);
    assert_int_equal(dyad__kb_find_name(kb, "Nobody Atall", out, 8), 0);
}

static void test_override_and_drop(void **state)
{
    (void)state;
    dyad_kb *kb = load(base_path, user_path, 0);
    assert_non_null(kb);
    const dyad_actor *out[8];
    /* The user's "Obama" replaced the built-in meaning of that name ... */
    assert_int_equal(dyad__kb_find_name(kb, "Obama", out, 8), 1);
    assert_string_equal(out[0]->name, "Obama");
    assert_string_equal(code_of(kb, "Obama", 20120101), "USAELI");
    /* ... but not of the other names of the entry. */
    assert_string_equal(code_of(kb, "Barack Obama", 20120101), "USAGOV");
    /* Dropped city, pattern and discard. */
    const dyad_actor *a;
    assert_int_equal(match(kb, "Novosibirsk police", 0, &a), 0);
    uint32_t n;
    const dyad_lex *lex = dyad__kb_lex(kb);
    uint32_t impose = dyad__lex_lemma(lex, dyad__lex_find(lex, "impose", 6), DYAD_LC_VERB);
    const dyad_pattern *const *p = dyad__kb_patterns(kb, DYAD_PK_VERB, impose, &n, NULL, NULL);
    assert_int_equal(n, 1);
    assert_string_equal(p[0]->code, "170");
    dyad_kb_stats st;
    dyad__kb_stats(kb, &st);
    assert_int_equal(st.discards, 2);
    assert_int_equal(st.cities, 0);
    dyad_kb_free(kb);
}

/* ----------------------------------------------------------- patterns */

static int has_id(const dyad_pelem *e, uint32_t id)
{
    for (uint32_t k = 0; k < e->nalt; k++)
        if (e->alt[k] == id)
            return 1;
    return 0;
}

static const dyad_pattern *const *pats(const dyad_kb *kb, int kind, const char *word, int lc,
                                       uint32_t *n)
{
    const dyad_lex *lex = dyad__kb_lex(kb);
    uint32_t id = dyad__lex_find(lex, word, strlen(word));
    assert_int_not_equal(id, 0);
    return dyad__kb_patterns(kb, kind, dyad__lex_lemma(lex, id, lc), n, NULL, NULL);
}

static void test_patterns(void **state)
{
    const dyad_kb *kb = *state;
    const dyad_lex *lex = dyad__kb_lex(kb);
    uint32_t n;
    /* meet (with) + */
    const dyad_pattern *const *p = pats(kb, DYAD_PK_VERB, "meet", DYAD_LC_VERB, &n);
    assert_int_equal(n, 1);
    assert_string_equal(p[0]->code, "036");
    assert_int_equal(p[0]->nelem, 3);
    assert_int_equal(p[0]->elem[0].type, DYAD_PE_WORD);
    assert_int_equal(p[0]->elem[1].type, DYAD_PE_WORD);
    assert_int_equal(p[0]->elem[1].optional, 1);
    assert_true(has_id(&p[0]->elem[1], dyad__lex_find(lex, "with", 4)));
    assert_int_equal(p[0]->elem[2].type, DYAD_PE_TARGET);
    assert_int_equal(p[0]->nwords, 1);
    assert_int_equal(p[0]->line, 21);
    assert_string_equal(p[0]->text, "meet (with) +");
    /* impose: the more specific pattern first; alternatives kept. */
    p = pats(kb, DYAD_PK_VERB, "impose", DYAD_LC_VERB, &n);
    assert_int_equal(n, 2);
    assert_string_equal(p[0]->code, "163");
    assert_string_equal(p[1]->code, "170");
    assert_int_equal(p[0]->nwords, 3);
    assert_true(has_id(&p[0]->elem[1], dyad__lex_find(lex, "sanctions", 9)));
    assert_true(has_id(&p[0]->elem[1], dyad__lex_find(lex, "embargo", 7)));
    assert_true(has_id(&p[0]->elem[2], dyad__lex_find(lex, "against", 7)));
    /* Every alternative of the anchor is indexed. */
    p = pats(kb, DYAD_PK_VERB, "tour", DYAD_LC_VERB, &n);
    assert_int_equal(n, 1);
    assert_string_equal(p[0]->code, "042");
    p = pats(kb, DYAD_PK_VERB, "visit", DYAD_LC_VERB, &n);
    assert_int_equal(n, 1);
    /* $ source. */
    p = pats(kb, DYAD_PK_VERB, "receive", DYAD_LC_VERB, &n);
    assert_int_equal(n, 1);
    assert_int_equal(p[0]->elem[p[0]->nelem - 1].type, DYAD_PE_SOURCE);
    /* Negative pattern with a gap. */
    p = pats(kb, DYAD_PK_VERB, "shoot", DYAD_LC_VERB, &n);
    assert_int_equal(n, 1);
    assert_string_equal(p[0]->code, "---");
    assert_int_equal(p[0]->elem[1].type, DYAD_PE_GAP);
    /* Exact words keep their form. */
    p = pats(kb, DYAD_PK_VERB, "sign", DYAD_LC_VERB, &n);
    assert_int_equal(n, 1);
    assert_int_equal(p[0]->elem[1].exact, 1);
    assert_int_equal(p[0]->elem[1].optional, 1);
    assert_int_equal(p[0]->elem[1].nalt, 1);
    assert_int_equal(p[0]->elem[1].alt[0], dyad__lex_find(lex, "peace", 5));
    /* Nouns and verbs have separate indexes. */
    p = pats(kb, DYAD_PK_NOUN, "airstrike", DYAD_LC_NOUN, &n);
    assert_int_equal(n, 1);
    assert_string_equal(p[0]->code, "190");
    p = pats(kb, DYAD_PK_VERB, "airstrike", DYAD_LC_VERB, &n);
    assert_int_equal(n, 0);
    assert_null(p);
    assert_null(dyad__kb_patterns(kb, DYAD_PK_VERB, 0, &n, NULL, NULL));
}

/* Writes a dictionary with one pattern whose second element has n word
 * alternatives (zqa0/zqa1/...) to a temporary file; returns its path. */
static const char *many_alternatives(int n, char *path, size_t cap)
{
    snprintf(path, cap, "/tmp/dyad-test-kb-alts-%d-XXXXXX", n);
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    assert_non_null(f);
    fputs("verb 120  : refuse ", f);
    for (int i = 0; i < n; i++)
        fprintf(f, "%szqa%d", i ? "/" : "", i);
    fputs("\n", f);
    fclose(f);
    return path;
}

/* An element keeps all its alternatives up to 64 word forms; more is an
 * error naming the line, where they were once dropped without a word (a
 * negative pattern lost "extradition", and "fighting extradition" was a
 * fight). */
static void test_pattern_many_alternatives(void **state)
{
    (void)state;
    paths();
    char path[128];
    many_alternatives(60, path, sizeof path);
    dyad_kb *kb = load(base_path, path, 0);
    assert_non_null(kb);
    uint32_t n;
    const dyad_pattern *const *p = pats(kb, DYAD_PK_VERB, "refuse", DYAD_LC_VERB, &n);
    const dyad_pattern *q = NULL;
    for (uint32_t i = 0; i < n; i++)
        if (p[i]->nelem == 2)
            q = p[i];
    assert_non_null(q);
    const dyad_lex *lex = dyad__kb_lex(kb);
    assert_true(has_id(&q->elem[1], dyad__lex_find(lex, "zqa0", 4)));
    assert_true(has_id(&q->elem[1], dyad__lex_find(lex, "zqa59", 5)));
    dyad_kb_free(kb);
    unlink(path);

    many_alternatives(70, path, sizeof path);
    const char *files[2] = {base_path, path};
    dyad_kb_opts o = {files, 2, 1};
    dyad_err err = {0};
    assert_null(dyad_kb_load(&o, &err));
    assert_non_null(strstr(err.msg, "more than 64 word forms"));
    assert_int_equal(err.line, 1);
    unlink(path);
}

/* The filters beside a verb's patterns, and the plain "VERB +" fallback. */
static void test_pattern_filters(void **state)
{
    const dyad_kb *kb = *state;
    const dyad_lex *lex = dyad__kb_lex(kb);
    uint32_t n, plain;
    const dyad_pfilter *pf;
    uint32_t impose = dyad__lex_lemma(lex, dyad__lex_find(lex, "impose", 6), DYAD_LC_VERB);
    const dyad_pattern *const *p = dyad__kb_patterns(kb, DYAD_PK_VERB, impose, &n, &pf, &plain);
    assert_int_equal(n, 2);
    /* "impose +" is the plain pattern, the second of the two */
    assert_int_equal(plain, 2);
    assert_string_equal(p[plain - 1]->code, "170");
    assert_true(pf[1].flags & DYAD_PF_PLAIN);
    assert_false(pf[0].flags & DYAD_PF_PLAIN);
    /* "impose sanctions/embargo on/against +": two OR groups, no single
     * words; the first group is the filter's, the rest pattern_possible's */
    assert_int_equal(pf[0].nbit, 0);
    assert_int_equal(pf[0].nor, p[0]->elem[1].nalt);
    for (uint32_t a = 0; a < pf[0].nor; a++)
        assert_int_equal(pf[0].orbit[a], dyad__word_bit(p[0]->elem[1].alt[a]));
    assert_int_equal(pf[0].orbit[pf[0].nor], 0); /* the sentinel that ends the scan */
    /* each word element's signature has bit (word bit & 31) of every
     * alternative and no other */
    for (uint32_t e = 0; e < p[0]->nelem; e++) {
        uint32_t sig = 0;
        for (uint32_t a = 0; a < p[0]->elem[e].nalt; a++)
            sig |= 1u << (dyad__word_bit(p[0]->elem[e].alt[a]) & 31);
        assert_int_equal(p[0]->elem[e].sig, sig);
        if (p[0]->elem[e].nalt)
            assert_true(sig != 0);
    }
    assert_true(pf[0].flags & DYAD_PF_MORE);
    for (int b = 0; b < 3; b++) /* unused single-word slots are bit 0 */
        assert_int_equal(pf[0].bit[b], 0);
    /* "sign (=peace) deal/agreement/treaty with +": "with" is a single word */
    uint32_t sign = dyad__lex_lemma(lex, dyad__lex_find(lex, "sign", 4), DYAD_LC_VERB);
    (void)dyad__kb_patterns(kb, DYAD_PK_VERB, sign, &n, &pf, &plain);
    assert_int_equal(n, 1);
    assert_int_equal(plain, 0);
    assert_int_equal(pf[0].nbit, 1);
    assert_int_equal(pf[0].bit[0], dyad__word_bit(dyad__lex_find(lex, "with", 4)));
    assert_int_equal(pf[0].bit[1], 0);
    /* "meet (with) +" has an optional word: not plain */
    uint32_t meet = dyad__lex_lemma(lex, dyad__lex_find(lex, "meet", 4), DYAD_LC_VERB);
    (void)dyad__kb_patterns(kb, DYAD_PK_VERB, meet, &n, &pf, &plain);
    assert_int_equal(plain, 0);
}

/* Every anchor's handle finds the same patterns as its (kind, lemma), and
 * the grammar's word classes carry it. */
typedef struct handle_check {
    const dyad_kb *kb;
    const dyad_gwords *gw;
    uint32_t anchors;
} handle_check;

static void check_handle(void *ud, int kind, uint32_t lemma, uint32_t h)
{
    handle_check *hc = ud;
    uint32_t n1, n2, plain1, plain2;
    const dyad_pfilter *f1, *f2;
    const dyad_pattern *const *p1 = dyad__kb_patterns(hc->kb, kind, lemma, &n1, &f1, &plain1);
    const dyad_pattern *const *p2 = dyad__kb_patterns_at(hc->kb, h, &n2, &f2, &plain2);
    assert_non_null(p1);
    assert_ptr_equal(p1, p2);
    assert_ptr_equal(f1, f2);
    assert_int_equal(n1, n2);
    assert_int_equal(plain1, plain2);
    uint64_t cls = dyad__gwords_cls(hc->gw, lemma);
    assert_true(cls & (kind == DYAD_PK_NOUN ? G_NOUNPAT : G_VERBPAT));
    assert_int_equal(dyad__gwords_pat(cls, kind == DYAD_PK_NOUN), h <= G_PAT_MAX ? h : 0);
    hc->anchors++;
}

static void test_pattern_handles(void **state)
{
    const dyad_kb *kb = *state;
    dyad_gwords *gw = dyad__gwords_new(dyad__kb_lex(kb), kb);
    assert_non_null(gw);
    handle_check hc = {kb, gw, 0};
    dyad__kb_each_anchor(kb, check_handle, &hc);
    assert_true(hc.anchors > 0);
    /* no handle: nothing */
    uint32_t n = 1;
    assert_null(dyad__kb_patterns_at(kb, 0, &n, NULL, NULL));
    assert_int_equal(n, 0);
    dyad__gwords_free(gw);
}

static void test_discards(void **state)
{
    const dyad_kb *kb = *state;
    const char *texts[] = {"the goalkeeper saved it", "a Premier League match",
                           "before the World Cup", "world leaders met", "the league said"};
    const uint32_t expect[] = {1, 1, 1, 0, 0};
    for (size_t i = 0; i < 5; i++) {
        dyad_arena arena;
        dyad__arena_init(&arena, 4096);
        dyad_tok *tok;
        uint32_t n = dyad__tokenize(dyad__kb_lex(kb), texts[i], 0, (uint32_t)strlen(texts[i]),
                                    &arena, &tok);
        uint32_t d = dyad__kb_discard(kb, tok, n);
        assert_int_equal(d != 0, expect[i]);
        if (d && i == 0)
            assert_string_equal(dyad__kb_discard_text(kb, d), "goalkeeper");
        if (d && i == 1)
            assert_string_equal(dyad__kb_discard_text(kb, d), "premier league");
        dyad__arena_free(&arena);
    }
    assert_string_equal(dyad__kb_discard_text(kb, 0), "");
}

/* -------------------------------------------------------------- tables */

static void test_cameo(void **state)
{
    const dyad_kb *kb = *state;
    const dyad_cameo_info *c = dyad_cameo_lookup(kb, "19");
    assert_non_null(c);
    assert_string_equal(c->code, "19");
    assert_int_equal(c->quad, 4);
    assert_string_equal(c->plover, "ASSAULT");
    c = dyad_cameo_lookup(kb, "190");
    assert_non_null(c);
    assert_true(c->goldstein == -10.0);
    assert_string_equal(c->plover_context, "military");
    c = dyad_cameo_lookup(kb, "0312");
    assert_non_null(c);
    assert_true(c->goldstein > 5.1 && c->goldstein < 5.3);
    assert_int_equal(c->quad, 1);
    assert_string_equal(c->plover, "AGREE");
    assert_string_equal(c->plover_mode, "");
    assert_string_equal(c->plover_context, "military");
    assert_true(strlen(c->label) > 5);
    c = dyad_cameo_lookup(kb, "041");
    assert_string_equal(c->plover_mode, "phone");
    c = dyad_cameo_lookup(kb, "010");
    assert_string_equal(c->plover, "");
    assert_int_equal(c->quad, 1);
    assert_int_equal(dyad_cameo_lookup(kb, "1011")->quad, 3);
    assert_int_equal(dyad_cameo_lookup(kb, "0871")->quad, 2);
    assert_null(dyad_cameo_lookup(kb, "9999"));
    assert_null(dyad_cameo_lookup(kb, "312"));
    assert_null(dyad_cameo_lookup(kb, "0a1"));
    assert_null(dyad_cameo_lookup(kb, ""));
    assert_null(dyad_cameo_lookup(kb, "01234"));
    assert_null(dyad_cameo_lookup(kb, NULL));
    /* Code blocks. */
    assert_true(dyad__kb_block_type(kb, "GOV") & DYAD_CB_ROLE);
    assert_true(dyad__kb_block_type(kb, "RUS") & DYAD_CB_COUNTRY);
    assert_true(dyad__kb_block_type(kb, "IGO") & DYAD_CB_ROOT);
    assert_true(dyad__kb_block_type(kb, "NAT") & DYAD_CB_GROUP);
    assert_true(dyad__kb_block_type(kb, "---") & DYAD_CB_ROOT);
    assert_int_equal(dyad__kb_block_type(kb, "QQQ"), 0);
    assert_int_equal(dyad__kb_block_type(kb, "a1!"), 0);
}

/* ---------------------------------------------------- checks and stats */

typedef struct found {
    char sev[8];
    uint32_t line;
    char msg[400];
    char file[64];
} found;

typedef struct found_list {
    found f[64];
    size_t n;
} found_list;

static void collect(void *ud, const char *severity, const char *file, uint32_t line,
                    const char *msg)
{
    found_list *l = ud;
    if (l->n == 64)
        return;
    found *f = &l->f[l->n++];
    snprintf(f->sev, sizeof f->sev, "%s", severity);
    const char *slash = strrchr(file, '/');
    snprintf(f->file, sizeof f->file, "%s", slash ? slash + 1 : file);
    f->line = line;
    snprintf(f->msg, sizeof f->msg, "%s", msg);
}

/* A finding at file:line with that severity whose message contains `part`. */
static int has(const found_list *l, const char *file, uint32_t line, const char *sev,
               const char *part)
{
    for (size_t i = 0; i < l->n; i++)
        if (l->f[i].line == line && !strcmp(l->f[i].sev, sev) && !strcmp(l->f[i].file, file) &&
            strstr(l->f[i].msg, part))
            return 1;
    for (size_t i = 0; i < l->n; i++)
        fprintf(stderr, "  %s:%u: %s: %s\n", l->f[i].file, l->f[i].line, l->f[i].sev,
                l->f[i].msg);
    fprintf(stderr, "missing: %s:%u: %s: ...%s...\n", file, line, sev, part);
    return 0;
}

static void test_check_broken(void **state)
{
    (void)state;
    /* A strict load stops at the first bad line, naming file and line. */
    const char *files[1] = {broken_path};
    dyad_kb_opts o = {files, 1, 1};
    dyad_err err = {0};
    assert_null(dyad_kb_load(&o, &err));
    assert_int_equal(err.code, DYAD_EDICT);
    assert_string_equal(err.where, broken_path);
    assert_int_equal(err.line, 3);

    /* A lenient load keeps going; check reports every kind of finding. */
    dyad_kb *kb = load(broken_path, NULL, 1);
    assert_non_null(kb);
    found_list l = {0};
    size_t errors = dyad__kb_check(kb, collect, &l);
    const char *f = "kb-broken.txt";
    assert_true(has(&l, f, 3, "error", "unknown kind 'frobnicate'"));
    assert_true(has(&l, f, 4, "error", "' : '"));
    assert_true(has(&l, f, 5, "error", "'rusgov' is not a code"));
    assert_true(has(&l, f, 6, "error", "not a date range"));
    assert_true(has(&l, f, 7, "error", "starts with its verb"));
    assert_true(has(&l, f, 8, "error", "optional element"));
    assert_true(has(&l, f, 10, "error", "'Foo Council' is NGO here and IGOUNO at line 9"));
    assert_true(has(&l, f, 12, "warning", "'Smith' is ZZAOPP@2005-01-01..2015-12-31 here"));
    assert_true(has(&l, f, 13, "error", "'XYZ' is neither a country"));
    assert_true(has(&l, f, 14, "error", "unknown block 'QQQ'"));
    assert_true(has(&l, f, 15, "error", "'ZZA' is not a role code"));
    assert_true(has(&l, f, 16, "error", "event code 999 is not in the CAMEO table"));
    assert_true(has(&l, f, 17, "warning", "overlap"));
    assert_true(has(&l, f, 18, "warning", "'...' at the end"));
    assert_true(has(&l, f, 19, "warning", "the same pattern as"));
    assert_true(has(&l, f, 20, "warning", "no city named 'Nowhere Town'"));
    /* A verb pattern whose anchor the lexicon knows, never as a verb (the
     * stub lexicon of today knows no tags: then there is nothing to say). */
    const dyad_lex *lex = dyad__kb_lex(kb);
    if (dyad__lex_word(lex, dyad__lex_find(lex, "the", 3))->ntags > 0)
        assert_true(has(&l, f, 21, "warning", "can never match"));
    /* An org line defines the group block its code ends with (line 22),
     * which line 23 uses: no finding there. */
    for (size_t i = 0; i < l.n; i++)
        assert_true(l.f[i].line <= 21);
    size_t nerr = 0;
    for (size_t i = 0; i < l.n; i++)
        nerr += !strcmp(l.f[i].sev, "error");
    assert_int_equal(errors, nerr);
    assert_int_equal(errors, 11);
    /* Sorted by line. */
    for (size_t i = 1; i < l.n; i++)
        assert_true(l.f[i - 1].line <= l.f[i].line);
    dyad_kb_free(kb);

    /* Overrides and drops from a user file are listed as notes. */
    kb = load(base_path, user_path, 1);
    assert_non_null(kb);
    memset(&l, 0, sizeof l);
    assert_int_equal(dyad__kb_check(kb, collect, &l), 0);
    assert_true(has(&l, "kb-user.txt", 2, "info", "overrides person 'Obama' of "));
    assert_true(has(&l, "kb-user.txt", 3, "info", "drops city 'Novosibirsk'"));
    assert_true(has(&l, "kb-user.txt", 4, "info", "drops pattern kb-base.txt:23"));
    assert_true(has(&l, "kb-user.txt", 5, "info", "drops discard 'world cup'"));
    dyad_kb_free(kb);
}

static void test_check_clean(void **state)
{
    const dyad_kb *kb = *state;
    found_list l = {0};
    assert_int_equal(dyad__kb_check(kb, collect, &l), 0);
    for (size_t i = 0; i < l.n; i++)
        fprintf(stderr, "unexpected: %s:%u: %s: %s\n", l.f[i].file, l.f[i].line, l.f[i].sev,
                l.f[i].msg);
    assert_int_equal(l.n, 0);
}

static void test_stats(void **state)
{
    const dyad_kb *kb = *state;
    dyad_kb_stats st;
    dyad__kb_stats(kb, &st);
    assert_int_equal(st.files, 3); /* cameo.txt, codes.txt, kb-base.txt */
    assert_int_equal(st.countries, 7);
    assert_int_equal(st.adjectives, 1);
    assert_int_equal(st.capitals, 3);
    assert_int_equal(st.cities, 1);
    assert_int_equal(st.places, 4);
    assert_int_equal(st.people, 4);
    assert_int_equal(st.organisations, 2);
    assert_int_equal(st.agents, 3);
    /* Names as written: 4+2+1+1+1+2+2+2+1+1+2+2+2+2+2+2+1+1+1+1+1 */
    assert_int_equal(st.actors, 34);
    assert_int_equal(st.patterns, 9);
    assert_int_equal(st.negatives, 1);
    assert_int_equal(st.discards, 3);
    assert_int_equal(st.cameo_codes, 311);
    assert_int_equal(st.cameo_codes_covered, 8);
    assert_true(st.words > 40);
    assert_true(st.bytes > 0);
    assert_true(st.load_seconds >= 0);
}

/* ---------------------------------------------- TABARI/PETRARCH files */

static const char *only_code(const dyad_kb *kb, const char *name, int32_t date)
{
    const dyad_actor *out[4];
    return dyad__kb_find_name(kb, name, out, 4) == 1 ? dyad__actor_code(out[0], date) : "";
}

static void test_import_tabari_petrarch(void **state)
{
    (void)state;
    dyad_kb *kb = load(actors_path, agents_path, 0);
    assert_non_null(kb);
    const dyad_actor *a;
    /* Actors: an entry, its '+' name, its kind. */
    assert_int_equal(match(kb, "Freedonia declared war", 0, &a), 1);
    assert_int_equal(a->kind, DYAD_AK_COUNTRY);
    assert_string_equal(dyad__actor_code(a, 0), "FRE");
    assert_string_equal(only_code(kb, "Freedonian", 0), "FRE");
    /* Case: a name of up to three letters stays in capitals; others need
     * their capitals, particles ("al") excepted. */
    assert_int_equal(match(kb, "US troops", 0, &a), 1);
    assert_int_equal(match(kb, "tell us", 1, &a), 0);
    assert_int_equal(match(kb, "freedonia", 0, &a), 0);
    assert_int_equal(match(kb, "Abu Bakr al Salam said", 0, &a), 4);
    assert_int_equal(a->kind, DYAD_AK_PERSON);
    /* Dates: YYMMDD ranges (two-digit years above 30 are 19YY), > and <. */
    assert_string_equal(only_code(kb, "Rufus T Firefly", 19340601), "FREGOV");
    assert_string_equal(only_code(kb, "President Firefly", 19340601), "FREGOV");
    assert_string_equal(only_code(kb, "President Firefly", 19900101), "FREELI");
    assert_string_equal(only_code(kb, "Ambassador Trentino", 19300101), "SYLGOV");
    assert_string_equal(only_code(kb, "Ambassador Trentino", 19500101), "SYLELI");
    assert_string_equal(only_code(kb, "Abu Bakr al Salam", 20000101), "FREOPP");
    assert_string_equal(only_code(kb, "Abu Bakr al Salam", 20060101), "FREOPP");
    assert_int_equal(match(kb, "Abu Bakr al Salam", 0, &a), 4);
    assert_int_equal(a->roles[0].from, 19990301);
    assert_int_equal(a->roles[0].to, 20050615);
    /* [###] entries and <NOUN> word lists are not actors. */
    assert_string_equal(only_code(kb, "Nobody In Particular", 0), "");
    assert_string_equal(only_code(kb, "troopers", 0), "");
    /* Agents: macros, plurals (regular, explicit, none), sectors. */
    const char *const mil[] = {"fisherman", "fishermen", "fisherwoman", "fisherwomen"};
    for (size_t i = 0; i < 4; i++)
        assert_string_equal(only_code(kb, mil[i], 0), "AGR");
    assert_string_equal(only_code(kb, "soldiers", 0), "MIL");
    assert_string_equal(only_code(kb, "chambers of commerce", 0), "BUS");
    assert_string_equal(only_code(kb, "riot police", 0), "COP");
    assert_string_equal(only_code(kb, "riot polices", 0), "");
    assert_string_equal(only_code(kb, "militias", 0), "UAF");
    assert_int_equal(match(kb, "Militia fighters", 0, &a), 1);
    assert_int_equal(a->kind, DYAD_AK_AGENT);
    /* A macro whose alternatives name itself expands to a bounded depth
     * (it recursed until the stack overflowed, found by fuzz_dict). */
    assert_string_equal(only_code(kb, "border clan", 0), "CVL");
    assert_string_equal(only_code(kb, "border kinclan", 0), "CVL");
    /* A line dyad cannot read is skipped, not fatal, and kept for check. */
    assert_string_equal(only_code(kb, "broken agent", 0), "");
    found_list l = {0};
    dyad__kb_check(kb, collect, &l);
    assert_true(has(&l, "kb-import.agents", 8, "error", "an agent is written NOUN [~SECTOR]"));
    dyad_kb_free(kb);
}

static void test_default_dictionaries_load(void **state)
{
    (void)state;
    dyad_err err = {0};
    dyad_kb *kb = dyad_kb_load(NULL, &err);
    if (!kb)
        fprintf(stderr, "%s:%llu: %s\n", err.where, (unsigned long long)err.line, err.msg);
    assert_non_null(kb);
    dyad_kb_stats st;
    dyad__kb_stats(kb, &st);
    assert_int_equal(st.cameo_codes, 311);
    /* Every ISO 3166-1 entry and Kosovo; the generated cities. */
    assert_true(st.countries >= 250);
    assert_true(st.cities > 10000);
    assert_true(st.capitals > 200 && st.adjectives > 200);
    assert_string_equal(code_of(kb, "the Kremlin", 0), "RUSGOV");
    assert_string_equal(code_of(kb, "Emirati", 0), "ARE");
    assert_string_equal(code_of(kb, "Kosovo", 0), "XKX");
    assert_string_equal(code_of(kb, "Novosibirsk", 0), "RUS");
    /* The built-in dictionaries check clean of errors. */
    found_list l = {0};
    assert_int_equal(dyad__kb_check(kb, collect, &l), 0);
    dyad_kb_free(kb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_person_dates, setup_base, teardown),
        cmocka_unit_test_setup_teardown(test_case_rules, setup_base, teardown),
        cmocka_unit_test_setup_teardown(test_longest_match_and_the, setup_base, teardown),
        cmocka_unit_test_setup_teardown(test_metonyms_and_places, setup_base, teardown),
        cmocka_unit_test_setup_teardown(test_find_name, setup_base, teardown),
        cmocka_unit_test_setup_teardown(test_override_and_drop, setup_base, teardown),
        cmocka_unit_test_setup_teardown(test_patterns, setup_base, teardown),
        cmocka_unit_test_setup_teardown(test_pattern_filters, setup_base, teardown),
        cmocka_unit_test_setup_teardown(test_pattern_handles, setup_base, teardown),
        cmocka_unit_test_setup_teardown(test_discards, setup_base, teardown),
        cmocka_unit_test_setup_teardown(test_cameo, setup_base, teardown),
        cmocka_unit_test_setup_teardown(test_check_broken, setup_base, teardown),
        cmocka_unit_test_setup_teardown(test_check_clean, setup_base, teardown),
        cmocka_unit_test_setup_teardown(test_stats, setup_base, teardown),
        cmocka_unit_test_setup_teardown(test_import_tabari_petrarch, setup_base, teardown),
        cmocka_unit_test(test_pattern_many_alternatives),
        cmocka_unit_test(test_default_dictionaries_load),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
