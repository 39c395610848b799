/*
 * emit.c -- see emit.h.
 */
#include "emit.h"

#include <stdio.h>

/* A field's head, "key": and the value's opening byte, as a literal and its
 * length (known to the compiler): one copy per head, not three and a strlen. */
#define KEY(key, open) "\"" key "\":" open, sizeof("\"" key "\":" open) - 1
#define KEY_STR(b, key, s, n) key_str(b, KEY(key, "\""), s, n)
#define KEY_SPAN(b, key, sp) key_span(b, KEY(key, "["), sp)

/* "key":"s", */
static inline void key_str(dyad_buf *b, const char *head, size_t hn, const char *s, size_t n)
{
    dyad__buf_add(b, head, hn);
    dyad__buf_json_str(b, s, n);
    dyad__buf_add(b, "\",", 2);
}

static void put_uint(dyad_buf *b, uint32_t v)
{
    char d[10];
    int k = 0;
    do {
        d[k++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    char out[10];
    for (int i = 0; i < k; i++)
        out[i] = d[k - 1 - i];
    dyad__buf_add(b, out, (size_t)k);
}

/* "key":[start,end], */
static void key_span(dyad_buf *b, const char *head, size_t hn, dyad_span sp)
{
    dyad__buf_add(b, head, hn);
    put_uint(b, sp.start);
    dyad__buf_putc(b, ',');
    put_uint(b, sp.end);
    dyad__buf_add(b, "],", 2);
}

/* Goldstein values have one decimal: -10.0 .. 10.0. */
static void put_goldstein(dyad_buf *b, double g)
{
    int t = (int)(g * 10.0 + (g < 0 ? -0.5 : 0.5));
    if (t < 0) {
        dyad__buf_putc(b, '-');
        t = -t;
    }
    put_uint(b, (uint32_t)(t / 10));
    dyad__buf_putc(b, '.');
    dyad__buf_putc(b, (char)('0' + t % 10));
}

void dyad__emit_event(dyad_buf *b, const dyad_doc *doc, const dyad_event *ev, int with_sentence)
{
    char date[11], doc_date[11];
    dyad_date_format(ev->date, date);
    dyad_date_format(ev->doc_date, doc_date);
    dyad__buf_putc(b, '{');
    KEY_STR(b, "doc_id", doc->id, doc->id_len);
    dyad__buf_add(b, "\"sentence\":", 11);
    put_uint(b, ev->sentence);
    dyad__buf_putc(b, ',');
    if (ev->date)
        KEY_STR(b, "date", date, 10);
    else
        dyad__buf_puts(b, "\"date\":null,");
    if (ev->doc_date)
        KEY_STR(b, "doc_date", doc_date, 10);
    else
        dyad__buf_puts(b, "\"doc_date\":null,");
    KEY_STR(b, "source", ev->source, strlen(ev->source));
    KEY_STR(b, "target", ev->target, strlen(ev->target));
    KEY_STR(b, "code", ev->code, strlen(ev->code));
    KEY_STR(b, "root", ev->root, strlen(ev->root));
    dyad__buf_add(b, "\"quad\":", 7);
    put_uint(b, (uint32_t)(ev->quad > 0 ? ev->quad : 0));
    dyad__buf_add(b, ",\"goldstein\":", 13);
    put_goldstein(b, ev->goldstein);
    dyad__buf_putc(b, ',');
    KEY_STR(b, "plover", ev->plover, strlen(ev->plover));
    KEY_STR(b, "source_text", ev->source_text.p, ev->source_text.n);
    KEY_STR(b, "target_text", ev->target_text.p, ev->target_text.n);
    KEY_STR(b, "verb_text", ev->verb_text.p, ev->verb_text.n);
    KEY_SPAN(b, "source_span", ev->source_span);
    KEY_SPAN(b, "target_span", ev->target_span);
    KEY_SPAN(b, "verb_span", ev->verb_span);
    KEY_STR(b, "pattern", ev->pattern.p, ev->pattern.n);
    KEY_STR(b, "rule", ev->rule.p, ev->rule.n);
    if (with_sentence)
        KEY_STR(b, "sentence_text", ev->sentence_text.p, ev->sentence_text.n);
    dyad__buf_add(b, "\"mentions\":", 11);
    put_uint(b, ev->mentions);
    dyad__buf_add(b, "}\n", 2);
}
