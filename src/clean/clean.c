/*
 * clean.c -- STUB: the whole text as one segment. Replaced by the real
 * cleaner (UTF-8 repair, NFC, boilerplate, duplicates, glue, language).
 */
#include "clean.h"

#include <stdlib.h>
#include <string.h>

struct dyad_cleaner {
    int unused;
};

dyad_cleaner *dyad__cleaner_new(const dyad_lex *lex, dyad_err *err)
{
    (void)lex;
    (void)err;
    return calloc(1, sizeof(dyad_cleaner));
}

void dyad__cleaner_free(dyad_cleaner *cl) { free(cl); }

int dyad__clean(dyad_cleaner *cl, const char *text, size_t len, dyad_arena *arena,
                dyad_clean *out, dyad_doc_stats *st)
{
    (void)cl;
    memset(out, 0, sizeof *out);
    out->text = dyad__arena_strndup(arena, text, len);
    out->seg = dyad__arena_zalloc(arena, sizeof *out->seg);
    if (!out->text || !out->seg)
        return -1;
    out->len = (uint32_t)len;
    out->seg[0].off = 0;
    out->seg[0].len = (uint32_t)len;
    out->nseg = 1;
    st->segments++;
    return 0;
}

uint32_t dyad__clean_orig(const dyad_clean *c, uint32_t off) { (void)c; return off; }
