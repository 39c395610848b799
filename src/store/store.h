/*
 * store.h -- the event store: documents, sentences, events, mentions and
 * actors in one SQLite database (WAL), and the queries analysts run on it.
 *
 * What it does:
 *   - ingest (dyad_store_put): one coded document at a time, copied into a
 *     batch that commits in one transaction (optionally on a writer thread
 *     while the caller codes the next batch). A kill at any moment leaves
 *     the last committed batch: whole documents only.
 *   - idempotence: a document is identified by its id; one already stored
 *     with the same content hash is skipped, one with a new hash replaces
 *     the old version (its mentions go, event counts are recomputed, events
 *     left without mentions are deleted).
 *   - deduplication: an event is (date, source, target, code, location);
 *     every document sentence that reports it is a mention. Undated events
 *     (date 0) are keyed per document (column `scope`), never merged across
 *     documents. docs/schema.md has the schema and the reasons.
 *   - queries (dyad_store_query, dyad_store_events, dyad_store_export):
 *     filters, groupings and measures, shared by the CLI and the dashboard.
 *   - merge (dyad_store_merge): replays another database's documents
 *     through the same write path, so the result has no duplicates.
 *
 * What it never does: code text (it takes dyad_event arrays, however they
 * were produced), print to a terminal, or exit.
 *
 * Threads: a dyad_store is used by one caller thread. With opts.threaded the
 * store owns one more thread that only writes batches.
 */
#ifndef DYAD_STORE_H
#define DYAD_STORE_H

#include <stdint.h>
#include <stdio.h>

#include "../base/buf.h"
#include "dyad.h"

/* The schema version written to PRAGMA user_version (docs/schema.md). */
#define DYAD_STORE_SCHEMA 1

typedef struct dyad_store dyad_store;

typedef struct dyad_store_opts {
    int readonly;          /* queries only: never creates, migrates or writes */
    int create;            /* create the database file when it does not exist */
    unsigned batch_docs;   /* documents per transaction; 0 = 1000 */
    size_t batch_bytes;    /* ... or this many bytes copied into a batch; 0 = 32 MiB */
    unsigned batch_ms;     /* ... or a batch this old (ms) when the next put comes; 0 = 2000 */
    int threaded;          /* 1: a writer thread commits while the caller fills the next batch */
    int keep_text;         /* 1: store every document's full text in documents.text */
    int force;             /* 1: replace documents even when their content is unchanged */
    const char *vfs;       /* SQLite VFS name (fault-injection tests); NULL = default */
} dyad_store_opts;

/* Opens (and with opts->create, creates) the database at path, upgrades an
 * older schema (unless readonly). NULL opts = readonly. Returns NULL and
 * fills err (code DYAD_EDB or DYAD_EUSAGE) on failure. */
dyad_store *dyad_store_open(const char *path, const dyad_store_opts *opts, dyad_err *err);

/* Commits what is pending, stops the writer thread, closes. Returns 0, or
 * -1 when the last batch could not be committed (err says why; everything
 * committed earlier is intact). NULL is accepted. */
int dyad_store_close(dyad_store *s, dyad_err *err);

/* ------------------------------------------------------------ writing */

/* A document as the store keeps it. Strings are copied by dyad_store_put. */
typedef struct dyad_store_doc {
    dyad_str id;          /* the document's id: required, not empty */
    dyad_str text;        /* its text: hashed (when hash is 0) and kept with opts.keep_text */
    dyad_str outlet;      /* the news outlet ("" = unknown): events count distinct outlets */
    int32_t date;         /* publication date, yyyymmdd, 0 = unknown */
    uint32_t sentences;   /* sentences coded in it */
    dyad_status status;   /* the coder's verdict (DYAD_OK, DYAD_ENOTEXT, ...) */
    uint64_t hash;        /* content hash; 0 = dyad_store_hash(this) */
    uint64_t text_len;    /* bytes of text; 0 = text.n */
    int64_t added;        /* unix time it was first stored; 0 = now */
} dyad_store_doc;

/* The content hash: 64 bits over text, date and outlet (never 0). */
uint64_t dyad_store_hash(const dyad_store_doc *d);

/* 1 when a document with d->id and the same content hash is committed (so
 * coding it again can be skipped), 0 when not (or opts.force), -1 on a
 * database error. d->hash 0 = computed. Reads committed data only. */
int dyad_store_has(dyad_store *s, const dyad_store_doc *d, dyad_err *err);

/* Adds a coded document and its events (as dyad_code returns them: the
 * document's primary event first) to the current batch; commits the batch
 * when it is full. Everything is copied: ev may be reused on return.
 * Returns 0, or -1 once the store has failed (err says why; committed
 * batches are intact, the failed batch and later puts are not stored). */
int dyad_store_put(dyad_store *s, const dyad_store_doc *d, const dyad_event *ev, size_t nev,
                   dyad_err *err);

/* Commits the current batch and waits for it. 0 or -1 (see put). */
int dyad_store_flush(dyad_store *s, dyad_err *err);

/* Counts of what was committed through this handle. */
typedef struct dyad_store_stats {
    uint64_t docs_new;        /* documents stored for the first time */
    uint64_t docs_replaced;   /* documents whose new content replaced the old */
    uint64_t docs_unchanged;  /* documents skipped because already stored (writer side) */
    uint64_t events_new;      /* event rows created */
    uint64_t events_removed;  /* event rows deleted (their last mention went) */
    uint64_t mentions;        /* mention rows written */
    uint64_t batches;         /* transactions committed */
} dyad_store_stats;

void dyad_store_stats_get(dyad_store *s, dyad_store_stats *st);

/* Row counts of the database, for summaries. */
typedef struct dyad_store_counts {
    uint64_t documents, sentences, events, mentions, actors;
    uint64_t outlets;        /* distinct non-empty outlets */
    int32_t first_date, last_date; /* range of event dates (0 when none) */
    int schema;              /* PRAGMA user_version */
} dyad_store_counts;

int dyad_store_counts_get(dyad_store *s, dyad_store_counts *c, dyad_err *err);

/* Checks the database: SQLite's integrity check, the full-text index, and
 * dyad's invariants (event counts equal their mentions, no event without
 * mentions, no mention or sentence without its document...). Appends one
 * line per problem to report. Returns the number of problems, -1 on error. */
long dyad_store_check(dyad_store *s, dyad_buf *report, dyad_err *err);

/* ------------------------------------------------------------ queries */

/* Which events a query covers. Every member is optional (NULL / 0 = any).
 *
 * Actor patterns (source, target, actor, dyad) follow the CAMEO hierarchy:
 * "RUS" matches RUS and every more specific code (RUSGOV, RUSMIL...);
 * "=RUS" matches RUS only; '*' and '?' are wildcards ("*MIL" matches any
 * code containing MIL after some prefix: CHNMIL, USAMILSPY); "" or "="
 * matches an absent actor. Event codes work the same way: "19" matches 19
 * and 190..196, "=19" only 19. */
typedef struct dyad_filter {
    const char *source;
    const char *target;
    const char *actor;     /* either side */
    const char *dyad[2];   /* both set: (source A, target B) or (source B, target A) */
    const char *code;
    const char *root;      /* two digits ("4" is read as "04") */
    int quad;              /* 1..4, 0 = any */
    int32_t since, until;  /* event dates, inclusive; 0 = open */
    const char *text;      /* words that must all occur in a sentence reporting the event */
    const char *doc;       /* only events with a mention in this document (its id) */
    const char *plover;    /* PLOVER type ("AGREE"); "*" = any (not CAMEO 01/02) */
} dyad_filter;

typedef enum dyad_group {
    DYAD_BY_NONE = 0,
    DYAD_BY_DAY,
    DYAD_BY_WEEK,      /* the Monday that starts the ISO week */
    DYAD_BY_MONTH,
    DYAD_BY_YEAR,
    DYAD_BY_DYAD,      /* the unordered pair, "CHN-RUS" (alphabetical) */
    DYAD_BY_SOURCE,
    DYAD_BY_TARGET,
    DYAD_BY_CODE,
    DYAD_BY_ROOT,
    DYAD_BY_QUAD,
    DYAD_BY_COUNT
} dyad_group;

typedef enum dyad_sort {
    DYAD_SORT_KEY = 0, /* by the group keys, ascending */
    DYAD_SORT_EVENTS,  /* most events first */
    DYAD_SORT_MENTIONS,
    DYAD_SORT_GOLDSTEIN, /* lowest Goldstein sum (most conflictual) first */
    DYAD_SORT_DATE,    /* events: by date, then id */
} dyad_sort;

#define DYAD_QUERY_MAXBY 8

typedef struct dyad_query {
    dyad_filter f;
    dyad_group by[DYAD_QUERY_MAXBY]; /* groupings, in output column order */
    size_t nby;                      /* 0 = one row of totals */
    unsigned depth;                  /* 3-letter blocks of actor codes kept when grouping
                                      * by dyad/source/target; 0 = whole codes */
    dyad_sort sort;
    uint64_t limit;                  /* rows; 0 = all */
} dyad_query;

/* One output row. Strings are valid during the callback only. */
typedef struct dyad_query_row {
    const char *key[DYAD_QUERY_MAXBY]; /* formatted group values ("2023-11", "CHN-RUS", "4") */
    uint64_t events;                   /* distinct events */
    uint64_t mentions;                 /* sum of their mentions */
    double goldstein_sum;
    double goldstein_mean;
    double quad_share[4];              /* share of events in QuadClass 1..4 (0..1) */
} dyad_query_row;

const char *dyad_group_name(dyad_group g);       /* "month" */
dyad_group dyad_group_parse(const char *s, size_t n); /* DYAD_BY_NONE when unknown */

/* Runs an aggregate query; calls row() for each row (a non-zero return
 * stops). Returns 0, or -1 with err (DYAD_EUSAGE for a bad filter). */
int dyad_store_query(dyad_store *s, const dyad_query *q,
                     int (*row)(void *ctx, const dyad_query_row *r), void *ctx, dyad_err *err);

/* One mention: where a document reports an event. */
typedef struct dyad_store_mention {
    const char *doc_id;
    const char *outlet;
    int32_t doc_date;
    uint32_t sentence;          /* 0-based index in the document */
    const char *sentence_text;
    const char *source_text, *target_text, *verb_text;
    dyad_span source_span, target_span, verb_span; /* character offsets in the document */
    const char *pattern, *rule;
    uint32_t count;             /* times the document reports the event */
    int is_root;                /* the document's primary event */
} dyad_store_mention;

/* One event with its best mention (the document's primary event first,
 * then the most repeated, then the first stored). */
typedef struct dyad_store_event {
    int64_t id;
    int32_t date;
    const char *source, *target, *code, *root, *plover, *location;
    const char *source_name, *target_name; /* the first text seen for each code */
    int quad;
    double goldstein;
    uint64_t num_mentions, num_articles, num_sources;
    int is_root;                /* the primary event of at least one document */
    int64_t added;              /* unix time of its first mention */
    dyad_store_mention best;
} dyad_store_event;

/* Lists events matching f (sort: DYAD_SORT_DATE (default for KEY),
 * DYAD_SORT_MENTIONS, DYAD_SORT_EVENTS = most articles, DYAD_SORT_GOLDSTEIN). */
int dyad_store_events(dyad_store *s, const dyad_filter *f, dyad_sort sort, uint64_t limit,
                      int (*cb)(void *ctx, const dyad_store_event *e), void *ctx,
                      dyad_err *err);

/* Every mention of one event, in the order they were stored. */
int dyad_store_mentions(dyad_store *s, int64_t event_id,
                        int (*cb)(void *ctx, const dyad_store_mention *m), void *ctx,
                        dyad_err *err);

/* ------------------------------------------------------------ exports */

/* Reading coded events back: the JSON Lines that `dyad code --sentence-text`
 * writes (docs/output.md), one document's events at a time, so events
 * coded elsewhere can be stored without their text. */
typedef struct dyad_evreader dyad_evreader;

/* path NULL or "-" = stdin; gzip is detected. NULL and err on failure. */
dyad_evreader *dyad_evreader_open(const char *path, dyad_err *err);

/* The next document: its consecutive lines with the same doc_id. Returns
 * 1 with *doc (id, date = doc_date of its first event, hash over its lines,
 * outlet empty) and its events, valid until the next call; 0 at the end;
 * -1 for a bad line (err has its line number), skipped: call again. */
int dyad_evreader_next(dyad_evreader *r, dyad_store_doc *doc, const dyad_event **ev, size_t *nev,
                       dyad_err *err);
uint64_t dyad_evreader_pos(const dyad_evreader *r); /* compressed bytes read */
void dyad_evreader_close(dyad_evreader *r);


typedef enum dyad_export_format {
    DYAD_EXPORT_CSV = 0,   /* one row per event, its best mention, a header line */
    DYAD_EXPORT_JSONL,     /* one object per event with every mention */
    DYAD_EXPORT_GDELT,     /* GDELT 2.0 event table: 61 tab-separated columns, no header */
    DYAD_EXPORT_PLOVER,    /* one PLOVER JSON object a line (only events with a PLOVER type) */
} dyad_export_format;

int dyad_export_format_parse(const char *s, dyad_export_format *f);

/* Writes the events matching f to out, in the order of sort (as for
 * dyad_store_events), at most limit (0 = all). kb (may be NULL) supplies
 * PLOVER modes and contexts. *written / *skipped (may be NULL) count events. */
int dyad_store_export(dyad_store *s, const dyad_filter *f, dyad_sort sort, uint64_t limit,
                      dyad_export_format fmt, FILE *out, const dyad_kb *kb, uint64_t *written,
                      uint64_t *skipped, dyad_err *err);

/* -------------------------------------------------------------- merge */

/* Replays every document of the database at in_path (with its events,
 * mentions, sentences and actors) into s, through the path of
 * dyad_store_put: documents already in s with the same content are skipped,
 * others replace s's version. *docs_read (may be NULL) receives the number
 * of documents read. Commits before returning. */
int dyad_store_merge(dyad_store *s, const char *in_path, uint64_t *docs_read, dyad_err *err);

#endif
