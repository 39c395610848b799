/*
 * merge.c -- combining databases coded separately (a cluster job's shards):
 * every document of the input is replayed, with its events and mentions,
 * through the same write path as ingest. So a merged database obeys the
 * same rules as one ingested in one go: a document stored once (the same
 * id with the same content hash is skipped; a new hash replaces), events
 * deduplicated across documents, counts recomputed.
 *
 * Reads the input with its own read-only connection; never writes to it.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "store_int.h"

/* String offsets of one mention while its document is being read. */
typedef struct merge_ev {
    size_t sentence_text, source_text, target_text, verb_text, pattern, rule, location;
    size_t n[7];
} merge_ev;

typedef struct merge_doc {
    dyad_buf pool;
    dyad_event *ev;
    merge_ev *off;
    dyad_str *loc;
    unsigned char *root;
    size_t n, cap;
} merge_doc;

static int md_grow(merge_doc *m)
{
    if (m->n < m->cap)
        return 0;
    size_t cap = m->cap ? m->cap * 2 : 32;
    dyad_event *ev = realloc(m->ev, cap * sizeof *ev);
    if (ev)
        m->ev = ev;
    merge_ev *off = realloc(m->off, cap * sizeof *off);
    if (off)
        m->off = off;
    dyad_str *loc = realloc(m->loc, cap * sizeof *loc);
    if (loc)
        m->loc = loc;
    unsigned char *root = realloc(m->root, cap);
    if (root)
        m->root = root;
    if (!ev || !off || !loc || !root)
        return -1;
    m->cap = cap;
    return 0;
}

static size_t md_str(merge_doc *m, sqlite3_stmt *st, int col, size_t *n)
{
    const char *p = dyad__col_str(st, col);
    size_t off = m->pool.len;
    *n = (size_t)sqlite3_column_bytes(st, col);
    dyad__buf_add(&m->pool, p, *n);
    return off;
}

static dyad_str md_ptr(const merge_doc *m, size_t off, size_t n)
{
    dyad_str s = {n ? m->pool.p + off : "", n};
    return s;
}

static void md_free(merge_doc *m)
{
    dyad__buf_free(&m->pool);
    free(m->ev);
    free(m->off);
    free(m->loc);
    free(m->root);
}

static void copy_code(char *dst, size_t cap, const char *src)
{
    snprintf(dst, cap, "%s", src);
}

/* Reads the mentions of input document `doc` into m. */
static int read_doc_events(sqlite3_stmt *st, int64_t doc, merge_doc *m)
{
    m->n = 0;
    m->pool.len = 0;
    sqlite3_bind_int64(st, 1, doc);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (md_grow(m) != 0) {
            m->pool.oom = 1;
            break;
        }
        dyad_event *e = &m->ev[m->n];
        merge_ev *o = &m->off[m->n];
        memset(e, 0, sizeof *e);
        e->date = sqlite3_column_int(st, 0);
        copy_code(e->source, sizeof e->source, dyad__col_str(st, 1));
        copy_code(e->target, sizeof e->target, dyad__col_str(st, 2));
        copy_code(e->code, sizeof e->code, dyad__col_str(st, 3));
        copy_code(e->root, sizeof e->root, dyad__col_str(st, 4));
        copy_code(e->plover, sizeof e->plover, dyad__col_str(st, 5));
        e->quad = sqlite3_column_int(st, 6);
        e->goldstein = sqlite3_column_double(st, 7);
        o->location = md_str(m, st, 8, &o->n[6]);
        e->sentence = (uint32_t)sqlite3_column_int64(st, 9);
        e->mentions = (uint32_t)sqlite3_column_int64(st, 10);
        m->root[m->n] = (unsigned char)sqlite3_column_int(st, 11);
        o->sentence_text = md_str(m, st, 12, &o->n[0]);
        o->source_text = md_str(m, st, 13, &o->n[1]);
        o->target_text = md_str(m, st, 14, &o->n[2]);
        o->verb_text = md_str(m, st, 15, &o->n[3]);
        e->source_span.start = (uint32_t)sqlite3_column_int64(st, 16);
        e->source_span.end = (uint32_t)sqlite3_column_int64(st, 17);
        e->target_span.start = (uint32_t)sqlite3_column_int64(st, 18);
        e->target_span.end = (uint32_t)sqlite3_column_int64(st, 19);
        e->verb_span.start = (uint32_t)sqlite3_column_int64(st, 20);
        e->verb_span.end = (uint32_t)sqlite3_column_int64(st, 21);
        o->pattern = md_str(m, st, 22, &o->n[4]);
        o->rule = md_str(m, st, 23, &o->n[5]);
        m->n++;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE || m->pool.oom)
        return -1;
    /* The pool has stopped moving: turn offsets into pointers. */
    for (size_t i = 0; i < m->n; i++) {
        dyad_event *e = &m->ev[i];
        const merge_ev *o = &m->off[i];
        e->sentence_text = md_ptr(m, o->sentence_text, o->n[0]);
        e->source_text = md_ptr(m, o->source_text, o->n[1]);
        e->target_text = md_ptr(m, o->target_text, o->n[2]);
        e->verb_text = md_ptr(m, o->verb_text, o->n[3]);
        e->pattern = md_ptr(m, o->pattern, o->n[4]);
        e->rule = md_ptr(m, o->rule, o->n[5]);
        m->loc[i] = md_ptr(m, o->location, o->n[6]);
    }
    return 0;
}

static int same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

int dyad_store_merge(dyad_store *s, const char *in_path, uint64_t *docs_read, dyad_err *err)
{
    if (same_file(s->path, in_path)) {
        dyad__err_set(err, DYAD_EUSAGE, in_path, 0, 0, "cannot merge a database into itself");
        return -1;
    }
    sqlite3 *in = NULL;
    sqlite3_stmt *docs = NULL, *evs = NULL;
    merge_doc m = {0};
    int rc = -1;
    uint64_t nread = 0;
    if (sqlite3_open_v2(in_path, &in, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        dyad__store_dberr(in, err, in_path, "cannot open the database");
        goto out;
    }
    sqlite3_busy_timeout(in, 10000);
    if (dyad__store_schema(in, 1, in_path, err) != 0)
        goto out;
    if (sqlite3_prepare_v2(in,
                           "SELECT id, doc_id, hash, date, outlet, sentences, status, text_len,"
                           " added, text FROM documents ORDER BY id",
                           -1, &docs, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(
            in,
            "SELECT e.date, e.source, e.target, e.code, e.root, e.plover, e.quad, e.goldstein,"
            " e.location, m.sentence, m.count, m.is_root, ifnull(s.text,''), m.source_text,"
            " m.target_text, m.verb_text, m.source_start, m.source_end, m.target_start,"
            " m.target_end, m.verb_start, m.verb_end, m.pattern, m.rule"
            " FROM mentions m JOIN events e ON e.id=m.event"
            " LEFT JOIN sentences s ON s.doc=m.doc AND s.idx=m.sentence"
            " WHERE m.doc=?1 ORDER BY m.id",
            -1, &evs, NULL) != SQLITE_OK) {
        dyad__store_dberr(in, err, in_path, "reading");
        goto out;
    }
    /* One read transaction: a consistent snapshot of the input. */
    if (sqlite3_exec(in, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
        dyad__store_dberr(in, err, in_path, "reading");
        goto out;
    }
    int step;
    while ((step = sqlite3_step(docs)) == SQLITE_ROW) {
        dyad_store_doc d = {0};
        int64_t h = sqlite3_column_int64(docs, 2);
        d.id.p = dyad__col_str(docs, 1);
        d.id.n = (size_t)sqlite3_column_bytes(docs, 1);
        memcpy(&d.hash, &h, sizeof h);
        if (!d.hash)
            d.hash = 1;
        d.date = sqlite3_column_int(docs, 3);
        d.outlet.p = dyad__col_str(docs, 4);
        d.outlet.n = (size_t)sqlite3_column_bytes(docs, 4);
        d.sentences = (uint32_t)sqlite3_column_int64(docs, 5);
        d.status = (dyad_status)sqlite3_column_int(docs, 6);
        d.text_len = (uint64_t)sqlite3_column_int64(docs, 7);
        d.added = sqlite3_column_int64(docs, 8);
        d.text.p = dyad__col_str(docs, 9);
        d.text.n = (size_t)sqlite3_column_bytes(docs, 9);
        nread++;
        int has = dyad_store_has(s, &d, err);
        if (has < 0)
            goto out;
        if (has)
            continue;
        if (read_doc_events(evs, sqlite3_column_int64(docs, 0), &m) != 0) {
            if (m.pool.oom)
                dyad__err_set(err, DYAD_ENOMEM, in_path, 0, 0, "out of memory");
            else
                dyad__store_dberr(in, err, in_path, "reading mentions");
            goto out;
        }
        if (dyad__store_put(s, &d, m.ev, m.n, m.loc, m.root, err) != 0)
            goto out;
    }
    if (step != SQLITE_DONE) {
        dyad__store_dberr(in, err, in_path, "reading documents");
        goto out;
    }
    rc = dyad_store_flush(s, err);
out:
    if (docs_read)
        *docs_read = nread;
    md_free(&m);
    sqlite3_finalize(docs);
    sqlite3_finalize(evs);
    if (in) {
        sqlite3_exec(in, "ROLLBACK", NULL, NULL, NULL);
        sqlite3_close(in);
    }
    return rc;
}
