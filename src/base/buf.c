/*
 * buf.c -- see buf.h.
 */
#include "buf.h"

#include <stdio.h>
#include <stdlib.h>

void dyad__buf_free(dyad_buf *b)
{
    free(b->p);
    memset(b, 0, sizeof *b);
}

int dyad__buf_reserve(dyad_buf *b, size_t extra)
{
    if (b->oom)
        return -1;
    if (b->len + extra <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra)
        cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p) {
        b->oom = 1;
        return -1;
    }
    b->p = p;
    b->cap = cap;
    return 0;
}

void dyad__buf_printf(dyad_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char small[256];
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof small) {
        dyad__buf_add(b, small, (size_t)n);
        return;
    }
    if (dyad__buf_reserve(b, (size_t)n + 1) != 0)
        return;
    va_start(ap, fmt);
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

/* Length of a valid UTF-8 sequence starting at s (at most n bytes), 0 if invalid. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        return n >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
            return 0;
        if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] > 0x9F))
            return 0;
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
            return 0;
        if ((c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] > 0x8F))
            return 0;
        return 4;
    }
    return 0;
}

void dyad__buf_csv_field(dyad_buf *b, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        dyad__buf_puts(b, s);
        return;
    }
    dyad__buf_putc(b, '"');
    for (; *s; s++) {
        if (*s == '"')
            dyad__buf_putc(b, '"');
        dyad__buf_putc(b, *s);
    }
    dyad__buf_putc(b, '"');
}

/* Are all eight bytes of x copied as they are into a JSON string: no
 * control byte, no '"', no '\\', nothing >= 0x80? (Bit tricks on the whole
 * word: a byte below 0x20, and a zero byte after the XORs, show as a high
 * bit; exact for the question asked of all eight.) */
static inline int json_plain8(uint64_t x)
{
    const uint64_t L = 0x0101010101010101ull, H = 0x8080808080808080ull;
    uint64_t q = x ^ (L * '"'), bs = x ^ (L * '\\');
    return !((x | ((x - L * 0x20) & ~x) | ((q - L) & ~q) | ((bs - L) & ~bs)) & H);
}

void dyad__buf_json_str(dyad_buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    while (p < end) {
        /* Room for the rest as it is, and for a window written whole: the
         * plain bytes go straight into the buffer (no copy call a run). */
        if (dyad__buf_reserve(b, (size_t)(end - p) + 8) != 0)
            return;
        char *o = b->p + b->len;
        uint64_t x;
        while (end - p >= 8) { /* most of a sentence: eight plain bytes at a time */
            memcpy(&x, p, 8);
            memcpy(o, &x, 8);
            if (!json_plain8(x))
                break;
            p += 8;
            o += 8;
        }
        while (p < end && *p >= 0x20 && *p < 0x80 && *p != '"' && *p != '\\')
            *o++ = (char)*p++;
        b->len = (size_t)(o - b->p);
        b->p[b->len] = '\0';
        if (p >= end)
            break;
        unsigned c = *p;
        if (c >= 0x80) {
            size_t k = utf8_len(p, (size_t)(end - p));
            if (k) {
                dyad__buf_add(b, p, k);
                p += k;
            } else {
                dyad__buf_add(b, "\xEF\xBF\xBD", 3);
                p++;
            }
            continue;
        }
        char esc[8];
        switch (c) {
        case '"': dyad__buf_add(b, "\\\"", 2); break;
        case '\\': dyad__buf_add(b, "\\\\", 2); break;
        case '\n': dyad__buf_add(b, "\\n", 2); break;
        case '\t': dyad__buf_add(b, "\\t", 2); break;
        case '\r': dyad__buf_add(b, "\\r", 2); break;
        default:
            memcpy(esc, "\\u00", 4);
            esc[4] = hex[c >> 4];
            esc[5] = hex[c & 15];
            dyad__buf_add(b, esc, 6);
        }
        p++;
    }
}
