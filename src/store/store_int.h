/*
 * store_int.h -- what the files of the store module share: the dyad_store
 * handle, the batch it fills, and helpers around sqlite3. Not for use
 * outside src/store/ (the API is store.h).
 *
 * Memory: a batch copies every string of its documents and events into one
 * growable pool (offsets, not pointers, since the pool moves when it grows);
 * a batch is reused after it commits, so ingest settles at a steady size.
 */
#ifndef DYAD_STORE_INT_H
#define DYAD_STORE_INT_H

#include <pthread.h>
#include <sqlite3.h>
#include <stdint.h>

#include "../base/buf.h"
#include "../base/err.h"
#include "store.h"

/* A string copied into a batch pool: offset and length in bytes. */
typedef struct dyad__sref {
    size_t off;
    size_t n;
} dyad__sref;

typedef struct dyad__bdoc {
    dyad__sref id, text, outlet;
    int32_t date;
    uint32_t sentences;
    int status;
    uint64_t hash;
    uint64_t text_len;
    int64_t added;
    size_t ev0, nev;      /* its events: batch.ev[ev0 .. ev0+nev) */
} dyad__bdoc;

typedef struct dyad__bev {
    int32_t date;
    uint32_t sentence;    /* index in the document */
    uint32_t count;       /* mentions of it in the document (>= 1) */
    int quad;
    int is_root;          /* the document's primary event */
    double goldstein;
    char source[24], target[24], code[6], root[3], plover[16];
    dyad__sref location, sentence_text, source_text, target_text, verb_text, pattern, rule;
    dyad_span source_span, target_span, verb_span;
} dyad__bev;

typedef struct dyad__batch {
    dyad_buf pool;        /* every copied string */
    dyad__bdoc *docs;
    size_t ndocs, capdocs;
    dyad__bev *ev;
    size_t nev, capev;
    int64_t started_ms;   /* monotonic time of its first document */
    uint64_t *ids;        /* hashes of its document ids (open addressing, 0 = empty):
                           * dyad_store_has must not trust the database for them */
    size_t ids_cap;       /* slots, a power of 2 (or 0) */
} dyad__batch;

/* Prepared statements of the writer connection (see write.c). */
enum {
    ST_DOC_FIND,
    ST_DOC_INSERT,
    ST_DOC_TOUCH,      /* mark a document's events for recount */
    ST_DOC_DEL_MENTIONS,
    ST_DOC_DEL_FTS,
    ST_DOC_DEL_SENTENCES,
    ST_DOC_DEL,
    ST_EV_FIND,
    ST_EV_INSERT,
    ST_EV_INSERT_NEW,  /* ST_EV_INSERT that does nothing when the key exists */
    ST_EV_SEEN,        /* has the event a mention from this outlet / document? */
    ST_EV_ADD,         /* add one mention to an event's counts */
    ST_SENT_INSERT,
    ST_FTS_INSERT,
    ST_MENTION_INSERT,
    ST_ACTOR_INSERT,
    ST_ACTOR_TEXT_INSERT,
    ST_RECOUNT,
    ST_DELETE_EMPTY,
    ST_TOUCH_CLEAR,
    ST_BEGIN,
    ST_COMMIT,
    ST_ROLLBACK,
    ST_COUNT
};

struct dyad_store {
    sqlite3 *db;               /* the connection that writes (and queries) */
    sqlite3 *rdb;              /* threaded mode: read connection for dyad_store_has */
    sqlite3_stmt *st[ST_COUNT];/* writer statements (NULL when readonly) */
    sqlite3_stmt *has_stmt;    /* on rdb (or db) */
    sqlite3_stmt *mentions_stmt; /* dyad_store_mentions, prepared on first use */
    dyad_store_opts o;
    char path[4096];
    int fresh;                 /* it had no document when opened: dyad_store_has
                                * need not ask (this handle's own documents are
                                * in its batches or were written by it) */

    dyad__batch b[2];
    int fill;                  /* index of the batch being filled */

    /* writer thread (threaded mode) */
    pthread_t thread;
    int thread_started;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int job;                   /* batch index handed to the writer, -1 = idle */
    int quit;                  /* the writer should stop */

    /* guarded by mu in threaded mode */
    int failed;                /* a batch failed: sticky */
    dyad_err ferr;             /* why */
    dyad_store_stats stats;

    /* writer side: hashes of what is known to be in `actors` / `actor_texts`
     * already ("code has a name", "code has this text"), so most mentions
     * cost no actor statement (open addressing, 0 = empty; cleared when
     * full). Only ever a shortcut: inserting again would change nothing. */
    uint64_t *seen;
    size_t seen_cap, seen_n;
    /* writer side: events found vs created so far, to pick the cheaper
     * order (find first, or insert first) for the next one */
    uint64_t ev_found, ev_created;

    /* writer scratch: sentence index -> sentences.id of the document being
     * written (open addressing, idx+1 as key, 0 = empty) */
    struct dyad__smap_slot {
        uint32_t key;
        int64_t row;
    } *smap;
    size_t smap_cap;           /* slots, a power of 2 */
};

/* Fills err from the connection's last error: "where: what (SQLite: msg)". */
void dyad__store_dberr(sqlite3 *db, dyad_err *err, const char *where, const char *what);

/* Creates or upgrades the schema (writable connections) or checks it. */
int dyad__store_schema(sqlite3 *db, int readonly, const char *path, dyad_err *err);

/* Registers dyad's SQL functions (dyad_week) on a connection. */
int dyad__store_functions(sqlite3 *db);

/* Writer side (write.c). */
int dyad__store_prepare_writer(dyad_store *s, dyad_err *err);
int dyad__store_start_writer(dyad_store *s, dyad_err *err);
void dyad__store_stop_writer(dyad_store *s);
void dyad__batch_free(dyad__batch *b);

/* Adds a document to the current batch. locations/is_root may be NULL (no
 * location; the first event is the primary one). */
int dyad__store_put(dyad_store *s, const dyad_store_doc *d, const dyad_event *ev, size_t nev,
                    const dyad_str *locations, const unsigned char *is_root, dyad_err *err);

/* Statement helpers. */
static inline int dyad__bind_str(sqlite3_stmt *st, int i, const char *p, size_t n)
{
    return sqlite3_bind_text(st, i, p ? p : "", (int)(p ? n : 0), SQLITE_STATIC);
}

static inline const char *dyad__col_str(sqlite3_stmt *st, int i)
{
    const unsigned char *p = sqlite3_column_text(st, i);
    return p ? (const char *)p : "";
}

#endif
