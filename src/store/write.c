/*
 * write.c -- the ingest path: copying coded documents into a batch, and
 * writing a batch in one transaction (on the caller's thread or on the
 * store's writer thread).
 *
 * Per document, inside the batch's transaction:
 *   1. look the id up; same content hash -> skip; other hash -> delete the
 *      old version (its mentions, sentences and full-text entries) and mark
 *      its events for a recount;
 *   2. insert the document row;
 *   3. per event: find its row by the key (date, source, target, code,
 *      location, scope) or create it with the counts of this one mention;
 *      an event found already gets this mention added to its counts (a new
 *      article unless the document reported it already, a new source
 *      unless its outlet did: two index probes, whatever the event's
 *      size); insert the sentence (once per document sentence, with its
 *      full-text entry), the mention, and the actor codes and texts.
 * At the end of the batch, the events that lost mentions to a replaced
 * document get their counts recomputed from their mentions (mentions,
 * articles, outlets, is_root) and those left without mentions are deleted;
 * then COMMIT. A failure anywhere rolls the whole batch back: the database
 * holds whole documents only.
 *
 * Never: reads input, codes text, prints.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../base/hash.h"
#include "store_int.h"

static const char *const stmt_sql[ST_COUNT] = {
    [ST_DOC_FIND] = "SELECT id, hash FROM documents WHERE doc_id=?1",
    [ST_DOC_INSERT] = "INSERT INTO documents(doc_id, hash, date, outlet, sentences, events, status,"
                      " text_len, added, text) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    [ST_DOC_TOUCH] = "INSERT OR IGNORE INTO temp.touched(event) SELECT event FROM mentions WHERE doc=?1",
    [ST_DOC_DEL_MENTIONS] = "DELETE FROM mentions WHERE doc=?1",
    [ST_DOC_DEL_FTS] = "INSERT INTO sentences_fts(sentences_fts, rowid, text)"
                       " SELECT 'delete', id, text FROM sentences WHERE doc=?1",
    [ST_DOC_DEL_SENTENCES] = "DELETE FROM sentences WHERE doc=?1",
    [ST_DOC_DEL] = "DELETE FROM documents WHERE id=?1",
    [ST_EV_FIND] = "SELECT id FROM events WHERE date=?1 AND source=?2 AND target=?3 AND code=?4"
                   " AND location=?5 AND scope=?6",
    [ST_EV_INSERT] = "INSERT INTO events(date, source, target, code, location, scope, root, quad,"
                     " goldstein, plover, num_mentions, num_articles, num_sources, is_root, added)"
                     " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 1, 1, ?12, ?13)",
    [ST_EV_INSERT_NEW] = "INSERT INTO events(date, source, target, code, location, scope, root, quad,"
                         " goldstein, plover, num_mentions, num_articles, num_sources, is_root, added)"
                         " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 1, 1, ?12, ?13)"
                         " ON CONFLICT(date, source, target, code, location, scope) DO NOTHING",
    [ST_EV_SEEN] = "SELECT EXISTS(SELECT 1 FROM mentions WHERE event=?1 AND outlet=?2),"
                   " EXISTS(SELECT 1 FROM mentions WHERE event=?1 AND outlet=?2 AND doc=?3)",
    [ST_EV_ADD] = "UPDATE events SET num_mentions=num_mentions+?2, num_articles=num_articles+?3,"
                  " num_sources=num_sources+?4, is_root=max(is_root, ?5) WHERE id=?1",
    [ST_SENT_INSERT] = "INSERT INTO sentences(doc, idx, text) VALUES(?1, ?2, ?3)",
    [ST_FTS_INSERT] = "INSERT INTO sentences_fts(rowid, text) VALUES(?1, ?2)",
    [ST_MENTION_INSERT] = "INSERT INTO mentions(event, doc, sentence, count, is_root, source_text,"
                          " target_text, verb_text, source_start, source_end, target_start,"
                          " target_end, verb_start, verb_end, pattern, rule, outlet)"
                          " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
                          " ?15, ?16, ?17)",
    [ST_ACTOR_INSERT] = "INSERT INTO actors(code, name) VALUES(?1, ?2) ON CONFLICT(code) DO UPDATE"
                        " SET name=excluded.name WHERE actors.name='' AND excluded.name<>''",
    [ST_ACTOR_TEXT_INSERT] = "INSERT OR IGNORE INTO actor_texts(code, text) VALUES(?1, ?2)",
    [ST_RECOUNT] = "UPDATE events SET num_mentions=c.nm, num_articles=c.na, num_sources=c.ns,"
                   " is_root=c.r FROM (SELECT m.event AS eid, sum(m.count) AS nm,"
                   " count(DISTINCT m.doc) AS na, count(DISTINCT d.outlet) AS ns,"
                   " max(m.is_root) AS r FROM temp.touched t JOIN mentions m ON m.event=t.event"
                   " JOIN documents d ON d.id=m.doc GROUP BY m.event) AS c WHERE events.id=c.eid",
    [ST_DELETE_EMPTY] = "DELETE FROM events WHERE id IN (SELECT t.event FROM temp.touched t"
                        " WHERE NOT EXISTS (SELECT 1 FROM mentions m WHERE m.event=t.event))",
    [ST_TOUCH_CLEAR] = "DELETE FROM temp.touched",
    [ST_BEGIN] = "BEGIN IMMEDIATE",
    [ST_COMMIT] = "COMMIT",
    [ST_ROLLBACK] = "ROLLBACK",
};

/* Longest text kept for an actor's name and texts (bytes). */
#define ACTOR_TEXT_MAX 200

static int64_t now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

int dyad__store_prepare_writer(dyad_store *s, dyad_err *err)
{
    if (sqlite3_exec(s->db, "CREATE TEMP TABLE IF NOT EXISTS touched(event INTEGER PRIMARY KEY)",
                     NULL, NULL, NULL) != SQLITE_OK) {
        dyad__store_dberr(s->db, err, s->path, "creating the work table");
        return -1;
    }
    for (int i = 0; i < ST_COUNT; i++) {
        if (sqlite3_prepare_v3(s->db, stmt_sql[i], -1, SQLITE_PREPARE_PERSISTENT, &s->st[i],
                               NULL) != SQLITE_OK) {
            dyad__store_dberr(s->db, err, s->path, "preparing a statement");
            return -1;
        }
    }
    return 0;
}

uint64_t dyad_store_hash(const dyad_store_doc *d)
{
    uint64_t h = dyad__hash(d->text.p ? d->text.p : "", d->text.p ? d->text.n : 0);
    h = dyad__mix64(h ^ (0x9e3779b97f4a7c15ULL * (uint64_t)(uint32_t)d->date));
    h = dyad__mix64(h + dyad__hash(d->outlet.p ? d->outlet.p : "", d->outlet.p ? d->outlet.n : 0));
    return h ? h : 1;
}

static int64_t hash_i64(uint64_t h)
{
    int64_t v;
    memcpy(&v, &h, sizeof v);
    return v;
}

/* ---------------------------------------------------------------- batch */

void dyad__batch_free(dyad__batch *b)
{
    dyad__buf_free(&b->pool);
    free(b->docs);
    free(b->ev);
    free(b->ids);
    memset(b, 0, sizeof *b);
}

static void batch_reset(dyad__batch *b)
{
    b->pool.len = 0;
    b->pool.oom = 0;
    b->ndocs = 0;
    b->nev = 0;
    b->started_ms = 0;
    if (b->ids)
        memset(b->ids, 0, b->ids_cap * sizeof *b->ids);
}

static uint64_t id_key(const char *p, size_t n)
{
    uint64_t h = dyad__hash(p, n);
    return h ? h : 1;
}

static int batch_has_id(const dyad__batch *b, uint64_t key)
{
    if (!b->ids_cap)
        return 0;
    size_t mask = b->ids_cap - 1;
    for (size_t i = (size_t)key & mask; b->ids[i]; i = (i + 1) & mask)
        if (b->ids[i] == key)
            return 1;
    return 0;
}

/* Records that the batch holds a document with this id (ndocs counts the
 * documents before this one, so the table stays under half full). */
static int batch_add_id(dyad__batch *b, uint64_t key)
{
    if ((b->ndocs + 1) * 2 > b->ids_cap) {
        size_t cap = b->ids_cap ? b->ids_cap * 2 : 64;
        uint64_t *t = calloc(cap, sizeof *t);
        if (!t)
            return -1;
        for (size_t i = 0; i < b->ids_cap; i++) {
            if (!b->ids[i])
                continue;
            size_t j = (size_t)b->ids[i] & (cap - 1);
            while (t[j])
                j = (j + 1) & (cap - 1);
            t[j] = b->ids[i];
        }
        free(b->ids);
        b->ids = t;
        b->ids_cap = cap;
    }
    size_t mask = b->ids_cap - 1, i = (size_t)key & mask;
    while (b->ids[i] && b->ids[i] != key)
        i = (i + 1) & mask;
    b->ids[i] = key;
    return 0;
}

static dyad__sref pool_add(dyad__batch *b, const char *p, size_t n)
{
    dyad__sref r = {b->pool.len, p ? n : 0};
    if (p && n)
        dyad__buf_add(&b->pool, p, n);
    return r;
}

static const char *sref_ptr(const dyad__batch *b, dyad__sref r)
{
    return r.n ? b->pool.p + r.off : "";
}

static int grow(void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 0;
    size_t c = *cap ? *cap * 2 : 64;
    while (c < need)
        c *= 2;
    void *q = realloc(*p, c * size);
    if (!q)
        return -1;
    *p = q;
    *cap = c;
    return 0;
}

static void copy_code(char *dst, size_t cap, const char *src)
{
    size_t n = strnlen(src, cap - 1);
    memcpy(dst, src, n);
    dst[n] = '\0';
}

int dyad__store_put(dyad_store *s, const dyad_store_doc *d, const dyad_event *ev, size_t nev,
                    const dyad_str *locations, const unsigned char *is_root, dyad_err *err);

static int submit(dyad_store *s, dyad_err *err);

static int failed(dyad_store *s, dyad_err *err)
{
    int f;
    if (s->thread_started)
        pthread_mutex_lock(&s->mu);
    f = s->failed;
    if (f && err)
        *err = s->ferr;
    if (s->thread_started)
        pthread_mutex_unlock(&s->mu);
    return f;
}

int dyad__store_put(dyad_store *s, const dyad_store_doc *d, const dyad_event *ev, size_t nev,
                    const dyad_str *locations, const unsigned char *is_root, dyad_err *err)
{
    if (s->o.readonly) {
        dyad__err_set(err, DYAD_EUSAGE, s->path, 0, 0, "the store was opened read-only");
        return -1;
    }
    if (failed(s, err))
        return -1;
    if (!d->id.p || !d->id.n) {
        dyad__err_set(err, DYAD_EUSAGE, s->path, 0, 0, "a document without an id cannot be stored");
        return -1;
    }
    for (size_t i = 0; i < nev; i++) {
        if (!ev[i].code[0]) {
            dyad__err_set(err, DYAD_EUSAGE, "store", 0, 0,
                          "document '%.*s': event %zu has no event code",
                          (int)(d->id.n > 120 ? 120 : d->id.n), d->id.p, i);
            return -1;
        }
    }
    dyad__batch *b = &s->b[s->fill];
    if (!b->ndocs)
        b->started_ms = now_ms();
    if (grow((void **)&b->docs, &b->capdocs, b->ndocs + 1, sizeof *b->docs) != 0 ||
        grow((void **)&b->ev, &b->capev, b->nev + nev, sizeof *b->ev) != 0 ||
        batch_add_id(b, id_key(d->id.p, d->id.n)) != 0)
        goto oom;
    dyad__bdoc *bd = &b->docs[b->ndocs];
    memset(bd, 0, sizeof *bd);
    bd->id = pool_add(b, d->id.p, d->id.n);
    if (s->o.keep_text)
        bd->text = pool_add(b, d->text.p, d->text.n);
    bd->outlet = pool_add(b, d->outlet.p, d->outlet.n);
    bd->date = d->date;
    bd->sentences = d->sentences;
    bd->status = (int)d->status;
    bd->hash = d->hash ? d->hash : dyad_store_hash(d);
    bd->text_len = d->text_len ? d->text_len : (d->text.p ? d->text.n : 0);
    bd->added = d->added ? d->added : (int64_t)time(NULL);
    bd->ev0 = b->nev;
    bd->nev = nev;
    for (size_t i = 0; i < nev; i++) {
        const dyad_event *e = &ev[i];
        dyad__bev *be = &b->ev[b->nev + i];
        memset(be, 0, sizeof *be);
        be->date = e->date;
        be->sentence = e->sentence;
        be->count = e->mentions ? e->mentions : 1;
        be->quad = e->quad;
        be->is_root = is_root ? is_root[i] != 0 : i == 0;
        be->goldstein = e->goldstein;
        copy_code(be->source, sizeof be->source, e->source);
        copy_code(be->target, sizeof be->target, e->target);
        copy_code(be->code, sizeof be->code, e->code);
        copy_code(be->root, sizeof be->root, e->root);
        if (!be->root[0]) {
            be->root[0] = be->code[0];
            be->root[1] = be->code[1];
            be->root[2] = '\0';
        }
        copy_code(be->plover, sizeof be->plover, e->plover);
        if (locations)
            be->location = pool_add(b, locations[i].p, locations[i].n);
        be->sentence_text = pool_add(b, e->sentence_text.p, e->sentence_text.n);
        be->source_text = pool_add(b, e->source_text.p, e->source_text.n);
        be->target_text = pool_add(b, e->target_text.p, e->target_text.n);
        be->verb_text = pool_add(b, e->verb_text.p, e->verb_text.n);
        be->pattern = pool_add(b, e->pattern.p, e->pattern.n);
        be->rule = pool_add(b, e->rule.p, e->rule.n);
        be->source_span = e->source_span;
        be->target_span = e->target_span;
        be->verb_span = e->verb_span;
    }
    if (b->pool.oom)
        goto oom;
    b->nev += nev;
    b->ndocs++;
    if (b->ndocs >= s->o.batch_docs || b->pool.len >= s->o.batch_bytes ||
        now_ms() - b->started_ms >= (int64_t)s->o.batch_ms)
        return submit(s, err);
    return 0;
oom:
    dyad__err_set(err, DYAD_ENOMEM, s->path, 0, 0, "out of memory filling a batch");
    return -1;
}

int dyad_store_put(dyad_store *s, const dyad_store_doc *d, const dyad_event *ev, size_t nev,
                   dyad_err *err)
{
    return dyad__store_put(s, d, ev, nev, NULL, NULL, err);
}

int dyad_store_has(dyad_store *s, const dyad_store_doc *d, dyad_err *err)
{
    if (s->o.force)
        return 0;
    /* A version waiting in a batch will replace what the database holds:
     * the database cannot tell whether this one is stored. (The batch the
     * writer thread holds is not changed while it writes, and only this
     * thread resets batches.) */
    uint64_t key = id_key(d->id.p, d->id.n);
    if (s->fresh || batch_has_id(&s->b[0], key) || batch_has_id(&s->b[1], key))
        return 0;
    sqlite3_stmt *st = s->has_stmt;
    uint64_t h = d->hash ? d->hash : dyad_store_hash(d);
    dyad__bind_str(st, 1, d->id.p, d->id.n);
    int rc = sqlite3_step(st);
    int found = rc == SQLITE_ROW && sqlite3_column_int64(st, 0) == hash_i64(h);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        dyad__store_dberr(s->rdb ? s->rdb : s->db, err, s->path, "looking a document up");
        sqlite3_reset(st);
        return -1;
    }
    sqlite3_reset(st);
    return found;
}

void dyad_store_stats_get(dyad_store *s, dyad_store_stats *st)
{
    if (s->thread_started)
        pthread_mutex_lock(&s->mu);
    *st = s->stats;
    if (s->thread_started)
        pthread_mutex_unlock(&s->mu);
}

/* --------------------------------------------------------- writing a batch */

/* Steps a statement that returns no row (or whose row is ignored) and
 * resets it. */
static int run(sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : -1;
}

static void smap_clear(dyad_store *s)
{
    if (s->smap)
        memset(s->smap, 0, s->smap_cap * sizeof *s->smap);
}

static int smap_reserve(dyad_store *s, size_t n)
{
    size_t cap = 16;
    while (cap < n * 2)
        cap *= 2;
    if (cap > s->smap_cap) {
        free(s->smap);
        s->smap = calloc(cap, sizeof *s->smap);
        s->smap_cap = s->smap ? cap : 0;
        if (!s->smap)
            return -1;
    } else {
        smap_clear(s);
    }
    return 0;
}

/* Slot of sentence idx: its row, or the empty slot to fill. */
static struct dyad__smap_slot *smap_slot(dyad_store *s, uint32_t idx)
{
    size_t mask = s->smap_cap - 1;
    size_t i = (size_t)dyad__mix64((uint64_t)idx + 1) & mask;
    while (s->smap[i].key && s->smap[i].key != idx + 1)
        i = (i + 1) & mask;
    return &s->smap[i];
}

static int delete_doc(dyad_store *s, int64_t id)
{
    static const int steps[] = {ST_DOC_TOUCH, ST_DOC_DEL_MENTIONS, ST_DOC_DEL_FTS,
                                ST_DOC_DEL_SENTENCES, ST_DOC_DEL};
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        sqlite3_stmt *st = s->st[steps[i]];
        sqlite3_bind_int64(st, 1, id);
        if (run(st) != 0)
            return -1;
    }
    return 0;
}

/* The "known" set of actor rows (see store_int.h). */
static uint64_t seen_key(char kind, const char *code, const char *text, size_t n)
{
    uint64_t h = dyad__hash(code, strlen(code)) ^ (uint64_t)(unsigned char)kind;
    if (kind == 'T')
        h = dyad__mix64(h + dyad__hash(text, n));
    return h ? h : 1;
}

static int seen_has(const dyad_store *s, uint64_t key)
{
    if (!s->seen_cap)
        return 0;
    size_t mask = s->seen_cap - 1;
    for (size_t i = (size_t)key & mask; s->seen[i]; i = (i + 1) & mask)
        if (s->seen[i] == key)
            return 1;
    return 0;
}

static void seen_add(dyad_store *s, uint64_t key)
{
    if ((s->seen_n + 1) * 2 > s->seen_cap) {
        size_t cap = s->seen_cap ? s->seen_cap * 2 : 1024;
        if (cap > (1u << 22)) { /* 4M slots: start again rather than grow */
            memset(s->seen, 0, s->seen_cap * sizeof *s->seen);
            s->seen_n = 0;
        } else {
            uint64_t *t = calloc(cap, sizeof *t);
            if (!t)
                return; /* a cache: doing without is fine */
            for (size_t i = 0; i < s->seen_cap; i++) {
                if (!s->seen[i])
                    continue;
                size_t j = (size_t)s->seen[i] & (cap - 1);
                while (t[j])
                    j = (j + 1) & (cap - 1);
                t[j] = s->seen[i];
            }
            free(s->seen);
            s->seen = t;
            s->seen_cap = cap;
        }
    }
    size_t mask = s->seen_cap - 1, i = (size_t)key & mask;
    while (s->seen[i] && s->seen[i] != key)
        i = (i + 1) & mask;
    if (!s->seen[i]) {
        s->seen[i] = key;
        s->seen_n++;
    }
}

static int put_actor(dyad_store *s, const char *code, const char *text, size_t n)
{
    if (!code[0])
        return 0;
    if (n > ACTOR_TEXT_MAX)
        n = ACTOR_TEXT_MAX;
    /* the actors row: needed unless it exists with a name (or this text
     * could not give it one) */
    uint64_t named = seen_key('N', code, NULL, 0), exists = seen_key('C', code, NULL, 0);
    if (!seen_has(s, named) && (n || !seen_has(s, exists))) {
        sqlite3_stmt *st = s->st[ST_ACTOR_INSERT];
        sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
        dyad__bind_str(st, 2, text, n);
        if (run(st) != 0)
            return -1;
        seen_add(s, n ? named : exists);
    }
    if (!n)
        return 0;
    uint64_t k = seen_key('T', code, text, n);
    if (seen_has(s, k))
        return 0;
    sqlite3_stmt *st = s->st[ST_ACTOR_TEXT_INSERT];
    sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
    dyad__bind_str(st, 2, text, n);
    if (run(st) != 0)
        return -1;
    seen_add(s, k);
    return 0;
}

/* Binds an event's key (?1..?6) and, when full, the rest of its row. */
static void bind_event(sqlite3_stmt *st, const dyad__batch *b, const dyad__bdoc *bd,
                       const dyad__bev *e, const char *scope, size_t scope_n, int full)
{
    sqlite3_bind_int(st, 1, e->date);
    sqlite3_bind_text(st, 2, e->source, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, e->target, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, e->code, -1, SQLITE_STATIC);
    dyad__bind_str(st, 5, sref_ptr(b, e->location), e->location.n);
    dyad__bind_str(st, 6, scope, scope_n);
    if (!full)
        return;
    sqlite3_bind_text(st, 7, e->root, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 8, e->quad);
    sqlite3_bind_double(st, 9, e->goldstein);
    sqlite3_bind_text(st, 10, e->plover, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 11, e->count);
    sqlite3_bind_int(st, 12, e->is_root);
    sqlite3_bind_int64(st, 13, bd->added);
}

static int write_event(dyad_store *s, const dyad__batch *b, const dyad__bdoc *bd, int64_t doc,
                       const dyad__bev *e, dyad_store_stats *stats)
{
    const char *scope = e->date ? "" : sref_ptr(b, bd->id);
    size_t scope_n = e->date ? 0 : bd->id.n;
    int64_t event = 0;
    int rc;
    sqlite3_stmt *st;
    /* When most events so far were new, try to create it first (one
     * statement when it is new); else look it up first. */
    int created = 0;
    if (s->ev_created > 2 * s->ev_found) {
        st = s->st[ST_EV_INSERT_NEW];
        bind_event(st, b, bd, e, scope, scope_n, 1);
        if (run(st) != 0)
            return -1;
        if (sqlite3_changes(s->db) == 1) {
            event = sqlite3_last_insert_rowid(s->db);
            created = 1;
        }
    }
    if (!created) {
        st = s->st[ST_EV_FIND];
        bind_event(st, b, bd, e, scope, scope_n, 0);
        rc = sqlite3_step(st);
        event = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
        sqlite3_reset(st);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return -1;
    }
    if (created) {
        s->ev_created++;
        stats->events_new++;
    } else if (event) {
        s->ev_found++;
        /* Counted as it comes: a new article unless this document already
         * reported it, a new source unless its outlet did. (Events that
         * lose mentions in this batch are recounted from scratch at its end.) */
        const char *outlet = sref_ptr(b, bd->outlet);
        st = s->st[ST_EV_SEEN];
        sqlite3_bind_int64(st, 1, event);
        dyad__bind_str(st, 2, outlet, bd->outlet.n);
        sqlite3_bind_int64(st, 3, doc);
        rc = sqlite3_step(st);
        int outlet_seen = rc == SQLITE_ROW && sqlite3_column_int(st, 0);
        int doc_seen = rc == SQLITE_ROW && sqlite3_column_int(st, 1);
        sqlite3_reset(st);
        if (rc != SQLITE_ROW)
            return -1;
        st = s->st[ST_EV_ADD];
        sqlite3_bind_int64(st, 1, event);
        sqlite3_bind_int64(st, 2, e->count);
        sqlite3_bind_int(st, 3, !doc_seen);
        sqlite3_bind_int(st, 4, !outlet_seen);
        sqlite3_bind_int(st, 5, e->is_root);
        if (run(st) != 0)
            return -1;
    } else {
        st = s->st[ST_EV_INSERT];
        bind_event(st, b, bd, e, scope, scope_n, 1);
        if (run(st) != 0)
            return -1;
        event = sqlite3_last_insert_rowid(s->db);
        s->ev_created++;
        stats->events_new++;
    }

    struct dyad__smap_slot *slot = smap_slot(s, e->sentence);
    if (!slot->key) {
        st = s->st[ST_SENT_INSERT];
        sqlite3_bind_int64(st, 1, doc);
        sqlite3_bind_int64(st, 2, e->sentence);
        dyad__bind_str(st, 3, sref_ptr(b, e->sentence_text), e->sentence_text.n);
        if (run(st) != 0)
            return -1;
        slot->key = e->sentence + 1;
        slot->row = sqlite3_last_insert_rowid(s->db);
        st = s->st[ST_FTS_INSERT];
        sqlite3_bind_int64(st, 1, slot->row);
        dyad__bind_str(st, 2, sref_ptr(b, e->sentence_text), e->sentence_text.n);
        if (run(st) != 0)
            return -1;
    }

    st = s->st[ST_MENTION_INSERT];
    sqlite3_bind_int64(st, 1, event);
    sqlite3_bind_int64(st, 2, doc);
    sqlite3_bind_int64(st, 3, e->sentence);
    sqlite3_bind_int64(st, 4, e->count);
    sqlite3_bind_int(st, 5, e->is_root);
    dyad__bind_str(st, 6, sref_ptr(b, e->source_text), e->source_text.n);
    dyad__bind_str(st, 7, sref_ptr(b, e->target_text), e->target_text.n);
    dyad__bind_str(st, 8, sref_ptr(b, e->verb_text), e->verb_text.n);
    sqlite3_bind_int64(st, 9, e->source_span.start);
    sqlite3_bind_int64(st, 10, e->source_span.end);
    sqlite3_bind_int64(st, 11, e->target_span.start);
    sqlite3_bind_int64(st, 12, e->target_span.end);
    sqlite3_bind_int64(st, 13, e->verb_span.start);
    sqlite3_bind_int64(st, 14, e->verb_span.end);
    dyad__bind_str(st, 15, sref_ptr(b, e->pattern), e->pattern.n);
    dyad__bind_str(st, 16, sref_ptr(b, e->rule), e->rule.n);
    dyad__bind_str(st, 17, sref_ptr(b, bd->outlet), bd->outlet.n);
    if (run(st) != 0)
        return -1;
    stats->mentions++;

    if (put_actor(s, e->source, sref_ptr(b, e->source_text), e->source_text.n) != 0 ||
        put_actor(s, e->target, sref_ptr(b, e->target_text), e->target_text.n) != 0)
        return -1;
    return 0;
}

static int write_doc(dyad_store *s, const dyad__batch *b, const dyad__bdoc *bd,
                     dyad_store_stats *stats)
{
    sqlite3_stmt *st = s->st[ST_DOC_FIND];
    dyad__bind_str(st, 1, sref_ptr(b, bd->id), bd->id.n);
    int rc = sqlite3_step(st);
    int64_t old = 0, old_hash = 0;
    if (rc == SQLITE_ROW) {
        old = sqlite3_column_int64(st, 0);
        old_hash = sqlite3_column_int64(st, 1);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return -1;
    if (old) {
        if (old_hash == hash_i64(bd->hash) && !s->o.force) {
            stats->docs_unchanged++;
            return 0;
        }
        if (delete_doc(s, old) != 0)
            return -1;
        stats->docs_replaced++;
    } else {
        stats->docs_new++;
    }

    st = s->st[ST_DOC_INSERT];
    dyad__bind_str(st, 1, sref_ptr(b, bd->id), bd->id.n);
    sqlite3_bind_int64(st, 2, hash_i64(bd->hash));
    sqlite3_bind_int(st, 3, bd->date);
    dyad__bind_str(st, 4, sref_ptr(b, bd->outlet), bd->outlet.n);
    sqlite3_bind_int64(st, 5, bd->sentences);
    sqlite3_bind_int64(st, 6, (int64_t)bd->nev);
    sqlite3_bind_int(st, 7, bd->status);
    sqlite3_bind_int64(st, 8, (int64_t)bd->text_len);
    sqlite3_bind_int64(st, 9, bd->added);
    if (s->o.keep_text && bd->text.n)
        dyad__bind_str(st, 10, sref_ptr(b, bd->text), bd->text.n);
    else
        sqlite3_bind_null(st, 10);
    if (run(st) != 0)
        return -1;
    int64_t doc = sqlite3_last_insert_rowid(s->db);

    if (bd->nev && smap_reserve(s, bd->nev) != 0)
        return -2;
    for (size_t i = 0; i < bd->nev; i++)
        if (write_event(s, b, bd, doc, &b->ev[bd->ev0 + i], stats) != 0)
            return -1;
    return 0;
}

/* Writes a whole batch in one transaction. 0, or -1 with err (rolled back). */
static int write_batch(dyad_store *s, const dyad__batch *b, dyad_store_stats *stats,
                       dyad_err *err)
{
    char what[128];
    memset(stats, 0, sizeof *stats);
    if (run(s->st[ST_BEGIN]) != 0) {
        snprintf(what, sizeof what, "starting a transaction");
        goto fail;
    }
    for (size_t i = 0; i < b->ndocs; i++) {
        int rc = write_doc(s, b, &b->docs[i], stats);
        if (rc == -2) {
            dyad__err_set(err, DYAD_ENOMEM, s->path, 0, 0, "out of memory writing a batch");
            goto rollback;
        }
        if (rc != 0) {
            const dyad__bdoc *bd = &b->docs[i];
            snprintf(what, sizeof what, "writing document '%.*s'",
                     (int)(bd->id.n > 80 ? 80 : bd->id.n), sref_ptr(b, bd->id));
            goto fail;
        }
    }
    if (run(s->st[ST_RECOUNT]) != 0) {
        snprintf(what, sizeof what, "recounting events");
        goto fail;
    }
    if (run(s->st[ST_DELETE_EMPTY]) != 0) {
        snprintf(what, sizeof what, "deleting events without mentions");
        goto fail;
    }
    stats->events_removed += (uint64_t)sqlite3_changes(s->db);
    if (run(s->st[ST_TOUCH_CLEAR]) != 0 || run(s->st[ST_COMMIT]) != 0) {
        snprintf(what, sizeof what, "committing a batch of %zu documents", b->ndocs);
        goto fail;
    }
    stats->batches = 1;
    return 0;
fail:
    dyad__store_dberr(s->db, err, s->path, what);
rollback:
    if (!sqlite3_get_autocommit(s->db))
        sqlite3_step(s->st[ST_ROLLBACK]);
    sqlite3_reset(s->st[ST_ROLLBACK]);
    sqlite3_exec(s->db, "DELETE FROM temp.touched", NULL, NULL, NULL);
    return -1;
}

static void add_stats(dyad_store_stats *to, const dyad_store_stats *from)
{
    to->docs_new += from->docs_new;
    to->docs_replaced += from->docs_replaced;
    to->docs_unchanged += from->docs_unchanged;
    to->events_new += from->events_new;
    to->events_removed += from->events_removed;
    to->mentions += from->mentions;
    to->batches += from->batches;
}

static void *writer_main(void *arg)
{
    dyad_store *s = arg;
    pthread_mutex_lock(&s->mu);
    for (;;) {
        while (s->job < 0 && !s->quit)
            pthread_cond_wait(&s->cv, &s->mu);
        if (s->job < 0)
            break;
        int j = s->job;
        pthread_mutex_unlock(&s->mu);
        dyad_store_stats bst;
        dyad_err berr = {0};
        int rc = write_batch(s, &s->b[j], &bst, &berr);
        pthread_mutex_lock(&s->mu);
        if (rc == 0) {
            add_stats(&s->stats, &bst);
        } else if (!s->failed) {
            s->failed = 1;
            s->ferr = berr;
        }
        s->job = -1;
        pthread_cond_broadcast(&s->cv);
    }
    pthread_mutex_unlock(&s->mu);
    return NULL;
}

int dyad__store_start_writer(dyad_store *s, dyad_err *err)
{
    if (pthread_create(&s->thread, NULL, writer_main, s) != 0) {
        dyad__err_set(err, DYAD_ENOMEM, s->path, 0, 0, "cannot start the writer thread");
        return -1;
    }
    s->thread_started = 1;
    return 0;
}

void dyad__store_stop_writer(dyad_store *s)
{
    if (!s->thread_started)
        return;
    pthread_mutex_lock(&s->mu);
    s->quit = 1;
    pthread_cond_broadcast(&s->cv);
    pthread_mutex_unlock(&s->mu);
    pthread_join(s->thread, NULL);
    s->thread_started = 0;
}

/* Hands the batch being filled to the writer (or writes it now). */
static int submit(dyad_store *s, dyad_err *err)
{
    dyad__batch *b = &s->b[s->fill];
    if (!b->ndocs)
        return failed(s, err) ? -1 : 0;
    if (!s->thread_started) {
        if (s->failed) {
            if (err)
                *err = s->ferr;
            return -1;
        }
        dyad_store_stats bst;
        int rc = write_batch(s, b, &bst, &s->ferr);
        batch_reset(b);
        if (rc != 0) {
            s->failed = 1;
            if (err)
                *err = s->ferr;
            return -1;
        }
        add_stats(&s->stats, &bst);
        return 0;
    }
    pthread_mutex_lock(&s->mu);
    while (s->job >= 0)
        pthread_cond_wait(&s->cv, &s->mu);
    if (s->failed) {
        if (err)
            *err = s->ferr;
        pthread_mutex_unlock(&s->mu);
        batch_reset(b);
        return -1;
    }
    s->job = s->fill;
    s->fill ^= 1;
    pthread_cond_broadcast(&s->cv);
    pthread_mutex_unlock(&s->mu);
    batch_reset(&s->b[s->fill]); /* the writer is done with it */
    return 0;
}

int dyad_store_flush(dyad_store *s, dyad_err *err)
{
    if (s->o.readonly)
        return 0;
    if (submit(s, err) != 0)
        return -1;
    if (!s->thread_started)
        return 0;
    pthread_mutex_lock(&s->mu);
    while (s->job >= 0)
        pthread_cond_wait(&s->cv, &s->mu);
    int rc = s->failed ? -1 : 0;
    if (rc && err)
        *err = s->ferr;
    pthread_mutex_unlock(&s->mu);
    return rc;
}
