/*
 * test_lex.c -- the lexicon: loading the built-in data, folding, lookups,
 * flags, tag statistics, lemmas (precomputed and by rule), interning after
 * load, and the tag model tables.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "lex/lex.h"

static dyad_lex *g_lex;

static int setup(void **state)
{
    (void)state;
    dyad_err err;
    g_lex = dyad__lex_new(&err);
    if (!g_lex || dyad__lex_load_builtin(g_lex, &err) != 0)
        return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    dyad__lex_free(g_lex);
    return 0;
}

static uint32_t id(const char *w) { return dyad__lex_find(g_lex, w, strlen(w)); }

static const char *lemma(const char *w, int lc)
{
    return dyad__lex_str(g_lex, dyad__lex_lemma(g_lex, id(w), lc));
}

static int has_tag(const char *w, int tag)
{
    const dyad_lex_word *r = dyad__lex_word(g_lex, id(w));
    for (int i = 0; i < r->ntags; i++)
        if (r->tag[i] == tag)
            return 1;
    return 0;
}

static void test_loads_many_words(void **state)
{
    (void)state;
    assert_true(dyad__lex_count(g_lex) > 50000);
    assert_true(id("the") > 0);
    assert_true(id("sanctions") > 0);
    assert_int_equal(id("qzxv"), 0);
    assert_string_equal(dyad__lex_str(g_lex, id("attack")), "attack");
    /* loading twice is refused */
    dyad_err err;
    assert_int_equal(dyad__lex_load_builtin(g_lex, &err), -1);
}

static void test_fold(void **state)
{
    (void)state;
    char out[64];
    size_t n = dyad__lex_fold("Russia's", 8, out, sizeof out);
    assert_int_equal(n, 8);
    assert_memory_equal(out, "russia's", 8);
    /* the typographic apostrophe folds to ' */
    n = dyad__lex_fold("Russia\xE2\x80\x99s", 10, out, sizeof out);
    assert_int_equal(n, 8);
    assert_memory_equal(out, "russia's", 8);
    /* non-ASCII upper case */
    n = dyad__lex_fold("\xC3\x89VORA", 6, out, sizeof out);
    assert_int_equal(n, 6);
    assert_memory_equal(out, "\xC3\xA9vora", 6);
    n = dyad__lex_fold("\xD0\x9C\xD0\x9E\xD0\xA1\xD0\x9A\xD0\x92\xD0\x90", 12, out, sizeof out);
    assert_memory_equal(out, "\xD0\xBC\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0", 12);
    /* too small */
    assert_int_equal(dyad__lex_fold("ABCDEF", 6, out, 3), (size_t)-1);
}

static void test_flags(void **state)
{
    (void)state;
    assert_true(dyad__lex_word(g_lex, id("the"))->flags & DYAD_LW_FUNCTION);
    assert_true(dyad__lex_word(g_lex, id("of"))->flags & DYAD_LW_FUNCTION);
    assert_true(dyad__lex_word(g_lex, id("said"))->flags & DYAD_LW_FUNCTION);
    assert_false(dyad__lex_word(g_lex, id("missile"))->flags & DYAD_LW_FUNCTION);
    static const char *const abbr[] = {"mr.", "gen.", "u.s.", "jan.", "st.", "inc.", "corp.",
                                       "lt.", "col.", "sen.", "rep.", "gov.", "u.n.", "no."};
    for (size_t i = 0; i < sizeof abbr / sizeof abbr[0]; i++)
        assert_true(dyad__lex_word(g_lex, id(abbr[i]))->flags & DYAD_LW_ABBREV);
    assert_true(dyad__lex_word(g_lex, id("gen."))->flags & DYAD_LW_TITLE);
    assert_false(dyad__lex_word(g_lex, id("inc."))->flags & DYAD_LW_TITLE);
    assert_true(dyad__lex_word(g_lex, id("no."))->flags & DYAD_LW_NUMABBR);
    assert_true(dyad__lex_word(g_lex, id("attack"))->flags & DYAD_LW_WN_VERB);
    assert_true(dyad__lex_word(g_lex, id("attack"))->flags & DYAD_LW_WN_NOUN);
    assert_true(dyad__lex_word(g_lex, id("that"))->flags & DYAD_LW_SUBORD);
    /* the abbreviation table of the tokenizer */
    uint16_t fl = 0;
    assert_int_equal(dyad__lex_abbrev(g_lex, "gen", 3, &fl), id("gen."));
    assert_true(fl & DYAD_LW_TITLE);
    assert_int_equal(dyad__lex_abbrev(g_lex, "corp", 4, &fl), id("corp."));
    assert_int_equal(dyad__lex_abbrev(g_lex, "said", 4, &fl), 0);
}

static void test_tags(void **state)
{
    (void)state;
    assert_true(has_tag("attack", DYAD_NN));
    assert_true(has_tag("attack", DYAD_VB));
    assert_true(has_tag("said", DYAD_VBD));
    assert_true(has_tag("will", DYAD_MD));
    assert_true(has_tag("the", DYAD_DT));
    assert_false(has_tag("the", DYAD_VB));
    /* VB seen, VBP missing in the data: added as a sibling */
    assert_true(has_tag("protest", DYAD_VBP));
    /* most frequent first */
    assert_int_equal(dyad__lex_word(g_lex, id("the"))->tag[0], DYAD_DT);
    assert_int_equal(dyad__lex_word(g_lex, id("sanctions"))->tag[0], DYAD_NNS);
    /* spelling matters: May (month) and may (modal) */
    dyad_tagview v;
    assert_true(dyad__lex_tags(g_lex, id("may"), DYAD_WC_LOWER, &v));
    assert_int_equal(v.tag[0], DYAD_MD);
    assert_true(dyad__lex_tags(g_lex, id("may"), DYAD_WC_CAP, &v));
    assert_int_equal(v.tag[0], DYAD_NNP);
    /* at a sentence start both spellings count */
    assert_true(dyad__lex_tags(g_lex, id("the"), DYAD_WC_START, &v));
    assert_int_equal(v.tag[0], DYAD_DT);
    /* only capitalised in the data: no lower-case statistics */
    assert_false(dyad__lex_tags(g_lex, id("bush"), DYAD_WC_LOWER, &v));
    assert_true(dyad__lex_tags(g_lex, id("bush"), DYAD_WC_CAP, &v));
    assert_int_equal(v.tag[0], DYAD_NNP);
    assert_string_equal(dyad__pos_name(DYAD_PRPS), "PRP$");
    assert_string_equal(dyad__pos_name(DYAD_DOLLAR), "$");
}

static void test_model_tables(void **state)
{
    (void)state;
    /* a determiner is followed by a noun far more often than by a verb */
    assert_true(dyad__lex_trans(g_lex, DYAD_DT, DYAD_NN) > dyad__lex_trans(g_lex, DYAD_DT, DYAD_VBD) + 3);
    assert_true(dyad__lex_trans(g_lex, DYAD_MD, DYAD_VB) > dyad__lex_trans(g_lex, DYAD_MD, DYAD_NN));
    assert_true(dyad__lex_prior(g_lex, DYAD_NN) > dyad__lex_prior(g_lex, DYAD_UH));
    const dyad_tagset *s = dyad__lex_unknown(g_lex, DYAD_UNK_ING);
    assert_true(s->n > 0);
    assert_int_equal(s->tag[0], DYAD_VBG);
    s = dyad__lex_suffix(g_lex, "geolocations", 12);
    assert_non_null(s);
    assert_int_equal(s->tag[0], DYAD_NNS);
    s = dyad__lex_suffix(g_lex, "rebranded", 9);
    assert_non_null(s);
    assert_true(s->tag[0] == DYAD_VBN || s->tag[0] == DYAD_VBD || s->tag[0] == DYAD_JJ);
}

static void test_lemmas(void **state)
{
    (void)state;
    /* WordNet exceptions */
    assert_string_equal(lemma("went", DYAD_LC_VERB), "go");
    assert_string_equal(lemma("said", DYAD_LC_VERB), "say");
    assert_string_equal(lemma("stood", DYAD_LC_VERB), "stand");
    assert_string_equal(lemma("children", DYAD_LC_NOUN), "child");
    assert_string_equal(lemma("men", DYAD_LC_NOUN), "man");
    assert_string_equal(lemma("bigger", DYAD_LC_ADJ), "big");
    /* detachment rules */
    assert_string_equal(lemma("attacks", DYAD_LC_NOUN), "attack");
    assert_string_equal(lemma("attacks", DYAD_LC_VERB), "attack");
    assert_string_equal(lemma("talks", DYAD_LC_NOUN), "talk");
    assert_string_equal(lemma("forces", DYAD_LC_VERB), "force");
    assert_string_equal(lemma("imposed", DYAD_LC_VERB), "impose");
    assert_string_equal(lemma("stopped", DYAD_LC_VERB), "stop");
    assert_string_equal(lemma("killing", DYAD_LC_VERB), "kill");
    assert_string_equal(lemma("cities", DYAD_LC_NOUN), "city");
    /* clitics and modals */
    assert_string_equal(lemma("'s", DYAD_LC_VERB), "be");
    assert_string_equal(lemma("wo", DYAD_LC_VERB), "will");
    assert_string_equal(lemma("ca", DYAD_LC_VERB), "can");
    /* a base form is its own lemma; unknown ids pass through */
    assert_string_equal(lemma("attack", DYAD_LC_VERB), "attack");
    assert_int_equal(dyad__lex_lemma(g_lex, 0, DYAD_LC_VERB), 0);
    /* forms the lexicon does not hold: rules against known base forms */
    assert_int_equal(dyad__lex_lemma_text(g_lex, "geolocates", 10, DYAD_LC_VERB), 0);
    assert_int_equal(dyad__lex_lemma_text(g_lex, "outflanked", 10, DYAD_LC_VERB), id("outflank"));
    assert_int_equal(dyad__lex_lemma_text(g_lex, "glasses", 7, DYAD_LC_NOUN), id("glass"));
}

static void test_intern_after_load(void **state)
{
    (void)state;
    /* a dictionary word the lexicon does not have */
    uint32_t a = dyad__lex_intern(g_lex, "airstrike", 9);
    assert_true(a > 0);
    assert_int_equal(dyad__lex_intern(g_lex, "airstrike", 9), a);
    assert_int_equal(id("airstrike"), a);
    dyad__lex_word_mut(g_lex, a)->flags |= DYAD_LW_KB;
    /* now "airstrikes" lemmatises to it */
    assert_int_equal(dyad__lex_lemma_text(g_lex, "airstrikes", 10, DYAD_LC_NOUN), a);
    /* a plural interned later lemmatises by rule */
    uint32_t b = dyad__lex_intern(g_lex, "airstrikes", 10);
    assert_int_equal(dyad__lex_lemma(g_lex, b, DYAD_LC_NOUN), a);
    /* existing words keep their ids */
    assert_int_equal(dyad__lex_intern(g_lex, "the", 3), id("the"));
    const dyad_lex_word *w = dyad__lex_word(g_lex, a);
    assert_int_equal(w->ntags, 0);
    /* out of range ids get a zero record */
    assert_int_equal(dyad__lex_word(g_lex, 0xFFFFFFF0u)->ntags, 0);
}

static void test_two_lexicons(void **state)
{
    (void)state;
    dyad_err err;
    dyad_lex *b = dyad__lex_new(&err);
    assert_non_null(b);
    assert_int_equal(dyad__lex_load_builtin(b, &err), 0);
    /* independent: a word interned in one is not in the other */
    uint32_t x = dyad__lex_intern(b, "zzyzxword", 9);
    assert_true(x > 0);
    assert_int_equal(id("zzyzxword"), 0);
    assert_int_equal(dyad__lex_find(b, "the", 3), id("the"));
    dyad__lex_free(b);
}

/* The records view (dyad__lex_recs) answers as the lookups it stands in
 * for, for every word, for words interned after loading and for ids out
 * of range; and in an empty lexicon. */
static void check_recs(const dyad_lex *l)
{
    dyad_lex_recs r;
    dyad__lex_recs(l, &r);
    uint32_t n = dyad__lex_count(l);
    assert_true(r.n >= 1 && r.nstat < r.n);
    for (uint32_t i = 0; i <= n + 2; i++) {
        if (i && i <= n)
            assert_ptr_equal(dyad__lex_rec(&r, i), dyad__lex_word(l, i));
        assert_memory_equal(dyad__lex_rec(&r, i), dyad__lex_word(l, i), sizeof(dyad_lex_word));
        dyad_tagview a, b;
        int ka = dyad__lex_tags(l, i, DYAD_WC_LOWER, &a), kb = dyad__lex_tags_lower(&r, i, &b);
        assert_int_equal(ka, kb);
        if (ka) {
            assert_int_equal(a.n, b.n);
            assert_ptr_equal(a.tag, b.tag);
            assert_ptr_equal(a.score, b.score);
        }
        for (int lc = 0; lc < DYAD_LC_COUNT; lc++)
            if (i && i <= n && !dyad__lex_rec(&r, i)->lemma[lc] && (i <= r.nfile || !r.loaded))
                assert_int_equal(dyad__lex_lemma(l, i, lc), i); /* what lemma.c relies on */
    }
    assert_int_equal(dyad__lex_rec(&r, 0xFFFFFFF0u)->ntags, 0);
}

static void test_records_view(void **state)
{
    (void)state;
    check_recs(g_lex); /* with the words interned by the tests before */
    dyad_err err;
    dyad_lex *e = dyad__lex_new(&err);
    assert_non_null(e);
    check_recs(e);
    assert_int_equal(dyad__lex_intern(e, "zorg", 4), 1);
    check_recs(e);
    dyad__lex_free(e);
}

/* A small lexicon file in the generated format. */
#define UNK_LINES                                                                        \
    "unk\tnum\tCD:5\nunk\tord\tJJ:1\nunk\tabbr\tNNP:1\nunk\tcap\tNNP:9,NN:1\n"          \
    "unk\thyp\tJJ:1\nunk\thypadj\tJJ:1\nunk\tsym\tSYM:1\nunk\ting\tVBG:1\nunk\ts\tNNS:1\n" \
    "unk\ttion\tNN:1\nunk\tly\tRB:1\nunk\ted\tVBN:1\nunk\tunknown\tNN:1\n"

static void test_load_text_and_errors(void **state)
{
    (void)state;
    static const char good[] = "# a comment\n"
                               "dyad-lexicon\t1\n"
                               "tag\tNN\t100\ntag\tNNS\t50\ntag\tVB\t40\ntag\tVBZ\t30\n"
                               "trans\t.\tNN:0.5,NNS:0.2,VB:0.3\n"
                               "trans\tNN\tVBZ:0.4,NN:0.1,.:0.5\n" UNK_LINES
                               "sfx\tment\tNN:7\n"
                               "w\tattack\tNN:3,VB:2\t\t\t\t\tnv\n"
                               "w\tattacks\tNNS:1,VBZ:1\t\t1\t1\t\t\n"
                               "w\tzorg.\t\t\t\t\t\tat\n";
    dyad_err err;
    dyad_lex *l = dyad__lex_new(&err);
    assert_int_equal(dyad__lex_load_text(l, good, sizeof good - 1, "mini.txt", &err), 0);
    assert_int_equal(dyad__lex_count(l), 3);
    uint32_t a = dyad__lex_find(l, "attack", 6), b = dyad__lex_find(l, "attacks", 7);
    assert_int_equal(a, 1);
    assert_int_equal(dyad__lex_lemma(l, b, DYAD_LC_NOUN), a);
    assert_int_equal(dyad__lex_lemma(l, b, DYAD_LC_VERB), a);
    const dyad_lex_word *w = dyad__lex_word(l, a);
    assert_int_equal(w->tag[0], DYAD_NN);
    assert_true(w->flags & DYAD_LW_WN_VERB);
    /* log(3 / 100) */
    assert_true(w->logp[0] < -3.50f && w->logp[0] > -3.52f);
    assert_int_equal(dyad__lex_abbrev(l, "zorg", 4, NULL), 3);
    assert_non_null(dyad__lex_suffix(l, "settlement", 10));
    assert_true(dyad__lex_trans(l, DYAD_NN, DYAD_VBZ) > dyad__lex_trans(l, DYAD_NN, DYAD_VB));
    dyad__lex_free(l);

    static const struct {
        const char *text;
        uint64_t line;
        const char *msg;
    } bad[] = {
        {"dyad-lexicon\t2\n", 1, "unsupported lexicon version"},
        {"tag\tNN\t5\n", 1, "missing 'dyad-lexicon 1' header"},
        {"dyad-lexicon\t1\ntag\tXX\t5\n", 2, "bad tag line"},
        {"dyad-lexicon\t1\nfoo\tbar\n", 2, "unknown record"},
        {"dyad-lexicon\t1\n" UNK_LINES "w\ta\tNN:1\t\t7\t\t\t\n", 15,
         "lemma is not the number of a word line"},
        {"dyad-lexicon\t1\n" UNK_LINES "w\ta\tNN:1\t\t\t\t\t\nw\ta\tNN:1\t\t\t\t\t\n", 16,
         "word listed twice"},
        {"dyad-lexicon\t1\n" UNK_LINES "w\ta\tNN:x\t\t\t\t\t\n", 15, "bad tag list"},
        {"dyad-lexicon\t1\n" UNK_LINES "w\ta\tNN:1\t\t\t\t\tq\n", 15, "unknown word flag"},
        {"dyad-lexicon\t1\nw\ta\tNN:1\t\t\t\t\t\n", 0, "an unknown-word class is missing"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        l = dyad__lex_new(&err);
        memset(&err, 0, sizeof err);
        assert_int_equal(dyad__lex_load_text(l, bad[i].text, strlen(bad[i].text), "bad.txt", &err), -1);
        assert_int_equal(err.code, DYAD_EDICT);
        assert_string_equal(err.where, "bad.txt");
        assert_int_equal(err.line, bad[i].line);
        assert_non_null(strstr(err.msg, bad[i].msg));
        dyad__lex_free(l);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_loads_many_words), cmocka_unit_test(test_fold),
        cmocka_unit_test(test_flags),            cmocka_unit_test(test_tags),
        cmocka_unit_test(test_model_tables),     cmocka_unit_test(test_lemmas),
        cmocka_unit_test(test_intern_after_load), cmocka_unit_test(test_two_lexicons),
        cmocka_unit_test(test_load_text_and_errors), cmocka_unit_test(test_records_view),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
