/*
 * fuzz_dict.c -- libFuzzer target: the dictionary loader (strict and
 * lenient, dyad's format and TABARI/PETRARCH actors and agents), the
 * checks, and lookups over whatever the bytes define.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/arena.h"
#include "dyad.h"
#include "kb/kb.h"
#include "text/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void count(void *ud, const char *severity, const char *file, uint32_t line,
                  const char *msg)
{
    (void)severity;
    (void)file;
    (void)line;
    *(size_t *)ud += strlen(msg);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[] = "/tmp/dyad-fuzz-dict-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return 0;
    if (write(fd, data, size) != (ssize_t)size) {
        close(fd);
        unlink(path);
        return 0;
    }
    close(fd);
    const char *files[1] = {path};
    dyad_kb_opts o = {files, 1, 1};
    dyad_err err;
    dyad_kb *kb = dyad_kb_load(&o, &err);
    dyad_kb_free(kb);
    /* The same bytes as TABARI/PETRARCH files. */
    static const char *const suffix[] = {".actors", ".agents"};
    for (int k = 0; k < 2; k++) {
        char p2[64];
        snprintf(p2, sizeof p2, "%s%s", path, suffix[k]);
        if (link(path, p2) == 0) {
            const char *f2[1] = {p2};
            dyad_kb_opts o2 = {f2, 1, 1};
            kb = dyad_kb_load(&o2, &err);
            if (kb) {
                size_t n = 0;
                dyad__kb_check(kb, count, &n);
            }
            dyad_kb_free(kb);
            unlink(p2);
        }
    }
    kb = dyad__kb_load_lenient(&o, &err);
    if (kb) {
        size_t n = 0;
        dyad__kb_check(kb, count, &n);
        dyad_kb_stats st;
        dyad__kb_stats(kb, &st);
        /* The input itself as a sentence: every token a possible start. */
        char *text = malloc(size + 1);
        if (text) {
            memcpy(text, data, size);
            text[size] = '\0';
            dyad_arena a;
            dyad__arena_init(&a, 4096);
            dyad_tok *tok = NULL;
            uint32_t nt = dyad__tokenize(dyad__kb_lex(kb), text, 0, (uint32_t)size, &a, &tok);
            for (uint32_t i = 0; i < nt; i++) {
                const dyad_actor *act;
                if (dyad__kb_match_actor(kb, tok, nt, i, text, &act))
                    (void)dyad__actor_code(act, 20200101);
                uint32_t np;
                (void)dyad__kb_patterns(kb, DYAD_PK_VERB, tok[i].form, &np, NULL, NULL);
            }
            (void)dyad__kb_discard(kb, tok, nt);
            const dyad_actor *out[8];
            (void)dyad__kb_find_name(kb, text, out, 8);
            dyad__arena_free(&a);
            free(text);
        }
        dyad_kb_free(kb);
    }
    unlink(path);
    return 0;
}
