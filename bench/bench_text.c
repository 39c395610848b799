/*
 * bench_text.c -- speed of the text stage (tokenise, split, tag, lemmatise,
 * chunk) on real news, and a viewer of its output.
 *
 * Not part of the build: bench/bench_text.sh compiles it against
 * build/libdyad.a. Reads JSON Lines documents ({"text": ..., "source": ...})
 * on stdin, cuts each text into paragraphs (blank lines or indented lines,
 * as the Reuters wire has them; the real pipeline gets segments from the
 * cleaner), and runs dyad__text_analyse over them.
 *
 *   bench_text [-r REPEAT] [-s] [-t] [-n MAXDOCS] [-e SOURCE] < docs.jsonl
 *     -r N   run the whole input N times (timing; default 3, best run counts)
 *     -s     print every sentence (one a line) instead of timing
 *     -t     print every sentence tagged: word/TAG(lemma) [chunks
 *     -n N   read at most N documents
 *     -e S   keep only documents whose "source" starts with S
 * Prints load time, tokens, sentences, bytes and tokens/s, per source too.
 */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/arena.h"
#include "lex/lex.h"
#include "text/text.h"

typedef struct doc {
    char *text;
    size_t len;
    int src;
} doc;

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static double cpu(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Paragraph ends: a blank line, or a newline followed by indentation. */
static size_t para_end(const char *s, size_t i, size_t n)
{
    for (; i < n; i++)
        if (s[i] == '\n' && i + 1 < n && (s[i + 1] == '\n' || s[i + 1] == ' ' || s[i + 1] == '\t'))
            return i;
    return n;
}

static const char *CH[] = {"O", "NP", "VP", "PP", "ADJP", "ADVP", "?", "?"};

int main(int argc, char **argv)
{
    int repeat = 3, show = 0, tags = 0;
    long maxdocs = -1;
    const char *only = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-r") && i + 1 < argc)
            repeat = atoi(argv[++i]);
        else if (!strcmp(argv[i], "-s"))
            show = 1;
        else if (!strcmp(argv[i], "-t"))
            tags = 1;
        else if (!strcmp(argv[i], "-n") && i + 1 < argc)
            maxdocs = atol(argv[++i]);
        else if (!strcmp(argv[i], "-e") && i + 1 < argc)
            only = argv[++i];
        else {
            fprintf(stderr, "usage: bench_text [-r N] [-s] [-t] [-n N] [-e SOURCE] < docs.jsonl\n");
            return 2;
        }
    }
    char *srcname[16];
    int nsrc = 0;
    doc *docs = NULL;
    size_t ndocs = 0, cap = 0, bytes = 0;
    char *line = NULL;
    size_t lcap = 0;
    ssize_t ll;
    while ((maxdocs < 0 || (long)ndocs < maxdocs) && (ll = getline(&line, &lcap, stdin)) > 0) {
        cJSON *j = cJSON_ParseWithLength(line, (size_t)ll);
        const cJSON *t = cJSON_GetObjectItemCaseSensitive(j, "text");
        const cJSON *s = cJSON_GetObjectItemCaseSensitive(j, "source");
        const char *sn = cJSON_IsString(s) ? s->valuestring : "?";
        if (cJSON_IsString(t) && (!only || strncmp(sn, only, strlen(only)) == 0)) {
            int k;
            for (k = 0; k < nsrc; k++)
                if (!strcmp(srcname[k], sn))
                    break;
            if (k == nsrc && nsrc < 16)
                srcname[nsrc++] = strdup(sn);
            if (ndocs == cap) {
                cap = cap ? cap * 2 : 1024;
                docs = realloc(docs, cap * sizeof *docs);
            }
            docs[ndocs].text = strdup(t->valuestring);
            docs[ndocs].len = strlen(t->valuestring);
            docs[ndocs].src = k < 16 ? k : 15;
            bytes += docs[ndocs].len;
            ndocs++;
        }
        cJSON_Delete(j);
    }
    free(line);

    dyad_err err;
    double c0 = cpu(), w0 = now();
    dyad_lex *lex = dyad__lex_new(&err);
    if (!lex || dyad__lex_load_builtin(lex, &err) != 0) {
        fprintf(stderr, "bench_text: %s\n", err.msg);
        return 1;
    }
    double lcpu = cpu() - c0, lwall = now() - w0;
    dyad_arena arena;
    dyad__arena_init(&arena, 1 << 20);

    if (show || tags) {
        for (size_t d = 0; d < ndocs; d++) {
            dyad_text tx;
            memset(&tx, 0, sizeof tx);
            const char *s = docs[d].text;
            size_t n = docs[d].len;
            for (size_t i = 0; i < n;) {
                size_t e = para_end(s, i, n);
                dyad__text_analyse(lex, s, (uint32_t)i, (uint32_t)(e - i), &arena, &tx);
                i = e + 1;
            }
            for (uint32_t k = 0; k < tx.nsent; k++) {
                const dyad_sent *st = &tx.sent[k];
                if (!tags) {
                    for (uint32_t b = st->off; b < st->off + st->len; b++)
                        putchar(s[b] == '\n' ? ' ' : s[b]);
                    putchar('\n');
                    continue;
                }
                for (uint32_t i = st->tok; i < st->tok + st->ntok; i++) {
                    const dyad_tok *t = &tx.tok[i];
                    if (t->chunk & DYAD_CH_B)
                        printf("[%s ", CH[t->chunk & DYAD_CH_TYPE]);
                    printf("%.*s/%s", t->len, s + t->off, dyad__pos_name(t->tag));
                    if (t->lemma && t->lemma != t->form)
                        printf("(%s)", dyad__lex_str(lex, t->lemma));
                    putchar(i + 1 < st->tok + st->ntok ? ' ' : '\n');
                }
            }
            printf("\n");
            dyad__arena_reset(&arena);
        }
        return 0;
    }

    double best = 1e30;
    uint64_t ntok = 0, nsent = 0, stok[16] = {0}, sbytes[16] = {0};
    double stime[16] = {0};
    for (int r = 0; r < repeat; r++) {
        ntok = nsent = 0;
        double t0 = cpu();
        for (size_t d = 0; d < ndocs; d++) {
            double ts = r == 0 ? cpu() : 0;
            dyad_text tx;
            memset(&tx, 0, sizeof tx);
            const char *s = docs[d].text;
            size_t n = docs[d].len;
            for (size_t i = 0; i < n;) {
                size_t e = para_end(s, i, n);
                if (dyad__text_analyse(lex, s, (uint32_t)i, (uint32_t)(e - i), &arena, &tx) != 0) {
                    fprintf(stderr, "bench_text: out of memory\n");
                    return 1;
                }
                i = e + 1;
            }
            ntok += tx.ntok;
            nsent += tx.nsent;
            if (r == 0) {
                stok[docs[d].src] += tx.ntok;
                sbytes[docs[d].src] += n;
                stime[docs[d].src] += cpu() - ts;
            }
            dyad__arena_reset(&arena);
        }
        double el = cpu() - t0;
        if (el < best)
            best = el;
    }
    printf("lexicon: %u words, load %.1f ms CPU (%.1f ms wall)\n", dyad__lex_count(lex), lcpu * 1e3,
           lwall * 1e3);
    printf("input: %zu documents, %.1f MB, %llu sentences, %llu tokens\n", ndocs, bytes / 1e6,
           (unsigned long long)nsent, (unsigned long long)ntok);
    printf("best of %d: %.3f s CPU: %.2f M tokens/s, %.0f sentences/s, %.1f MB/s\n", repeat, best,
           ntok / best / 1e6, nsent / best, bytes / best / 1e6);
    for (int k = 0; k < nsrc; k++)
        printf("  %-45s %9llu tokens %.2f M tokens/s (first run)\n", srcname[k],
               (unsigned long long)stok[k], stime[k] > 0 ? stok[k] / stime[k] / 1e6 : 0.0);
    dyad__arena_free(&arena);
    dyad__lex_free(lex);
    for (size_t d = 0; d < ndocs; d++)
        free(docs[d].text);
    free(docs);
    for (int k = 0; k < nsrc; k++)
        free(srcname[k]);
    return 0;
}
