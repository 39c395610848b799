/*
 * test_read.c -- the document reader: JSON Lines and text mode, plain and
 * gzip, stdin, and every kind of bad input (each reported with the input's
 * name, line and byte offset, then skipped).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "dyad.h"
#include "read/read.h"

/* A scratch directory per test run. */
static char dir[64];

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/dyad-test-read-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static const char *write_file(const char *name, const void *data, size_t n)
{
    static char path[4][128];
    static int k;
    char *p = path[k++ % 4];
    snprintf(p, 128, "%s/%s", dir, name);
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, n, f), n);
    assert_int_equal(fclose(f), 0);
    return p;
}

static const char *write_str(const char *name, const char *s) { return write_file(name, s, strlen(s)); }

static const char *write_gz(const char *name, const char *s)
{
    static char p[128];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    gzFile g = gzopen(p, "wb");
    assert_non_null(g);
    assert_int_equal(gzwrite(g, s, (unsigned)strlen(s)), (int)strlen(s));
    assert_int_equal(gzclose(g), Z_OK);
    return p;
}

static void expect_doc(dyad_reader *r, const char *id, const char *text, int32_t date)
{
    dyad_doc d;
    dyad_err e;
    memset(&e, 0x55, sizeof e);
    assert_int_equal(dyad_reader_next(r, &d, &e), 1);
    assert_int_equal(d.id_len, strlen(id));
    assert_memory_equal(d.id, id, d.id_len);
    assert_int_equal(d.text_len, strlen(text));
    assert_memory_equal(d.text, text, d.text_len);
    assert_int_equal(d.date, date);
}

/* The next record is bad: returns its error for more checks. */
static dyad_err expect_bad(dyad_reader *r, dyad_status code, uint64_t line, uint64_t offset)
{
    dyad_doc d;
    dyad_err e;
    memset(&e, 0, sizeof e);
    assert_int_equal(dyad_reader_next(r, &d, &e), -1);
    assert_int_equal(e.code, code);
    assert_int_equal(e.line, line);
    assert_int_equal(e.offset, offset);
    return e;
}

static void expect_end(dyad_reader *r)
{
    dyad_doc d;
    dyad_err e;
    assert_int_equal(dyad_reader_next(r, &d, &e), 0);
    assert_int_equal(dyad_reader_next(r, &d, &e), 0);
}

static void test_good_records(void **state)
{
    (void)state;
    /* BOM, CRLF, a blank line, extra fields, dates in several shapes, and
     * no newline after the last line. */
    const char *in = "\xEF\xBB\xBF{\"id\":\"a\",\"text\":\"Rain fell.\",\"date\":\"2023-11-10\"}\r\n"
                     "\n"
                     "{\"title\":\"x\",\"text\":\"Two\\nlines \\u00e9\",\"id\":\"b\",\"date\":null}\n"
                     "   \t  \n"
                     "{\"id\":\"c\",\"text\":\"T\",\"date\":\"2020-02-29T10:00:00Z\",\"url\":[1,{}]}\n"
                     "{\"id\":\"d\",\"text\":\"no date field\"}";
    const char *p = write_str("good.jsonl", in);
    dyad_reader_opts o = {DYAD_READ_JSONL, 0, 19990101, NULL};
    dyad_err e;
    dyad_reader *r = dyad_reader_open(p, &o, &e);
    assert_non_null(r);
    assert_int_equal(dyad_reader_size(r), strlen(in));
    assert_int_equal(dyad__reader_is_gzip(r), 0);
    expect_doc(r, "a", "Rain fell.", 20231110);
    assert_int_equal(dyad_reader_line(r), 1);
    expect_doc(r, "b", "Two\nlines \xC3\xA9", 19990101);
    assert_int_equal(dyad_reader_line(r), 3);
    expect_doc(r, "c", "T", 20200229);
    expect_doc(r, "d", "no date field", 19990101);
    assert_int_equal(dyad_reader_line(r), 6);
    expect_end(r);
    assert_int_equal(dyad_reader_pos(r), strlen(in));
    dyad_reader_close(r);
}

static void test_bad_records_are_skipped(void **state)
{
    (void)state;
    const char *lines[] = {
        "{\"id\":\"ok1\",\"text\":\"first\"}\n",                 /* 1 */
        "{\"id\":\"x\",\"text\":\"unterminated}\n",             /* 2 malformed */
        "[1,2,3]\n",                                            /* 3 not an object */
        "{\"id\":\"y\"}\n",                                     /* 4 no text */
        "{\"id\":\"y\",\"text\":\"  \\n \"}\n",                 /* 5 blank text */
        "{\"id\":\"y\",\"text\":42}\n",                         /* 6 text not a string */
        "{\"id\":{\"a\":1},\"text\":\"t\"}\n",                  /* 7 id an object */
        "{\"id\":\"z\",\"text\":\"t\"} trailing\n",             /* 8 data after the object */
        "\x01\x02\x03\xff\xfe garbage \x04\x05\x06\x07\x08\x0e\x0f\n", /* 9 binary */
        "{\"id\":\"ok2\",\"text\":\"last\"}\n",                 /* 10 */
    };
    char in[1024] = "";
    uint64_t off[11];
    for (size_t i = 0; i < 10; i++) {
        off[i + 1] = strlen(in);
        strcat(in, lines[i]);
    }
    const char *p = write_str("bad.jsonl", in);
    dyad_err e;
    dyad_reader *r = dyad_reader_open(p, NULL, &e);
    assert_non_null(r);
    expect_doc(r, "ok1", "first", 0);
    dyad_err b = expect_bad(r, DYAD_EJSON, 2, off[2]);
    assert_string_equal(b.where, p);
    assert_non_null(strstr(b.msg, "byte"));
    expect_bad(r, DYAD_EJSON, 3, off[3]);
    expect_bad(r, DYAD_ENOTEXT, 4, off[4]);
    expect_bad(r, DYAD_ENOTEXT, 5, off[5]);
    expect_bad(r, DYAD_ENOTEXT, 6, off[6]);
    expect_bad(r, DYAD_EJSON, 7, off[7]);
    b = expect_bad(r, DYAD_EJSON, 8, off[8]);
    assert_non_null(strstr(b.msg, "after the object"));
    expect_bad(r, DYAD_EBINARY, 9, off[9]);
    expect_doc(r, "ok2", "last", 0);
    expect_end(r);
    dyad_reader_close(r);

    /* The formatted message names the input, the line and the offset. */
    char buf[640];
    dyad_err_format(&b, buf, sizeof buf);
    char want[200];
    snprintf(want, sizeof want, "%s:8: ", p);
    assert_non_null(strstr(buf, want));
    snprintf(want, sizeof want, "(byte %llu)", (unsigned long long)off[8]);
    assert_non_null(strstr(buf, want));
}

static void test_nul_bytes_are_binary(void **state)
{
    (void)state;
    const char in[] = "{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":\"b\",\"te\0xt\":\"y\"}\n{\"id\":\"c\",\"text\":\"z\"}\n";
    const char *p = write_file("nul.jsonl", in, sizeof in - 1);
    dyad_err e;
    dyad_reader *r = dyad_reader_open(p, NULL, &e);
    assert_non_null(r);
    expect_doc(r, "a", "x", 0);
    expect_bad(r, DYAD_EBINARY, 2, 22);
    expect_doc(r, "c", "z", 0);
    expect_end(r);
    dyad_reader_close(r);
}

static void test_warnings_still_return_the_document(void **state)
{
    (void)state;
    const char *in = "{\"text\":\"no id\"}\n"
                     "{\"id\":\"\",\"text\":\"empty id\"}\n"
                     "{\"id\":12345,\"text\":\"number id\"}\n"
                     "{\"id\":\"d\",\"text\":\"bad date\",\"date\":\"last Tuesday\"}\n"
                     "{\"id\":\"e\",\"text\":\"numeric date\",\"date\":20231110}\n"
                     "{\"id\":\"f\",\"text\":\"fine\",\"date\":\"\"}\n";
    const char *p = write_str("warn.jsonl", in);
    dyad_reader_opts o = {DYAD_READ_JSONL, 0, 20200101, NULL};
    dyad_err e;
    dyad_doc d;
    dyad_reader *r = dyad_reader_open(p, &o, &e);
    assert_non_null(r);
    assert_int_equal(dyad_reader_next(r, &d, &e), 1);
    assert_int_equal(e.code, DYAD_EJSON);
    assert_int_equal(e.line, 1);
    assert_memory_equal(d.id, "LINE-1", d.id_len);
    assert_int_equal(d.id_len, 6);
    assert_int_equal(dyad_reader_next(r, &d, &e), 1);
    assert_int_equal(d.id_len, 6);
    assert_memory_equal(d.id, "LINE-2", 6);
    assert_int_equal(dyad_reader_next(r, &d, &e), 1);
    assert_int_equal(e.code, DYAD_OK);
    assert_int_equal(d.id_len, 5);
    assert_memory_equal(d.id, "12345", 5);
    assert_int_equal(dyad_reader_next(r, &d, &e), 1);
    assert_int_equal(e.code, DYAD_EDATE);
    assert_int_equal(e.line, 4);
    assert_int_equal(d.date, 20200101); /* the default date */
    assert_memory_equal(d.text, "bad date", 8);
    assert_int_equal(dyad_reader_next(r, &d, &e), 1);
    assert_int_equal(e.code, DYAD_EDATE);
    assert_int_equal(dyad_reader_next(r, &d, &e), 1);
    assert_int_equal(e.code, DYAD_OK);
    assert_int_equal(d.date, 20200101);
    expect_end(r);
    dyad_reader_close(r);
}

static void test_long_line_is_skipped_unbuffered(void **state)
{
    (void)state;
    /* A 24 MB line between two good ones, with a 64 KiB limit. */
    size_t big = 24u << 20;
    const char *head = "{\"id\":\"a\",\"text\":\"before\"}\n";
    const char *tail = "{\"id\":\"b\",\"text\":\"after\"}\n";
    size_t n = strlen(head) + big + 1 + strlen(tail);
    char *in = malloc(n);
    assert_non_null(in);
    memcpy(in, head, strlen(head));
    memset(in + strlen(head), 'x', big);
    memcpy(in + strlen(head), "{\"id\":\"huge\",\"text\":\"", 21);
    in[strlen(head) + big] = '\n';
    memcpy(in + strlen(head) + big + 1, tail, strlen(tail));
    const char *p = write_file("long.jsonl", in, n);
    free(in);
    dyad_reader_opts o = {DYAD_READ_JSONL, 64 * 1024, 0, NULL};
    dyad_err e;
    dyad_reader *r = dyad_reader_open(p, &o, &e);
    assert_non_null(r);
    expect_doc(r, "a", "before", 0);
    dyad_err b = expect_bad(r, DYAD_ETOOBIG, 2, strlen(head));
    assert_non_null(strstr(b.msg, "25165824 bytes"));
    assert_true(dyad__reader_bufcap(r) <= (2u << 20)); /* never held whole */
    expect_doc(r, "b", "after", 0);
    expect_end(r);
    dyad_reader_close(r);

    /* A line just over a small limit, found whole in the buffer. */
    p = write_str("long2.jsonl", "{\"id\":\"a\",\"text\":\"0123456789012345678901234567890123456789\"}\n"
                                 "{\"id\":\"b\",\"text\":\"ok\"}\n");
    o.max_doc_bytes = 40;
    r = dyad_reader_open(p, &o, &e);
    assert_non_null(r);
    expect_bad(r, DYAD_ETOOBIG, 1, 0);
    expect_doc(r, "b", "ok", 0);
    expect_end(r);
    dyad_reader_close(r);
}

static void test_empty_and_blank_files(void **state)
{
    (void)state;
    dyad_err e;
    const char *p = write_str("empty.jsonl", "");
    dyad_reader *r = dyad_reader_open(p, NULL, &e);
    assert_non_null(r);
    expect_end(r);
    assert_int_equal(dyad_reader_line(r), 0);
    dyad_reader_close(r);
    p = write_str("blank.jsonl", "\n\r\n  \n");
    r = dyad_reader_open(p, NULL, &e);
    assert_non_null(r);
    expect_end(r);
    dyad_reader_close(r);
}

static void test_gzip_and_truncated_gzip(void **state)
{
    (void)state;
    char *in = malloc(1 << 20);
    assert_non_null(in);
    size_t n = 0;
    for (int i = 0; i < 5000; i++)
        n += (size_t)sprintf(in + n, "{\"id\":\"d%d\",\"text\":\"Document number %d says %x.\"}\n", i, i,
                             (unsigned)(i * 2654435761u));
    const char *gz = write_gz("docs.jsonl.gz", in);
    dyad_err e;
    dyad_doc d;
    dyad_reader *r = dyad_reader_open(gz, NULL, &e);
    assert_non_null(r);
    assert_int_equal(dyad__reader_is_gzip(r), 1);
    struct stat sb;
    assert_int_equal(stat(gz, &sb), 0);
    assert_int_equal(dyad_reader_size(r), (uint64_t)sb.st_size);
    int count = 0;
    while (dyad_reader_next(r, &d, &e) == 1)
        count++;
    assert_int_equal(count, 5000);
    assert_int_equal(dyad_reader_pos(r), (uint64_t)sb.st_size); /* compressed bytes */
    dyad_reader_close(r);

    /* Cut the compressed file in half: the lines before the cut, then one
     * EGZIP with the compressed offset, then the end. */
    FILE *f = fopen(gz, "rb");
    assert_non_null(f);
    char *z = malloc((size_t)sb.st_size);
    assert_non_null(z);
    assert_int_equal(fread(z, 1, (size_t)sb.st_size, f), (size_t)sb.st_size);
    fclose(f);
    const char *cut = write_file("cut.jsonl.gz", z, (size_t)sb.st_size / 2);
    free(z);
    r = dyad_reader_open(cut, NULL, &e);
    assert_non_null(r);
    count = 0;
    int rc;
    while ((rc = dyad_reader_next(r, &d, &e)) == 1) {
        char want[16];
        snprintf(want, sizeof want, "d%d", count);
        assert_int_equal(d.id_len, strlen(want));
        assert_memory_equal(d.id, want, d.id_len);
        count++;
    }
    assert_int_equal(rc, -1);
    assert_int_equal(e.code, DYAD_EGZIP);
    assert_int_equal(e.offset, (uint64_t)sb.st_size / 2);
    assert_int_equal(e.line, (uint64_t)count + 1);
    assert_true(count > 100 && count < 5000);
    expect_end(r);
    dyad_reader_close(r);
    free(in);
}

static void test_read_error_is_reported_once(void **state)
{
    (void)state;
    dyad_err e;
    dyad_reader *r = dyad_reader_open(dir, NULL, &e); /* a directory: read() fails */
    assert_non_null(r);
    dyad_doc d;
    assert_int_equal(dyad_reader_next(r, &d, &e), -1);
    assert_int_equal(e.code, DYAD_EIO);
    assert_string_equal(e.where, dir);
    expect_end(r);
    dyad_reader_close(r);

    char missing[128];
    snprintf(missing, sizeof missing, "%s/no-such-file", dir);
    assert_null(dyad_reader_open(missing, NULL, &e));
    assert_int_equal(e.code, DYAD_EIO);
    assert_string_equal(e.where, missing);
}

static void test_stdin(void **state)
{
    (void)state;
    const char *p = write_str("stdin.jsonl", "{\"id\":\"s\",\"text\":\"from stdin\"}\nnot json\n");
    int saved = dup(0);
    int fd = open(p, O_RDONLY);
    assert_true(saved >= 0 && fd >= 0);
    assert_int_equal(dup2(fd, 0), 0);
    close(fd);
    dyad_err e;
    dyad_reader *r = dyad_reader_open("-", NULL, &e);
    assert_non_null(r);
    expect_doc(r, "s", "from stdin", 0);
    dyad_err b = expect_bad(r, DYAD_EJSON, 2, 31);
    assert_string_equal(b.where, "stdin");
    expect_end(r);
    dyad_reader_close(r);
    assert_int_equal(dup2(saved, 0), 0);
    close(saved);
}

static void test_text_mode(void **state)
{
    (void)state;
    const char *p = write_str("article-7.txt", "\xEF\xBB\xBFGunfire was heard.\r\nTroops moved in.\n");
    dyad_reader_opts o = {DYAD_READ_TEXT, 0, 20231110, NULL};
    dyad_err e;
    dyad_reader *r = dyad_reader_open(p, &o, &e);
    assert_non_null(r);
    expect_doc(r, "article-7.txt", "Gunfire was heard.\r\nTroops moved in.\n", 20231110);
    expect_end(r);
    dyad_reader_close(r);

    o.text_id = "my-id";
    r = dyad_reader_open(p, &o, &e);
    assert_non_null(r);
    expect_doc(r, "my-id", "Gunfire was heard.\r\nTroops moved in.\n", 20231110);
    dyad_reader_close(r);

    /* Too big, empty, binary: one error each, then the end. */
    o.max_doc_bytes = 10;
    r = dyad_reader_open(p, &o, &e);
    assert_non_null(r);
    expect_bad(r, DYAD_ETOOBIG, 0, 0);
    expect_end(r);
    dyad_reader_close(r);
    o.max_doc_bytes = 0;
    o.text_id = NULL;
    p = write_str("empty.txt", " \n\n");
    r = dyad_reader_open(p, &o, &e);
    expect_bad(r, DYAD_ENOTEXT, 0, 0);
    expect_end(r);
    dyad_reader_close(r);
    p = write_file("bin.txt", "ab\0cd", 5);
    r = dyad_reader_open(p, &o, &e);
    expect_bad(r, DYAD_EBINARY, 0, 0);
    expect_end(r);
    dyad_reader_close(r);

    /* A gzip-compressed article. */
    p = write_gz("a.txt.gz", "Compressed article text.");
    r = dyad_reader_open(p, &o, &e);
    assert_non_null(r);
    expect_doc(r, "a.txt.gz", "Compressed article text.", 20231110);
    dyad_reader_close(r);
}

static void test_invalid_utf8_passes_through(void **state)
{
    (void)state;
    /* Raw invalid bytes inside a JSON string are the cleaner's business. */
    const char *p = write_str("utf8.jsonl", "{\"id\":\"u\",\"text\":\"caf\xE9 \xC3\x28 ok\"}\n");
    dyad_err e;
    dyad_reader *r = dyad_reader_open(p, NULL, &e);
    assert_non_null(r);
    expect_doc(r, "u", "caf\xE9 \xC3\x28 ok", 0);
    expect_end(r);
    dyad_reader_close(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_records),
        cmocka_unit_test(test_bad_records_are_skipped),
        cmocka_unit_test(test_nul_bytes_are_binary),
        cmocka_unit_test(test_warnings_still_return_the_document),
        cmocka_unit_test(test_long_line_is_skipped_unbuffered),
        cmocka_unit_test(test_empty_and_blank_files),
        cmocka_unit_test(test_gzip_and_truncated_gzip),
        cmocka_unit_test(test_read_error_is_reported_once),
        cmocka_unit_test(test_stdin),
        cmocka_unit_test(test_text_mode),
        cmocka_unit_test(test_invalid_utf8_passes_through),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
