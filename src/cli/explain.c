/*
 * explain.c -- `dyad explain "sentence"`: the coder's reasoning, step by step.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "coder/coder.h"

static const char explain_usage[] =
    "usage: dyad explain [options] \"TEXT\" | -\n"
    "\n"
    "Codes TEXT (one or more sentences; '-' reads it from stdin) and shows what\n"
    "the coder saw: the cleaned segments, each sentence's tokens with their\n"
    "part-of-speech tags, lemmas and chunks, the actors found (with their codes\n"
    "and the dictionary entries that gave them), the patterns that matched and\n"
    "how each role was found, and the events with the rule and pattern behind\n"
    "each.\n"
    "\n"
    "options:\n"
    "  --date YYYY-MM-DD   the article's date (codes of people depend on it)\n"
    "  --dict FILE         load a dictionary file after the built-in ones (repeatable)\n"
    "  --no-default-dicts  load only the --dict files\n"
    "  -h, --help          this text\n";

static char *read_stdin(size_t *n)
{
    size_t cap = 4096, len = 0;
    char *p = malloc(cap);
    if (!p)
        return NULL;
    size_t got;
    while ((got = fread(p + len, 1, cap - len, stdin)) > 0) {
        len += got;
        if (len == cap) {
            char *q = realloc(p, cap * 2);
            if (!q) {
                free(p);
                return NULL;
            }
            p = q;
            cap *= 2;
        }
    }
    *n = len;
    return p;
}

int cmd_explain(int argc, char **argv)
{
    enum { O_DATE = 256, O_DICT, O_NODEF };
    static const struct option opts[] = {
        {"date", required_argument, 0, O_DATE},
        {"dict", required_argument, 0, O_DICT},
        {"no-default-dicts", no_argument, 0, O_NODEF},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0},
    };
    const char **dicts = calloc((size_t)argc + 1, sizeof *dicts);
    size_t ndicts = 0;
    int no_defaults = 0, c;
    int32_t date = 0;
    if (!dicts)
        return EXIT_FATAL;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case O_DATE:
            if (cli_parse_date("--date", optarg, &date) != 0) {
                free(dicts);
                return EXIT_USAGE;
            }
            break;
        case O_DICT: dicts[ndicts++] = optarg; break;
        case O_NODEF: no_defaults = 1; break;
        case 'h':
            fputs(explain_usage, stdout);
            free(dicts);
            return EXIT_OK;
        default:
            fputs(explain_usage, stderr);
            free(dicts);
            return EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        cli_error("explain needs the text to explain (or '-' for stdin)");
        fputs(explain_usage, stderr);
        free(dicts);
        return EXIT_USAGE;
    }
    char *text = NULL;
    size_t len = 0;
    if (!strcmp(argv[optind], "-") && optind + 1 == argc) {
        text = read_stdin(&len);
    } else {
        for (int i = optind; i < argc; i++)
            len += strlen(argv[i]) + 1;
        text = malloc(len + 1);
        if (text) {
            len = 0;
            for (int i = optind; i < argc; i++) {
                size_t l = strlen(argv[i]);
                memcpy(text + len, argv[i], l);
                len += l;
                text[len++] = ' ';
            }
            len--;
        }
    }
    if (!text) {
        cli_error("out of memory");
        free(dicts);
        return EXIT_FATAL;
    }
    dyad_kb *kb = cli_load_kb(dicts, ndicts, no_defaults);
    free(dicts);
    if (!kb) {
        free(text);
        return EXIT_FATAL;
    }
    dyad_err err = {0};
    dyad_coder *coder = dyad_coder_new(kb, &err);
    if (!coder) {
        cli_report("error", &err);
        dyad_kb_free(kb);
        free(text);
        return EXIT_FATAL;
    }
    dyad_buf trace = {0}, out = {0};
    dyad__coder_set_trace(coder, &trace);
    dyad_doc doc = {"explain", 7, text, len, date};
    const dyad_result *r = dyad_code(coder, &doc);
    int rc = EXIT_OK;
    if (!r) {
        cli_error("out of memory");
        rc = EXIT_FATAL;
    } else {
        if (r->status != DYAD_OK)
            cli_report("warning", &r->err);
        dyad__explain(coder, &doc, r, &trace, &out);
        fwrite(out.p, 1, out.len, stdout);
    }
    dyad__buf_free(&trace);
    dyad__buf_free(&out);
    dyad_coder_free(coder);
    dyad_kb_free(kb);
    free(text);
    return rc;
}
