/*
 * test.c -- `dyad test FILE...`: golden files of sentences and the events
 * they must give.
 *
 * A golden file is a list of cases separated by blank lines:
 *
 *     # passive with a by-agent
 *     text: Five soldiers were killed by rebels in the north.
 *     date: 2023-11-10
 *     event: ---REB 18* ---MIL
 *     ...
 *
 * `event: SOURCE CODE TARGET` lines must match the document's events in
 * order (the first is the primary event); `-` is an empty actor, a trailing
 * `*` matches any rest of a code. `event-date: YYYY-MM-DD` checks the date of
 * the event above it. A `...` line allows further events; `no-events` says
 * there must be none. Comments start with #.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define MAXEXP 16

typedef struct expect {
    char src[32], code[8], tgt[32];
    int32_t date;   /* 0 = not checked */
} expect;

typedef struct gcase {
    char *text;
    int32_t date;
    expect ev[MAXEXP];
    int nev;
    int more;       /* "..." */
    int none;       /* "no-events" */
    unsigned line;  /* first line of the case */
} gcase;

static int wild_eq(const char *pat, const char *s)
{
    if (!strcmp(pat, "-"))
        return s[0] == '\0';
    size_t n = strlen(pat);
    if (n && pat[n - 1] == '*')
        return strncmp(pat, s, n - 1) == 0;
    return strcmp(pat, s) == 0;
}

static void trim(char *s)
{
    size_t n = strlen(s);
    while (n && (s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t'))
        s[--n] = '\0';
}

/* Runs one case; prints and returns 0 on success, 1 on failure. */
static int run_case(dyad_coder *coder, const char *file, gcase *gc)
{
    dyad_doc doc = {"golden", 6, gc->text, strlen(gc->text), gc->date};
    const dyad_result *r = dyad_code(coder, &doc);
    if (!r) {
        cli_error("out of memory");
        return 1;
    }
    const char *why = NULL;
    char whybuf[160];
    if (gc->none && r->nevents)
        why = "expected no events";
    else if ((size_t)gc->nev > r->nevents)
        why = "too few events";
    else if (!gc->more && !gc->none && (size_t)gc->nev < r->nevents)
        why = "more events than expected (add '...' to allow them)";
    for (int i = 0; !why && i < gc->nev; i++) {
        const dyad_event *e = &r->events[i];
        const expect *x = &gc->ev[i];
        if (!wild_eq(x->src, e->source) || !wild_eq(x->code, e->code) || !wild_eq(x->tgt, e->target)) {
            snprintf(whybuf, sizeof whybuf, "event %d differs", i + 1);
            why = whybuf;
        } else if (x->date && x->date != e->date) {
            snprintf(whybuf, sizeof whybuf, "event %d has another date", i + 1);
            why = whybuf;
        }
    }
    if (!why)
        return 0;
    printf("FAIL %s:%u: %s\n  text: %s\n  expected:", file, gc->line, why, gc->text);
    if (gc->none)
        printf(" no events");
    for (int i = 0; i < gc->nev; i++) {
        char d[11];
        dyad_date_format(gc->ev[i].date, d);
        printf("\n    %s %s %s%s%s", gc->ev[i].src, gc->ev[i].code, gc->ev[i].tgt, d[0] ? " on " : "", d);
    }
    if (gc->more)
        printf("\n    ...");
    printf("\n  got:");
    if (!r->nevents)
        printf(" no events");
    for (size_t i = 0; i < r->nevents; i++) {
        const dyad_event *e = &r->events[i];
        char d[11];
        dyad_date_format(e->date, d);
        printf("\n    %s %s %s on %s  (%.*s; %.*s)", e->source[0] ? e->source : "-", e->code,
               e->target[0] ? e->target : "-", d[0] ? d : "-", (int)e->pattern.n, e->pattern.p,
               (int)e->rule.n, e->rule.p);
    }
    printf("\n  (run: dyad explain%s%s \"...\" to see why)\n", gc->date ? " --date " : "",
           gc->date ? "D" : "");
    return 1;
}

static int run_file(dyad_coder *coder, const char *file, int *ncases, int *nfail)
{
    FILE *f = fopen(file, "r");
    if (!f) {
        cli_error("%s: cannot open", file);
        return -1;
    }
    char *line = NULL;
    size_t cap = 0;
    unsigned lineno = 0;
    gcase gc;
    memset(&gc, 0, sizeof gc);
    int bad = 0;
    for (;;) {
        ssize_t got = getline(&line, &cap, f);
        if (got >= 0) {
            lineno++;
            trim(line);
        }
        int blank = got < 0 || line[0] == '\0';
        if (blank) {
            if (gc.text) {
                (*ncases)++;
                *nfail += run_case(coder, file, &gc);
                free(gc.text);
            } else if (gc.nev || gc.none) {
                cli_error("%s:%u: a case without 'text:'", file, gc.line);
                bad = 1;
            }
            memset(&gc, 0, sizeof gc);
            if (got < 0)
                break;
            continue;
        }
        if (line[0] == '#')
            continue;
        if (!gc.line)
            gc.line = lineno;
        if (!strncmp(line, "text:", 5)) {
            const char *t = line + 5;
            while (*t == ' ')
                t++;
            free(gc.text);
            gc.text = strdup(t);
        } else if (!strncmp(line, "date:", 5)) {
            const char *t = line + 5;
            while (*t == ' ')
                t++;
            gc.date = dyad_date_parse(t, strlen(t));
            if (!gc.date) {
                cli_error("%s:%u: bad date '%s'", file, lineno, t);
                bad = 1;
            }
        } else if (!strncmp(line, "event:", 6)) {
            if (gc.nev >= MAXEXP) {
                cli_error("%s:%u: too many events in one case", file, lineno);
                bad = 1;
                continue;
            }
            expect *x = &gc.ev[gc.nev];
            if (sscanf(line + 6, "%31s %7s %31s", x->src, x->code, x->tgt) != 3) {
                cli_error("%s:%u: expected 'event: SOURCE CODE TARGET'", file, lineno);
                bad = 1;
                continue;
            }
            gc.nev++;
        } else if (!strncmp(line, "event-date:", 11)) {
            const char *t = line + 11;
            while (*t == ' ')
                t++;
            if (!gc.nev || !(gc.ev[gc.nev - 1].date = dyad_date_parse(t, strlen(t)))) {
                cli_error("%s:%u: 'event-date:' needs a date after an 'event:' line", file, lineno);
                bad = 1;
            }
        } else if (!strcmp(line, "...")) {
            gc.more = 1;
        } else if (!strcmp(line, "no-events")) {
            gc.none = 1;
        } else {
            cli_error("%s:%u: unknown line '%s'", file, lineno, line);
            bad = 1;
        }
    }
    free(line);
    fclose(f);
    return bad ? -1 : 0;
}

int cmd_test(int argc, char **argv)
{
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        FILE *o = argc < 2 ? stderr : stdout;
        fputs("usage: dyad test FILE...\n"
              "\n"
              "Runs golden files: cases of 'text:' (a sentence or short article),\n"
              "optional 'date:', and the 'event: SOURCE CODE TARGET' lines the coder\n"
              "must produce, in order ('-' = no actor, 'RUS*' = any code starting\n"
              "RUS, '...' = more events allowed, 'no-events'). Prints failures with\n"
              "what was coded; exits 1 if any case fails, 2 on a malformed file.\n",
              o);
        return argc < 2 ? EXIT_USAGE : EXIT_OK;
    }
    dyad_kb *kb = cli_load_kb(NULL, 0, 0);
    if (!kb)
        return EXIT_FATAL;
    dyad_err err = {0};
    dyad_coder *coder = dyad_coder_new(kb, &err);
    if (!coder) {
        cli_report("error", &err);
        dyad_kb_free(kb);
        return EXIT_FATAL;
    }
    int ncases = 0, nfail = 0, bad = 0;
    for (int i = 1; i < argc; i++)
        if (run_file(coder, argv[i], &ncases, &nfail) != 0)
            bad = 1;
    printf("%d case(s), %d failed\n", ncases, nfail);
    dyad_coder_free(coder);
    dyad_kb_free(kb);
    if (bad)
        return EXIT_USAGE;
    return nfail ? EXIT_BADINPUT : EXIT_OK;
}
