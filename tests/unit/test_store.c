/*
 * test_store.c -- the event store: schema and versions, idempotent ingest,
 * deduplication and counts, replacement of a document's new version,
 * undated events, queries and filters, exports, merge, the writer thread,
 * kill -9 at random moments (many times), and injected write failures.
 *
 * Events are built by hand here (the store takes dyad_event arrays however
 * they were produced); every expected number below is worked out from the
 * events the test itself puts in.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/buf.h"
#include "dyad.h"
#include "store/store.h"

/* ------------------------------------------------------------ fixtures */

static char tmpdir[256];

static const char *tpath(const char *name)
{
    static char buf[4][512];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s", tmpdir, name);
    return buf[k];
}

static void rm_db(const char *path)
{
    char p[600];
    unlink(path);
    snprintf(p, sizeof p, "%s-wal", path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", path);
    unlink(p);
}

static dyad_str S(const char *s)
{
    dyad_str r = {s, s ? strlen(s) : 0};
    return r;
}

/* An event with the fields the store keeps. */
static dyad_event ev(int32_t date, const char *src, const char *tgt, const char *code, int quad,
                     double gold, const char *plover, uint32_t sentence, const char *sent_text)
{
    dyad_event e;
    memset(&e, 0, sizeof e);
    e.date = date;
    e.doc_date = date;
    snprintf(e.source, sizeof e.source, "%s", src);
    snprintf(e.target, sizeof e.target, "%s", tgt);
    snprintf(e.code, sizeof e.code, "%s", code);
    snprintf(e.root, sizeof e.root, "%.2s", code);
    snprintf(e.plover, sizeof e.plover, "%s", plover);
    e.quad = quad;
    e.goldstein = gold;
    e.sentence = sentence;
    e.sentence_text = S(sent_text);
    e.source_text = S(src[0] == 'R' ? "Moscow" : src[0] == 'C' ? "Beijing" : "someone");
    e.target_text = S(tgt[0] == 'R' ? "Russia" : tgt[0] == 'C' ? "China" : "");
    e.verb_text = S("met");
    e.pattern = S("test.txt:1");
    e.rule = S("svo");
    e.source_span.start = 0;
    e.source_span.end = 6;
    e.mentions = 1;
    return e;
}

static dyad_store_doc doc(const char *id, const char *text, int32_t date, const char *outlet)
{
    dyad_store_doc d;
    memset(&d, 0, sizeof d);
    d.id = S(id);
    d.text = S(text);
    d.date = date;
    d.outlet = S(outlet);
    d.sentences = 3;
    return d;
}

static dyad_store *open_rw(const char *path, int threaded, unsigned batch)
{
    dyad_store_opts o = {.create = 1, .threaded = threaded, .batch_docs = batch};
    dyad_err err = {0};
    dyad_store *s = dyad_store_open(path, &o, &err);
    if (!s)
        fprintf(stderr, "open %s: %s\n", path, err.msg);
    assert_non_null(s);
    return s;
}

static void put(dyad_store *s, dyad_store_doc d, const dyad_event *e, size_t n)
{
    dyad_err err = {0};
    int rc = dyad_store_put(s, &d, e, n, &err);
    if (rc)
        fprintf(stderr, "put: %s\n", err.msg);
    assert_int_equal(rc, 0);
}

static void close_ok(dyad_store *s)
{
    dyad_err err = {0};
    int rc = dyad_store_close(s, &err);
    if (rc)
        fprintf(stderr, "close: %s\n", err.msg);
    assert_int_equal(rc, 0);
}

static void assert_consistent(dyad_store *s)
{
    dyad_buf rep = {0};
    dyad_err err = {0};
    long n = dyad_store_check(s, &rep, &err);
    if (n != 0)
        fprintf(stderr, "check: %ld problems: %.*s %s\n", n, (int)rep.len, rep.p ? rep.p : "",
                err.msg);
    assert_int_equal(n, 0);
    dyad__buf_free(&rep);
}

/* Runs one SQL query returning one integer, on a separate connection. */
static int64_t sql_int(const char *path, const char *sql)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    int64_t v = -1;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

/* A dump of the things that must not depend on how a database was built:
 * documents (id, hash, events) and events (key, counts, is_root), sorted. */
static char *dump(const char *path)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    dyad_buf b = {0};
    static const char *const q[] = {
        "SELECT doc_id, hash, date, outlet, sentences, events FROM documents ORDER BY doc_id",
        "SELECT date, source, target, code, location, scope, root, quad, goldstein, plover,"
        " num_mentions, num_articles, num_sources, is_root FROM events"
        " ORDER BY date, source, target, code, location, scope",
        "SELECT d.doc_id, m.sentence, e.date, e.source, e.target, e.code, m.count, m.is_root,"
        " m.source_text, m.pattern, s.text FROM mentions m JOIN documents d ON d.id=m.doc"
        " JOIN events e ON e.id=m.event JOIN sentences s ON s.doc=m.doc AND s.idx=m.sentence"
        " ORDER BY 1, 2, 3, 4, 5, 6",
        "SELECT code, name FROM actors ORDER BY code",
        "SELECT code, text FROM actor_texts ORDER BY code, text",
    };
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    for (size_t i = 0; i < sizeof q / sizeof q[0]; i++) {
        assert_int_equal(sqlite3_prepare_v2(db, q[i], -1, &st, NULL), SQLITE_OK);
        while (sqlite3_step(st) == SQLITE_ROW) {
            for (int c = 0; c < sqlite3_column_count(st); c++) {
                const unsigned char *t = sqlite3_column_text(st, c);
                dyad__buf_printf(&b, "%s|", t ? (const char *)t : "NULL");
            }
            dyad__buf_putc(&b, '\n');
        }
        sqlite3_finalize(st);
        dyad__buf_puts(&b, "--\n");
    }
    sqlite3_close(db);
    assert_false(b.oom);
    return b.p;
}

/* ------------------------------------------------------------- schema */

static void test_schema_version_and_refusals(void **state)
{
    (void)state;
    const char *p = tpath("schema.db");
    rm_db(p);
    dyad_store *s = open_rw(p, 0, 0);
    dyad_store_counts c;
    dyad_err err = {0};
    assert_int_equal(dyad_store_counts_get(s, &c, &err), 0);
    assert_int_equal(c.schema, DYAD_STORE_SCHEMA);
    assert_int_equal(c.documents, 0);
    close_ok(s);
    assert_int_equal(sql_int(p, "PRAGMA user_version"), DYAD_STORE_SCHEMA);
    {
        sqlite3 *db;
        sqlite3_stmt *st;
        assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
        assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, NULL), SQLITE_OK);
        assert_int_equal(sqlite3_step(st), SQLITE_ROW);
        assert_string_equal((const char *)sqlite3_column_text(st, 0), "wal");
        sqlite3_finalize(st);
        /* A database from a newer dyad is refused. */
        assert_int_equal(sqlite3_exec(db, "PRAGMA user_version=99", NULL, NULL, NULL), SQLITE_OK);
        sqlite3_close(db);
    }
    dyad_store_opts o = {.create = 1};
    assert_null(dyad_store_open(p, &o, &err));
    assert_int_equal(err.code, DYAD_EDB);
    assert_non_null(strstr(err.msg, "newer"));

    /* A SQLite database that is not dyad's is refused, not modified. */
    const char *q = tpath("other.db");
    rm_db(q);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(q, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "CREATE TABLE t(x)", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    memset(&err, 0, sizeof err);
    assert_null(dyad_store_open(q, &o, &err));
    assert_non_null(strstr(err.msg, "not a dyad database"));
    assert_int_equal(sql_int(q, "SELECT count(*) FROM sqlite_schema"), 1);

    /* Read-only opening never creates a file. */
    const char *r = tpath("missing.db");
    rm_db(r);
    assert_null(dyad_store_open(r, NULL, &err));
    struct stat st;
    assert_int_not_equal(stat(r, &st), 0);
    rm_db(p);
    rm_db(q);
}

/* ------------------------------------------------------ dedup, counts */

static void test_dedup_counts_and_idempotence(void **state)
{
    (void)state;
    const char *p = tpath("dedup.db");
    rm_db(p);
    dyad_store *s = open_rw(p, 0, 0);
    /* The same event (2023-11-10 RUS->CHN 0312) in three documents from two
     * outlets, reported twice in the first one. */
    dyad_event a[2] = {ev(20231110, "RUS", "CHN", "0312", 1, 5.2, "AGREE", 0, "Moscow pledged help."),
                       ev(20231110, "RUS", "CHNMIL", "042", 1, 1.9, "CONSULT", 2, "They met.")};
    a[0].mentions = 2;
    dyad_event b[1] = {ev(20231110, "RUS", "CHN", "0312", 1, 5.2, "AGREE", 4, "Russia promised aid.")};
    dyad_event c[1] = {ev(20231110, "RUS", "CHN", "0312", 1, 5.2, "AGREE", 1, "Aid was promised.")};
    put(s, doc("x-1", "text one", 20231110, "x"), a, 2);
    put(s, doc("y-1", "text two", 20231111, "y"), b, 1);
    put(s, doc("x-2", "text three", 20231111, "x"), c, 1);
    assert_int_equal(dyad_store_flush(s, NULL), 0);
    dyad_store_stats st;
    dyad_store_stats_get(s, &st);
    assert_int_equal(st.docs_new, 3);
    assert_int_equal(st.events_new, 2);
    assert_int_equal(st.mentions, 4);
    assert_consistent(s);
    close_ok(s);

    assert_int_equal(sql_int(p, "SELECT count(*) FROM events"), 2);
    assert_int_equal(sql_int(p, "SELECT num_mentions FROM events WHERE code='0312'"), 4);
    assert_int_equal(sql_int(p, "SELECT num_articles FROM events WHERE code='0312'"), 3);
    assert_int_equal(sql_int(p, "SELECT num_sources FROM events WHERE code='0312'"), 2);
    assert_int_equal(sql_int(p, "SELECT num_mentions FROM events WHERE code='042'"), 1);
    assert_int_equal(sql_int(p, "SELECT is_root FROM events WHERE code='042'"), 0);
    assert_int_equal(sql_int(p, "SELECT count(*) FROM sentences"), 4);
    assert_int_equal(sql_int(p, "SELECT count(*) FROM actors"), 3);
    char *before = dump(p);

    /* The same documents again, threaded this time: nothing changes. */
    s = open_rw(p, 1, 2);
    dyad_store_doc d = doc("x-1", "text one", 20231110, "x");
    assert_int_equal(dyad_store_has(s, &d, NULL), 1);
    d.text = S("text one, edited");
    assert_int_equal(dyad_store_has(s, &d, NULL), 0);
    put(s, doc("x-1", "text one", 20231110, "x"), a, 2);
    put(s, doc("y-1", "text two", 20231111, "y"), b, 1);
    put(s, doc("x-2", "text three", 20231111, "x"), c, 1);
    assert_int_equal(dyad_store_flush(s, NULL), 0);
    dyad_store_stats_get(s, &st);
    assert_int_equal(st.docs_new, 0);
    assert_int_equal(st.docs_unchanged, 3);
    assert_int_equal(st.mentions, 0);
    close_ok(s);
    char *after = dump(p);
    assert_string_equal(before, after);
    free(before);
    free(after);
    rm_db(p);
}

static void test_replacement_recounts(void **state)
{
    (void)state;
    const char *p = tpath("replace.db");
    rm_db(p);
    dyad_store *s = open_rw(p, 0, 0);
    dyad_event a[2] = {ev(20230301, "USA", "IRN", "112", 3, -2, "ACCUSE", 0, "Washington blamed Tehran."),
                       ev(20230301, "IRN", "USA", "111", 3, -2, "ACCUSE", 1, "Tehran hit back with zebra claims.")};
    dyad_event b[1] = {ev(20230301, "USA", "IRN", "112", 3, -2, "ACCUSE", 0, "The US blamed Iran.")};
    put(s, doc("a-1", "version one", 20230301, "a"), a, 2);
    put(s, doc("b-1", "other", 20230301, "b"), b, 1);
    close_ok(s);
    assert_int_equal(sql_int(p, "SELECT num_articles FROM events WHERE code='112'"), 2);
    assert_int_equal(sql_int(p, "SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH 'zebra'"), 1);

    /* a-1 comes back with new content: one event of another kind. */
    s = open_rw(p, 0, 0);
    dyad_event a2[1] = {ev(20230302, "USA", "IRN", "0311", 1, 3, "AGREE", 5, "Talks resumed.")};
    put(s, doc("a-1", "version two", 20230301, "a"), a2, 1);
    assert_int_equal(dyad_store_flush(s, NULL), 0);
    dyad_store_stats st;
    dyad_store_stats_get(s, &st);
    assert_int_equal(st.docs_replaced, 1);
    assert_int_equal(st.events_removed, 1); /* IRN->USA 111 had no other mention */
    assert_consistent(s);
    close_ok(s);
    assert_int_equal(sql_int(p, "SELECT count(*) FROM documents"), 2);
    assert_int_equal(sql_int(p, "SELECT count(*) FROM events"), 2);
    assert_int_equal(sql_int(p, "SELECT num_articles FROM events WHERE code='112'"), 1);
    assert_int_equal(sql_int(p, "SELECT num_mentions FROM events WHERE code='112'"), 1);
    assert_int_equal(sql_int(p, "SELECT count(*) FROM events WHERE code='111'"), 0);
    assert_int_equal(sql_int(p, "SELECT count(*) FROM sentences"), 2);
    /* the old sentence is gone from the full-text index too */
    assert_int_equal(sql_int(p, "SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH 'zebra'"), 0);
    assert_int_equal(sql_int(p, "SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH 'resumed'"), 1);

    /* Replaced twice inside one batch: the last version wins. */
    s = open_rw(p, 0, 100);
    dyad_event b2[1] = {ev(20230303, "IRN", "USA", "173", 4, -5, "COERCE", 0, "Iran seized a ship.")};
    put(s, doc("b-1", "other v2", 20230301, "b"), b2, 1);
    put(s, doc("b-1", "other v3", 20230301, "b"), NULL, 0);
    close_ok(s);
    assert_int_equal(sql_int(p, "SELECT count(*) FROM events WHERE code IN ('112','173')"), 0);
    assert_int_equal(sql_int(p, "SELECT events FROM documents WHERE doc_id='b-1'"), 0);
    s = open_rw(p, 0, 0);
    assert_consistent(s);
    close_ok(s);
    rm_db(p);
}

/* A resumed run puts an old version of a document (it waits in a batch),
 * then meets the new version that the database already holds: it must not
 * be skipped, or the old version would win when the batch commits. */
static void test_has_sees_pending_versions(void **state)
{
    (void)state;
    const char *p = tpath("pending.db");
    for (int threaded = 0; threaded < 2; threaded++) {
        rm_db(p);
        dyad_store *s = open_rw(p, threaded, 0);
        put(s, doc("v-1", "version two", 0, ""), NULL, 0);
        close_ok(s);
        s = open_rw(p, threaded, 100);
        dyad_store_doc v1 = doc("v-1", "version one", 0, ""), v2 = doc("v-1", "version two", 0, "");
        assert_int_equal(dyad_store_has(s, &v2, NULL), 1);
        assert_int_equal(dyad_store_has(s, &v1, NULL), 0);
        put(s, v1, NULL, 0); /* waits in the batch */
        assert_int_equal(dyad_store_has(s, &v2, NULL), 0);
        put(s, v2, NULL, 0);
        close_ok(s);
        assert_int_equal(sql_int(p, "SELECT count(*) FROM documents"), 1);
        dyad_store_doc want = v2;
        uint64_t h = dyad_store_hash(&want);
        int64_t h64;
        memcpy(&h64, &h, sizeof h64);
        assert_true(sql_int(p, "SELECT hash FROM documents") == h64);
    }
    rm_db(p);
}

static void test_undated_events_stay_in_their_document(void **state)
{
    (void)state;
    const char *p = tpath("undated.db");
    rm_db(p);
    dyad_store *s = open_rw(p, 0, 0);
    dyad_event u[2] = {ev(0, "RUS", "CHN", "040", 1, 1, "CONSULT", 0, "They talked."),
                       ev(0, "RUS", "CHN", "040", 1, 1, "CONSULT", 3, "They talked again.")};
    put(s, doc("u-1", "one", 0, ""), u, 2);
    put(s, doc("u-2", "two", 0, ""), u, 1);
    close_ok(s);
    /* one event per document, the first with both of its mentions */
    assert_int_equal(sql_int(p, "SELECT count(*) FROM events"), 2);
    assert_int_equal(sql_int(p, "SELECT num_mentions FROM events WHERE scope='u-1'"), 2);
    assert_int_equal(sql_int(p, "SELECT num_articles FROM events WHERE scope='u-1'"), 1);
    assert_int_equal(sql_int(p, "SELECT num_mentions FROM events WHERE scope='u-2'"), 1);
    s = open_rw(p, 0, 0);
    assert_consistent(s);
    close_ok(s);
    rm_db(p);
}

static void test_bad_puts_are_refused(void **state)
{
    (void)state;
    const char *p = tpath("bad.db");
    rm_db(p);
    dyad_store *s = open_rw(p, 0, 0);
    dyad_err err = {0};
    dyad_store_doc d = doc("", "x", 0, "");
    assert_int_equal(dyad_store_put(s, &d, NULL, 0, &err), -1);
    assert_int_equal(err.code, DYAD_EUSAGE);
    dyad_event e = ev(20200101, "RUS", "CHN", "", 1, 0, "", 0, "x");
    d = doc("ok-1", "x", 0, "");
    assert_int_equal(dyad_store_put(s, &d, &e, 1, &err), -1);
    assert_int_equal(err.code, DYAD_EUSAGE);
    /* the store is still usable */
    put(s, doc("ok-2", "y", 0, ""), NULL, 0);
    close_ok(s);
    assert_int_equal(sql_int(p, "SELECT count(*) FROM documents"), 1);
    rm_db(p);
}

/* -------------------------------------------------------------- queries */

/* A small database for the query tests:
 *   q-1 (outlet a): 2023-01-05 RUS->CHN 0312 q1 +5.2 "joint naval drills were agreed"
 *                   2023-01-05 CHNMIL->RUSMIL 042 q1 +1.9
 *   q-2 (outlet b): 2023-01-05 RUS->CHN 0312 (the same event) "the drills"
 *                   2023-02-20 CHN->RUS 112 q3 -2.0
 *   q-3 (outlet a): 2023-02-21 USA->RUS 163 q4 -4.0 "sanctions"
 *                   2023-03-01 RUSGOV->USA 0311 q1 +5.2
 */
static const char *build_query_db(void)
{
    const char *p = tpath("query.db");
    rm_db(p);
    dyad_store *s = open_rw(p, 0, 0);
    dyad_event q1[2] = {
        ev(20230105, "RUS", "CHN", "0312", 1, 5.2, "AGREE", 0, "Joint naval drills were agreed."),
        ev(20230105, "CHNMIL", "RUSMIL", "042", 1, 1.9, "CONSULT", 1, "Generals met in Vladivostok.")};
    dyad_event q2[2] = {
        ev(20230105, "RUS", "CHN", "0312", 1, 5.2, "AGREE", 0, "Moscow agreed to the drills."),
        ev(20230220, "CHN", "RUS", "112", 3, -2.0, "ACCUSE", 2, "Beijing criticised the pipeline plan.")};
    dyad_event q3[2] = {
        ev(20230221, "USA", "RUS", "163", 4, -4.0, "SANCTION", 0, "Washington imposed sanctions."),
        ev(20230301, "RUSGOV", "USA", "0311", 1, 5.2, "AGREE", 1, "The Kremlin offered economic talks.")};
    put(s, doc("q-1", "one", 20230105, "a"), q1, 2);
    put(s, doc("q-2", "two", 20230220, "b"), q2, 2);
    put(s, doc("q-3", "three", 20230221, "a"), q3, 2);
    close_ok(s);
    return p;
}

typedef struct rows {
    int n;
    char key[16][3][32];
    dyad_query_row r[16];
} rows;

static int collect(void *ctx, const dyad_query_row *r)
{
    rows *x = ctx;
    if (x->n >= 16)
        return 1;
    for (int i = 0; i < 3; i++)
        snprintf(x->key[x->n][i], 32, "%s", r->key[i] ? r->key[i] : "");
    x->r[x->n++] = *r;
    return 0;
}

static rows run_query(dyad_store *s, dyad_query q)
{
    rows x;
    memset(&x, 0, sizeof x);
    dyad_err err = {0};
    int rc = dyad_store_query(s, &q, collect, &x, &err);
    if (rc)
        fprintf(stderr, "query: %s\n", err.msg);
    assert_int_equal(rc, 0);
    return x;
}

static uint64_t count_where(dyad_store *s, dyad_filter f)
{
    dyad_query q;
    memset(&q, 0, sizeof q);
    q.f = f;
    rows x = run_query(s, q);
    assert_int_equal(x.n, 1);
    return x.r[0].events;
}

static void test_query_filters(void **state)
{
    (void)state;
    const char *p = build_query_db();
    dyad_store *s = dyad_store_open(p, NULL, NULL);
    assert_non_null(s);
    dyad_filter f;
#define F(...) (memset(&f, 0, sizeof f), (void)(__VA_ARGS__), f)
    assert_int_equal(count_where(s, F(0)), 5);
    /* hierarchy: RUS matches RUS, RUSGOV, RUSMIL */
    assert_int_equal(count_where(s, F(f.source = "RUS")), 2);
    assert_int_equal(count_where(s, F(f.source = "=RUS")), 1);
    assert_int_equal(count_where(s, F(f.actor = "RUS")), 5);
    assert_int_equal(count_where(s, F(f.actor = "rus")), 5); /* codes are upper case */
    assert_int_equal(count_where(s, F(f.target = "*MIL")), 1);
    assert_int_equal(count_where(s, F(f.actor = "*MIL")), 1);
    assert_int_equal(count_where(s, F(f.actor = "*GOV")), 1);
    assert_int_equal(count_where(s, F(f.source = "R?S")), 2);
    /* a dyad in both directions */
    assert_int_equal(count_where(s, F(f.dyad[0] = "RUS", f.dyad[1] = "CHN")), 3);
    assert_int_equal(count_where(s, F(f.dyad[0] = "CHN", f.dyad[1] = "RUS")), 3);
    assert_int_equal(count_where(s, F(f.dyad[0] = "=RUS", f.dyad[1] = "=CHN")), 2);
    assert_int_equal(count_where(s, F(f.dyad[0] = "USA", f.dyad[1] = "RUS")), 2);
    /* event codes: hierarchy too */
    assert_int_equal(count_where(s, F(f.code = "031")), 2);
    assert_int_equal(count_where(s, F(f.code = "=031")), 0);
    assert_int_equal(count_where(s, F(f.code = "0312")), 1);
    assert_int_equal(count_where(s, F(f.root = "4")), 1);
    assert_int_equal(count_where(s, F(f.root = "16")), 1);
    assert_int_equal(count_where(s, F(f.quad = 1)), 3);
    assert_int_equal(count_where(s, F(f.plover = "agree")), 2);
    /* dates, inclusive */
    assert_int_equal(count_where(s, F(f.since = 20230220)), 3);
    assert_int_equal(count_where(s, F(f.until = 20230220)), 3);
    assert_int_equal(count_where(s, F(f.since = 20230220, f.until = 20230221)), 2);
    /* full text: every word, in any sentence of the event */
    assert_int_equal(count_where(s, F(f.text = "drills")), 1);
    assert_int_equal(count_where(s, F(f.text = "moscow drills")), 1);
    assert_int_equal(count_where(s, F(f.text = "Vladivostok")), 1);
    assert_int_equal(count_where(s, F(f.text = "drills sanctions")), 0);
    assert_int_equal(count_where(s, F(f.text = "\"quoted\" U.S. AND")), 0); /* no syntax error */
    assert_int_equal(count_where(s, F(f.doc = "q-2")), 2);

    /* bad patterns are usage errors */
    dyad_query q;
    memset(&q, 0, sizeof q);
    dyad_err err = {0};
    rows x;
    q.f.source = "RUS;DROP";
    assert_int_equal(dyad_store_query(s, &q, collect, &x, &err), -1);
    assert_int_equal(err.code, DYAD_EUSAGE);
    q.f.source = NULL;
    q.f.code = "04a";
    assert_int_equal(dyad_store_query(s, &q, collect, &x, &err), -1);
    q.f.code = NULL;
    q.f.dyad[0] = "RUS";
    assert_int_equal(dyad_store_query(s, &q, collect, &x, &err), -1);
    dyad_store_close(s, NULL);
    rm_db(p);
#undef F
}

/* Events with no date group under "undated", not under an empty key. */
static void test_query_undated_group(void **state)
{
    (void)state;
    const char *p = tpath("qundated.db");
    rm_db(p);
    dyad_store *s = open_rw(p, 0, 0);
    dyad_event u = ev(0, "RUS", "CHN", "040", 1, 1, "CONSULT", 0, "They talked.");
    dyad_event d = ev(20230105, "RUS", "CHN", "040", 1, 1, "CONSULT", 0, "They met.");
    put(s, doc("qu-1", "one", 0, ""), &u, 1);
    put(s, doc("qu-2", "two", 20230105, ""), &d, 1);
    close_ok(s);
    s = dyad_store_open(p, NULL, NULL);
    assert_non_null(s);
    for (int g = 0; g < 3; g++) {
        dyad_query q;
        memset(&q, 0, sizeof q);
        q.by[q.nby++] = g == 0 ? DYAD_BY_MONTH : g == 1 ? DYAD_BY_YEAR : DYAD_BY_DAY;
        rows x = run_query(s, q);
        assert_int_equal(x.n, 2);
        int undated = 0;
        for (int i = 0; i < x.n; i++) {
            assert_true(x.key[i][0][0] != '\0');
            undated += !strcmp(x.key[i][0], "undated");
        }
        assert_int_equal(undated, 1);
    }
    dyad_store_close(s, NULL);
    rm_db(p);
}

static void test_query_grouping_and_measures(void **state)
{
    (void)state;
    const char *p = build_query_db();
    dyad_store *s = dyad_store_open(p, NULL, NULL);
    assert_non_null(s);
    dyad_query q;
    memset(&q, 0, sizeof q);
    q.f.dyad[0] = "RUS";
    q.f.dyad[1] = "CHN";
    q.by[q.nby++] = DYAD_BY_MONTH;
    rows x = run_query(s, q);
    assert_int_equal(x.n, 2);
    assert_string_equal(x.key[0][0], "2023-01");
    assert_int_equal(x.r[0].events, 2);
    assert_int_equal(x.r[0].mentions, 3); /* the drills event twice, the generals once */
    assert_true(x.r[0].goldstein_sum > 7.09 && x.r[0].goldstein_sum < 7.11);
    assert_true(x.r[0].goldstein_mean > 3.54 && x.r[0].goldstein_mean < 3.56);
    assert_true(x.r[0].quad_share[0] == 1.0);
    assert_string_equal(x.key[1][0], "2023-02");
    assert_int_equal(x.r[1].events, 1);
    assert_true(x.r[1].quad_share[2] == 1.0);

    /* dyads, unordered, cut to countries */
    memset(&q, 0, sizeof q);
    q.by[q.nby++] = DYAD_BY_DYAD;
    q.depth = 1;
    q.sort = DYAD_SORT_EVENTS;
    x = run_query(s, q);
    assert_int_equal(x.n, 2);
    assert_string_equal(x.key[0][0], "CHN-RUS");
    assert_int_equal(x.r[0].events, 3);
    assert_string_equal(x.key[1][0], "RUS-USA");
    assert_int_equal(x.r[1].events, 2);
    assert_true(x.r[1].quad_share[0] == 0.5 && x.r[1].quad_share[3] == 0.5);

    /* two groupings; week starts on Monday; limit */
    memset(&q, 0, sizeof q);
    q.by[q.nby++] = DYAD_BY_WEEK;
    q.by[q.nby++] = DYAD_BY_QUAD;
    x = run_query(s, q);
    assert_int_equal(x.n, 4);
    assert_string_equal(x.key[0][0], "2023-01-02"); /* 2023-01-05 was a Thursday */
    assert_string_equal(x.key[0][1], "1");
    assert_int_equal(x.r[0].events, 2);
    assert_string_equal(x.key[1][0], "2023-02-20"); /* a Monday itself */
    assert_string_equal(x.key[1][1], "3");
    assert_string_equal(x.key[2][0], "2023-02-20");
    assert_string_equal(x.key[2][1], "4");
    assert_string_equal(x.key[3][0], "2023-02-27");
    q.limit = 1;
    x = run_query(s, q);
    assert_int_equal(x.n, 1);

    /* year, root, source, code and the most conflictual first */
    memset(&q, 0, sizeof q);
    q.by[q.nby++] = DYAD_BY_ROOT;
    q.sort = DYAD_SORT_GOLDSTEIN;
    x = run_query(s, q);
    assert_string_equal(x.key[0][0], "16");
    memset(&q, 0, sizeof q);
    q.by[q.nby++] = DYAD_BY_YEAR;
    q.by[q.nby++] = DYAD_BY_SOURCE;
    q.depth = 1;
    x = run_query(s, q);
    assert_int_equal(x.n, 3);
    assert_string_equal(x.key[0][0], "2023");
    assert_string_equal(x.key[0][1], "CHN");
    assert_int_equal(x.r[0].events, 2);
    assert_string_equal(x.key[1][1], "RUS");
    assert_int_equal(x.r[1].events, 2);
    dyad_store_close(s, NULL);
    rm_db(p);
}

typedef struct evlist {
    int n;
    char doc[8][16];
    char sent[8][64];
    int64_t mentions[8];
} evlist;

static int collect_event(void *ctx, const dyad_store_event *e)
{
    evlist *l = ctx;
    if (l->n >= 8)
        return 1;
    snprintf(l->doc[l->n], 16, "%s", e->best.doc_id);
    snprintf(l->sent[l->n], 64, "%s", e->best.sentence_text);
    l->mentions[l->n] = (int64_t)e->num_mentions;
    l->n++;
    return 0;
}

static void test_events_best_mention(void **state)
{
    (void)state;
    const char *p = build_query_db();
    dyad_store *s = dyad_store_open(p, NULL, NULL);
    assert_non_null(s);
    dyad_filter f;
    memset(&f, 0, sizeof f);
    f.code = "0312";
    evlist l;
    memset(&l, 0, sizeof l);
    assert_int_equal(dyad_store_events(s, &f, DYAD_SORT_DATE, 0, collect_event, &l, NULL), 0);
    assert_int_equal(l.n, 1);
    assert_int_equal(l.mentions[0], 2);
    /* both reports are their article's primary event: the first stored wins */
    assert_string_equal(l.doc[0], "q-1");
    assert_string_equal(l.sent[0], "Joint naval drills were agreed.");
    /* by mentions, then date */
    memset(&f, 0, sizeof f);
    memset(&l, 0, sizeof l);
    assert_int_equal(dyad_store_events(s, &f, DYAD_SORT_MENTIONS, 2, collect_event, &l, NULL), 0);
    assert_int_equal(l.n, 2);
    assert_int_equal(l.mentions[0], 2);
    assert_int_equal(l.mentions[1], 1);
    dyad_store_close(s, NULL);
    rm_db(p);
}

/* ------------------------------------------------------------- exports */

/* gcc -O3 takes open_memstream's buffer for a local that dies here */
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 12
#pragma GCC diagnostic ignored "-Wdangling-pointer"
#endif
static char *export_to_string(dyad_store *s, dyad_export_format fmt, uint64_t *written,
                              uint64_t *skipped)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    dyad_filter none;
    memset(&none, 0, sizeof none);
    assert_int_equal(dyad_store_export(s, &none, DYAD_SORT_DATE, 0, fmt, f, NULL, written, skipped,
                                       NULL),
                     0);
    fclose(f);
    return buf;
}

static void test_exports(void **state)
{
    (void)state;
    const char *p = build_query_db();
    dyad_store *s = dyad_store_open(p, NULL, NULL);
    assert_non_null(s);
    uint64_t w, k;

    char *g = export_to_string(s, DYAD_EXPORT_GDELT, &w, &k);
    assert_int_equal(w, 5);
    int lines = 0;
    for (char *line = g; *line;) {
        char *nl = strchr(line, '\n');
        assert_non_null(nl);
        int tabs = 0;
        for (char *c = line; c < nl; c++)
            tabs += *c == '\t';
        assert_int_equal(tabs, 60); /* 61 columns */
        if (lines == 0) {
            /* 1 id, 2 day, 3 month, 4 year, then Actor1Code RUS, its country RUS */
            assert_int_equal(strncmp(strchr(line, '\t') + 1, "20230105\t202301\t2023\t", 21), 0);
        }
        lines++;
        line = nl + 1;
    }
    assert_int_equal(lines, 5);
    /* the CHNMIL->RUSMIL row: country CHN, type MIL; NumMentions 1 */
    assert_non_null(strstr(g, "\tCHNMIL\tBeijing\tCHN\t\t\t\t\tMIL\t\t\tRUSMIL\tRussia\tRUS\t\t\t\t\tMIL\t\t\t"));
    assert_non_null(strstr(g, "\t0312\t031\t03\t1\t5.2\t2\t2\t2\t\t"));
    free(g);

    char *pl = export_to_string(s, DYAD_EXPORT_PLOVER, &w, &k);
    assert_int_equal(w, 5);
    assert_non_null(strstr(pl, "\"event_type\":\"SANCTION\""));
    assert_non_null(strstr(pl, "\"actors\":[{\"code\":\"USA\""));
    free(pl);

    char *csv = export_to_string(s, DYAD_EXPORT_CSV, &w, &k);
    assert_int_equal(w, 5);
    assert_int_equal(strncmp(csv, "event_id,date,source,", 21), 0);
    free(csv);

    char *js = export_to_string(s, DYAD_EXPORT_JSONL, &w, &k);
    /* the drills event carries both of its mentions */
    char *drills = strstr(js, "\"code\":\"0312\"");
    assert_non_null(drills);
    char *end = strchr(drills, '\n');
    assert_non_null(end);
    *end = '\0';
    assert_non_null(strstr(drills, "\"doc_id\":\"q-1\""));
    assert_non_null(strstr(drills, "\"doc_id\":\"q-2\""));
    free(js);
    dyad_store_close(s, NULL);
    rm_db(p);

    /* PLOVER leaves out CAMEO 01/02 (no PLOVER type) */
    const char *q = tpath("plover.db");
    rm_db(q);
    s = open_rw(q, 0, 0);
    dyad_event e[2] = {ev(20230105, "RUS", "CHN", "010", 1, 0, "", 0, "Moscow said things."),
                       ev(20230105, "RUS", "CHN", "0312", 1, 5.2, "AGREE", 1, "Joint \"drills\", agreed.")};
    put(s, doc("p-1", "p", 20230105, ""), e, 2);
    close_ok(s);
    s = dyad_store_open(q, NULL, NULL);
    pl = export_to_string(s, DYAD_EXPORT_PLOVER, &w, &k);
    assert_int_equal(w, 1);
    free(pl);
    csv = export_to_string(s, DYAD_EXPORT_CSV, &w, &k);
    assert_int_equal(w, 2);
    assert_non_null(strstr(csv, ",\"Joint \"\"drills\"\", agreed.\","));
    free(csv);
    dyad_store_close(s, NULL);
    rm_db(q);
}

/* --------------------------------------------------------------- merge */

/* The synthetic stream of the merge, thread and kill tests: document i
 * has 1 + i % 4 events drawn from a small space (so events repeat across
 * documents); documents i % 7 == 3 come again later with new content. */
#define GEN_DOCS 1200

typedef struct gen {
    char id[32];
    char text[64];
    char outlet[8];
    char sent[4][64];
    dyad_event e[4];
    size_t n;
} gen;

static void gen_doc(int k, gen *g)
{
    static const char *const actors[] = {"RUS", "CHN", "USA", "IRN", "RUSGOV", "CHNMIL"};
    static const char *const codes[] = {"0312", "042", "112", "163", "190"};
    static const int quads[] = {1, 1, 3, 4, 4};
    int i = k % GEN_DOCS, version = k / GEN_DOCS;
    snprintf(g->id, sizeof g->id, "gen-%d", i);
    snprintf(g->text, sizeof g->text, "document %d version %d", i, version);
    snprintf(g->outlet, sizeof g->outlet, "o%d", i % 5);
    g->n = 1 + (size_t)((i + version) % 4);
    for (size_t j = 0; j < g->n; j++) {
        unsigned h = (unsigned)(i * 31 + (int)j * 7 + version * 13);
        int32_t date = h % 11 == 0 ? 0 : dyad_date_add_days(20220101, (int32_t)(h % 40));
        snprintf(g->sent[j], sizeof g->sent[j], "Sentence %zu of document %d v%d.", j, i, version);
        g->e[j] = ev(date, actors[h % 6], actors[(h / 6 + 1) % 6], codes[h % 5], quads[h % 5],
                     (double)(h % 10) - 5, "AGREE", (uint32_t)(j * 2), g->sent[j]);
        g->e[j].mentions = 1 + h % 2;
    }
}

/* The stream: every document, then the replaced ones again. */
static int gen_count(void)
{
    return GEN_DOCS + GEN_DOCS / 7;
}

static int gen_key(int n)
{
    return n < GEN_DOCS ? n : GEN_DOCS + 3 + 7 * (n - GEN_DOCS);
}

static void gen_put(dyad_store *s, int n)
{
    gen g;
    gen_doc(gen_key(n), &g);
    put(s, doc(g.id, g.text, 20220101, g.outlet), g.e, g.n);
}

static void ingest_range(const char *path, int from, int to, int threaded, unsigned batch)
{
    dyad_store *s = open_rw(path, threaded, batch);
    for (int n = from; n < to; n++)
        gen_put(s, n);
    close_ok(s);
}

static void test_merge_equals_single_ingest(void **state)
{
    (void)state;
    const char *all = tpath("m-all.db"), *a = tpath("m-a.db"), *b = tpath("m-b.db"),
               *out = tpath("m-out.db");
    rm_db(all);
    rm_db(a);
    rm_db(b);
    rm_db(out);
    int n = gen_count();
    ingest_range(all, 0, n, 0, 100);
    /* two shards that overlap: documents 500..700 are in both */
    ingest_range(a, 0, 700, 1, 64);
    ingest_range(b, 500, n, 1, 64);
    dyad_store *s = open_rw(out, 1, 128);
    uint64_t read = 0;
    dyad_err err = {0};
    assert_int_equal(dyad_store_merge(s, a, &read, &err), 0);
    assert_int_equal(read, 700);
    assert_int_equal(dyad_store_merge(s, b, &read, &err), 0);
    /* merging again changes nothing */
    assert_int_equal(dyad_store_merge(s, a, &read, &err), 0);
    assert_int_equal(dyad_store_merge(s, b, &read, &err), 0);
    /* not into itself */
    assert_int_equal(dyad_store_merge(s, out, &read, &err), -1);
    assert_int_equal(err.code, DYAD_EUSAGE);
    assert_consistent(s);
    close_ok(s);
    /* In `a`, documents i%7==3 below 700 are at version 0, in `b` (which
     * has the replacements) at version 1: b was merged last, as in `all`. */
    char *d1 = dump(all), *d2 = dump(out);
    assert_string_equal(d1, d2);
    free(d1);
    free(d2);
    rm_db(all);
    rm_db(a);
    rm_db(b);
    rm_db(out);
}

static void test_threaded_equals_direct(void **state)
{
    (void)state;
    const char *a = tpath("t-a.db"), *b = tpath("t-b.db");
    rm_db(a);
    rm_db(b);
    ingest_range(a, 0, gen_count(), 0, 1000);
    ingest_range(b, 0, gen_count(), 1, 7);
    char *d1 = dump(a), *d2 = dump(b);
    assert_string_equal(d1, d2);
    free(d1);
    free(d2);
    dyad_store *s = open_rw(b, 0, 0);
    assert_consistent(s);
    close_ok(s);
    rm_db(a);
    rm_db(b);
}

/* -------------------------------------------------------------- kill -9 */

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* What a child does: ingest the whole stream (resuming), then exit 0. */
static void child_ingest(const char *path, int threaded)
{
    dyad_store_opts o = {.create = 1, .threaded = threaded, .batch_docs = 16};
    dyad_store *s = dyad_store_open(path, &o, NULL);
    if (!s)
        _exit(3);
    int n = gen_count();
    for (int k = 0; k < n; k++) {
        gen g;
        gen_doc(gen_key(k), &g);
        dyad_store_doc d = doc(g.id, g.text, 20220101, g.outlet);
        if (dyad_store_has(s, &d, NULL) == 1)
            continue;
        if (dyad_store_put(s, &d, g.e, g.n, NULL) != 0)
            _exit(4);
    }
    _exit(dyad_store_close(s, NULL) == 0 ? 0 : 4);
}

/* After a kill: the database is consistent and holds whole documents only:
 * every stored document has exactly the mentions of one of its versions. */
static void check_after_kill(const char *path)
{
    dyad_store *s = open_rw(path, 0, 0);
    assert_consistent(s);
    close_ok(s);
    sqlite3 *db;
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT d.doc_id, d.hash, (SELECT count(*) FROM mentions m"
                                        " WHERE m.doc=d.id) FROM documents d",
                                        -1, &st, NULL),
                     SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW) {
        int i = atoi((const char *)sqlite3_column_text(st, 0) + 4);
        int64_t h = sqlite3_column_int64(st, 1), nm = sqlite3_column_int64(st, 2);
        int matched = 0;
        for (int v = 0; v < 2 && !matched; v++) {
            gen g;
            gen_doc(i + v * GEN_DOCS, &g);
            dyad_store_doc d = doc(g.id, g.text, 20220101, g.outlet);
            uint64_t gh = dyad_store_hash(&d);
            int64_t gh64;
            memcpy(&gh64, &gh, sizeof gh64);
            if (gh64 == h) {
                matched = 1;
                assert_int_equal(nm, (int64_t)g.n);
            }
        }
        assert_true(matched);
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
}

static void test_kill9_many_times(void **state)
{
    (void)state;
    const char *ref = tpath("k-ref.db"), *p = tpath("k.db");
    rm_db(ref);
    rm_db(p);
    /* The reference: one uninterrupted run (in a child too, same code). */
    double t0 = now_s();
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0)
        child_ingest(ref, 1);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    double span = now_s() - t0;
    char *want = dump(ref);

    /* Kill a resuming ingest at random moments until it has been killed
     * mid-way 40 times; whenever a run gets to the end, compare with the
     * reference and start over from an empty database. */
    const int want_kills = 40;
    int kills = 0, completions = 0, rounds = 0;
    unsigned seed = 12345;
    while (kills < want_kills) {
        rounds++;
        assert_true(rounds < 2000);
        seed = seed * 1103515245u + 12345u;
        double delay = span * 1.1 * (double)((seed >> 8) % 1000) / 1000.0;
        pid = fork();
        assert_true(pid >= 0);
        if (pid == 0)
            child_ingest(p, rounds % 2);
        struct timespec ts = {(time_t)delay, (long)((delay - (double)(time_t)delay) * 1e9)};
        nanosleep(&ts, NULL);
        kill(pid, SIGKILL);
        assert_int_equal(waitpid(pid, &status, 0), pid);
        if (WIFSIGNALED(status)) {
            kills++;
            check_after_kill(p);
        } else {
            assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
            completions++;
            char *got = dump(p);
            if (strcmp(got, want) != 0) {
                FILE *f1 = fopen(tpath("k-want.txt"), "w"), *f2 = fopen(tpath("k-got.txt"), "w");
                fputs(want, f1);
                fputs(got, f2);
                fclose(f1);
                fclose(f2);
                fprintf(stderr, "kill test: round %d differs: see %s\n", rounds, tmpdir);
            }
            assert_string_equal(got, want);
            free(got);
            rm_db(p);
        }
    }
    /* Finish the last interrupted run and compare. */
    pid = fork();
    if (pid == 0)
        child_ingest(p, 1);
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    char *got = dump(p);
    assert_string_equal(got, want);
    free(got);
    free(want);
    fprintf(stderr, "kill -9 test: %d kills, %d runs completed, %d rounds\n", kills, completions,
            rounds);
    rm_db(ref);
    rm_db(p);
}

/* ----------------------------------------------------- fault injection */

/* A VFS over the default one that fails the Nth write (SQLITE_FULL, as a
 * full disk would) or the Nth sync, counting from when it is armed. */
typedef struct shim {
    sqlite3_vfs vfs;
    sqlite3_vfs *real;
    long writes_left;   /* < 0: never fail */
    long syncs_left;
    long failures;
} shim;

typedef struct shim_file {
    sqlite3_file base;
    shim *sh;
    sqlite3_file *real;  /* follows this struct in the same allocation */
} shim_file;

#define REAL(f) (((shim_file *)(f))->real)

static int sh_close(sqlite3_file *f) { return REAL(f)->pMethods->xClose(REAL(f)); }
static int sh_read(sqlite3_file *f, void *b, int n, sqlite3_int64 o)
{
    return REAL(f)->pMethods->xRead(REAL(f), b, n, o);
}
static int sh_write(sqlite3_file *f, const void *b, int n, sqlite3_int64 o)
{
    shim *sh = ((shim_file *)f)->sh;
    if (sh->writes_left >= 0 && sh->writes_left-- == 0) {
        sh->failures++;
        sh->writes_left = 0; /* the disk stays full */
        return SQLITE_FULL;
    }
    return REAL(f)->pMethods->xWrite(REAL(f), b, n, o);
}
static int sh_truncate(sqlite3_file *f, sqlite3_int64 n) { return REAL(f)->pMethods->xTruncate(REAL(f), n); }
static int sh_sync(sqlite3_file *f, int flags)
{
    shim *sh = ((shim_file *)f)->sh;
    if (sh->syncs_left >= 0 && sh->syncs_left-- == 0) {
        sh->failures++;
        return SQLITE_IOERR_FSYNC;
    }
    return REAL(f)->pMethods->xSync(REAL(f), flags);
}
static int sh_size(sqlite3_file *f, sqlite3_int64 *n) { return REAL(f)->pMethods->xFileSize(REAL(f), n); }
static int sh_lock(sqlite3_file *f, int l) { return REAL(f)->pMethods->xLock(REAL(f), l); }
static int sh_unlock(sqlite3_file *f, int l) { return REAL(f)->pMethods->xUnlock(REAL(f), l); }
static int sh_reserved(sqlite3_file *f, int *r) { return REAL(f)->pMethods->xCheckReservedLock(REAL(f), r); }
static int sh_fctl(sqlite3_file *f, int op, void *a) { return REAL(f)->pMethods->xFileControl(REAL(f), op, a); }
static int sh_sector(sqlite3_file *f) { return REAL(f)->pMethods->xSectorSize(REAL(f)); }
static int sh_dev(sqlite3_file *f) { return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f)); }
static int sh_shmmap(sqlite3_file *f, int i, int sz, int ext, void volatile **pp)
{
    return REAL(f)->pMethods->xShmMap(REAL(f), i, sz, ext, pp);
}
static int sh_shmlock(sqlite3_file *f, int o, int n, int fl) { return REAL(f)->pMethods->xShmLock(REAL(f), o, n, fl); }
static void sh_shmbarrier(sqlite3_file *f) { REAL(f)->pMethods->xShmBarrier(REAL(f)); }
static int sh_shmunmap(sqlite3_file *f, int d) { return REAL(f)->pMethods->xShmUnmap(REAL(f), d); }

static const sqlite3_io_methods shim_io = {
    2, sh_close, sh_read, sh_write, sh_truncate, sh_sync, sh_size, sh_lock, sh_unlock, sh_reserved,
    sh_fctl, sh_sector, sh_dev, sh_shmmap, sh_shmlock, sh_shmbarrier, sh_shmunmap, NULL, NULL,
};

static int sh_open(sqlite3_vfs *v, const char *name, sqlite3_file *f, int flags, int *out)
{
    shim *sh = (shim *)v;
    shim_file *sf = (shim_file *)f;
    sf->sh = sh;
    sf->real = (sqlite3_file *)(sf + 1);
    int rc = sh->real->xOpen(sh->real, name, sf->real, flags, out);
    f->pMethods = sf->real->pMethods ? &shim_io : NULL;
    return rc;
}
static int sh_delete(sqlite3_vfs *v, const char *n, int d) { return ((shim *)v)->real->xDelete(((shim *)v)->real, n, d); }
static int sh_access(sqlite3_vfs *v, const char *n, int fl, int *r) { return ((shim *)v)->real->xAccess(((shim *)v)->real, n, fl, r); }
static int sh_fullpath(sqlite3_vfs *v, const char *n, int no, char *out) { return ((shim *)v)->real->xFullPathname(((shim *)v)->real, n, no, out); }
static void *sh_dlopen(sqlite3_vfs *v, const char *n) { return ((shim *)v)->real->xDlOpen(((shim *)v)->real, n); }
static void sh_dlerror(sqlite3_vfs *v, int n, char *m) { ((shim *)v)->real->xDlError(((shim *)v)->real, n, m); }
static void (*sh_dlsym(sqlite3_vfs *v, void *h, const char *s))(void) { return ((shim *)v)->real->xDlSym(((shim *)v)->real, h, s); }
static void sh_dlclose(sqlite3_vfs *v, void *h) { ((shim *)v)->real->xDlClose(((shim *)v)->real, h); }
static int sh_random(sqlite3_vfs *v, int n, char *o) { return ((shim *)v)->real->xRandomness(((shim *)v)->real, n, o); }
static int sh_sleep(sqlite3_vfs *v, int us) { return ((shim *)v)->real->xSleep(((shim *)v)->real, us); }
static int sh_time(sqlite3_vfs *v, double *t) { return ((shim *)v)->real->xCurrentTime(((shim *)v)->real, t); }
static int sh_lasterr(sqlite3_vfs *v, int n, char *m) { return ((shim *)v)->real->xGetLastError(((shim *)v)->real, n, m); }
static int sh_time64(sqlite3_vfs *v, sqlite3_int64 *t) { return ((shim *)v)->real->xCurrentTimeInt64(((shim *)v)->real, t); }

static void shim_register(shim *sh)
{
    memset(sh, 0, sizeof *sh);
    sh->real = sqlite3_vfs_find(NULL);
    sh->vfs.iVersion = 2;
    sh->vfs.szOsFile = (int)sizeof(shim_file) + sh->real->szOsFile;
    sh->vfs.mxPathname = sh->real->mxPathname;
    sh->vfs.zName = "dyad-fault";
    sh->vfs.xOpen = sh_open;
    sh->vfs.xDelete = sh_delete;
    sh->vfs.xAccess = sh_access;
    sh->vfs.xFullPathname = sh_fullpath;
    sh->vfs.xDlOpen = sh_dlopen;
    sh->vfs.xDlError = sh_dlerror;
    sh->vfs.xDlSym = sh_dlsym;
    sh->vfs.xDlClose = sh_dlclose;
    sh->vfs.xRandomness = sh_random;
    sh->vfs.xSleep = sh_sleep;
    sh->vfs.xCurrentTime = sh_time;
    sh->vfs.xGetLastError = sh_lasterr;
    sh->vfs.xCurrentTimeInt64 = sh_time64;
    sh->writes_left = sh->syncs_left = -1;
    assert_int_equal(sqlite3_vfs_register(&sh->vfs, 0), SQLITE_OK);
}

static void copy_file(const char *from, const char *to)
{
    FILE *a = fopen(from, "rb"), *b = fopen(to, "wb");
    assert_non_null(a);
    assert_non_null(b);
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, a)) > 0)
        assert_int_equal(fwrite(buf, 1, n, b), n);
    fclose(a);
    assert_int_equal(fclose(b), 0);
}

/* For write N = 0, 1, 2, ... (and sync N): a committed database gets a
 * second batch through a VFS that fails that write; the store must report
 * a DYAD_EDB error, and afterwards the database must hold everything
 * committed before, and the second batch whole or not at all. */
static void test_failed_writes_lose_nothing_committed(void **state)
{
    (void)state;
    static shim sh;
    shim_register(&sh);
    const char *base = tpath("f-base.db"), *p = tpath("f.db");
    rm_db(base);
    ingest_range(base, 0, 300, 0, 1000); /* committed, checkpointed on close */
    char *want_base = dump(base);
    const char *full = tpath("f-full.db");
    rm_db(full);
    copy_file(base, full);
    ingest_range(full, 300, 400, 0, 1000);
    char *want_full = dump(full);
    int failures_seen = 0, successes = 0;
    for (int kind = 0; kind < 2; kind++) {
        for (long n = 0;; n++) {
            rm_db(p);
            copy_file(base, p);
            dyad_store_opts o = {.vfs = "dyad-fault", .batch_docs = 1000};
            if (kind == 0)
                sh.writes_left = n;
            else
                sh.syncs_left = n;
            sh.failures = 0;
            dyad_err err = {0};
            int ok = 0;
            dyad_store *s = dyad_store_open(p, &o, &err);
            if (s) {
                for (int k = 300; k < 400; k++) {
                    gen g;
                    gen_doc(gen_key(k), &g);
                    dyad_store_doc d = doc(g.id, g.text, 20220101, g.outlet);
                    if (dyad_store_put(s, &d, g.e, g.n, &err) != 0)
                        break;
                }
                ok = dyad_store_close(s, &err) == 0;
            }
            long failures = sh.failures;
            sh.writes_left = sh.syncs_left = -1;
            if (!ok) {
                assert_true(failures > 0);
                assert_int_equal(err.code, DYAD_EDB);
                assert_true(err.msg[0] != '\0');
                failures_seen++;
            }
            /* Reopen normally (recovers the WAL) and compare. */
            dyad_store *c = open_rw(p, 0, 0);
            assert_consistent(c);
            close_ok(c);
            char *got = dump(p);
            if (strcmp(got, want_base) != 0)
                assert_string_equal(got, want_full);
            free(got);
            if (ok && failures == 0) { /* got past the last write: done */
                successes++;
                break;
            }
            assert_true(n < 5000);
        }
    }
    assert_true(failures_seen > 2);
    assert_int_equal(successes, 2);
    fprintf(stderr, "fault injection: %d failed writes/syncs checked\n", failures_seen);
    sqlite3_vfs_unregister(&sh.vfs);
    free(want_base);
    free(want_full);
    rm_db(base);
    rm_db(full);
    rm_db(p);
}

static int setup(void **state)
{
    (void)state;
    const char *t = getenv("TMPDIR");
    snprintf(tmpdir, sizeof tmpdir, "%s/dyad-store-XXXXXX", t && *t ? t : "/tmp");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    return rmdir(tmpdir) == 0 ? 0 : (fprintf(stderr, "left files in %s\n", tmpdir), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_schema_version_and_refusals),
        cmocka_unit_test(test_dedup_counts_and_idempotence),
        cmocka_unit_test(test_replacement_recounts),
        cmocka_unit_test(test_has_sees_pending_versions),
        cmocka_unit_test(test_undated_events_stay_in_their_document),
        cmocka_unit_test(test_query_undated_group),
        cmocka_unit_test(test_bad_puts_are_refused),
        cmocka_unit_test(test_query_filters),
        cmocka_unit_test(test_query_grouping_and_measures),
        cmocka_unit_test(test_events_best_mention),
        cmocka_unit_test(test_exports),
        cmocka_unit_test(test_merge_equals_single_ingest),
        cmocka_unit_test(test_threaded_equals_direct),
        cmocka_unit_test(test_kill9_many_times),
        cmocka_unit_test(test_failed_writes_lose_nothing_committed),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
