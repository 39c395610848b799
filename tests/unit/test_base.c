/*
 * test_base.c -- arena, interning table (and its images), dates, JSON string
 * escaping.
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
#include "base/buf.h"
#include "base/strtab.h"
#include "dyad.h"

static void test_arena_alignment_and_reset(void **state)
{
    (void)state;
    dyad_arena a;
    dyad__arena_init(&a, 128);
    char *p = dyad__arena_alloc(&a, 3);
    char *q = dyad__arena_alloc(&a, 1000); /* larger than a block */
    assert_non_null(p);
    assert_non_null(q);
    assert_int_equal((uintptr_t)p % 16, 0);
    assert_int_equal((uintptr_t)q % 16, 0);
    memset(q, 'x', 1000);
    size_t reserved = a.reserved;
    dyad__arena_reset(&a);
    assert_int_equal(a.used, 0);
    char *r = dyad__arena_alloc(&a, 1000); /* reuses the big spare block */
    assert_non_null(r);
    assert_int_equal(a.reserved, reserved);
    char *s = dyad__arena_strndup(&a, "abcdef", 3);
    assert_string_equal(s, "abc");
    dyad__arena_free(&a);
}

/* A new table (4 expected) holding prefix0 .. prefix<n-1> as ids 1..n. */
static void fill_strtab(dyad_strtab *t, const char *prefix, int n)
{
    assert_int_equal(dyad__strtab_init(t, 4), 0);
    char w[32];
    for (int i = 0; i < n; i++) {
        int len = snprintf(w, sizeof w, "%s%d", prefix, i);
        assert_int_equal(dyad__strtab_intern(t, w, (size_t)len), (uint32_t)i + 1);
    }
}

static void test_strtab_interns_and_grows(void **state)
{
    (void)state;
    dyad_strtab t;
    fill_strtab(&t, "word", 5000);
    assert_int_equal(dyad__strtab_intern(&t, "word17", 6), 18);
    assert_int_equal(dyad__strtab_find(&t, "word4999", 8), 5000);
    assert_int_equal(dyad__strtab_find(&t, "word5000", 8), 0);
    assert_string_equal(dyad__strtab_str(&t, 18), "word17");
    assert_string_equal(dyad__strtab_str(&t, 0), "");
    dyad__strtab_free(&t);
}

/* A table written as an image and used in place: the same ids; adding a
 * string copies the slots and ids, and the image stays as it was. */
static void test_strtab_image(void **state)
{
    (void)state;
    dyad_strtab t;
    fill_strtab(&t, "w", 300);
    FILE *f = tmpfile();
    assert_non_null(f);
    assert_int_equal(dyad__strtab_write(&t, f), 0);
    long len = ftell(f);
    assert_true(len > 0);
    uint64_t *img = malloc((size_t)len + 8); /* 8-byte aligned */
    assert_non_null(img);
    rewind(f);
    assert_int_equal(fread(img, 1, (size_t)len, f), (size_t)len);
    fclose(f);
    dyad_strtab u;
    memset(&u, 0, sizeof u);
    assert_int_equal(dyad__strtab_use(&u, img, (size_t)len - 1), 0); /* too short */
    assert_int_equal(dyad__strtab_use(&u, img, (size_t)len), (size_t)len);
    assert_true(u.borrowed);
    assert_int_equal(dyad__strtab_find(&u, "w299", 4), 300);
    assert_string_equal(dyad__strtab_str(&u, 18), "w17");
    assert_int_equal(dyad__strtab_intern(&u, "w17", 3), 18); /* found: no copy */
    assert_true(u.borrowed);
    assert_int_equal(dyad__strtab_intern(&u, "new", 3), 301);
    assert_false(u.borrowed);
    assert_int_equal(dyad__strtab_find(&u, "w0", 2), 1);
    assert_string_equal(dyad__strtab_str(&u, 301), "new");
    dyad_strtab again;
    memset(&again, 0, sizeof again);
    assert_int_equal(dyad__strtab_use(&again, img, (size_t)len), (size_t)len);
    assert_int_equal(dyad__strtab_find(&again, "new", 3), 0);
    dyad__strtab_free(&again);
    dyad__strtab_free(&u);
    dyad__strtab_free(&t);
    free(img);
}

static void test_dates(void **state)
{
    (void)state;
    assert_int_equal(dyad_date_parse("2023-11-10", 10), 20231110);
    assert_int_equal(dyad_date_parse("2023-11-10T08:00:00Z", 20), 20231110);
    assert_int_equal(dyad_date_parse("20231110", 8), 20231110);
    assert_int_equal(dyad_date_parse("2023-02-29", 10), 0);
    assert_int_equal(dyad_date_parse("2024-02-29", 10), 20240229);
    assert_int_equal(dyad_date_parse("2023-13-01", 10), 0);
    assert_int_equal(dyad_date_parse("yesterday", 9), 0);
    assert_int_equal(dyad_date_add_days(20231231, 1), 20240101);
    assert_int_equal(dyad_date_add_days(20240301, -1), 20240229);
    assert_int_equal(dyad_date_add_days(20231110, -7), 20231103);
    assert_int_equal(dyad_date_weekday(20231110), 4); /* a Friday */
    char out[11];
    dyad_date_format(20230105, out);
    assert_string_equal(out, "2023-01-05");
    dyad_date_format(0, out);
    assert_string_equal(out, "");
}

static void test_json_escaping(void **state)
{
    (void)state;
    dyad_buf b = {0};
    static const char in[] = "a\"b\\c\nd\x01 \xC3\xA9 \xFF";
    dyad__buf_json_str(&b, in, sizeof in - 1);
    assert_true(dyad__buf_ok(&b));
    assert_string_equal(b.p, "a\\\"b\\\\c\\nd\\u0001 \xC3\xA9 \xEF\xBF\xBD");
    dyad__buf_free(&b);
}

/* The eight-bytes-at-a-time scan: each byte that needs escaping, at every
 * place in a run of plain bytes, is still escaped, and every plain
 * printable byte is still copied as it is. */
static void test_json_escaping_in_long_runs(void **state)
{
    (void)state;
    static const struct {
        const char *in, *out;
    } special[] = {
        {"\x01", "\\u0001"}, {"\x1F", "\\u001f"}, {"\"", "\\\""},
        {"\\", "\\\\"}, {"\t", "\\t"}, {"\xC3\xA9", "\xC3\xA9"}, {"\x80", "\xEF\xBF\xBD"},
    };
    for (size_t k = 0; k < sizeof special / sizeof *special; k++)
        for (size_t at = 0; at <= 20; at++) {
            char in[64], want[64];
            size_t sn = strlen(special[k].in);
            memset(in, 'x', 24);
            memcpy(in + at, special[k].in, sn);
            in[24] = '\0';
            snprintf(want, sizeof want, "%.*s%s%.*s", (int)at, in, special[k].out,
                     (int)(24 - at - sn), in + at + sn);
            dyad_buf b = {0};
            dyad__buf_json_str(&b, in, 24);
            assert_string_equal(b.p, want);
            dyad__buf_free(&b);
        }
    char plain[128];
    size_t n = 0;
    for (int c = 0x20; c < 0x80; c++)
        if (c != '"' && c != '\\')
            plain[n++] = (char)c;
    plain[n] = '\0';
    dyad_buf b = {0};
    dyad__buf_json_str(&b, plain, n);
    assert_string_equal(b.p, plain);
    dyad__buf_free(&b);
}

/* Escapes that make the string longer than the room first reserved for
 * it: the plain bytes after them still go into the buffer in place (under
 * ASan, a byte written past the room fails). */
static void test_json_escaping_grows_the_buffer(void **state)
{
    (void)state;
    char in[400], want[2000];
    size_t n = 0, w = 0;
    for (int i = 0; i < 300; i++) {
        in[n++] = '\x01';
        memcpy(want + w, "\\u0001", 6);
        w += 6;
    }
    memset(in + n, 'x', 40);
    memset(want + w, 'x', 40);
    n += 40;
    w += 40;
    want[w] = '\0';
    dyad_buf b = {0};
    dyad__buf_json_str(&b, in, n);
    assert_true(dyad__buf_ok(&b));
    assert_int_equal(b.len, w);
    assert_string_equal(b.p, want);
    dyad__buf_free(&b);
}

static void test_csv_fields(void **state)
{
    (void)state;
    dyad_buf b = {0};
    dyad__buf_csv_field(&b, "RUSGOV");
    dyad__buf_putc(&b, ',');
    dyad__buf_csv_field(&b, "Moscow, \"the Kremlin\"");
    dyad__buf_putc(&b, ',');
    dyad__buf_csv_field(&b, "two\nlines");
    dyad__buf_putc(&b, '\0');
    assert_true(dyad__buf_ok(&b));
    assert_string_equal(b.p, "RUSGOV,\"Moscow, \"\"the Kremlin\"\"\",\"two\nlines\"");
    dyad__buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_arena_alignment_and_reset),
        cmocka_unit_test(test_strtab_interns_and_grows),
        cmocka_unit_test(test_strtab_image),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_json_escaping),
        cmocka_unit_test(test_json_escaping_in_long_runs),
        cmocka_unit_test(test_json_escaping_grows_the_buffer),
        cmocka_unit_test(test_csv_fields),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
