/*
 * schema.c -- opening a store: the SQL schema, its version (PRAGMA
 * user_version) and the migrations from each older version; connection
 * settings (WAL, synchronous=NORMAL); dyad's SQL functions; the consistency
 * check and the row counts.
 *
 * docs/schema.md explains every table and index. A migration is one SQL
 * script that takes version N to N+1; opening a writable store applies the
 * missing ones in one transaction. A database from a newer dyad is refused.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store_int.h"

/* migrations[i] takes a database from user_version i to i+1. */
static const char *const migrations[DYAD_STORE_SCHEMA] = {
    /* 0 -> 1: the first schema. */
    "CREATE TABLE meta(\n"
    "  key TEXT PRIMARY KEY,\n"
    "  value TEXT NOT NULL\n"
    ") WITHOUT ROWID;\n"
    "CREATE TABLE documents(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  doc_id TEXT NOT NULL UNIQUE,\n"
    "  hash INTEGER NOT NULL,\n"
    "  date INTEGER NOT NULL,\n"
    "  outlet TEXT NOT NULL,\n"
    "  sentences INTEGER NOT NULL,\n"
    "  events INTEGER NOT NULL,\n"
    "  status INTEGER NOT NULL,\n"
    "  text_len INTEGER NOT NULL,\n"
    "  added INTEGER NOT NULL,\n"
    "  text TEXT\n"
    ");\n"
    "CREATE TABLE sentences(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  doc INTEGER NOT NULL,\n"
    "  idx INTEGER NOT NULL,\n"
    "  text TEXT NOT NULL,\n"
    "  UNIQUE(doc, idx)\n"
    ");\n"
    "CREATE VIRTUAL TABLE sentences_fts USING fts5(text, content='sentences', content_rowid='id');\n"
    "CREATE TABLE events(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  date INTEGER NOT NULL,\n"
    "  source TEXT NOT NULL,\n"
    "  target TEXT NOT NULL,\n"
    "  code TEXT NOT NULL,\n"
    "  location TEXT NOT NULL,\n"
    "  scope TEXT NOT NULL,\n"
    "  root TEXT NOT NULL,\n"
    "  quad INTEGER NOT NULL,\n"
    "  goldstein REAL NOT NULL,\n"
    "  plover TEXT NOT NULL,\n"
    "  num_mentions INTEGER NOT NULL,\n"
    "  num_articles INTEGER NOT NULL,\n"
    "  num_sources INTEGER NOT NULL,\n"
    "  is_root INTEGER NOT NULL,\n"
    "  added INTEGER NOT NULL\n"
    ");\n"
    "CREATE UNIQUE INDEX events_key ON events(date, source, target, code, location, scope);\n"
    "CREATE INDEX events_source ON events(source, target, date, code, quad, goldstein, num_mentions);\n"
    "CREATE INDEX events_target ON events(target, source, date, code, quad, goldstein, num_mentions);\n"
    "CREATE TABLE mentions(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  event INTEGER NOT NULL,\n"
    "  doc INTEGER NOT NULL,\n"
    "  outlet TEXT NOT NULL,\n"
    "  sentence INTEGER NOT NULL,\n"
    "  count INTEGER NOT NULL,\n"
    "  is_root INTEGER NOT NULL,\n"
    "  source_text TEXT NOT NULL,\n"
    "  target_text TEXT NOT NULL,\n"
    "  verb_text TEXT NOT NULL,\n"
    "  source_start INTEGER NOT NULL,\n"
    "  source_end INTEGER NOT NULL,\n"
    "  target_start INTEGER NOT NULL,\n"
    "  target_end INTEGER NOT NULL,\n"
    "  verb_start INTEGER NOT NULL,\n"
    "  verb_end INTEGER NOT NULL,\n"
    "  pattern TEXT NOT NULL,\n"
    "  rule TEXT NOT NULL\n"
    ");\n"
    "CREATE INDEX mentions_event ON mentions(event, outlet, doc);\n"
    "CREATE INDEX mentions_doc ON mentions(doc, sentence);\n"
    "CREATE TABLE actors(\n"
    "  code TEXT PRIMARY KEY,\n"
    "  name TEXT NOT NULL\n"
    ") WITHOUT ROWID;\n"
    "CREATE TABLE actor_texts(\n"
    "  code TEXT NOT NULL,\n"
    "  text TEXT NOT NULL,\n"
    "  PRIMARY KEY(code, text)\n"
    ") WITHOUT ROWID;\n",
};

void dyad__store_dberr(sqlite3 *db, dyad_err *err, const char *where, const char *what)
{
    int code = db ? sqlite3_extended_errcode(db) : SQLITE_ERROR;
    int sys = db ? sqlite3_system_errno(db) : 0;
    const char *msg = db ? sqlite3_errmsg(db) : "no database";
    char why[160] = "";
    if ((code & 0xff) == SQLITE_FULL)
        snprintf(why, sizeof why, ": the disk is full");
    else if (code == SQLITE_IOERR_WRITE)
        snprintf(why, sizeof why, ": a write failed (disk full, file size limit or device error%s%s)",
                 sys ? ": " : "", sys ? strerror(sys) : "");
    else if ((code & 0xff) == SQLITE_IOERR && sys)
        snprintf(why, sizeof why, ": %s", strerror(sys));
    dyad__err_set(err, DYAD_EDB, where, 0, 0, "%s: %s%s (SQLite error %d)", what, msg, why, code);
}

static int exec(sqlite3 *db, const char *sql, const char *path, const char *what, dyad_err *err)
{
    if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK) {
        dyad__store_dberr(db, err, path, what);
        return -1;
    }
    return 0;
}

static int user_version(sqlite3 *db, int *v)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
        return -1;
    int rc = sqlite3_step(st);
    *v = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : -1;
}

static int table_count(sqlite3 *db, long *n)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_schema", -1, &st, NULL) != SQLITE_OK)
        return -1;
    int rc = sqlite3_step(st);
    *n = rc == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : -1;
}

int dyad__store_schema(sqlite3 *db, int readonly, const char *path, dyad_err *err)
{
    int v;
    long ntables;
    if (user_version(db, &v) != 0 || table_count(db, &ntables) != 0) {
        dyad__store_dberr(db, err, path, "reading the schema");
        return -1;
    }
    if (v > DYAD_STORE_SCHEMA) {
        dyad__err_set(err, DYAD_EDB, path, 0, 0,
                      "schema version %d is newer than this dyad knows (%d): use a newer dyad", v,
                      DYAD_STORE_SCHEMA);
        return -1;
    }
    if (v == 0 && ntables > 0) {
        dyad__err_set(err, DYAD_EDB, path, 0, 0, "not a dyad database (it has other tables)");
        return -1;
    }
    if (v == DYAD_STORE_SCHEMA)
        return 0;
    if (readonly) {
        if (v == 0)
            dyad__err_set(err, DYAD_EDB, path, 0, 0, "empty database: nothing was ingested");
        else
            dyad__err_set(err, DYAD_EDB, path, 0, 0,
                          "schema version %d is older than %d: open it once with `dyad ingest` "
                          "to upgrade it",
                          v, DYAD_STORE_SCHEMA);
        return -1;
    }
    if (exec(db, "BEGIN IMMEDIATE", path, "upgrading the schema", err) != 0)
        return -1;
    /* Another process may have upgraded it meanwhile. */
    if (user_version(db, &v) != 0)
        goto fail;
    for (int i = v; i < DYAD_STORE_SCHEMA; i++)
        if (sqlite3_exec(db, migrations[i], NULL, NULL, NULL) != SQLITE_OK)
            goto fail;
    if (v < DYAD_STORE_SCHEMA) {
        char sql[256];
        snprintf(sql, sizeof sql,
                 "PRAGMA user_version=%d;"
                 "INSERT OR REPLACE INTO meta(key, value) VALUES('dyad_version', '%s');"
                 "INSERT OR IGNORE INTO meta(key, value) VALUES('created', '%lld');",
                 DYAD_STORE_SCHEMA, DYAD_VERSION, (long long)time(NULL));
        if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
            goto fail;
    }
    if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        goto fail;
    return 0;
fail:
    dyad__store_dberr(db, err, path, "upgrading the schema");
    sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    return -1;
}

/* dyad_week(yyyymmdd) -> the Monday of its week, yyyymmdd (0 stays 0). */
static void fn_week(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    int32_t d = (int32_t)sqlite3_value_int(argv[0]);
    if (d <= 0) {
        sqlite3_result_int(ctx, 0);
        return;
    }
    sqlite3_result_int(ctx, dyad_date_add_days(d, -dyad_date_weekday(d)));
}

int dyad__store_functions(sqlite3 *db)
{
    return sqlite3_create_function(db, "dyad_week", 1,
                                   SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
                                   fn_week, NULL, NULL) == SQLITE_OK
               ? 0
               : -1;
}

/* ----------------------------------------------------------------- open */

static int scalar_i64(sqlite3 *db, const char *sql, int64_t *out);

static int open_conn(const char *path, const dyad_store_opts *o, int readonly, sqlite3 **out,
                     dyad_err *err)
{
    int flags = readonly ? SQLITE_OPEN_READONLY
                         : SQLITE_OPEN_READWRITE | (o->create ? SQLITE_OPEN_CREATE : 0);
    sqlite3 *db = NULL;
    int rc = sqlite3_open_v2(path, &db, flags, o->vfs);
    if (rc != SQLITE_OK) {
        dyad__store_dberr(db, err, path, "cannot open the database");
        sqlite3_close(db);
        return -1;
    }
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, 10000);
    const char *what = "setting up the connection";
    if (!readonly &&
        exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", path, what, err) != 0)
        goto fail;
    if (exec(db, "PRAGMA cache_size=-32768; PRAGMA temp_store=MEMORY;", path, what, err) != 0)
        goto fail;
    if (dyad__store_functions(db) != 0) {
        dyad__store_dberr(db, err, path, what);
        goto fail;
    }
    *out = db;
    return 0;
fail:
    sqlite3_close(db);
    return -1;
}

dyad_store *dyad_store_open(const char *path, const dyad_store_opts *opts, dyad_err *err)
{
    dyad_store_opts def = {.readonly = 1};
    if (!opts)
        opts = &def;
    if (!path || !*path) {
        dyad__err_set(err, DYAD_EUSAGE, "store", 0, 0, "no database file given");
        return NULL;
    }
    dyad_store *s = calloc(1, sizeof *s);
    if (!s) {
        dyad__err_set(err, DYAD_ENOMEM, path, 0, 0, NULL);
        return NULL;
    }
    s->o = *opts;
    if (!s->o.batch_docs)
        s->o.batch_docs = 1000;
    if (!s->o.batch_bytes)
        s->o.batch_bytes = 32u << 20;
    if (!s->o.batch_ms)
        s->o.batch_ms = 2000;
    snprintf(s->path, sizeof s->path, "%s", path);
    s->job = -1;
    if (pthread_mutex_init(&s->mu, NULL) != 0 || pthread_cond_init(&s->cv, NULL) != 0) {
        dyad__err_set(err, DYAD_ENOMEM, path, 0, 0, "cannot create a mutex");
        free(s);
        return NULL;
    }
    if (open_conn(path, &s->o, s->o.readonly, &s->db, err) != 0)
        goto fail;
    if (dyad__store_schema(s->db, s->o.readonly, path, err) != 0)
        goto fail;
    if (!s->o.readonly) {
        int64_t ndocs = -1;
        if (scalar_i64(s->db, "SELECT EXISTS(SELECT 1 FROM documents)", &ndocs) == 0 && ndocs == 0)
            s->fresh = 1;
        if (dyad__store_prepare_writer(s, err) != 0)
            goto fail;
        if (s->o.threaded) {
            dyad_store_opts ro = s->o;
            ro.create = 0;
            if (open_conn(path, &ro, 1, &s->rdb, err) != 0)
                goto fail;
            if (dyad__store_start_writer(s, err) != 0)
                goto fail;
        }
    }
    sqlite3 *hdb = s->rdb ? s->rdb : s->db;
    if (sqlite3_prepare_v2(hdb, "SELECT hash FROM documents WHERE doc_id=?1", -1, &s->has_stmt,
                           NULL) != SQLITE_OK) {
        dyad__store_dberr(hdb, err, path, "preparing a statement");
        goto fail;
    }
    return s;
fail:
    dyad_store_close(s, NULL);
    return NULL;
}

int dyad_store_close(dyad_store *s, dyad_err *err)
{
    if (!s)
        return 0;
    int rc = 0;
    if (!s->o.readonly && s->db && s->st[ST_BEGIN])
        rc = dyad_store_flush(s, err);
    dyad__store_stop_writer(s);
    for (int i = 0; i < ST_COUNT; i++)
        sqlite3_finalize(s->st[i]);
    sqlite3_finalize(s->has_stmt);
    sqlite3_finalize(s->mentions_stmt);
    if (s->rdb)
        sqlite3_close(s->rdb);
    if (s->db) {
        /* Fold the WAL back into the database when nobody else uses it. */
        if (!s->o.readonly && rc == 0)
            sqlite3_exec(s->db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
        sqlite3_close(s->db);
    }
    dyad__batch_free(&s->b[0]);
    dyad__batch_free(&s->b[1]);
    pthread_cond_destroy(&s->cv);
    pthread_mutex_destroy(&s->mu);
    free(s->smap);
    free(s->seen);
    free(s);
    return rc;
}

/* --------------------------------------------------------------- counts */

static int scalar_i64(sqlite3 *db, const char *sql, int64_t *out)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return -1;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : -1;
}

int dyad_store_counts_get(dyad_store *s, dyad_store_counts *c, dyad_err *err)
{
    static const char *const sql[] = {
        "SELECT count(*) FROM documents",
        "SELECT count(*) FROM sentences",
        "SELECT count(*) FROM events",
        "SELECT count(*) FROM mentions",
        "SELECT count(*) FROM actors",
        "SELECT count(DISTINCT outlet) FROM documents WHERE outlet<>''",
        "SELECT ifnull(min(date), 0) FROM events WHERE date>0",
        "SELECT ifnull(max(date), 0) FROM events WHERE date>0",
        "PRAGMA user_version",
    };
    int64_t v[9];
    memset(c, 0, sizeof *c);
    for (size_t i = 0; i < 9; i++) {
        if (scalar_i64(s->db, sql[i], &v[i]) != 0) {
            dyad__store_dberr(s->db, err, s->path, "counting rows");
            return -1;
        }
    }
    c->documents = (uint64_t)v[0];
    c->sentences = (uint64_t)v[1];
    c->events = (uint64_t)v[2];
    c->mentions = (uint64_t)v[3];
    c->actors = (uint64_t)v[4];
    c->outlets = (uint64_t)v[5];
    c->first_date = (int32_t)v[6];
    c->last_date = (int32_t)v[7];
    c->schema = (int)v[8];
    return 0;
}

/* ---------------------------------------------------------------- check */

/* Each invariant: a query counting the rows that break it, and what it means. */
static const struct {
    const char *sql;
    const char *what;
} invariants[] = {
    {"SELECT count(*) FROM events e LEFT JOIN ("
     "  SELECT m.event AS eid, sum(m.count) AS nm, count(DISTINCT m.doc) AS na,"
     "         count(DISTINCT d.outlet) AS ns, max(m.is_root) AS r"
     "  FROM mentions m JOIN documents d ON d.id=m.doc GROUP BY m.event) c ON c.eid=e.id"
     " WHERE c.eid IS NULL OR e.num_mentions<>c.nm OR e.num_articles<>c.na"
     "   OR e.num_sources<>c.ns OR e.is_root<>c.r",
     "events whose counts differ from their mentions (or that have none)"},
    {"SELECT count(*) FROM mentions m WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.id=m.event)",
     "mentions of a missing event"},
    {"SELECT count(*) FROM mentions m WHERE NOT EXISTS"
     " (SELECT 1 FROM documents d WHERE d.id=m.doc AND d.outlet=m.outlet)",
     "mentions of a missing document (or with another outlet)"},
    {"SELECT count(*) FROM mentions m WHERE NOT EXISTS"
     " (SELECT 1 FROM sentences s WHERE s.doc=m.doc AND s.idx=m.sentence)",
     "mentions without their sentence"},
    {"SELECT count(*) FROM sentences s WHERE NOT EXISTS"
     " (SELECT 1 FROM mentions m WHERE m.doc=s.doc AND m.sentence=s.idx)",
     "sentences no mention points at"},
    {"SELECT count(*) FROM documents d WHERE d.events<>"
     " (SELECT count(*) FROM mentions m WHERE m.doc=d.id)",
     "documents whose event count differs from their mentions"},
    {"SELECT count(*) FROM events WHERE (date<>0) <> (scope='')",
     "events whose scope does not follow their date"},
    {"SELECT count(*) FROM events e WHERE e.scope<>'' AND NOT EXISTS"
     " (SELECT 1 FROM mentions m JOIN documents d ON d.id=m.doc"
     "  WHERE m.event=e.id AND d.doc_id=e.scope)",
     "undated events mentioned outside their document"},
    {"SELECT count(*) FROM (SELECT source AS c FROM events WHERE source<>''"
     " UNION SELECT target FROM events WHERE target<>'') x"
     " WHERE NOT EXISTS (SELECT 1 FROM actors a WHERE a.code=x.c)",
     "actor codes missing from the actors table"},
};

long dyad_store_check(dyad_store *s, dyad_buf *report, dyad_err *err)
{
    long problems = 0;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK)
        goto dberr;
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *line = dyad__col_str(st, 0);
        if (strcmp(line, "ok") != 0) {
            dyad__buf_printf(report, "integrity: %s\n", line);
            problems++;
        }
    }
    if (sqlite3_finalize(st) != SQLITE_OK)
        goto dberr;
    if (!s->o.readonly) {
        if (sqlite3_exec(s->db, "INSERT INTO sentences_fts(sentences_fts) VALUES('integrity-check')",
                         NULL, NULL, NULL) != SQLITE_OK) {
            dyad__buf_printf(report, "full-text index: %s\n", sqlite3_errmsg(s->db));
            problems++;
        }
    } else {
        dyad__buf_puts(report, "note: full-text index not checked (read-only)\n");
    }
    for (size_t i = 0; i < sizeof invariants / sizeof invariants[0]; i++) {
        int64_t n;
        if (scalar_i64(s->db, invariants[i].sql, &n) != 0)
            goto dberr;
        if (n) {
            dyad__buf_printf(report, "%lld %s\n", (long long)n, invariants[i].what);
            problems++;
        }
    }
    return problems;
dberr:
    dyad__store_dberr(s->db, err, s->path, "checking the database");
    return -1;
}
