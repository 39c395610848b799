/*
 * emit.c -- see emit.h.
 */
#include "emit.h"

#include <stdio.h>

static void key_str(dyad_buf *b, const char *key, const char *s, size_t n)
{
    dyad__buf_putc(b, '"');
    dyad__buf_puts(b, key);
    dyad__buf_add(b, "\":\"", 3);
    dyad__buf_json_str(b, s, n);
    dyad__buf_add(b, "\",", 2);
}

static void key_span(dyad_buf *b, const char *key, dyad_span sp)
{
    dyad__buf_printf(b, "\"%s\":[%u,%u],", key, (unsigned)sp.start, (unsigned)sp.end);
}

void dyad__emit_event(dyad_buf *b, const dyad_doc *doc, const dyad_event *ev, int with_sentence)
{
    char date[11], doc_date[11];
    dyad_date_format(ev->date, date);
    dyad_date_format(ev->doc_date, doc_date);
    dyad__buf_putc(b, '{');
    key_str(b, "doc_id", doc->id, doc->id_len);
    dyad__buf_printf(b, "\"sentence\":%u,", (unsigned)ev->sentence);
    if (ev->date)
        dyad__buf_printf(b, "\"date\":\"%s\",", date);
    else
        dyad__buf_puts(b, "\"date\":null,");
    if (ev->doc_date)
        dyad__buf_printf(b, "\"doc_date\":\"%s\",", doc_date);
    else
        dyad__buf_puts(b, "\"doc_date\":null,");
    key_str(b, "source", ev->source, strlen(ev->source));
    key_str(b, "target", ev->target, strlen(ev->target));
    key_str(b, "code", ev->code, strlen(ev->code));
    key_str(b, "root", ev->root, strlen(ev->root));
    dyad__buf_printf(b, "\"quad\":%d,\"goldstein\":%.1f,", ev->quad, ev->goldstein);
    key_str(b, "plover", ev->plover, strlen(ev->plover));
    key_str(b, "source_text", ev->source_text.p, ev->source_text.n);
    key_str(b, "target_text", ev->target_text.p, ev->target_text.n);
    key_str(b, "verb_text", ev->verb_text.p, ev->verb_text.n);
    key_span(b, "source_span", ev->source_span);
    key_span(b, "target_span", ev->target_span);
    key_span(b, "verb_span", ev->verb_span);
    key_str(b, "pattern", ev->pattern.p, ev->pattern.n);
    key_str(b, "rule", ev->rule.p, ev->rule.n);
    if (with_sentence)
        key_str(b, "sentence_text", ev->sentence_text.p, ev->sentence_text.n);
    dyad__buf_printf(b, "\"mentions\":%u}\n", (unsigned)ev->mentions);
}
