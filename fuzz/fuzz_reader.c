/*
 * fuzz_reader.c -- libFuzzer target: the document reader and the cleaner
 * on arbitrary bytes (JSON Lines, gzip or not). Every document the reader
 * returns is cleaned, and the cleaner's invariants are checked: segments in
 * order inside the text, the offset map monotonic and inside the original,
 * ASCII mapping to the same byte (or, made by NFC of another character, to
 * that character).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/arena.h"
#include "clean/clean.h"
#include "dyad.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_clean(const dyad_doc *doc, dyad_cleaner *cl, dyad_arena *arena)
{
    dyad_clean c;
    dyad_doc_stats st = {0};
    dyad__arena_reset(arena);
    if (dyad__clean(cl, doc->text, doc->text_len, arena, &c, &st) != 0)
        abort();
    if (c.text[c.len] != '\0' || st.segments != c.nseg)
        abort();
    uint32_t end = 0, prev = 0;
    for (uint32_t i = 0; i < c.nseg; i++) {
        if (c.seg[i].off < end || c.seg[i].len == 0)
            abort();
        end = c.seg[i].off + c.seg[i].len;
        if (end > c.len)
            abort();
    }
    for (uint32_t i = 0; i < c.len; i++) {
        uint32_t o = dyad__clean_orig(&c, i);
        if (o < prev || o > doc->text_len)
            abort();
        prev = o;
        /* (an ASCII character NFC made of another, U+037E GREEK QUESTION
         * MARK -> ';', maps to that character's first byte) */
        unsigned char ch = (unsigned char)c.text[i];
        if (ch > ' ' && ch < 0x7F &&
            (o >= doc->text_len ||
             (doc->text[o] != (char)ch && (unsigned char)doc->text[o] < 0x80)))
            abort();
    }
}

/* One cleaner for the whole run: its language identifier is costly to
 * load (a fuzz harness may keep state; the library never does). */
static dyad_cleaner *cleaner(void)
{
    static dyad_cleaner *cl;
    dyad_err err;
    if (!cl)
        cl = dyad__cleaner_new(NULL, &err);
    return cl;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[] = "/tmp/dyad-fuzz-reader-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return 0;
    if (write(fd, data, size) != (ssize_t)size) {
        close(fd);
        unlink(path);
        return 0;
    }
    close(fd);
    dyad_err err;
    dyad_reader_opts o = {DYAD_READ_JSONL, 1 << 16, 0, NULL};
    dyad_reader *r = dyad_reader_open(path, &o, &err);
    dyad_cleaner *cl = cleaner();
    dyad_arena arena;
    dyad__arena_init(&arena, 1 << 16);
    if (r && cl) {
        dyad_doc doc;
        int rc, guard = 0;
        while ((rc = dyad_reader_next(r, &doc, &err)) != 0 && guard++ < 100000) {
            if (rc > 0 && doc.text_len && !doc.text)
                abort();
            if (rc > 0)
                check_clean(&doc, cl, &arena);
        }
    }
    dyad_reader_close(r);
    dyad__arena_free(&arena);
    /* The raw bytes as one article too: the cleaner on anything. */
    if (size < (1u << 16)) {
        dyad_doc d = {"raw", 3, (const char *)data, size, 0};
        dyad__arena_init(&arena, 1 << 16);
        if (cl)
            check_clean(&d, cl, &arena);
        dyad__arena_free(&arena);
    }
    unlink(path);
    return 0;
}
