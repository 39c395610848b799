/*
 * code.c -- `dyad code`: documents in, events out (a Unix filter).
 *
 * With --threads N (N > 1) the main thread reads documents into batches
 * and N-1 workers code them, each with its own coder; the main thread has
 * a coder too and codes batches itself while enough are queued for the
 * workers, so that N threads are busy coding on N cores. The main thread
 * writes the batches' output in input order: the output is the same, byte
 * for byte, as with one thread. The coders after the first share its
 * read-only tables (dyad__coder_new_like). Bad records are reported on
 * stderr as the reader meets them; per-document warnings come with their
 * batch.
 */
#include <getopt.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "base/buf.h"
#include "cli.h"
#include "coder/coder.h"
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
    "  --threads N         code with N threads (output order is kept) [1]\n"
    "  --max-doc-bytes N   skip (and report) documents longer than N bytes [67108864]\n"
    "  --sentence-text     add the sentence text to every event\n"
    "  --profile           print where the time went, stage by stage, on stderr\n"
    "  -q, --quiet         no summary line\n"
    "  -h, --help          this text\n"
    "\n"
    "Bad records (malformed JSON, invalid UTF-8, no text, over-long lines) are\n"
    "reported on stderr with the input name, line and byte offset, and skipped.\n"
    "\n"
    "exit status: 0 ok, 1 some input was bad or unreadable (reported, the rest\n"
    "coded), 2 usage, 3 fatal (dictionary error, out of memory, cannot write).\n";

/* A batch of documents, copied out of the reader, and what coding it gave. */
typedef struct batch {
    uint64_t seq;           /* input order */
    dyad_buf mem;           /* ids and texts of the documents, back to back */
    struct bdoc {
        size_t id, id_len, text, text_len; /* offsets into mem */
        int32_t date;
    } *doc;
    size_t ndoc, cap;
    dyad_buf out;           /* the events, as JSON lines */
    dyad_buf err;           /* warnings about its documents, in order */
    uint64_t sentences, events, skipped;
    int bad, oom;
    int done;               /* coded; waiting to be written */
    struct batch *next;     /* queue link */
} batch;

typedef struct code_state {
    const dyad_kb *kb;
    int with_sentence, threads;
    unsigned long long docs, sentences, events, skipped;
    int bad;                /* some input was bad */
    int fatal;              /* output failed or memory ran out */
    dyad_profile prof;      /* with --profile: all coders' stage times */
    int profiling;
    /* threads */
    pthread_mutex_t mu;
    pthread_cond_t work;    /* a batch was queued, or the end */
    pthread_cond_t doneq;   /* a batch was coded */
    batch *queue, *queue_tail; /* waiting to be coded */
    size_t nqueue;
    size_t backlog;         /* the main thread codes while more than this wait */
    batch **inflight;       /* ring of batches being coded or written, by seq */
    size_t ring, nflight;
    uint64_t next_seq, write_seq;
    int stop;
    dyad_coder *mine;       /* the main thread's coder */
    batch *cur;             /* the batch being filled */
    batch *spare;           /* written batches kept for reuse (main thread) */
} code_state;

#define BATCH_DOCS 64
#define BATCH_BYTES (64u << 10)

static void batch_free(batch *b)
{
    if (!b)
        return;
    dyad__buf_free(&b->mem);
    dyad__buf_free(&b->out);
    dyad__buf_free(&b->err);
    free(b->doc);
    free(b);
}

/* Keeps a written batch for the next one (main thread). A new batch every
 * 64 documents, its buffers grown anew each time, took a page fault per
 * 4 KB they reached whenever malloc had given the last ones back to the
 * system: 2,000 over the corpus. */
static void batch_recycle(code_state *st, batch *b)
{
    if (!b || b->oom || !dyad__buf_ok(&b->mem)) {
        batch_free(b);
        return;
    }
    b->mem.len = b->out.len = b->err.len = 0;
    b->ndoc = 0;
    b->sentences = b->events = b->skipped = 0;
    b->bad = b->done = 0;
    b->next = st->spare;
    st->spare = b;
}

static int batch_add(batch *b, const dyad_doc *d)
{
    if (b->ndoc == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : BATCH_DOCS;
        struct bdoc *nd = realloc(b->doc, cap * sizeof *nd);
        if (!nd)
            return -1;
        b->doc = nd;
        b->cap = cap;
    }
    struct bdoc *x = &b->doc[b->ndoc];
    x->id = b->mem.len;
    x->id_len = d->id_len;
    dyad__buf_add(&b->mem, d->id, d->id_len);
    x->text = b->mem.len;
    x->text_len = d->text_len;
    dyad__buf_add(&b->mem, d->text, d->text_len);
    x->date = d->date;
    if (!dyad__buf_ok(&b->mem))
        return -1;
    b->ndoc++;
    return 0;
}

static void report_to(dyad_buf *errs, const char *severity, const dyad_err *err)
{
    char line[640];
    dyad_err_format(err, line, sizeof line);
    dyad__buf_printf(errs, "%s: %s: %s\n", cli_prog, severity, line);
}

/* Codes every document of b with coder c (any thread). */
static void code_batch(const code_state *st, dyad_coder *c, batch *b)
{
    for (size_t i = 0; i < b->ndoc; i++) {
        const struct bdoc *x = &b->doc[i];
        dyad_doc doc = {b->mem.p + x->id, x->id_len, b->mem.p + x->text, x->text_len, x->date};
        const dyad_result *r = dyad_code(c, &doc);
        if (!r) {
            b->oom = 1;
            return;
        }
        b->sentences += r->stats.sentences;
        if (r->status != DYAD_OK) {
            report_to(&b->err, "warning", &r->err);
            if (r->status != DYAD_EUTF8) {
                b->bad = 1;
                b->skipped++;
            }
        }
        for (size_t k = 0; k < r->nevents; k++)
            dyad__emit_event(&b->out, &doc, &r->events[k], st->with_sentence);
        b->events += r->nevents;
    }
    if (!dyad__buf_ok(&b->out) || !dyad__buf_ok(&b->err))
        b->oom = 1;
}

/* Writes a coded batch (main thread). */
static void write_batch(code_state *st, batch *b)
{
    uint64_t t0 = st->profiling ? dyad__now_ns() : 0;
    if (b->err.len)
        fwrite(b->err.p, 1, b->err.len, stderr);
    if (b->out.len && fwrite(b->out.p, 1, b->out.len, stdout) != b->out.len)
        st->fatal = 1;
    if (b->oom) {
        cli_error("out of memory coding a batch of documents");
        st->fatal = 1;
    }
    st->docs += b->ndoc;
    st->sentences += b->sentences;
    st->events += b->events;
    st->skipped += b->skipped;
    st->bad |= b->bad;
    if (st->profiling)
        st->prof.ns[DYAD_PROF_WRITE] += dyad__now_ns() - t0;
}

/* ------------------------------------------------------------ workers */

typedef struct worker {
    code_state *st;
    dyad_coder *coder;
    dyad_profile prof;
    pthread_t th;
} worker;

/* Takes the oldest queued batch. Called with st->mu held. */
static batch *dequeue(code_state *st)
{
    batch *b = st->queue;
    if (b) {
        st->queue = b->next;
        if (!st->queue)
            st->queue_tail = NULL;
        st->nqueue--;
    }
    return b;
}

/* Codes b with c outside the lock and marks it done. Called with st->mu held. */
static void code_locked(code_state *st, dyad_coder *c, batch *b)
{
    pthread_mutex_unlock(&st->mu);
    code_batch(st, c, b);
    pthread_mutex_lock(&st->mu);
    b->done = 1;
}

static void *worker_main(void *arg)
{
    worker *w = arg;
    code_state *st = w->st;
    pthread_mutex_lock(&st->mu);
    for (;;) {
        while (!st->queue && !st->stop)
            pthread_cond_wait(&st->work, &st->mu);
        batch *b = dequeue(st);
        if (!b)
            break;
        code_locked(st, w->coder, b);
        pthread_cond_broadcast(&st->doneq);
    }
    pthread_mutex_unlock(&st->mu);
    return NULL;
}

/* Writes, in order, every batch that is done; then, until there is room in
 * the ring (or, with wait_all, until all are written), codes queued batches
 * with the main thread's coder, or waits for the workers. Called with
 * st->mu held. */
static void drain(code_state *st, int wait_all)
{
    for (;;) {
        while (st->nflight) {
            batch *b = st->inflight[st->write_seq % st->ring];
            if (!b->done)
                break;
            st->inflight[st->write_seq % st->ring] = NULL;
            st->write_seq++;
            st->nflight--;
            pthread_mutex_unlock(&st->mu);
            write_batch(st, b);
            batch_recycle(st, b);
            pthread_mutex_lock(&st->mu);
        }
        if (!(wait_all ? st->nflight > 0 : st->nflight >= st->ring))
            return;
        if (st->queue)
            code_locked(st, st->mine, dequeue(st));
        else
            pthread_cond_wait(&st->doneq, &st->mu);
    }
}

/* Hands the current batch to the workers (or codes it here with one
 * thread). While more batches wait than the workers will need before the
 * main thread could read another, the main thread codes the oldest. */
static void submit(code_state *st)
{
    batch *b = st->cur;
    st->cur = NULL;
    if (!b || !b->ndoc) {
        batch_recycle(st, b);
        return;
    }
    if (st->threads == 1) {
        code_batch(st, st->mine, b);
        write_batch(st, b);
        batch_recycle(st, b);
        return;
    }
    pthread_mutex_lock(&st->mu);
    drain(st, 0); /* room in the ring */
    b->seq = st->next_seq++;
    st->inflight[b->seq % st->ring] = b;
    st->nflight++;
    if (st->queue_tail)
        st->queue_tail->next = b;
    else
        st->queue = b;
    st->queue_tail = b;
    st->nqueue++;
    pthread_cond_signal(&st->work);
    while (st->nqueue > st->backlog) {
        code_locked(st, st->mine, dequeue(st));
        drain(st, 0);
    }
    drain(st, 0);
    pthread_mutex_unlock(&st->mu);
}

static void add_doc(code_state *st, const dyad_doc *doc)
{
    if (!st->cur && st->spare) {
        st->cur = st->spare;
        st->spare = st->cur->next;
        st->cur->next = NULL;
    }
    if (!st->cur) {
        st->cur = calloc(1, sizeof *st->cur);
        if (!st->cur) {
            st->fatal = 1;
            return;
        }
    }
    if (batch_add(st->cur, doc) != 0) {
        cli_error("out of memory reading document '%.*s'", (int)(doc->id_len > 80 ? 80 : doc->id_len),
                  doc->id);
        st->fatal = 1;
        return;
    }
    if (st->cur->ndoc >= BATCH_DOCS || st->cur->mem.len >= BATCH_BYTES)
        submit(st);
}

static void code_input(code_state *st, const char *path,
                       const dyad_reader_opts *ro)
{
    dyad_err err = {0};
    dyad_reader *rd = dyad_reader_open(path, ro, &err);
    if (!rd) {
        cli_report("error", &err);
        st->bad = 1;
        return;
    }
    dyad_doc doc;
    int rc;
    uint64_t t0 = st->profiling ? dyad__now_ns() : 0;
    while (!st->fatal && (rc = dyad_reader_next(rd, &doc, &err)) != 0) {
        if (st->profiling) {
            uint64_t t1 = dyad__now_ns();
            st->prof.ns[DYAD_PROF_READ] += t1 - t0;
        }
        if (rc < 0) {
            cli_report("error", &err);
            st->bad = 1;
            st->skipped++;
        } else {
            if (err.code != DYAD_OK) /* a warning: the document is still coded */
                cli_report("warning", &err);
            add_doc(st, &doc);
        }
        if (st->profiling)
            t0 = dyad__now_ns();
    }
    dyad_reader_close(rd);
}

static void print_profile(const dyad_profile *p, double wall)
{
    uint64_t total = 0;
    for (int k = 0; k < DYAD_PROF_COUNT; k++)
        total += p->ns[k];
    fprintf(stderr, "dyad: profile: %llu documents, %llu sentences, %llu tokens, %.1f MB of text\n",
            (unsigned long long)p->docs, (unsigned long long)p->sentences,
            (unsigned long long)p->tokens, (double)p->bytes / 1e6);
    for (int k = 0; k < DYAD_PROF_COUNT; k++)
        fprintf(stderr, "dyad: profile: %-9s %8.3f s %5.1f%%\n", dyad__prof_names[k],
                (double)p->ns[k] / 1e9, total ? 100.0 * (double)p->ns[k] / (double)total : 0.0);
    fprintf(stderr, "dyad: profile: %-9s %8.3f s (all stages, all threads); wall %.3f s\n",
            "total", (double)total / 1e9, wall);
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) == 0)
        fprintf(stderr, "dyad: profile: peak memory %.1f MB\n", (double)ru.ru_maxrss / 1024.0);
}

int cmd_code(int argc, char **argv)
{
    enum { O_TEXT = 256, O_DATE, O_DICT, O_NODEF, O_MAXDOC, O_SENT, O_THREADS, O_PROFILE };
    static const struct option opts[] = {
        {"text", required_argument, 0, O_TEXT},
        {"date", required_argument, 0, O_DATE},
        {"dict", required_argument, 0, O_DICT},
        {"no-default-dicts", no_argument, 0, O_NODEF},
        {"max-doc-bytes", required_argument, 0, O_MAXDOC},
        {"sentence-text", no_argument, 0, O_SENT},
        {"threads", required_argument, 0, O_THREADS},
        {"profile", no_argument, 0, O_PROFILE},
        {"quiet", no_argument, 0, 'q'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0},
    };
    const char **dicts = calloc((size_t)argc + 1, sizeof *dicts);
    const char **texts = calloc((size_t)argc + 1, sizeof *texts);
    size_t ndicts = 0, ntexts = 0;
    int no_defaults = 0, quiet = 0, rc = EXIT_OK;
    dyad_reader_opts ro = {0};
    code_state st;
    memset(&st, 0, sizeof st);
    st.threads = 1;
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
        case O_THREADS:
            if (cli_parse_uint("--threads", optarg, 256, &ul) != 0 || ul == 0) {
                if (ul == 0)
                    cli_error("--threads must be at least 1");
                rc = EXIT_USAGE;
            }
            st.threads = (int)ul;
            break;
        case O_SENT: st.with_sentence = 1; break;
        case O_PROFILE: st.profiling = 1; break;
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

    uint64_t t0 = dyad__now_ns();
    dyad_kb *kb = cli_load_kb(dicts, ndicts, no_defaults);
    if (!kb) {
        free(dicts);
        free(texts);
        return EXIT_FATAL;
    }
    uint64_t t_loaded = dyad__now_ns();
    st.kb = kb;

    /* w[0] is the main thread's coder; with N threads, w[1..N-1] are the
     * workers, whose coders share w[0]'s tables. */
    worker *w = calloc((size_t)st.threads, sizeof *w);
    int nstarted = 0; /* workers started */
    if (!w) {
        cli_error("out of memory");
        rc = EXIT_FATAL;
        goto out;
    }
    for (int i = 0; i < st.threads; i++) {
        dyad_err err = {0};
        w[i].st = &st;
        w[i].coder = i ? dyad__coder_new_like(w[0].coder, &err) : dyad_coder_new(kb, &err);
        if (!w[i].coder) {
            cli_report("error", &err);
            rc = EXIT_FATAL;
            goto out;
        }
        if (st.profiling)
            dyad__coder_profile(w[i].coder, &w[i].prof);
    }
    st.mine = w[0].coder;
    if (st.threads > 1) {
        st.backlog = 2 * (size_t)(st.threads - 1);
        st.ring = 4 * (size_t)st.threads;
        st.inflight = calloc(st.ring, sizeof *st.inflight);
        if (!st.inflight) {
            cli_error("out of memory");
            rc = EXIT_FATAL;
            goto out;
        }
        pthread_mutex_init(&st.mu, NULL);
        pthread_cond_init(&st.work, NULL);
        pthread_cond_init(&st.doneq, NULL);
        for (int i = 1; i < st.threads; i++) {
            if (pthread_create(&w[i].th, NULL, worker_main, &w[i]) != 0) {
                cli_error("cannot start thread %d", i + 1);
                st.fatal = 1;
                break;
            }
            nstarted = i;
        }
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
    submit(&st);
    if (st.threads > 1) {
        pthread_mutex_lock(&st.mu);
        drain(&st, 1);
        st.stop = 1;
        pthread_cond_broadcast(&st.work);
        pthread_mutex_unlock(&st.mu);
        for (int i = 1; i <= nstarted; i++)
            pthread_join(w[i].th, NULL);
        pthread_mutex_destroy(&st.mu);
        pthread_cond_destroy(&st.work);
        pthread_cond_destroy(&st.doneq);
    }
    if (fflush(stdout) != 0)
        st.fatal = 1;

    uint64_t t1 = dyad__now_ns();
    if (st.profiling) {
        for (int i = 0; i < st.threads; i++) {
            for (int k = 0; k < DYAD_PROF_COUNT; k++)
                st.prof.ns[k] += w[i].prof.ns[k];
            st.prof.docs += w[i].prof.docs;
            st.prof.sentences += w[i].prof.sentences;
            st.prof.tokens += w[i].prof.tokens;
            st.prof.events += w[i].prof.events;
            st.prof.bytes += w[i].prof.bytes;
        }
        fprintf(stderr, "dyad: profile: dictionaries loaded in %.3f s\n",
                (double)(t_loaded - t0) / 1e9);
        print_profile(&st.prof, (double)(t1 - t_loaded) / 1e9);
    }
    if (!quiet)
        fprintf(stderr, "dyad: %llu documents, %llu sentences, %llu events, %llu skipped, %.2f s\n",
                st.docs, st.sentences, st.events, st.skipped, (double)(t1 - t0) / 1e9);
    if (st.fatal) {
        cli_error("could not finish: output failed or memory ran out");
        rc = EXIT_FATAL;
    } else if (rc == EXIT_OK && st.bad) {
        rc = EXIT_BADINPUT;
    }
out:
    for (int i = st.threads - 1; w && i >= 0; i--) /* w[0] last: the others share its tables */
        dyad_coder_free(w[i].coder);
    free(w);
    free(st.inflight);
    while (st.spare) {
        batch *b = st.spare;
        st.spare = b->next;
        batch_free(b);
    }
    dyad_kb_free(kb);
    free(dicts);
    free(texts);
    return rc;
}
