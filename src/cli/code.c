/*
 * code.c -- `dyad code`: documents in, events out (a Unix filter).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/buf.h"
#include "cli.h"
#include "emit/emit.h"

static const char code_usage[] =
    "usage: dyad code [options] [FILE...]\n"
    "       dyad code --text FILE [--date YYYY-MM-DD] [options]\n"
    "\n"
    "Reads documents and writes one JSON object per event on stdout, the\n"
    "document's primary event first. FILE is JSON Lines ({\"id\",\"text\",\"date\"}\n"
    "a line), plain or gzip-compressed; with no FILE, or FILE '-', stdin is read.\n"
    "A summary line (documents, sentences, events, skipped, seconds) goes to stderr.\n"
    "\n"
    "options:\n"
    "  --text FILE         code FILE as one plain-text article (repeatable)\n"
    "  --date YYYY-MM-DD   date of --text articles and of documents without one\n"
    "  --dict FILE         load a dictionary file after the built-in ones (repeatable)\n"
    "  --no-default-dicts  load only the --dict files\n"
    "  --max-doc-bytes N   skip (and report) documents longer than N bytes [67108864]\n"
    "  --sentence-text     add the sentence text to every event\n"
    "  -q, --quiet         no summary line\n"
    "  -h, --help          this text\n"
    "\n"
    "Bad records (malformed JSON, invalid UTF-8, no text, over-long lines) are\n"
    "reported on stderr with the input name, line and byte offset, and skipped.\n"
    "\n"
    "exit status: 0 ok, 1 some input was bad or unreadable (reported, the rest\n"
    "coded), 2 usage, 3 fatal (dictionary error, out of memory, cannot write).\n";

typedef struct code_state {
    dyad_coder *coder;
    dyad_buf out;
    int with_sentence;
    unsigned long long docs, sentences, events, skipped;
    int bad;       /* some input was bad */
    int fatal;     /* output failed */
} code_state;

static void flush_out(code_state *st, int force)
{
    if (st->out.len && (force || st->out.len >= (1u << 16))) {
        if (fwrite(st->out.p, 1, st->out.len, stdout) != st->out.len)
            st->fatal = 1;
        st->out.len = 0;
    }
}

static void code_doc(code_state *st, const dyad_doc *doc)
{
    const dyad_result *r = dyad_code(st->coder, doc);
    if (!r) {
        cli_error("out of memory coding document '%.*s'", (int)doc->id_len, doc->id);
        st->fatal = 1;
        return;
    }
    st->docs++;
    st->sentences += r->stats.sentences;
    if (r->status != DYAD_OK) {
        cli_report("warning", &r->err);
        if (r->status != DYAD_EUTF8) {
            st->bad = 1;
            st->skipped++;
        }
    }
    for (size_t i = 0; i < r->nevents; i++)
        dyad__emit_event(&st->out, doc, &r->events[i], st->with_sentence);
    st->events += r->nevents;
    flush_out(st, 0);
}

static int code_input(code_state *st, const char *path, const dyad_reader_opts *ro)
{
    dyad_err err = {0};
    dyad_reader *rd = dyad_reader_open(path, ro, &err);
    if (!rd) {
        cli_report("error", &err);
        st->bad = 1;
        return -1;
    }
    dyad_doc doc;
    int rc;
    while ((rc = dyad_reader_next(rd, &doc, &err)) != 0 && !st->fatal) {
        if (rc < 0) {
            cli_report("error", &err);
            st->bad = 1;
            st->skipped++;
            continue;
        }
        if (err.code != DYAD_OK) /* a warning: the document is still coded */
            cli_report("warning", &err);
        code_doc(st, &doc);
    }
    dyad_reader_close(rd);
    return 0;
}

int cmd_code(int argc, char **argv)
{
    enum { O_TEXT = 256, O_DATE, O_DICT, O_NODEF, O_MAXDOC, O_SENT };
    static const struct option opts[] = {
        {"text", required_argument, 0, O_TEXT},
        {"date", required_argument, 0, O_DATE},
        {"dict", required_argument, 0, O_DICT},
        {"no-default-dicts", no_argument, 0, O_NODEF},
        {"max-doc-bytes", required_argument, 0, O_MAXDOC},
        {"sentence-text", no_argument, 0, O_SENT},
        {"quiet", no_argument, 0, 'q'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0},
    };
    const char **dicts = calloc((size_t)argc + 1, sizeof *dicts);
    const char **texts = calloc((size_t)argc + 1, sizeof *texts);
    size_t ndicts = 0, ntexts = 0;
    int no_defaults = 0, quiet = 0, rc = EXIT_OK;
    dyad_reader_opts ro = {0};
    code_state st = {0};
    unsigned long ul;

    if (!dicts || !texts) {
        cli_error("out of memory");
        free(dicts);
        free(texts);
        return EXIT_FATAL;
    }
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, "qh", opts, NULL)) != -1) {
        switch (c) {
        case O_TEXT: texts[ntexts++] = optarg; break;
        case O_DATE:
            if (cli_parse_date("--date", optarg, &ro.default_date) != 0)
                rc = EXIT_USAGE;
            break;
        case O_DICT: dicts[ndicts++] = optarg; break;
        case O_NODEF: no_defaults = 1; break;
        case O_MAXDOC:
            if (cli_parse_uint("--max-doc-bytes", optarg, 1ul << 40, &ul) != 0)
                rc = EXIT_USAGE;
            ro.max_doc_bytes = ul;
            break;
        case O_SENT: st.with_sentence = 1; break;
        case 'q': quiet = 1; break;
        case 'h':
            fputs(code_usage, stdout);
            free(dicts);
            free(texts);
            return EXIT_OK;
        default: rc = EXIT_USAGE;
        }
    }
    if (rc != EXIT_OK) {
        fputs(code_usage, stderr);
        free(dicts);
        free(texts);
        return rc;
    }

    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    dyad_kb *kb = cli_load_kb(dicts, ndicts, no_defaults);
    if (!kb) {
        free(dicts);
        free(texts);
        return EXIT_FATAL;
    }
    dyad_err err = {0};
    st.coder = dyad_coder_new(kb, &err);
    if (!st.coder) {
        cli_report("error", &err);
        dyad_kb_free(kb);
        free(dicts);
        free(texts);
        return EXIT_FATAL;
    }

    if (ntexts) {
        dyad_reader_opts to = ro;
        to.mode = DYAD_READ_TEXT;
        for (size_t i = 0; i < ntexts && !st.fatal; i++)
            code_input(&st, texts[i], &to);
    }
    if (optind >= argc && !ntexts)
        code_input(&st, NULL, &ro);
    for (int i = optind; i < argc && !st.fatal; i++)
        code_input(&st, argv[i], &ro);
    flush_out(&st, 1);
    if (fflush(stdout) != 0)
        st.fatal = 1;

    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    if (!quiet)
        fprintf(stderr, "dyad: %llu documents, %llu sentences, %llu events, %llu skipped, %.2f s\n",
                st.docs, st.sentences, st.events, st.skipped, secs);
    if (st.out.oom)
        cli_error("out of memory writing events");
    dyad__buf_free(&st.out);
    dyad_coder_free(st.coder);
    dyad_kb_free(kb);
    free(dicts);
    free(texts);
    if (st.fatal || st.out.oom) {
        cli_error("could not write the events to stdout");
        return EXIT_FATAL;
    }
    return st.bad ? EXIT_BADINPUT : EXIT_OK;
}
