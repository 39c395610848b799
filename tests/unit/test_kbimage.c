/*
 * test_kbimage.c -- the kb image (src/kb/image.c): the built-in
 * dictionaries loaded from their text, written as an image and read back,
 * and the image embedded in the binary, must be the same kb: the same
 * counts and lexicon, the same answers to name lookups, the same pattern
 * lists with their elements and filters, the same events for a sentence.
 * An image that is not this binary's is refused.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "kb/kb.h"
#include "text/text.h"

typedef struct fixture {
    dyad_kb *text;     /* parsed from the dictionaries */
    dyad_kb *image;    /* from the image that text was written as */
    dyad_kb *builtin;  /* dyad_kb_load(NULL): from the embedded image */
    char *buf;         /* the image (the image kb's words point into it) */
    size_t len;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    dyad_err err = {0};
    f->text = dyad__kb_load_text(NULL, &err);
    FILE *m = f->text ? open_memstream(&f->buf, &f->len) : NULL;
    if (!m || dyad__kb_write_image(f->text, m, &err) != 0 || fclose(m) != 0) {
        fprintf(stderr, "cannot make the image: %s: %s\n", err.where, err.msg);
        return -1;
    }
    f->image = dyad__kb_load_image(f->buf, f->len, &err);
    f->builtin = dyad_kb_load(NULL, &err);
    if (!f->image || !f->builtin) {
        fprintf(stderr, "cannot load the image: %s: %s\n", err.where, err.msg);
        return -1;
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    dyad_kb_free(f->text);
    dyad_kb_free(f->image);
    dyad_kb_free(f->builtin);
    free(f->buf);
    free(f);
    return 0;
}

static void same_stats(const dyad_kb *a, const dyad_kb *b)
{
    dyad_kb_stats x, y;
    dyad__kb_stats(a, &x);
    dyad__kb_stats(b, &y);
    x.load_seconds = y.load_seconds = 0;
    assert_memory_equal(&x, &y, sizeof x);
    assert_true(x.actors > 10000 && x.patterns > 1000 && x.discards > 10);
}

/* Every word of the lexicon: the same form, flags and lemmas under the
 * same id (the kb's lists hold ids). */
static void same_lexicon(const dyad_kb *a, const dyad_kb *b)
{
    const dyad_lex *la = dyad__kb_lex(a), *lb = dyad__kb_lex(b);
    uint32_t n = dyad__lex_count(la), nkb = 0;
    assert_int_equal(n, dyad__lex_count(lb));
    for (uint32_t id = 1; id <= n; id++) {
        const dyad_lex_word *x = dyad__lex_word(la, id), *y = dyad__lex_word(lb, id);
        assert_string_equal(dyad__lex_str(la, id), dyad__lex_str(lb, id));
        assert_int_equal(x->flags, y->flags);
        assert_memory_equal(x->lemma, y->lemma, sizeof x->lemma);
        nkb += (x->flags & DYAD_LW_KB) != 0;
    }
    assert_true(nkb > 10000); /* the dictionaries' words are flagged */
    assert_int_equal(dyad__lex_find(lb, "nairobi", 7), dyad__lex_find(la, "nairobi", 7));
}

static void test_counts_and_lexicon(void **state)
{
    fixture *f = *state;
    same_stats(f->text, f->image);
    same_stats(f->text, f->builtin);
    same_lexicon(f->text, f->image);
    same_lexicon(f->text, f->builtin);
}

static void same_actor(const dyad_actor *x, const dyad_actor *y)
{
    assert_int_equal(x->kind, y->kind);
    assert_int_equal(x->nroles, y->nroles);
    for (uint32_t r = 0; r < x->nroles; r++) {
        assert_string_equal(x->roles[r].code, y->roles[r].code);
        assert_int_equal(x->roles[r].from, y->roles[r].from);
        assert_int_equal(x->roles[r].to, y->roles[r].to);
    }
    assert_string_equal(x->name, y->name);
    assert_string_equal(x->file, y->file);
    assert_int_equal(x->line, y->line);
}

static void same_names(const dyad_kb *a, const dyad_kb *b)
{
    static const char *const names[] = {"the Kremlin", "United Nations", "Kenya", "Nairobi",
                                        "police", "Vladimir Putin", "Zzyzx Qwertyland"};
    size_t found = 0;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        const dyad_actor *x[8], *y[8];
        size_t nx = dyad__kb_find_name(a, names[i], x, 8), ny = dyad__kb_find_name(b, names[i], y, 8);
        assert_int_equal(nx, ny);
        for (size_t k = 0; k < nx; k++) {
            same_actor(x[k], y[k]);
            assert_string_equal(dyad__actor_code(x[k], 20240105), dyad__actor_code(y[k], 20240105));
        }
        found += nx;
    }
    assert_true(found >= 6);
}

/* The longest match at every token of a sentence. */
static void same_matches(const dyad_kb *a, const dyad_kb *b, const char *text)
{
    dyad_arena arena;
    dyad__arena_init(&arena, 4096);
    dyad_tok *ta = NULL, *tb = NULL;
    uint32_t n = dyad__tokenize(dyad__kb_lex(a), text, 0, (uint32_t)strlen(text), &arena, &ta);
    assert_int_equal(n, dyad__tokenize(dyad__kb_lex(b), text, 0, (uint32_t)strlen(text), &arena,
                                       &tb));
    uint32_t matched = 0;
    for (uint32_t i = 0; i < n; i++) {
        const dyad_actor *x = NULL, *y = NULL;
        uint32_t mx = dyad__kb_match_actor(a, ta, n, i, text, &x);
        assert_int_equal(mx, dyad__kb_match_actor(b, tb, n, i, text, &y));
        if (mx)
            same_actor(x, y);
        matched += mx != 0;
    }
    assert_true(matched >= 3);
    dyad__arena_free(&arena);
}

static void test_actors(void **state)
{
    fixture *f = *state;
    static const char s[] = "Kenyan police and United Nations envoys met officials of the "
                            "Kremlin in Nairobi, the Ethiopian army said.";
    same_names(f->text, f->image);
    same_names(f->text, f->builtin);
    same_matches(f->text, f->image, s);
    same_matches(f->text, f->builtin, s);
}

static void same_pattern(const dyad_pattern *x, const dyad_pattern *y)
{
    assert_int_equal(x->kind, y->kind);
    assert_int_equal(x->nelem, y->nelem);
    assert_string_equal(x->code, y->code);
    assert_string_equal(x->text, y->text);
    assert_string_equal(x->file, y->file);
    assert_int_equal(x->line, y->line);
    assert_int_equal(x->nwords, y->nwords);
    for (uint32_t e = 0; e < x->nelem; e++) {
        const dyad_pelem *p = &x->elem[e], *q = &y->elem[e];
        assert_int_equal(p->type, q->type);
        assert_int_equal(p->optional, q->optional);
        assert_int_equal(p->exact, q->exact);
        assert_int_equal(p->nalt, q->nalt);
        assert_int_equal(p->sig, q->sig);
        if (p->nalt)
            assert_memory_equal(p->alt, q->alt, p->nalt * sizeof *p->alt);
    }
}

static void same_filter(const dyad_pfilter *x, const dyad_pfilter *y)
{
    assert_int_equal(x->nor, y->nor);
    assert_int_equal(x->nbit, y->nbit);
    assert_int_equal(x->flags, y->flags);
    assert_memory_equal(x->bit, y->bit, sizeof x->bit);
    assert_int_equal(x->orbit == NULL, y->orbit == NULL);
    if (x->orbit)
        assert_memory_equal(x->orbit, y->orbit, (x->nor + 1u) * sizeof *x->orbit);
}

typedef struct anchors {
    const dyad_kb *a, *b;
    uint32_t lists, patterns;
} anchors;

/* A (kind, lemma) of kb a: the same list in b. */
static void same_list(void *ud, int kind, uint32_t lemma, uint32_t handle)
{
    anchors *c = ud;
    const dyad_pfilter *fa, *fb;
    uint32_t na, nb, pa, pb;
    const dyad_pattern *const *la = dyad__kb_patterns_at(c->a, handle, &na, &fa, &pa);
    const dyad_pattern *const *lb = dyad__kb_patterns(c->b, kind, lemma, &nb, &fb, &pb);
    assert_non_null(la);
    assert_non_null(lb);
    assert_int_equal(na, nb);
    assert_int_equal(pa, pb);
    for (uint32_t i = 0; i < na; i++) {
        same_pattern(la[i], lb[i]);
        same_filter(&fa[i], &fb[i]);
    }
    c->lists++;
    c->patterns += na;
}

static void same_patterns(const dyad_kb *a, const dyad_kb *b)
{
    anchors c = {a, b, 0, 0};
    dyad__kb_each_anchor(a, same_list, &c);
    assert_true(c.lists > 1000 && c.patterns > 10000);
    /* and as many lists in b */
    anchors d = {b, a, 0, 0};
    dyad__kb_each_anchor(b, same_list, &d);
    assert_int_equal(c.lists, d.lists);
}

static void test_patterns(void **state)
{
    fixture *f = *state;
    same_patterns(f->text, f->image);
    same_patterns(f->text, f->builtin);
    const dyad_cameo_info *x = dyad_cameo_lookup(f->text, "0312"),
                          *y = dyad_cameo_lookup(f->image, "0312");
    assert_non_null(x);
    assert_non_null(y);
    assert_string_equal(x->label, y->label);
    assert_string_equal(x->plover, y->plover);
    assert_int_equal(dyad__kb_block_type(f->text, "SCO"), dyad__kb_block_type(f->image, "SCO"));
    assert_int_equal(dyad__kb_block_type(f->text, "GOV"), dyad__kb_block_type(f->image, "GOV"));
}

/* The events of one document, as text: what `dyad code` would compare. */
static size_t code(const dyad_kb *kb, const char *text, char *out, size_t cap)
{
    dyad_err err = {0};
    dyad_coder *c = dyad_coder_new(kb, &err);
    assert_non_null(c);
    dyad_doc doc = {"d1", 2, text, strlen(text), dyad_date_parse("2024-03-12", 10)};
    const dyad_result *r = dyad_code(c, &doc);
    size_t o = 0;
    for (size_t i = 0; i < r->nevents && o < cap; i++) {
        const dyad_event *e = &r->events[i];
        o += (size_t)snprintf(out + o, cap - o, "%s|%s|%s|%.*s|%.*s;", e->source, e->target,
                              e->code, (int)e->pattern.n, e->pattern.p, (int)e->rule.n,
                              e->rule.p);
    }
    size_t n = r->nevents;
    dyad_coder_free(c);
    return n;
}

static void test_coding(void **state)
{
    fixture *f = *state;
    static const char doc[] =
        "Kenyan police arrested twelve protesters in Nairobi on Monday, the interior "
        "ministry said. The United Nations condemned the arrests and urged the government "
        "of Kenya to release them. Ethiopia's prime minister met the Kenyan president in "
        "Addis Ababa to discuss the dispute.";
    char a[4096], b[4096], c[4096];
    size_t na = code(f->text, doc, a, sizeof a);
    assert_true(na >= 2);
    assert_int_equal(code(f->image, doc, b, sizeof b), na);
    assert_int_equal(code(f->builtin, doc, c, sizeof c), na);
    assert_string_equal(a, b);
    assert_string_equal(a, c);
}

/* An image of another layout, or cut short, is refused; a good one not. */
static void test_refused(void **state)
{
    fixture *f = *state;
    dyad_err err = {0};
    char *bad = malloc(f->len + 1);
    assert_non_null(bad);
    memcpy(bad, f->buf, f->len + 1);
    bad[8] ^= 1; /* the first size of the layout */
    assert_null(dyad__kb_load_image(bad, f->len, &err));
    assert_int_equal(err.code, DYAD_EDICT);
    bad[8] ^= 1;
    assert_null(dyad__kb_load_image(bad, f->len - 8, &err));
    assert_null(dyad__kb_load_image(bad, 16, &err));
    dyad_kb *kb = dyad__kb_load_image(bad, f->len, &err);
    assert_non_null(kb);
    dyad_kb_free(kb);
    free(bad);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counts_and_lexicon),
        cmocka_unit_test(test_actors),
        cmocka_unit_test(test_patterns),
        cmocka_unit_test(test_coding),
        cmocka_unit_test(test_refused),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
