/*
 * buf.h -- a growable byte buffer, for output that is built then written
 * in large blocks (JSON lines, reports).
 *
 * Appends never fail silently: on allocation failure the buffer records it
 * in `oom` and further appends are ignored; check dyad__buf_ok() once at the
 * end instead of after every append.
 */
#ifndef DYAD_BUF_H
#define DYAD_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "err.h"

typedef struct dyad_buf {
    char *p;      /* contents, NUL-terminated when len < cap */
    size_t len;   /* bytes used */
    size_t cap;   /* bytes allocated */
    int oom;      /* an append failed */
} dyad_buf;

void dyad__buf_free(dyad_buf *b);
int dyad__buf_reserve(dyad_buf *b, size_t extra);
void dyad__buf_printf(dyad_buf *b, const char *fmt, ...) DYAD_PRINTF(2, 3);
/* Appends s as the contents of a JSON string (no quotes), escaping what
 * JSON requires; invalid UTF-8 becomes U+FFFD. */
void dyad__buf_json_str(dyad_buf *b, const char *s, size_t n);
/* Appends s as one CSV field (RFC 4180): quoted, with quotes doubled, when
 * it holds a comma, a quote or a line break. */
void dyad__buf_csv_field(dyad_buf *b, const char *s);

static inline int dyad__buf_ok(const dyad_buf *b) { return !b->oom; }

static inline void dyad__buf_add(dyad_buf *b, const void *s, size_t n)
{
    if (b->len + n + 1 > b->cap && dyad__buf_reserve(b, n + 1) != 0)
        return;
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static inline void dyad__buf_puts(dyad_buf *b, const char *s) { dyad__buf_add(b, s, strlen(s)); }

static inline void dyad__buf_putc(dyad_buf *b, char c) { dyad__buf_add(b, &c, 1); }

#endif
