/*
 * read.c -- the document reader: JSON Lines or one plain-text article, from
 * a file or stdin, gzip-compressed or not (dyad_reader_* in dyad.h).
 *
 * What it does: pulls the input through zlib's gzread (which passes plain
 * files through untouched and inflates gzip, detected by its magic bytes)
 * into one growing buffer, cuts it into lines with memchr and parses each
 * line in place with cJSON. Every bad record is reported once, with the
 * input's name, the 1-based line and the byte offset of the line's start in
 * the (uncompressed) input, and skipped: the next call goes on with the next
 * line. Decisions (also said in dyad.h):
 *   - a line longer than max_doc_bytes is read and thrown away chunk by
 *     chunk up to its newline, never held whole (ETOOBIG);
 *   - a line with a NUL byte, or with more than 1 control byte in 16, is
 *     binary junk (EBINARY); other lines that cJSON rejects are EJSON, with
 *     the position of the error inside the line in the message;
 *   - blank lines, a trailing CR (CRLF files) and a UTF-8 BOM at the start of
 *     a line are ignored; the last line needs no newline;
 *   - "id": a string, or a number (written as its JSON text); missing, null
 *     or "" gets the id "LINE-<n>" and a warning; any other type is EJSON;
 *   - "text": a non-empty string with some non-blank byte, else ENOTEXT;
 *   - "date": null, absent or "" -> opts->default_date; a value that does
 *     not parse as an ISO 8601 date -> opts->default_date and a warning
 *     (DYAD_EDATE); the document is still returned.
 * Warnings come back with a return value of 1 and err->code != DYAD_OK;
 * when nothing is wrong err->code is DYAD_OK.
 * A truncated or corrupt gzip stream (EGZIP, at the compressed offset) or a
 * read error (EIO) is reported once, after every complete line before it;
 * then the reader is at its end.
 *
 * Owns: the file descriptor (a dup of 0 for stdin), the zlib stream, the
 * line buffer and the cJSON tree of the current line. Never does: cleaning
 * or validating the text (invalid UTF-8 is the cleaner's business), nor
 * interpret fields other than id, text and date.
 */
#include "read.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "../base/err.h"

#define READ_CHUNK (1u << 20)        /* bytes asked of gzread at a time */
#define READ_DEFAULT_MAX (64u << 20) /* max_doc_bytes when 0 */

struct dyad_reader {
    gzFile gz;
    dyad_reader_opts o;     /* max_doc_bytes already defaulted */
    char where[160];        /* input name for errors: the path or "stdin" */
    char *buf;              /* input bytes; [head, tail) not yet consumed */
    size_t cap;             /* bytes allocated in buf */
    size_t head, tail;
    size_t scan;            /* memchr resumes here: no '\n' in [head, scan) */
    uint64_t base;          /* uncompressed input offset of buf[0] */
    uint64_t lineno;        /* lines consumed so far (1-based number of the last) */
    uint64_t size;          /* file size of a regular file, else 0 */
    int eof;                /* gzread said end of input (or failed) */
    int done;               /* nothing more to return */
    int text_done;          /* DYAD_READ_TEXT: the article was returned */
    int is_gzip;            /* the input is gzip (not passed through) */
    dyad_err pending;       /* an input error to report after the last good line */
    int has_pending;
    cJSON *json;            /* tree of the current line */
    char id[48];            /* synthesised or numeric id */
};

/* ------------------------------------------------------------- opening */

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

dyad_reader *dyad_reader_open(const char *path, const dyad_reader_opts *opts, dyad_err *err)
{
    int is_stdin = !path || !strcmp(path, "-");
    const char *name = is_stdin ? "stdin" : path;
    dyad_reader *r = calloc(1, sizeof *r);
    if (!r) {
        dyad__err_set(err, DYAD_ENOMEM, name, 0, 0, NULL);
        return NULL;
    }
    if (opts)
        r->o = *opts;
    if (!r->o.max_doc_bytes)
        r->o.max_doc_bytes = READ_DEFAULT_MAX;
    if (r->o.max_doc_bytes > SIZE_MAX / 4)
        r->o.max_doc_bytes = SIZE_MAX / 4;
    snprintf(r->where, sizeof r->where, "%s", name);

    int fd = is_stdin ? dup(0) : open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        dyad__err_set(err, DYAD_EIO, name, 0, 0, "cannot open: %s", strerror(errno));
        free(r);
        return NULL;
    }
    struct stat sb;
    if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode))
        r->size = (uint64_t)sb.st_size;
    r->gz = gzdopen(fd, "rb");
    if (!r->gz) {
        dyad__err_set(err, DYAD_ENOMEM, name, 0, 0, "cannot start reading");
        close(fd);
        free(r);
        return NULL;
    }
    gzbuffer(r->gz, 1u << 17);
    r->is_gzip = !gzdirect(r->gz);
    r->cap = READ_CHUNK;
    if (r->cap > r->o.max_doc_bytes + 1)
        r->cap = r->o.max_doc_bytes + 1 < 4096 ? 4096 : r->o.max_doc_bytes + 1;
    r->buf = malloc(r->cap + 1);
    if (!r->buf) {
        dyad__err_set(err, DYAD_ENOMEM, name, 0, 0, NULL);
        gzclose(r->gz);
        free(r);
        return NULL;
    }
    return r;
}

void dyad_reader_close(dyad_reader *r)
{
    if (!r)
        return;
    if (r->gz)
        gzclose(r->gz);
    cJSON_Delete(r->json);
    free(r->buf);
    free(r);
}

uint64_t dyad_reader_pos(const dyad_reader *r)
{
    z_off_t off = gzoffset(r->gz);
    if (off >= 0)
        return (uint64_t)off;
    return r->base + r->head; /* a pipe: uncompressed bytes consumed */
}

uint64_t dyad_reader_size(const dyad_reader *r) { return r->size; }
uint64_t dyad_reader_line(const dyad_reader *r) { return r->lineno; }

int dyad__reader_is_gzip(const dyad_reader *r) { return r->is_gzip; }
size_t dyad__reader_bufcap(const dyad_reader *r) { return r->cap; }

/* ------------------------------------------------------------- input */

/* Reads more input into buf[tail, cap). Returns bytes read; 0 at the end of
 * input or on an error (then eof is set and the error is pending). */
static size_t fill(dyad_reader *r)
{
    if (r->eof)
        return 0;
    size_t want = r->cap - r->tail;
    if (want == 0)
        return 0; /* callers grow or drain buf first */
    if (want > READ_CHUNK)
        want = READ_CHUNK;
    int n = gzread(r->gz, r->buf + r->tail, (unsigned)want);
    if (n > 0) {
        r->tail += (size_t)n;
        return (size_t)n;
    }
    r->eof = 1;
    int zerr = Z_OK;
    const char *zmsg = gzerror(r->gz, &zerr);
    if (zerr == Z_OK || zerr == Z_STREAM_END)
        return 0;
    r->has_pending = 1;
    z_off_t off = gzoffset(r->gz);
    uint64_t at = off >= 0 ? (uint64_t)off : r->base + r->tail;
    if (zerr == Z_ERRNO)
        dyad__err_set(&r->pending, DYAD_EIO, r->where, r->lineno + 1, at, "read error: %s",
                      strerror(errno));
    else
        dyad__err_set(&r->pending, DYAD_EGZIP, r->where, r->lineno + 1, at,
                      "gzip stream is %s (at compressed byte %" PRIu64 "); the rest of the "
                      "input is lost",
                      zerr == Z_BUF_ERROR ? "truncated" : zmsg ? zmsg : "corrupt", at);
    return 0;
}

/* Drops consumed bytes from the front of buf. */
static void compact(dyad_reader *r)
{
    if (r->head == 0)
        return;
    size_t n = r->tail - r->head;
    memmove(r->buf, r->buf + r->head, n);
    r->base += r->head;
    r->scan -= r->head;
    r->tail = n;
    r->head = 0;
}

/* Grows buf to double its size, at least `need` and at most `limit` bytes. */
static int grow(dyad_reader *r, size_t need, size_t limit)
{
    if (need <= r->cap)
        return 0;
    size_t cap = r->cap * 2;
    if (cap < need)
        cap = need;
    if (cap > limit)
        cap = limit > need ? limit : need;
    char *p = realloc(r->buf, cap + 1);
    if (!p)
        return -1;
    r->buf = p;
    r->cap = cap;
    return 0;
}

/* Reads and throws away input up to and including the next newline.
 * Returns the bytes thrown away (those before the newline). */
static uint64_t discard_line(dyad_reader *r)
{
    uint64_t n = 0;
    for (;;) {
        char *nl = memchr(r->buf + r->head, '\n', r->tail - r->head);
        if (nl) {
            size_t k = (size_t)(nl - (r->buf + r->head));
            n += k;
            r->head += k + 1;
            r->scan = r->head;
            return n;
        }
        n += r->tail - r->head;
        r->base += r->tail;
        r->head = r->tail = r->scan = 0;
        if (!fill(r))
            return n;
    }
}

enum { LINE_EOF = 0, LINE_OK = 1, LINE_BAD = -1 };

/* The next line (without its '\n'): *p, *n and *start (input offset of its
 * first byte). LINE_BAD with err set for a line over the limit or an out of
 * memory; LINE_EOF at the end. */
static int next_line(dyad_reader *r, char **p, size_t *n, uint64_t *start, dyad_err *err)
{
    size_t max = r->o.max_doc_bytes;
    for (;;) {
        char *nl = memchr(r->buf + r->scan, '\n', r->tail - r->scan);
        if (!nl && r->eof && r->has_pending) {
            /* Bytes cut by a gzip or read error: lost with the rest. */
            r->head = r->scan = r->tail;
            return LINE_EOF;
        }
        if (nl || (r->eof && r->head < r->tail)) {
            size_t end = nl ? (size_t)(nl - r->buf) : r->tail;
            *p = r->buf + r->head;
            *n = end - r->head;
            *start = r->base + r->head;
            r->head = r->scan = nl ? end + 1 : end;
            r->lineno++;
            if (*n > max) {
                dyad__err_set(err, DYAD_ETOOBIG, r->where, r->lineno, *start,
                              "line of %zu bytes is longer than the limit of %zu bytes; skipped",
                              *n, max);
                return LINE_BAD;
            }
            return LINE_OK;
        }
        if (r->eof)
            return LINE_EOF;
        r->scan = r->tail;
        if (r->tail - r->head > max) {
            /* Over the limit and no newline yet: report, throw the rest away. */
            uint64_t at = r->base + r->head;
            uint64_t len = (uint64_t)(r->tail - r->head);
            r->head = r->tail;
            r->scan = r->tail;
            len += discard_line(r);
            r->lineno++;
            dyad__err_set(err, DYAD_ETOOBIG, r->where, r->lineno, at,
                          "line of %" PRIu64 " bytes is longer than the limit of %zu bytes; "
                          "skipped without reading it whole",
                          len, max);
            return LINE_BAD;
        }
        compact(r);
        if (r->tail == r->cap) {
            if (grow(r, r->cap + 1, max + 1 + READ_CHUNK) != 0) {
                uint64_t at = r->base + r->head;
                r->head = r->scan = r->tail;
                discard_line(r);
                r->lineno++;
                dyad__err_set(err, DYAD_ENOMEM, r->where, r->lineno, at,
                              "out of memory buffering a long line; skipped");
                return LINE_BAD;
            }
        }
        fill(r);
    }
}

/* ------------------------------------------------------------- records */

/* Is this line binary junk? A NUL byte, or more than 1 byte in 16 a control
 * character other than tab, CR, LF, FF. Only asked about lines that did not
 * parse (and for NULs, of every line: cJSON would stop at one). */
static int is_binary(const char *p, size_t n)
{
    size_t ctl = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c == 0)
            return 1;
        ctl += (c < 0x20 && c != '\t' && c != '\r' && c != '\n' && c != '\f') || c == 0x7F;
    }
    return ctl * 16 > n;
}

/* Only ASCII white space in p[0,n)? */
static int is_blank(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != ' ' && (p[i] < '\t' || p[i] > '\r'))
            return 0;
    return 1;
}

/* Is there anything but JSON white space in p[0,n)? */
static int has_trailing(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r' && p[i] != '\n')
            return 1;
    return 0;
}

/* Copies up to 12 bytes of p[0,n) into out, printable ASCII as is and
 * every other byte as \xHH (for error messages). */
static void snippet(const char *p, size_t n, char *out, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i < n && i < 12 && k + 5 < cap; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c >= 0x20 && c < 0x7F && c != '\'')
            out[k++] = (char)c;
        else
            k += (size_t)snprintf(out + k, cap - k, "\\x%02X", c);
    }
    out[k] = '\0';
}

/* Parses one JSONL record. Returns 1 (doc filled, err maybe a warning),
 * -1 (err set). */
static int parse_record(dyad_reader *r, char *line, size_t n, uint64_t start, dyad_doc *doc,
                        dyad_err *err)
{
    uint64_t ln = r->lineno;
    if (memchr(line, 0, n)) {
        dyad__err_set(err, DYAD_EBINARY, r->where, ln, start,
                      "binary data (NUL bytes) where a JSON line was expected; skipped");
        return -1;
    }
    cJSON_Delete(r->json);
    const char *end = NULL;
    r->json = cJSON_ParseWithLengthOpts(line, n, &end, 0);
    if (!r->json) {
        if (is_binary(line, n)) {
            dyad__err_set(err, DYAD_EBINARY, r->where, ln, start,
                          "binary data where a JSON line was expected; skipped");
            return -1;
        }
        size_t at = end && end >= line && end <= line + n ? (size_t)(end - line) : 0;
        char near[40];
        snippet(line + at, n - at, near, sizeof near);
        dyad__err_set(err, DYAD_EJSON, r->where, ln, start,
                      "malformed JSON at byte %zu of the line (near '%s'); skipped", at, near);
        return -1;
    }
    if (end && end >= line && end <= line + n && has_trailing(end, n - (size_t)(end - line))) {
        dyad__err_set(err, DYAD_EJSON, r->where, ln, start,
                      "malformed JSON: data after the object at byte %zu of the line; skipped",
                      (size_t)(end - line));
        return -1;
    }
    if (!cJSON_IsObject(r->json)) {
        dyad__err_set(err, DYAD_EJSON, r->where, ln, start,
                      "the line is JSON but not an object ({\"id\",\"text\",\"date\"}); skipped");
        return -1;
    }
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(r->json, "id");
    const cJSON *text = cJSON_GetObjectItemCaseSensitive(r->json, "text");
    const cJSON *date = cJSON_GetObjectItemCaseSensitive(r->json, "date");

    if (!cJSON_IsString(text) || !text->valuestring) {
        dyad__err_set(err, DYAD_ENOTEXT, r->where, ln, start,
                      text ? "\"text\" is not a string; skipped" : "no \"text\" field; skipped");
        return -1;
    }
    size_t tlen = strlen(text->valuestring);
    if (is_blank(text->valuestring, tlen)) {
        dyad__err_set(err, DYAD_ENOTEXT, r->where, ln, start, "\"text\" is empty; skipped");
        return -1;
    }

    dyad__err_clear(err);
    if (cJSON_IsString(id) && id->valuestring && id->valuestring[0]) {
        doc->id = id->valuestring;
        doc->id_len = strlen(id->valuestring);
    } else if (cJSON_IsNumber(id)) {
        double v = id->valuedouble;
        if (v == (double)(int64_t)v)
            snprintf(r->id, sizeof r->id, "%" PRId64, (int64_t)v);
        else
            snprintf(r->id, sizeof r->id, "%.17g", v);
        doc->id = r->id;
        doc->id_len = strlen(r->id);
    } else if (!id || cJSON_IsNull(id) || cJSON_IsString(id)) {
        snprintf(r->id, sizeof r->id, "LINE-%" PRIu64, ln);
        doc->id = r->id;
        doc->id_len = strlen(r->id);
        dyad__err_set(err, DYAD_EJSON, r->where, ln, start,
                      "document has no \"id\"; coded as '%s'", r->id);
    } else {
        dyad__err_set(err, DYAD_EJSON, r->where, ln, start,
                      "\"id\" is neither a string nor a number; skipped");
        return -1;
    }
    doc->text = text->valuestring;
    doc->text_len = tlen;
    doc->date = r->o.default_date;
    if (cJSON_IsString(date) && date->valuestring && date->valuestring[0]) {
        const char *ds = date->valuestring;
        int32_t d = dyad_date_parse(ds, strlen(ds));
        if (d)
            doc->date = d;
        else if (err->code == DYAD_OK)
            dyad__err_set(err, DYAD_EDATE, r->where, ln, start,
                          "document '%.60s': date '%.40s' is not an ISO 8601 date; coded %s",
                          doc->id, ds, r->o.default_date ? "with the default date" : "without a date");
    } else if (date && !cJSON_IsNull(date) && !cJSON_IsString(date) && err->code == DYAD_OK) {
        dyad__err_set(err, DYAD_EDATE, r->where, ln, start,
                      "document '%.60s': \"date\" is not a string; coded %s", doc->id,
                      r->o.default_date ? "with the default date" : "without a date");
    }
    return 1;
}

/* DYAD_READ_TEXT: the whole input is one article. */
static int next_text(dyad_reader *r, dyad_doc *doc, dyad_err *err)
{
    r->text_done = 1;
    size_t max = r->o.max_doc_bytes;
    while (!r->eof) {
        if (r->tail == r->cap) {
            if (r->tail > max) {
                /* Over the limit: count the rest without keeping it. */
                uint64_t len = r->tail;
                for (;;) {
                    r->base += r->tail;
                    r->head = r->tail = r->scan = 0;
                    size_t k = fill(r);
                    if (!k)
                        break;
                    len += k;
                }
                r->done = 1;
                if (r->has_pending) {
                    r->has_pending = 0;
                    *err = r->pending;
                    return -1;
                }
                dyad__err_set(err, DYAD_ETOOBIG, r->where, 0, 0,
                              "article of %" PRIu64 " bytes is longer than the limit of %zu "
                              "bytes; skipped",
                              len, max);
                return -1;
            }
            if (grow(r, r->cap + 1, max + 1) != 0) {
                r->done = 1;
                dyad__err_set(err, DYAD_ENOMEM, r->where, 0, 0, "out of memory reading the article");
                return -1;
            }
        }
        fill(r);
    }
    if (r->has_pending) {
        r->has_pending = 0;
        r->done = 1;
        *err = r->pending;
        return -1;
    }
    if (r->tail > max) {
        r->done = 1;
        dyad__err_set(err, DYAD_ETOOBIG, r->where, 0, 0,
                      "article of %zu bytes is longer than the limit of %zu bytes; skipped",
                      r->tail, max);
        return -1;
    }
    r->buf[r->tail] = '\0';
    char *p = r->buf;
    size_t n = r->tail;
    if (n >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3)) {
        p += 3;
        n -= 3;
    }
    r->head = r->tail;
    r->done = 1;
    if (memchr(p, 0, n) || is_binary(p, n)) {
        dyad__err_set(err, DYAD_EBINARY, r->where, 0, 0, "binary data where text was expected");
        return -1;
    }
    if (is_blank(p, n)) {
        dyad__err_set(err, DYAD_ENOTEXT, r->where, 0, 0, "the article is empty");
        return -1;
    }
    dyad__err_clear(err);
    const char *id = r->o.text_id && r->o.text_id[0] ? r->o.text_id : base_name(r->where);
    doc->id = id;
    doc->id_len = strlen(id);
    doc->text = p;
    doc->text_len = n;
    doc->date = r->o.default_date;
    return 1;
}

int dyad_reader_next(dyad_reader *r, dyad_doc *doc, dyad_err *err)
{
    if (r->done)
        return 0;
    if (r->o.mode == DYAD_READ_TEXT) {
        if (r->text_done) {
            r->done = 1;
            return 0;
        }
        return next_text(r, doc, err);
    }
    for (;;) {
        char *p;
        size_t n;
        uint64_t start;
        int rc = next_line(r, &p, &n, &start, err);
        if (rc == LINE_BAD)
            return -1;
        if (rc == LINE_EOF) {
            r->done = 1;
            if (r->has_pending) {
                r->has_pending = 0;
                /* The unfinished line before the error is lost with the rest. */
                *err = r->pending;
                return -1;
            }
            return 0;
        }
        if (n && p[n - 1] == '\r')
            n--;
        if (n >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3)) {
            p += 3;
            n -= 3;
            start += 3;
        }
        if (is_blank(p, n))
            continue;
        return parse_record(r, p, n, start, doc, err);
    }
}
