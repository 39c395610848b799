/*
 * test_actors.c -- the actor stage over the built-in dictionaries: country +
 * agent composition before and after the agent, titles folded into people,
 * names after a title, dates choosing a person's code, agent words used as
 * modifiers, places lending their country to bare agents, a longer name
 * after an article, and acronyms an article defines.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "actors/actors.h"
#include "base/arena.h"
#include "dyad.h"
#include "kb/kb.h"
#include "text/text.h"

typedef struct fixture {
    dyad_kb *kb;
    dyad_arena arena;
} fixture;

static int setup(void **state)
{
    static fixture f;
    dyad_err err;
    f.kb = dyad_kb_load(NULL, &err);
    if (!f.kb)
        return -1;
    dyad__arena_init(&f.arena, 1 << 16);
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    dyad_kb_free(f->kb);
    dyad__arena_free(&f->arena);
    return 0;
}

/* Tokenizes and tags text into tx. */
static void analyse(fixture *f, const char *text, dyad_text *tx)
{
    dyad__arena_reset(&f->arena);
    memset(tx, 0, sizeof *tx);
    assert_int_equal(dyad__text_analyse(dyad__kb_lex(f->kb), text, 0, (uint32_t)strlen(text),
                                        &f->arena, tx), 0);
    assert_true(tx->nsent >= 1);
}

/* Appends "words=CODE;" for each mention that is no reference ("~" after a
 * code an acronym gave), checking the mentions come in order, apart. */
static size_t put_mentions(char *out, size_t len, size_t cap, const dyad_text *tx,
                           const char *text, const dyad_mention *m, uint32_t n)
{
    for (uint32_t k = 0; k < n; k++) {
        if (k > 0)
            assert_true(m[k].tok >= m[k - 1].tok + m[k - 1].ntok);
        if (m[k].flags & DYAD_MF_REF)
            continue;
        const dyad_tok *a = &tx->tok[m[k].tok], *z = &tx->tok[m[k].tok + m[k].ntok - 1];
        len += (size_t)snprintf(out + len, cap - len, "%.*s=%s%s;", (int)(z->off + z->len - a->off),
                                text + a->off, m[k].code, m[k].acronym ? "~" : "");
    }
    return len;
}

/* Finds the actors of a one-sentence text; writes "words=CODE;..." into out. */
static const char *actors_of(fixture *f, const char *text, int32_t date)
{
    static char out[512];
    dyad_text tx;
    analyse(f, text, &tx);
    dyad_mention *m;
    uint32_t n;
    assert_int_equal(dyad__actors_find(f->kb, &tx, &tx.sent[0], text, date, &f->arena, &m, &n), 0);
    out[0] = '\0';
    put_mentions(out, 0, sizeof out, &tx, text, m, n);
    return out;
}

static void test_country_and_agent(void **state)
{
    fixture *f = *state;
    assert_string_equal(actors_of(f, "Chinese troops crossed the line.", 20240315),
                        "Chinese troops=CHNMIL;");
    assert_string_equal(actors_of(f, "Kenya's police arrested them.", 20240315),
                        "Kenya's police=KENCOP;");
    assert_string_equal(actors_of(f, "They were held by police in Kenya.", 20240315),
                        "police in Kenya=KENCOP;");
    /* a plural agent of two places is an agent of each */
    assert_string_equal(actors_of(f, "The presidents of Kenya and Tanzania met.", 20240315),
                        "presidents of Kenya=KENGOV;Tanzania=TZAGOV;");
    assert_string_equal(actors_of(f, "Russian lawmakers voted.", 20240315),
                        "Russian lawmakers=RUSLEG;");
    /* a town's name after a given name is a surname, not the town */
    assert_string_equal(actors_of(f, "Congresswoman Norma Torres spoke.", 20190301),
                        "Congresswoman Norma Torres=---LEG;");
    assert_string_equal(actors_of(f, "They met in Torres.", 20190301), "Torres=BRA;");
    /* the leaders of an organisation are the organisation */
    assert_string_equal(actors_of(f, "Leaders of the Muslim Brotherhood left.", 20140915),
                        "Leaders of the Muslim Brotherhood=EGYOPPMBR;");
}

static void test_metonyms(void **state)
{
    fixture *f = *state;
    assert_string_equal(actors_of(f, "The Kremlin denied it.", 20240315), "The Kremlin=RUSGOV;");
    assert_string_equal(actors_of(f, "The Pentagon said so.", 20240315), "The Pentagon=USAMIL;");
}

static void test_people_by_date(void **state)
{
    fixture *f = *state;
    /* a title and a country before a person fold into the person */
    assert_string_equal(actors_of(f, "Russian President Vladimir Putin spoke.", 20231110),
                        "Russian President Vladimir Putin=RUSGOV;");
    /* one name, several codes: president, then in opposition, then president again */
    assert_string_equal(actors_of(f, "Donald Trump spoke.", 20190601), "Donald Trump=USAGOV;");
    assert_string_equal(actors_of(f, "Donald Trump spoke.", 20220601), "Donald Trump=USAOPP;");
    assert_string_equal(actors_of(f, "Donald Trump spoke.", 20250601), "Donald Trump=USAGOV;");
    /* no article date: the role held longest, unless a title says which */
    assert_string_equal(actors_of(f, "Donald Trump spoke.", 0), "Donald Trump=USABUS;");
    assert_string_equal(actors_of(f, "US President Donald Trump spoke.", 0),
                        "US President Donald Trump=USAGOV;");
    assert_string_equal(actors_of(f, "President Donald Trump spoke.", 0),
                        "President Donald Trump=USAGOV;");
}

static void test_title_takes_unknown_name(void **state)
{
    fixture *f = *state;
    assert_string_equal(actors_of(f, "US Deputy Secretary Marta Lindqvist said so.", 20080806),
                        "US Deputy Secretary Marta Lindqvist=USAGOV;");
    /* a department between the title and the name */
    assert_string_equal(actors_of(f, "US Deputy Secretary of Energy Marta Lindqvist said so.", 20080806),
                        "US Deputy Secretary of Energy Marta Lindqvist=USAGOV;");
}

static void test_agent_words_as_modifiers(void **state)
{
    fixture *f = *state;
    /* "military operation": the adjective is not an actor */
    assert_string_equal(actors_of(f, "Turkey began a military operation.", 20240315), "Turkey=TUR;");
}

static void test_place_lends_country(void **state)
{
    fixture *f = *state;
    /* a bare agent takes the country of the one place named as a location */
    assert_string_equal(actors_of(f, "Gunmen attacked a bus near Peshawar.", 20240315),
                        "Gunmen=PAKUAF;Peshawar=PAK;");
    /* not from a place that is not a location */
    assert_string_equal(actors_of(f, "Protesters denounced Iran.", 20240315),
                        "Protesters=---CVL;Iran=IRN;");
    /* nor from a country adjective before an attack: the attacker */
    assert_string_equal(actors_of(f, "Farmers were killed in a Turkish air strike.", 20240315),
                        "Farmers=---AGR;Turkish=TUR;");
}

static void test_longer_name_after_article(void **state)
{
    fixture *f = *state;
    /* "The Sudan" is a name of the country, but a longer name starts after it */
    assert_string_equal(actors_of(f, "The Sudan Liberation Movement rejected it.", 20240315),
                        "Sudan Liberation Movement=SDNREBSLM;");
    assert_string_equal(actors_of(f, "The Sudan rejected it.", 20240315), "The Sudan=SDN;");
}

/* The actors of every sentence of text, with the acronyms the text
 * defines applied as the coder applies them ("~" marks a mention that an
 * acronym made). */
static const char *doc_actors_of(fixture *f, const char *text, int32_t date)
{
    static char out[512];
    dyad_text tx;
    analyse(f, text, &tx);
    dyad_acronyms acr;
    acr.n = 0;
    size_t len = 0;
    out[0] = '\0';
    for (uint32_t si = 0; si < tx.nsent; si++) {
        dyad_mention *m;
        uint32_t n;
        assert_int_equal(dyad__actors_find(f->kb, &tx, &tx.sent[si], text, date, &f->arena, &m, &n), 0);
        dyad__actors_acronyms(&acr, &tx, &tx.sent[si], text, m, &n);
        len = put_mentions(out, len, sizeof out, &tx, text, m, n);
    }
    return out;
}

static void test_acronyms(void **state)
{
    fixture *f = *state;
    /* the name's actor, not the dictionary's other ICC (the criminal court),
     * in the parentheses and after them */
    assert_string_equal(
        doc_actors_of(f, "The Interstate Commerce Commission (ICC) fined two railways. The ICC met.", 20240315),
        "Interstate Commerce Commission=USAGOV;ICC=USAGOV~;ICC=USAGOV~;");
    /* an acronym the dictionaries do not know alone becomes a mention */
    assert_string_equal(
        doc_actors_of(f, "The Office of Management and Budget (OMB) met. The OMB's report came out.", 20240315),
        "Office of Management and Budget=USAGOV;OMB=USAGOV~;OMB=USAGOV~;");
    /* letters that are not the name's initials define nothing */
    assert_string_equal(doc_actors_of(f, "Israel (ICC) said nothing. The ICC met.", 20240315),
                        "Israel=ISR;ICC=IGOICC;ICC=IGOICC;");
    /* nor does an agent without a country of its own */
    assert_string_equal(doc_actors_of(f, "The Superintendent of Police (SP) resigned.", 20240315),
                        "Superintendent of Police=---COP;");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_country_and_agent),
        cmocka_unit_test(test_metonyms),
        cmocka_unit_test(test_people_by_date),
        cmocka_unit_test(test_title_takes_unknown_name),
        cmocka_unit_test(test_agent_words_as_modifiers),
        cmocka_unit_test(test_place_lends_country),
        cmocka_unit_test(test_longer_name_after_article),
        cmocka_unit_test(test_acronyms),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
