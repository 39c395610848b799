/*
 * test_grammar.c -- the grammar's tables and date arithmetic: how frames
 * (intent, threat, refusal, appeal, demand, negation) map CAMEO codes, and
 * how relative dates resolve against the article date.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "grammar/frames.h"
#include "grammar/when.h"

static const char *mapped(int frame, const char *code)
{
    static char out[6];
    if (!dyad__frame_code(frame, code, out))
        return "-";
    return out;
}

static void test_intent_maps_to_03_and_13(void **state)
{
    (void)state;
    assert_string_equal(mapped(DYAD_FRAME_INTENT, "040"), "036"); /* will meet */
    assert_string_equal(mapped(DYAD_FRAME_INTENT, "0312"), "0312");
    assert_string_equal(mapped(DYAD_FRAME_INTENT, "062"), "0312"); /* will hold drills */
    assert_string_equal(mapped(DYAD_FRAME_INTENT, "073"), "0333"); /* will send aid */
    assert_string_equal(mapped(DYAD_FRAME_INTENT, "0841"), "0353"); /* will release */
    assert_string_equal(mapped(DYAD_FRAME_INTENT, "190"), "1384"); /* will attack: a threat */
    assert_string_equal(mapped(DYAD_FRAME_INTENT, "163"), "1312"); /* will sanction */
    assert_string_equal(mapped(DYAD_FRAME_INTENT, "111"), "111");  /* verbal conflict stays */
}

static void test_refusal_appeal_demand(void **state)
{
    (void)state;
    assert_string_equal(mapped(DYAD_FRAME_REFUSE, "040"), "125");
    assert_string_equal(mapped(DYAD_FRAME_REFUSE, "0841"), "1243");
    assert_string_equal(mapped(DYAD_FRAME_REFUSE, "190"), "-");    /* refusing to attack */
    assert_string_equal(mapped(DYAD_FRAME_APPEAL, "040"), "026");
    assert_string_equal(mapped(DYAD_FRAME_APPEAL, "0871"), "0256");
    /* the CAMEO manual's 10x numbering: a demanded ceasefire is
     * de-escalation (1056), talks 106, settlement 107, mediation 108 */
    assert_string_equal(mapped(DYAD_FRAME_DEMAND, "0871"), "1056");
    assert_string_equal(mapped(DYAD_FRAME_DEMAND, "040"), "106");
    assert_string_equal(mapped(DYAD_FRAME_DEMAND, "037"), "107");
    assert_string_equal(mapped(DYAD_FRAME_DEMAND, "045"), "108");
    assert_string_equal(mapped(DYAD_FRAME_DEMAND, "0841"), "1053");
    assert_string_equal(mapped(DYAD_FRAME_THREAT, "191"), "1381");
}

static void test_negation_suppresses(void **state)
{
    (void)state;
    assert_string_equal(mapped(DYAD_FRAME_NEG, "190"), "-");
    assert_string_equal(mapped(DYAD_FRAME_NEG, "040"), "-");
    assert_string_equal(mapped(DYAD_FRAME_NONE, "0312"), "0312");
}

static void test_frame_words(void **state)
{
    (void)state;
    assert_int_equal(dyad__frame_of_verb("vow"), DYAD_FRAME_INTENT);
    assert_int_equal(dyad__frame_of_verb("threaten"), DYAD_FRAME_THREAT);
    assert_int_equal(dyad__frame_of_verb("refuse"), DYAD_FRAME_REFUSE);
    assert_int_equal(dyad__frame_of_appeal("urge"), DYAD_FRAME_APPEAL);
    assert_int_equal(dyad__frame_of_appeal("demand"), DYAD_FRAME_DEMAND);
    assert_int_equal(dyad__frame_of_adj("ready"), DYAD_FRAME_INTENT);
    assert_int_equal(dyad__frame_of_adj("unwilling"), DYAD_FRAME_REFUSE);
    assert_int_equal(dyad__frame_of_noun("threat"), DYAD_FRAME_THREAT);
    assert_int_equal(dyad__frame_of_verb("walk"), DYAD_FRAME_NONE);
}

/* Tokens over a text split at spaces (enough for date words). */
static uint32_t toks(const char *text, dyad_tok *t, uint32_t cap)
{
    uint32_t n = 0, i = 0, len = (uint32_t)strlen(text);
    while (i < len && n < cap) {
        while (i < len && text[i] == ' ')
            i++;
        uint32_t s = i;
        while (i < len && text[i] != ' ')
            i++;
        if (i > s) {
            memset(&t[n], 0, sizeof t[n]);
            t[n].off = s;
            t[n].len = (uint16_t)(i - s);
            if (text[s] >= 'A' && text[s] <= 'Z')
                t[n].shape = DYAD_TS_CAP;
            n++;
        }
    }
    return n;
}

static int32_t when_of(const char *text, int32_t doc, int future)
{
    dyad_tok t[32];
    uint32_t n = toks(text, t, 32);
    return dyad__when(t, n, text, 0, doc, future, NULL, NULL, 0);
}

static void test_relative_dates(void **state)
{
    (void)state;
    /* 2024-03-15 is a Friday */
    assert_int_equal(when_of("troops attacked on Tuesday", 20240315, 0), 20240312);
    assert_int_equal(when_of("troops attacked yesterday", 20240315, 0), 20240314);
    assert_int_equal(when_of("they will meet on Tuesday", 20240315, 1), 20240319);
    assert_int_equal(when_of("talks ended last week", 20240315, 0), 20240308);
    assert_int_equal(when_of("elections next year", 20240315, 1), 20250101);
    assert_int_equal(when_of("the raid on March 3", 20240315, 0), 20240303);
    /* a month after the article's, in the past tense: last year */
    assert_int_equal(when_of("the raid on November 3", 20240315, 0), 20231103);
    assert_int_equal(when_of("the talks on Friday", 20240315, 0), 20240315);
    /* "may" the verb is not May */
    assert_int_equal(when_of("they may attack 3 towns", 20240315, 0), 0);
    /* no article date, no event date */
    assert_int_equal(when_of("troops attacked yesterday", 0, 0), 0);
    assert_int_equal(when_of("troops attacked the town", 20240315, 0), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_intent_maps_to_03_and_13),
        cmocka_unit_test(test_refusal_appeal_demand),
        cmocka_unit_test(test_negation_suppresses),
        cmocka_unit_test(test_frame_words),
        cmocka_unit_test(test_relative_dates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
