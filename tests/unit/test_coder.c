/*
 * test_coder.c -- whole documents through dyad_code with the built-in
 * dictionaries: the character offsets of the events' spans, in ASCII text
 * (where a byte is a character) and after multi-byte characters.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "dyad.h"

typedef struct fixture {
    dyad_kb *kb;
    dyad_coder *c;
} fixture;

/* The built-in dictionaries and one coder for all the tests. */
static int setup(void **state)
{
    static fixture f;
    dyad_err err;
    f.kb = dyad_kb_load(NULL, &err);
    f.c = f.kb ? dyad_coder_new(f.kb, &err) : NULL;
    *state = &f;
    return f.c ? 0 : -1;
}

static int teardown(void **state)
{
    fixture *f = *state;
    dyad_coder_free(f->c);
    dyad_kb_free(f->kb);
    return 0;
}

/* Byte offset of character offset ch in the UTF-8 text s. */
static size_t byte_of(const char *s, uint32_t ch)
{
    size_t i = 0;
    for (uint32_t k = 0; s[i]; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80 && k++ == ch)
            return i;
    return i;
}

/* The span's characters of the original text are the event's words (the
 * cleaner leaves these texts as they are). */
static void assert_span_is(const char *text, dyad_span sp, dyad_str words)
{
    size_t a = byte_of(text, sp.start), b = byte_of(text, sp.end);
    assert_int_equal(b - a, words.n);
    assert_memory_equal(text + a, words.p, words.n);
}

/* Codes text; writes "SOURCE CODE TARGET [s,e) [s,e) [s,e);" per event. */
static const char *spans_of(fixture *f, const char *text)
{
    static char out[512];
    dyad_doc d = {"t", 1, text, strlen(text), 20240315};
    const dyad_result *r = dyad_code(f->c, &d);
    assert_non_null(r);
    size_t len = 0;
    out[0] = '\0';
    for (size_t k = 0; k < r->nevents; k++) {
        const dyad_event *e = &r->events[k];
        assert_span_is(text, e->source_span, e->source_text);
        assert_span_is(text, e->target_span, e->target_text);
        assert_span_is(text, e->verb_span, e->verb_text);
        len += (size_t)snprintf(out + len, sizeof out - len, "%s %s %s [%u,%u) [%u,%u) [%u,%u);",
                                e->source, e->code, e->target, e->source_span.start,
                                e->source_span.end, e->target_span.start, e->target_span.end,
                                e->verb_span.start, e->verb_span.end);
    }
    return out;
}

static void test_spans_in_ascii_text(void **state)
{
    fixture *f = *state;
    assert_string_equal(spans_of(f, "Russian troops shelled the Ukrainian city of Kharkiv."),
                        "RUSMIL 194 UKR [0,14) [27,36) [15,22);");
}

static void test_spans_after_multibyte_characters(void **state)
{
    fixture *f = *state;
    /* two em dashes (3 bytes, 1 character each) before every span */
    assert_string_equal(
        spans_of(f, "On the 15th \xE2\x80\x94 a Friday \xE2\x80\x94 Russian troops shelled the "
                    "Ukrainian city of Kharkiv."),
        "RUSMIL 194 UKR [25,39) [52,61) [40,47);");
    /* the first event in the ASCII start, the second after the dashes */
    assert_string_equal(
        spans_of(f, "Russian troops shelled the Ukrainian city of Kharkiv. Officials said the "
                    "strike \xE2\x80\x94 the third this week \xE2\x80\x94 hit a school. Ukrainian "
                    "soldiers attacked Russian positions near Bakhmut."),
        "RUSMIL 194 UKR [0,14) [27,36) [15,22);UKRMIL 190 RUS [118,136) [146,153) [137,145);");
    /* no ASCII start at all: a curly quote first, a curly apostrophe inside a span */
    assert_string_equal(
        spans_of(f, "\xE2\x80\x9CIsraeli forces arrested two Palestinians,\xE2\x80\x9D the army "
                    "said. Egypt\xE2\x80\x99s foreign minister met the Jordanian king in Amman."),
        "ISRMIL 173 PSE [1,15) [29,41) [16,28);EGYGOV 040 JORGOV [59,83) [92,106) [84,87);");
}

/* The first multi-byte character at each place of an eight-byte word. */
static void test_spans_after_the_ascii_start(void **state)
{
    fixture *f = *state;
    const char *digits = "123456789";
    for (int k = 1; k <= 9; k++) {
        char text[128], want[64];
        int n = snprintf(text, sizeof text,
                         "On day %.*s \xE2\x80\x94 Russian troops shelled the Ukrainian city.", k,
                         digits);
        assert_true(n > 0 && (size_t)n < sizeof text);
        uint32_t s = (uint32_t)(7 + k + 3); /* "On day ", the digits, " - " */
        snprintf(want, sizeof want, "RUSMIL 194 UKR [%u,%u) [%u,%u) [%u,%u);", s, s + 14, s + 27,
                 s + 36, s + 15, s + 22);
        assert_string_equal(spans_of(f, text), want);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_spans_in_ascii_text),
        cmocka_unit_test(test_spans_after_multibyte_characters),
        cmocka_unit_test(test_spans_after_the_ascii_start),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
