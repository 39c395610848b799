/*
 * query.c -- reading the store: filters turned into SQL (with bound
 * parameters, never pasted text), aggregate queries by time, dyad, actor,
 * code and quad class, and event listings with their best mention.
 *
 * Actor and event-code patterns follow the CAMEO hierarchy (store.h): a
 * plain pattern is a prefix (a range), '=' asks for an exact code,
 * wildcards use GLOB. An actor pattern is matched against the actors table
 * and becomes the list of codes it covers, so the indexes on
 * events(source, target, ...) and events(target, source, ...) are searched
 * once per code (or pair of codes for a dyad) instead of scanned. Those
 * indexes also hold every column an aggregate needs (date, code, quad,
 * goldstein, num_mentions): a query by dyad, actor, time, code, root or
 * quad never reads the events table itself.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

#define MAXPARAM 40

/* A statement being built: its SQL and its parameters, in order. */
typedef struct qb {
    dyad_buf sql;
    int np;
    struct {
        char *s;      /* text parameter (owned), or NULL for an integer */
        int64_t i;
    } p[MAXPARAM];
    int nwhere;       /* conditions added so far */
} qb;

static void qb_free(qb *q)
{
    dyad__buf_free(&q->sql);
    for (int i = 0; i < q->np; i++)
        free(q->p[i].s);
}

static int qb_text(qb *q, const char *s, size_t n)
{
    if (q->np >= MAXPARAM)
        return -1;
    char *c = malloc(n + 1);
    if (!c)
        return -1;
    memcpy(c, s, n);
    c[n] = '\0';
    q->p[q->np].s = c;
    q->p[q->np].i = 0;
    q->np++;
    dyad__buf_printf(&q->sql, "?%d", q->np);
    return 0;
}

static int qb_int(qb *q, int64_t v)
{
    if (q->np >= MAXPARAM)
        return -1;
    q->p[q->np].s = NULL;
    q->p[q->np].i = v;
    q->np++;
    dyad__buf_printf(&q->sql, "?%d", q->np);
    return 0;
}

static void qb_and(qb *q)
{
    dyad__buf_puts(&q->sql, q->nwhere++ ? " AND " : " WHERE ");
}

static int qb_prepare(dyad_store *s, qb *q, sqlite3_stmt **st, dyad_err *err)
{
    if (q->sql.oom) {
        dyad__err_set(err, DYAD_ENOMEM, s->path, 0, 0, "out of memory building a query");
        return -1;
    }
    if (sqlite3_prepare_v2(s->db, q->sql.p, (int)q->sql.len, st, NULL) != SQLITE_OK) {
        dyad__store_dberr(s->db, err, s->path, "preparing a query");
        return -1;
    }
    for (int i = 0; i < q->np; i++) {
        if (q->p[i].s)
            sqlite3_bind_text(*st, i + 1, q->p[i].s, -1, SQLITE_STATIC);
        else
            sqlite3_bind_int64(*st, i + 1, q->p[i].i);
    }
    return 0;
}

/* --------------------------------------------------------------- patterns */

enum { PAT_ACTOR, PAT_CODE };

static int pat_char_ok(int kind, int c)
{
    if (c == '*' || c == '?')
        return 1;
    return kind == PAT_ACTOR ? isalnum(c) : isdigit(c);
}

/* Appends the condition "col matches pat" (see store.h). */
static int pattern_cond(qb *q, const char *col, const char *pat, int kind, dyad_err *err)
{
    char p[64];
    size_t n = strlen(pat);
    int exact = 0;
    if (n && pat[0] == '=') {
        exact = 1;
        pat++;
        n--;
    }
    if (n + 2 > sizeof p) {
        dyad__err_set(err, DYAD_EUSAGE, "query", 0, 0, "pattern '%s' is too long", pat);
        return -1;
    }
    int wild = 0;
    size_t lit = n; /* length of the literal prefix */
    for (size_t i = 0; i < n; i++) {
        int c = (unsigned char)pat[i];
        if (!pat_char_ok(kind, c)) {
            dyad__err_set(err, DYAD_EUSAGE, "query", 0, 0,
                          "'%s' is not a %s pattern (letters%s, '*', '?', a leading '=')", pat,
                          kind == PAT_ACTOR ? "CAMEO actor" : "CAMEO event code",
                          kind == PAT_ACTOR ? " and digits" : "");
            return -1;
        }
        if ((c == '*' || c == '?') && !wild) {
            wild = 1;
            lit = i;
        }
        p[i] = (char)toupper(c);
    }
    p[n] = '\0';
    int rc = 0;
    dyad__buf_putc(&q->sql, '(');
    /* Actor codes are few (the actors table holds every one used): a
     * pattern becomes the list of codes it matches, so the index on
     * events(source, target, date) is searched once per pair of codes
     * instead of scanned over a whole prefix. */
    const char *outer = col;
    if (kind == PAT_ACTOR && n && !(exact && !wild)) {
        dyad__buf_printf(&q->sql, "%s IN (SELECT code FROM actors WHERE ", col);
        col = "code";
    }
    if (!n || (exact && !wild)) {
        dyad__buf_printf(&q->sql, "%s=", col);
        rc |= qb_text(q, p, n);
    } else if (!wild) {
        /* A prefix: the range [p, p with its last byte + 1). */
        char hi[64];
        memcpy(hi, p, n + 1);
        hi[n - 1]++;
        dyad__buf_printf(&q->sql, "%s>=", col);
        rc |= qb_text(q, p, n);
        dyad__buf_printf(&q->sql, " AND %s<", col);
        rc |= qb_text(q, hi, n);
    } else {
        if (!exact)
            p[n++] = '*';
        p[n] = '\0';
        dyad__buf_printf(&q->sql, "%s GLOB ", col);
        rc |= qb_text(q, p, n);
        if (lit) {
            char hi[64];
            memcpy(hi, p, lit);
            hi[lit - 1]++;
            dyad__buf_printf(&q->sql, " AND %s>=", col);
            rc |= qb_text(q, p, lit);
            dyad__buf_printf(&q->sql, " AND %s<", col);
            rc |= qb_text(q, hi, lit);
        }
    }
    if (col != outer)
        dyad__buf_putc(&q->sql, ')');
    dyad__buf_putc(&q->sql, ')');
    if (rc) {
        dyad__err_set(err, DYAD_EUSAGE, "query", 0, 0, "too many conditions");
        return -1;
    }
    return 0;
}

/* Words -> an FTS5 query: every word must occur ("a" "b"). */
static int fts_query(const char *text, dyad_buf *out)
{
    int words = 0;
    const char *p = text;
    while (*p) {
        while (*p && isspace((unsigned char)*p))
            p++;
        if (!*p)
            break;
        const char *w = p;
        while (*p && !isspace((unsigned char)*p))
            p++;
        if (words++)
            dyad__buf_putc(out, ' ');
        dyad__buf_putc(out, '"');
        for (const char *c = w; c < p; c++) {
            if (*c == '"')
                dyad__buf_putc(out, '"');
            dyad__buf_putc(out, *c);
        }
        dyad__buf_putc(out, '"');
    }
    return words;
}

static int build_where(qb *q, const dyad_filter *f, dyad_err *err)
{
    static const char src[] = "e.source", tgt[] = "e.target";
    if (f->source) {
        qb_and(q);
        if (pattern_cond(q, src, f->source, PAT_ACTOR, err) != 0)
            return -1;
    }
    if (f->target) {
        qb_and(q);
        if (pattern_cond(q, tgt, f->target, PAT_ACTOR, err) != 0)
            return -1;
    }
    if (f->actor) {
        qb_and(q);
        dyad__buf_putc(&q->sql, '(');
        if (pattern_cond(q, src, f->actor, PAT_ACTOR, err) != 0)
            return -1;
        dyad__buf_puts(&q->sql, " OR ");
        if (pattern_cond(q, tgt, f->actor, PAT_ACTOR, err) != 0)
            return -1;
        dyad__buf_putc(&q->sql, ')');
    }
    if (f->dyad[0] || f->dyad[1]) {
        if (!f->dyad[0] || !f->dyad[1]) {
            dyad__err_set(err, DYAD_EUSAGE, "query", 0, 0, "a dyad needs two actors (A,B)");
            return -1;
        }
        qb_and(q);
        dyad__buf_puts(&q->sql, "((");
        if (pattern_cond(q, src, f->dyad[0], PAT_ACTOR, err) != 0)
            return -1;
        dyad__buf_puts(&q->sql, " AND ");
        if (pattern_cond(q, tgt, f->dyad[1], PAT_ACTOR, err) != 0)
            return -1;
        dyad__buf_puts(&q->sql, ") OR (");
        if (pattern_cond(q, src, f->dyad[1], PAT_ACTOR, err) != 0)
            return -1;
        dyad__buf_puts(&q->sql, " AND ");
        if (pattern_cond(q, tgt, f->dyad[0], PAT_ACTOR, err) != 0)
            return -1;
        dyad__buf_puts(&q->sql, "))");
    }
    if (f->code) {
        qb_and(q);
        if (pattern_cond(q, "e.code", f->code, PAT_CODE, err) != 0)
            return -1;
    }
    if (f->root) {
        size_t n = strlen(f->root);
        char r[3];
        if (n < 1 || n > 2 || !isdigit((unsigned char)f->root[0]) ||
            (n == 2 && !isdigit((unsigned char)f->root[1]))) {
            dyad__err_set(err, DYAD_EUSAGE, "query", 0, 0,
                          "'%s' is not a CAMEO root code (01 to 20)", f->root);
            return -1;
        }
        r[0] = n == 1 ? '0' : f->root[0];
        r[1] = f->root[n - 1];
        r[2] = '\0';
        /* the root is the code's first two digits: a range on code, which
         * the covering indexes hold */
        char hi[3] = {r[0], (char)(r[1] + 1), '\0'};
        qb_and(q);
        dyad__buf_puts(&q->sql, "e.code>=");
        qb_text(q, r, 2);
        dyad__buf_puts(&q->sql, " AND e.code<");
        qb_text(q, hi, 2);
    }
    if (f->quad) {
        if (f->quad < 1 || f->quad > 4) {
            dyad__err_set(err, DYAD_EUSAGE, "query", 0, 0, "QuadClass is 1 to 4, not %d", f->quad);
            return -1;
        }
        qb_and(q);
        dyad__buf_puts(&q->sql, "e.quad=");
        qb_int(q, f->quad);
    }
    if (f->since) {
        qb_and(q);
        dyad__buf_puts(&q->sql, "e.date>=");
        qb_int(q, f->since);
    }
    if (f->until) {
        qb_and(q);
        dyad__buf_puts(&q->sql, "e.date BETWEEN 1 AND ");
        qb_int(q, f->until);
    }
    if (f->text) {
        dyad_buf fq = {0};
        if (!fts_query(f->text, &fq)) {
            dyad__buf_free(&fq);
            dyad__err_set(err, DYAD_EUSAGE, "query", 0, 0, "--text needs at least one word");
            return -1;
        }
        qb_and(q);
        dyad__buf_puts(&q->sql, "e.id IN (SELECT m.event FROM sentences s JOIN mentions m"
                                " ON m.doc=s.doc AND m.sentence=s.idx WHERE s.id IN"
                                " (SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ");
        int rc = fq.oom ? -1 : qb_text(q, fq.p, fq.len);
        dyad__buf_free(&fq);
        if (rc)
            return -1;
        dyad__buf_puts(&q->sql, "))");
    }
    if (f->plover) {
        qb_and(q);
        if (!strcmp(f->plover, "*")) {
            dyad__buf_puts(&q->sql, "e.plover<>''");
        } else {
            dyad__buf_puts(&q->sql, "e.plover=");
            char t[16];
            size_t n = strlen(f->plover);
            if (n >= sizeof t) {
                dyad__err_set(err, DYAD_EUSAGE, "query", 0, 0, "'%s' is not a PLOVER type", f->plover);
                return -1;
            }
            for (size_t i = 0; i <= n; i++)
                t[i] = (char)toupper((unsigned char)f->plover[i]);
            qb_text(q, t, n);
        }
    }
    if (f->doc) {
        qb_and(q);
        dyad__buf_puts(&q->sql, "e.id IN (SELECT m.event FROM mentions m JOIN documents d"
                                " ON d.id=m.doc WHERE d.doc_id=");
        qb_text(q, f->doc, strlen(f->doc));
        dyad__buf_putc(&q->sql, ')');
    }
    return 0;
}

/* -------------------------------------------------------------- grouping */

static const char *const group_names[DYAD_BY_COUNT] = {
    [DYAD_BY_NONE] = "", [DYAD_BY_DAY] = "day",       [DYAD_BY_WEEK] = "week",
    [DYAD_BY_MONTH] = "month", [DYAD_BY_YEAR] = "year", [DYAD_BY_DYAD] = "dyad",
    [DYAD_BY_SOURCE] = "source", [DYAD_BY_TARGET] = "target", [DYAD_BY_CODE] = "code",
    [DYAD_BY_ROOT] = "root",   [DYAD_BY_QUAD] = "quad",
};

const char *dyad_group_name(dyad_group g)
{
    return g > DYAD_BY_NONE && g < DYAD_BY_COUNT ? group_names[g] : "";
}

dyad_group dyad_group_parse(const char *s, size_t n)
{
    for (int g = DYAD_BY_NONE + 1; g < DYAD_BY_COUNT; g++)
        if (strlen(group_names[g]) == n && !strncmp(group_names[g], s, n))
            return (dyad_group)g;
    return DYAD_BY_NONE;
}

static void actor_expr(dyad_buf *b, const char *col, unsigned depth)
{
    if (depth)
        dyad__buf_printf(b, "substr(%s,1,%u)", col, depth * 3);
    else
        dyad__buf_puts(b, col);
}

static void group_expr(dyad_buf *b, dyad_group g, unsigned depth)
{
    switch (g) {
    case DYAD_BY_DAY: dyad__buf_puts(b, "e.date"); break;
    case DYAD_BY_WEEK: dyad__buf_puts(b, "dyad_week(e.date)"); break;
    case DYAD_BY_MONTH: dyad__buf_puts(b, "e.date/100"); break;
    case DYAD_BY_YEAR: dyad__buf_puts(b, "e.date/10000"); break;
    case DYAD_BY_DYAD:
        dyad__buf_puts(b, "min(");
        actor_expr(b, "e.source", depth);
        dyad__buf_putc(b, ',');
        actor_expr(b, "e.target", depth);
        dyad__buf_puts(b, ")||'-'||max(");
        actor_expr(b, "e.source", depth);
        dyad__buf_putc(b, ',');
        actor_expr(b, "e.target", depth);
        dyad__buf_putc(b, ')');
        break;
    case DYAD_BY_SOURCE: actor_expr(b, "e.source", depth); break;
    case DYAD_BY_TARGET: actor_expr(b, "e.target", depth); break;
    case DYAD_BY_CODE: dyad__buf_puts(b, "e.code"); break;
    case DYAD_BY_ROOT: dyad__buf_puts(b, "substr(e.code,1,2)"); break;
    case DYAD_BY_QUAD: dyad__buf_puts(b, "e.quad"); break;
    default: dyad__buf_puts(b, "NULL"); break;
    }
}

/* Formats a group value read from column i into buf (or points at the text). */
static const char *group_value(sqlite3_stmt *st, int i, dyad_group g, char *buf, size_t cap)
{
    int64_t v = sqlite3_column_int64(st, i);
    switch (g) {
    case DYAD_BY_DAY:
    case DYAD_BY_WEEK: {
        if (v <= 0) {
            snprintf(buf, cap, "undated");
            return buf;
        }
        char d[11];
        dyad_date_format((int32_t)v, d);
        snprintf(buf, cap, "%s", d);
        return buf;
    }
    case DYAD_BY_MONTH:
        if (v <= 0)
            snprintf(buf, cap, "undated"); /* no date in the text or the article */
        else
            snprintf(buf, cap, "%04d-%02d", (int)(v / 100), (int)(v % 100));
        return buf;
    case DYAD_BY_YEAR:
        if (v <= 0)
            snprintf(buf, cap, "undated");
        else
            snprintf(buf, cap, "%04d", (int)v);
        return buf;
    case DYAD_BY_QUAD: snprintf(buf, cap, "%d", (int)v); return buf;
    default: return dyad__col_str(st, i);
    }
}

int dyad_store_query(dyad_store *s, const dyad_query *q, int (*row)(void *ctx, const dyad_query_row *r),
                     void *ctx, dyad_err *err)
{
    if (q->nby > DYAD_QUERY_MAXBY) {
        dyad__err_set(err, DYAD_EUSAGE, "query", 0, 0, "at most %d groupings", DYAD_QUERY_MAXBY);
        return -1;
    }
    for (size_t i = 0; i < q->nby; i++) {
        if (q->by[i] <= DYAD_BY_NONE || q->by[i] >= DYAD_BY_COUNT) {
            dyad__err_set(err, DYAD_EUSAGE, "query", 0, 0, "unknown grouping");
            return -1;
        }
    }
    qb b = {0};
    dyad__buf_puts(&b.sql, "SELECT ");
    for (size_t i = 0; i < q->nby; i++) {
        group_expr(&b.sql, q->by[i], q->depth);
        dyad__buf_puts(&b.sql, ", ");
    }
    dyad__buf_puts(&b.sql, "count(*), total(e.num_mentions), total(e.goldstein),"
                           " ifnull(avg(e.goldstein), 0), total(e.quad=1), total(e.quad=2),"
                           " total(e.quad=3), total(e.quad=4) FROM events e");
    int rc = -1;
    sqlite3_stmt *st = NULL;
    if (build_where(&b, &q->f, err) != 0)
        goto out;
    if (q->nby) {
        dyad__buf_puts(&b.sql, " GROUP BY ");
        for (size_t i = 0; i < q->nby; i++)
            dyad__buf_printf(&b.sql, "%s%zu", i ? "," : "", i + 1);
    }
    const int m = (int)q->nby; /* index of the first measure column */
    switch (q->sort) {
    case DYAD_SORT_EVENTS: dyad__buf_printf(&b.sql, " ORDER BY %d DESC", m + 1); break;
    case DYAD_SORT_MENTIONS: dyad__buf_printf(&b.sql, " ORDER BY %d DESC", m + 2); break;
    case DYAD_SORT_GOLDSTEIN: dyad__buf_printf(&b.sql, " ORDER BY %d ASC", m + 3); break;
    default: break;
    }
    if (q->nby) {
        dyad__buf_puts(&b.sql, q->sort == DYAD_SORT_KEY || q->sort == DYAD_SORT_DATE ? " ORDER BY "
                                                                                     : ",");
        for (size_t i = 0; i < q->nby; i++)
            dyad__buf_printf(&b.sql, "%s%zu", i ? "," : "", i + 1);
    }
    if (q->limit)
        dyad__buf_printf(&b.sql, " LIMIT %llu", (unsigned long long)q->limit);
    if (qb_prepare(s, &b, &st, err) != 0)
        goto out;
    char keys[DYAD_QUERY_MAXBY][32];
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        dyad_query_row r;
        memset(&r, 0, sizeof r);
        for (size_t i = 0; i < q->nby; i++)
            r.key[i] = group_value(st, (int)i, q->by[i], keys[i], sizeof keys[i]);
        r.events = (uint64_t)sqlite3_column_int64(st, m);
        r.mentions = (uint64_t)sqlite3_column_double(st, m + 1);
        r.goldstein_sum = sqlite3_column_double(st, m + 2);
        r.goldstein_mean = sqlite3_column_double(st, m + 3);
        for (int k = 0; k < 4; k++)
            r.quad_share[k] = r.events ? sqlite3_column_double(st, m + 4 + k) / (double)r.events : 0;
        if (row(ctx, &r) != 0)
            break;
    }
    if (step != SQLITE_ROW && step != SQLITE_DONE) {
        dyad__store_dberr(s->db, err, s->path, "running a query");
        goto out;
    }
    rc = 0;
out:
    sqlite3_finalize(st);
    qb_free(&b);
    return rc;
}

/* ----------------------------------------------------------------- events */

#define MENTION_COLS                                                                            \
    "d.doc_id, d.outlet, d.date, m.sentence, ifnull(s.text,''), m.source_text, m.target_text,"  \
    " m.verb_text, m.source_start, m.source_end, m.target_start, m.target_end, m.verb_start,"   \
    " m.verb_end, m.pattern, m.rule, m.count, m.is_root"
#define MENTION_NCOLS 18

static void read_mention(sqlite3_stmt *st, int c, dyad_store_mention *m)
{
    m->doc_id = dyad__col_str(st, c);
    m->outlet = dyad__col_str(st, c + 1);
    m->doc_date = sqlite3_column_int(st, c + 2);
    m->sentence = (uint32_t)sqlite3_column_int64(st, c + 3);
    m->sentence_text = dyad__col_str(st, c + 4);
    m->source_text = dyad__col_str(st, c + 5);
    m->target_text = dyad__col_str(st, c + 6);
    m->verb_text = dyad__col_str(st, c + 7);
    m->source_span.start = (uint32_t)sqlite3_column_int64(st, c + 8);
    m->source_span.end = (uint32_t)sqlite3_column_int64(st, c + 9);
    m->target_span.start = (uint32_t)sqlite3_column_int64(st, c + 10);
    m->target_span.end = (uint32_t)sqlite3_column_int64(st, c + 11);
    m->verb_span.start = (uint32_t)sqlite3_column_int64(st, c + 12);
    m->verb_span.end = (uint32_t)sqlite3_column_int64(st, c + 13);
    m->pattern = dyad__col_str(st, c + 14);
    m->rule = dyad__col_str(st, c + 15);
    m->count = (uint32_t)sqlite3_column_int64(st, c + 16);
    m->is_root = sqlite3_column_int(st, c + 17);
}

int dyad_store_events(dyad_store *s, const dyad_filter *f, dyad_sort sort, uint64_t limit,
                      int (*cb)(void *ctx, const dyad_store_event *e), void *ctx, dyad_err *err)
{
    qb b = {0};
    dyad__buf_puts(&b.sql,
                   "SELECT e.id, e.date, e.source, e.target, e.code, e.root, e.plover, e.location,"
                   " e.quad, e.goldstein, e.num_mentions, e.num_articles, e.num_sources, e.is_root,"
                   " e.added, ifnull(a1.name,''), ifnull(a2.name,''), " MENTION_COLS
                   " FROM events e"
                   " JOIN mentions m ON m.id=(SELECT mm.id FROM mentions mm WHERE mm.event=e.id"
                   "   ORDER BY mm.is_root DESC, mm.count DESC, mm.id LIMIT 1)"
                   " JOIN documents d ON d.id=m.doc"
                   " LEFT JOIN sentences s ON s.doc=m.doc AND s.idx=m.sentence"
                   " LEFT JOIN actors a1 ON a1.code=e.source"
                   " LEFT JOIN actors a2 ON a2.code=e.target");
    int rc = -1;
    sqlite3_stmt *st = NULL;
    if (build_where(&b, f, err) != 0)
        goto out;
    switch (sort) {
    case DYAD_SORT_MENTIONS: dyad__buf_puts(&b.sql, " ORDER BY e.num_mentions DESC, e.date, e.id"); break;
    case DYAD_SORT_EVENTS: dyad__buf_puts(&b.sql, " ORDER BY e.num_articles DESC, e.date, e.id"); break;
    case DYAD_SORT_GOLDSTEIN: dyad__buf_puts(&b.sql, " ORDER BY e.goldstein, e.date, e.id"); break;
    default: dyad__buf_puts(&b.sql, " ORDER BY e.date, e.id"); break;
    }
    if (limit)
        dyad__buf_printf(&b.sql, " LIMIT %llu", (unsigned long long)limit);
    if (qb_prepare(s, &b, &st, err) != 0)
        goto out;
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        dyad_store_event e;
        memset(&e, 0, sizeof e);
        e.id = sqlite3_column_int64(st, 0);
        e.date = sqlite3_column_int(st, 1);
        e.source = dyad__col_str(st, 2);
        e.target = dyad__col_str(st, 3);
        e.code = dyad__col_str(st, 4);
        e.root = dyad__col_str(st, 5);
        e.plover = dyad__col_str(st, 6);
        e.location = dyad__col_str(st, 7);
        e.quad = sqlite3_column_int(st, 8);
        e.goldstein = sqlite3_column_double(st, 9);
        e.num_mentions = (uint64_t)sqlite3_column_int64(st, 10);
        e.num_articles = (uint64_t)sqlite3_column_int64(st, 11);
        e.num_sources = (uint64_t)sqlite3_column_int64(st, 12);
        e.is_root = sqlite3_column_int(st, 13);
        e.added = sqlite3_column_int64(st, 14);
        e.source_name = dyad__col_str(st, 15);
        e.target_name = dyad__col_str(st, 16);
        read_mention(st, 17, &e.best);
        if (cb(ctx, &e) != 0)
            break;
    }
    if (step != SQLITE_ROW && step != SQLITE_DONE) {
        dyad__store_dberr(s->db, err, s->path, "listing events");
        goto out;
    }
    rc = 0;
out:
    sqlite3_finalize(st);
    qb_free(&b);
    return rc;
}

int dyad_store_mentions(dyad_store *s, int64_t event_id,
                        int (*cb)(void *ctx, const dyad_store_mention *m), void *ctx, dyad_err *err)
{
    if (!s->mentions_stmt &&
        sqlite3_prepare_v3(s->db,
                           "SELECT " MENTION_COLS " FROM mentions m JOIN documents d ON d.id=m.doc"
                           " LEFT JOIN sentences s ON s.doc=m.doc AND s.idx=m.sentence"
                           " WHERE m.event=?1 ORDER BY m.id",
                           -1, SQLITE_PREPARE_PERSISTENT, &s->mentions_stmt, NULL) != SQLITE_OK) {
        dyad__store_dberr(s->db, err, s->path, "preparing a query");
        return -1;
    }
    sqlite3_stmt *st = s->mentions_stmt;
    sqlite3_bind_int64(st, 1, event_id);
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        dyad_store_mention m;
        read_mention(st, 0, &m);
        if (cb(ctx, &m) != 0)
            break;
    }
    int rc = 0;
    if (step != SQLITE_ROW && step != SQLITE_DONE) {
        dyad__store_dberr(s->db, err, s->path, "listing mentions");
        rc = -1;
    }
    sqlite3_reset(st);
    return rc;
}
