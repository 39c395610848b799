/*
 * ingest.c -- `dyad ingest`: read documents, code them, store the events.
 *
 * Inputs are JSON Lines (plain or gzip), plain-text articles, directories
 * (walked in name order) or stdin. Each document is looked up first: one
 * already stored with the same content is not coded again, so a run that
 * was killed simply starts over and skips what was committed. The store
 * batches documents into transactions and writes them on its own thread
 * while this one codes (src/store/store.h).
 *
 * Owns: the input list, the progress bar (only when stderr is a terminal),
 * the summary, SIGINT handling (finish the document, commit, stop).
 */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "storeopt.h"

static const char ingest_usage[] =
    "usage: dyad ingest --db FILE [options] [INPUT...]\n"
    "\n"
    "Codes documents and stores their events in a SQLite database (created when\n"
    "missing). INPUT is a JSON Lines file ({\"id\",\"text\",\"date\"} a line; .gz\n"
    "too), a plain-text article (one per file, its id the file name), or a\n"
    "directory, walked for *.jsonl, *.ndjson, *.txt (and .gz of each). With no\n"
    "INPUT, or '-', JSON Lines are read from stdin.\n"
    "\n"
    "Ingest is idempotent and resumable: a document already stored with the same\n"
    "content is skipped without coding; the same id with new content replaces\n"
    "the old version. Documents commit in batches; after a crash or kill, run the\n"
    "same command again. Events are stored once with every sentence that reports\n"
    "them (docs/schema.md).\n"
    "\n"
    "options:\n"
    "  --db FILE             the database (required)\n"
    "  --format auto|jsonl|text  how to read INPUT files [auto: .jsonl/.ndjson/.json\n"
    "                        (and .gz) are JSON Lines, anything else one article]\n"
    "  --events              INPUT holds coded events (the JSON Lines of\n"
    "                        `dyad code --sentence-text`), stored as they are\n"
    "  --date YYYY-MM-DD     date of documents without one\n"
    "  --outlet NAME         the news outlet of every document (events count the\n"
    "                        distinct outlets reporting them) [the part of the\n"
    "                        document id before its first '-', ':' or '/', or the\n"
    "                        host of a URL]\n"
    "  --no-outlet           documents have no known outlet\n"
    "  --dict FILE           load a dictionary file after the built-in ones (repeatable)\n"
    "  --no-default-dicts    load only the --dict files\n"
    "  --max-doc-bytes N     skip (and report) documents longer than N bytes\n"
    "  --batch N             documents per transaction [1000]\n"
    "  --keep-text           store every document's full text too\n"
    "  --force               code and replace documents even when unchanged\n"
    "  --no-thread           write on the coding thread (no writer thread)\n"
    "  -q, --quiet           no progress bar, no summary\n"
    "  -h, --help            this text\n"
    "\n"
    "A progress bar is drawn when stderr is a terminal; a summary is printed at\n"
    "the end. Ctrl-C stops after the current document and commits what was read.\n"
    "\n"
    "exit status: 0 ok, 1 some input was bad (reported, the rest stored), 2 usage,\n"
    "3 fatal (unreadable dictionaries, out of memory), 4 the database failed (what\n"
    "was committed before is intact; run again to resume), 130 interrupted.\n";

enum { FMT_AUTO, FMT_JSONL, FMT_TEXT };

/* One input to read. */
typedef struct input {
    char *path;        /* NULL = stdin */
    char *text_id;     /* text mode: the document id (NULL = the reader's default) */
    int mode;          /* DYAD_READ_JSONL or DYAD_READ_TEXT */
    uint64_t size;     /* bytes, 0 when unknown */
} input;

typedef struct ingest {
    dyad_store *store;
    dyad_coder *coder;
    dyad_reader_opts ro;
    int events_mode;
    const char *outlet;  /* fixed outlet, or NULL = from the id */
    int no_outlet;
    int quiet, progress;

    input *in;
    size_t nin, capin;
    uint64_t total_bytes;  /* sum of known input sizes (0 = unknown) */
    uint64_t done_bytes;   /* bytes of the inputs finished */

    uint64_t docs, unchanged, coded, sentences, events, bad_records;
    int bad, fatal, db_failed;
    dyad_err dberr;
    struct timespec t0;
    double last_draw;
} ingest;

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
    (void)sig;
    if (interrupted) /* a second Ctrl-C: leave now (committed batches are safe) */
        _exit(130);
    interrupted = 1;
}

static double elapsed(const ingest *g)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - g->t0.tv_sec) + (double)(t.tv_nsec - g->t0.tv_nsec) / 1e9;
}

/* ------------------------------------------------------------------ inputs */

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && !strcmp(s + n - m, suffix);
}

static int jsonl_name(const char *name)
{
    static const char *const ext[] = {".jsonl", ".ndjson", ".json", ".jsonl.gz", ".ndjson.gz",
                                      ".json.gz"};
    for (size_t i = 0; i < sizeof ext / sizeof ext[0]; i++)
        if (ends_with(name, ext[i]))
            return 1;
    return 0;
}

static int text_name(const char *name)
{
    return ends_with(name, ".txt") || ends_with(name, ".txt.gz");
}

static int add_input(ingest *g, const char *path, const char *text_id, int mode, uint64_t size)
{
    if (g->nin == g->capin) {
        size_t cap = g->capin ? g->capin * 2 : 16;
        input *p = realloc(g->in, cap * sizeof *p);
        if (!p)
            return -1;
        g->in = p;
        g->capin = cap;
    }
    input *in = &g->in[g->nin];
    in->path = path ? strdup(path) : NULL;
    in->text_id = text_id ? strdup(text_id) : NULL;
    if ((path && !in->path) || (text_id && !in->text_id)) {
        free(in->path);
        free(in->text_id);
        return -1;
    }
    in->mode = mode;
    in->size = size;
    g->nin++;
    g->total_bytes += size;
    return 0;
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds the files of directory `dir` (recursively, in name order); `rel` is
 * the path below the directory given on the command line. */
static int walk(ingest *g, const char *dir, const char *rel, int fmt, int depth)
{
    if (depth > 32)
        return 0;
    DIR *d = opendir(dir);
    if (!d) {
        cli_error("%s: cannot read the directory: %s", dir, strerror(errno));
        g->bad = 1;
        return 0;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;
    int rc = 0;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.')
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            char **p = realloc(names, cap * sizeof *p);
            if (!p) {
                rc = -1;
                break;
            }
            names = p;
        }
        if (!(names[n] = strdup(de->d_name))) {
            rc = -1;
            break;
        }
        n++;
    }
    closedir(d);
    if (rc == 0)
        qsort(names, n, sizeof *names, name_cmp);
    for (size_t i = 0; i < n && rc == 0; i++) {
        size_t plen = strlen(dir) + strlen(names[i]) + 2;
        size_t rlen = strlen(rel) + strlen(names[i]) + 2;
        char *path = malloc(plen), *r = malloc(rlen);
        if (!path || !r) {
            free(path);
            free(r);
            rc = -1;
            break;
        }
        snprintf(path, plen, "%s/%s", dir, names[i]);
        snprintf(r, rlen, "%s%s%s", rel, *rel ? "/" : "", names[i]);
        struct stat st;
        if (stat(path, &st) == 0) {
            if (S_ISDIR(st.st_mode)) {
                rc = walk(g, path, r, fmt, depth + 1);
            } else if (S_ISREG(st.st_mode)) {
                int js = jsonl_name(names[i]), tx = text_name(names[i]);
                if (fmt == FMT_JSONL ? js || tx : fmt == FMT_TEXT ? js || tx : js)
                    rc = add_input(g, path, NULL, fmt == FMT_TEXT ? DYAD_READ_TEXT : DYAD_READ_JSONL,
                                   (uint64_t)st.st_size);
                else if (tx)
                    rc = add_input(g, path, r, DYAD_READ_TEXT, (uint64_t)st.st_size);
            }
        }
        free(path);
        free(r);
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return rc;
}

static int collect_inputs(ingest *g, char **args, int nargs, int fmt)
{
    if (nargs == 0)
        return add_input(g, NULL, NULL, DYAD_READ_JSONL, 0);
    for (int i = 0; i < nargs; i++) {
        const char *a = args[i];
        struct stat st;
        if (!strcmp(a, "-")) {
            if (add_input(g, NULL, NULL, DYAD_READ_JSONL, 0) != 0)
                return -1;
            continue;
        }
        if (stat(a, &st) != 0) {
            cli_error("%s: %s", a, strerror(errno));
            g->bad = 1;
            continue;
        }
        if (S_ISDIR(st.st_mode)) {
            if (walk(g, a, "", fmt, 0) != 0)
                return -1;
            continue;
        }
        int mode = fmt == FMT_TEXT    ? DYAD_READ_TEXT
                   : fmt == FMT_JSONL ? DYAD_READ_JSONL
                   : g->events_mode || jsonl_name(a) ? DYAD_READ_JSONL
                                                     : DYAD_READ_TEXT;
        if (add_input(g, a, NULL, mode, S_ISREG(st.st_mode) ? (uint64_t)st.st_size : 0) != 0)
            return -1;
    }
    return 0;
}

/* ---------------------------------------------------------------- progress */

static void draw(ingest *g, uint64_t pos, int final)
{
    if (!g->progress)
        return;
    double t = elapsed(g);
    if (!final && t - g->last_draw < 0.2)
        return;
    g->last_draw = t;
    if (final) {
        fputs("\r\033[K", stderr);
        return;
    }
    char line[200];
    double rate = t > 0 ? (double)g->docs / t : 0;
    dyad_store_stats st;
    dyad_store_stats_get(g->store, &st);
    int n = snprintf(line, sizeof line,
                     "\rdyad ingest: %llu docs read, %llu stored, %llu events, %.0f docs/s",
                     (unsigned long long)g->docs,
                     (unsigned long long)(st.docs_new + st.docs_replaced + st.docs_unchanged +
                                          g->unchanged),
                     (unsigned long long)g->events, rate);
    if (g->total_bytes && n > 0 && (size_t)n < sizeof line) {
        uint64_t done = g->done_bytes + pos;
        double frac = (double)done / (double)g->total_bytes;
        if (frac > 1)
            frac = 1;
        char bar[21];
        int fill = (int)(frac * 20);
        for (int i = 0; i < 20; i++)
            bar[i] = i < fill ? '#' : '.';
        bar[20] = '\0';
        double eta = frac > 0.001 ? t / frac - t : 0;
        snprintf(line + n, sizeof line - (size_t)n, "  [%s] %3.0f%%  ETA %d:%02d", bar, frac * 100,
                 (int)eta / 60, (int)eta % 60);
    }
    fprintf(stderr, "%s\033[K", line);
    fflush(stderr);
}

/* ------------------------------------------------------------------ storing */

/* The outlet of a document from its id: the host of a URL, else the part
 * before the first '-', ':' or '/' ("" when there is none). */
static dyad_str outlet_of(const ingest *g, const char *id, size_t n)
{
    dyad_str o = {"", 0};
    if (g->no_outlet)
        return o;
    if (g->outlet) {
        o.p = g->outlet;
        o.n = strlen(g->outlet);
        return o;
    }
    const char *scheme = n > 3 ? memchr(id, ':', n) : NULL;
    if (scheme && (size_t)(id + n - scheme) > 3 && scheme[1] == '/' && scheme[2] == '/') {
        const char *h = scheme + 3, *end = id + n, *e = h;
        while (e < end && *e != '/' && *e != ':' && *e != '?')
            e++;
        if (e - h > 4 && !strncmp(h, "www.", 4))
            h += 4;
        o.p = h;
        o.n = (size_t)(e - h);
        return o;
    }
    for (size_t i = 0; i < n; i++) {
        if (id[i] == '-' || id[i] == ':' || id[i] == '/') {
            o.p = id;
            o.n = i;
            break;
        }
    }
    return o;
}

static void store_failed(ingest *g, const dyad_err *err)
{
    if (err->code == DYAD_EUSAGE) { /* one bad document: report, go on */
        cli_store_report(err);
        g->bad = 1;
        return;
    }
    g->db_failed = 1;
    g->dberr = *err;
}

static void ingest_doc(ingest *g, const dyad_doc *doc)
{
    dyad_store_doc sd = {0};
    sd.id.p = doc->id;
    sd.id.n = doc->id_len;
    sd.text.p = doc->text;
    sd.text.n = doc->text_len;
    sd.date = doc->date;
    sd.outlet = outlet_of(g, doc->id, doc->id_len);
    sd.hash = dyad_store_hash(&sd);
    g->docs++;
    if (!doc->id_len) {
        cli_error("a document without an id cannot be stored (skipped)");
        g->bad = 1;
        g->bad_records++;
        return;
    }
    dyad_err err = {0};
    int has = dyad_store_has(g->store, &sd, &err);
    if (has < 0) {
        store_failed(g, &err);
        return;
    }
    if (has) {
        g->unchanged++;
        return;
    }
    const dyad_result *r = dyad_code(g->coder, doc);
    if (!r) {
        cli_error("out of memory coding document '%.*s'", (int)(doc->id_len > 120 ? 120 : doc->id_len),
                  doc->id);
        g->fatal = 1;
        return;
    }
    if (r->status != DYAD_OK) {
        cli_report("warning", &r->err);
        if (r->status != DYAD_EUTF8)
            g->bad = 1;
    }
    g->coded++;
    g->sentences += r->stats.sentences;
    g->events += r->nevents;
    sd.sentences = r->stats.sentences;
    sd.status = r->status;
    if (dyad_store_put(g->store, &sd, r->events, r->nevents, &err) != 0)
        store_failed(g, &err);
}

static void ingest_events_input(ingest *g, const input *in)
{
    dyad_err err = {0};
    dyad_evreader *r = dyad_evreader_open(in->path, &err);
    if (!r) {
        cli_report("error", &err);
        g->bad = 1;
        return;
    }
    dyad_store_doc doc;
    const dyad_event *ev;
    size_t nev;
    int rc;
    while (!interrupted && !g->db_failed && !g->fatal &&
           (rc = dyad_evreader_next(r, &doc, &ev, &nev, &err)) != 0) {
        if (rc < 0) {
            cli_report("error", &err);
            g->bad = 1;
            g->bad_records++;
            continue;
        }
        doc.outlet = outlet_of(g, doc.id.p, doc.id.n);
        /* The hash covers the lines; the outlet is part of the content too. */
        doc.hash ^= dyad_store_hash(&(dyad_store_doc){.outlet = doc.outlet});
        g->docs++;
        int has = dyad_store_has(g->store, &doc, &err);
        if (has < 0) {
            store_failed(g, &err);
            break;
        }
        if (has) {
            g->unchanged++;
        } else {
            g->coded++;
            g->events += nev;
            if (dyad_store_put(g->store, &doc, ev, nev, &err) != 0)
                store_failed(g, &err);
        }
        draw(g, dyad_evreader_pos(r), 0);
    }
    g->done_bytes += in->size;
    dyad_evreader_close(r);
}

static void ingest_input(ingest *g, const input *in)
{
    if (g->events_mode) {
        ingest_events_input(g, in);
        return;
    }
    dyad_reader_opts ro = g->ro;
    ro.mode = (dyad_read_mode)in->mode;
    ro.text_id = in->text_id;
    dyad_err err = {0};
    dyad_reader *rd = dyad_reader_open(in->path, &ro, &err);
    if (!rd) {
        cli_report("error", &err);
        g->bad = 1;
        return;
    }
    dyad_doc doc;
    int rc;
    while (!interrupted && !g->db_failed && !g->fatal && (rc = dyad_reader_next(rd, &doc, &err)) != 0) {
        if (rc < 0) {
            cli_report("error", &err);
            g->bad = 1;
            g->bad_records++;
            continue;
        }
        ingest_doc(g, &doc);
        draw(g, dyad_reader_pos(rd), 0);
    }
    g->done_bytes += in->size;
    dyad_reader_close(rd);
}

static void summary(ingest *g, const char *db, const dyad_store_stats *st, double secs)
{
    fprintf(stderr,
            "dyad: ingest: %llu documents read: %llu stored (%llu new, %llu replaced), %llu "
            "unchanged, %llu bad; %llu sentences and %llu events coded; %llu new events, %llu "
            "mentions; %.2f s, %.0f docs/s\n",
            (unsigned long long)g->docs, (unsigned long long)(st->docs_new + st->docs_replaced),
            (unsigned long long)st->docs_new, (unsigned long long)st->docs_replaced,
            (unsigned long long)(g->unchanged + st->docs_unchanged),
            (unsigned long long)g->bad_records, (unsigned long long)g->sentences,
            (unsigned long long)g->events, (unsigned long long)st->events_new,
            (unsigned long long)st->mentions, secs, secs > 0 ? (double)g->docs / secs : 0.0);
    dyad_store_opts ro = {.readonly = 1};
    dyad_err err = {0};
    dyad_store *s = dyad_store_open(db, &ro, &err);
    dyad_store_counts c;
    if (s && dyad_store_counts_get(s, &c, &err) == 0) {
        char d0[11], d1[11];
        dyad_date_format(c.first_date, d0);
        dyad_date_format(c.last_date, d1);
        fprintf(stderr,
                "dyad: %s: %llu documents, %llu events, %llu mentions, %llu actors%s%s%s%s\n", db,
                (unsigned long long)c.documents, (unsigned long long)c.events,
                (unsigned long long)c.mentions, (unsigned long long)c.actors,
                c.first_date ? ", events from " : "", d0, c.first_date ? " to " : "", d1);
    }
    dyad_store_close(s, NULL);
}

int cmd_ingest(int argc, char **argv)
{
    enum {
        O_DB = 256, O_FORMAT, O_EVENTS, O_DATE, O_OUTLET, O_NOOUTLET, O_DICT, O_NODEF, O_MAXDOC,
        O_BATCH, O_KEEP, O_FORCE, O_NOTHREAD
    };
    static const struct option opts[] = {
        {"db", required_argument, 0, O_DB},
        {"format", required_argument, 0, O_FORMAT},
        {"events", no_argument, 0, O_EVENTS},
        {"date", required_argument, 0, O_DATE},
        {"outlet", required_argument, 0, O_OUTLET},
        {"no-outlet", no_argument, 0, O_NOOUTLET},
        {"dict", required_argument, 0, O_DICT},
        {"no-default-dicts", no_argument, 0, O_NODEF},
        {"max-doc-bytes", required_argument, 0, O_MAXDOC},
        {"batch", required_argument, 0, O_BATCH},
        {"keep-text", no_argument, 0, O_KEEP},
        {"force", no_argument, 0, O_FORCE},
        {"no-thread", no_argument, 0, O_NOTHREAD},
        {"quiet", no_argument, 0, 'q'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0},
    };
    ingest g = {0};
    dyad_store_opts so = {.create = 1, .threaded = 1};
    const char *db = NULL;
    const char **dicts = calloc((size_t)argc + 1, sizeof *dicts);
    size_t ndicts = 0;
    int no_defaults = 0, fmt = FMT_AUTO, rc = EXIT_OK, c;
    unsigned long ul;
    if (!dicts) {
        cli_error("out of memory");
        return EXIT_FATAL;
    }
    optind = 1;
    while ((c = getopt_long(argc, argv, "qh", opts, NULL)) != -1) {
        switch (c) {
        case O_DB: db = optarg; break;
        case O_FORMAT:
            if (!strcmp(optarg, "auto"))
                fmt = FMT_AUTO;
            else if (!strcmp(optarg, "jsonl"))
                fmt = FMT_JSONL;
            else if (!strcmp(optarg, "text"))
                fmt = FMT_TEXT;
            else {
                cli_error("--format: '%s' is not auto, jsonl or text", optarg);
                rc = EXIT_USAGE;
            }
            break;
        case O_EVENTS: g.events_mode = 1; break;
        case O_DATE:
            if (cli_parse_date("--date", optarg, &g.ro.default_date) != 0)
                rc = EXIT_USAGE;
            break;
        case O_OUTLET: g.outlet = optarg; break;
        case O_NOOUTLET: g.no_outlet = 1; break;
        case O_DICT: dicts[ndicts++] = optarg; break;
        case O_NODEF: no_defaults = 1; break;
        case O_MAXDOC:
            if (cli_parse_uint("--max-doc-bytes", optarg, 1ul << 40, &ul) != 0)
                rc = EXIT_USAGE;
            g.ro.max_doc_bytes = ul;
            break;
        case O_BATCH:
            if (cli_parse_uint("--batch", optarg, 1000000, &ul) != 0 || ul == 0) {
                if (ul == 0)
                    cli_error("--batch: at least 1 document");
                rc = EXIT_USAGE;
            }
            so.batch_docs = (unsigned)ul;
            break;
        case O_KEEP: so.keep_text = 1; break;
        case O_FORCE: so.force = 1; break;
        case O_NOTHREAD: so.threaded = 0; break;
        case 'q': g.quiet = 1; break;
        case 'h':
            fputs(ingest_usage, stdout);
            free(dicts);
            return EXIT_OK;
        default: rc = EXIT_USAGE;
        }
    }
    if (rc == EXIT_OK && !db) {
        cli_error("ingest: --db FILE is required");
        rc = EXIT_USAGE;
    }
    if (rc != EXIT_OK) {
        fputs(ingest_usage, stderr);
        free(dicts);
        return rc;
    }
    clock_gettime(CLOCK_MONOTONIC, &g.t0);
    if (collect_inputs(&g, argv + optind, argc - optind, fmt) != 0) {
        cli_error("out of memory");
        rc = EXIT_FATAL;
        goto out;
    }
    /* A file size limit (ulimit -f) should fail the write, not kill us. */
    signal(SIGXFSZ, SIG_IGN);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    g.progress = !g.quiet && isatty(STDERR_FILENO);

    dyad_kb *kb = NULL;
    if (!g.events_mode) {
        kb = cli_load_kb(dicts, ndicts, no_defaults);
        if (!kb) {
            rc = EXIT_FATAL;
            goto out;
        }
        dyad_err err = {0};
        g.coder = dyad_coder_new(kb, &err);
        if (!g.coder) {
            cli_report("error", &err);
            dyad_kb_free(kb);
            rc = EXIT_FATAL;
            goto out;
        }
    }
    dyad_err err = {0};
    g.store = dyad_store_open(db, &so, &err);
    if (!g.store) {
        cli_store_report(&err);
        rc = err.code == DYAD_EUSAGE ? EXIT_USAGE : EXIT_DB;
    } else {
        for (size_t i = 0; i < g.nin && !interrupted && !g.db_failed && !g.fatal; i++)
            ingest_input(&g, &g.in[i]);
        draw(&g, 0, 1);
        if (!g.db_failed && dyad_store_flush(g.store, &err) != 0)
            store_failed(&g, &err);
        dyad_store_stats st;
        dyad_store_stats_get(g.store, &st);
        if (dyad_store_close(g.store, &err) != 0 && !g.db_failed)
            store_failed(&g, &err);
        if (g.db_failed) {
            cli_store_report(&g.dberr);
            cli_error("the documents of the failed batch were not stored; everything committed "
                      "before is intact: run the same command again to resume");
        }
        if (!g.quiet)
            summary(&g, db, &st, elapsed(&g));
        rc = g.db_failed ? EXIT_DB
             : g.fatal   ? EXIT_FATAL
             : interrupted ? 130
             : g.bad     ? EXIT_BADINPUT
                         : EXIT_OK;
        if (interrupted && !g.quiet)
            cli_warn("interrupted: what was read is committed; run again to continue");
    }
    dyad_coder_free(g.coder);
    dyad_kb_free(kb);
out:
    for (size_t i = 0; i < g.nin; i++) {
        free(g.in[i].path);
        free(g.in[i].text_id);
    }
    free(g.in);
    free(dicts);
    return rc;
}
