/*
 * export.c -- stored events written out in other tools' formats: CSV (one
 * row per event with its best mention), JSON Lines (every mention), the
 * GDELT 2.0 event table (61 tab-separated columns) and PLOVER JSON.
 *
 * docs/schema.md lists which GDELT columns are filled and from what. The
 * GDELT actor columns (country, known group, types) are split from the
 * CAMEO code by its 3-letter blocks.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store_int.h"

typedef struct exp_ctx {
    dyad_store *s;
    FILE *out;
    dyad_buf b;
    dyad_export_format fmt;
    const dyad_kb *kb;
    uint64_t written, skipped;
    int io_failed;
    dyad_err *err;
    int mention_no;     /* JSONL: mentions written for the current event */
} exp_ctx;

int dyad_export_format_parse(const char *s, dyad_export_format *f)
{
    static const struct {
        const char *name;
        dyad_export_format f;
    } names[] = {{"csv", DYAD_EXPORT_CSV},
                 {"jsonl", DYAD_EXPORT_JSONL},
                 {"gdelt", DYAD_EXPORT_GDELT},
                 {"plover", DYAD_EXPORT_PLOVER}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (!strcmp(s, names[i].name)) {
            *f = names[i].f;
            return 0;
        }
    }
    return -1;
}

static int flush(exp_ctx *x, int force)
{
    if (x->b.len && (force || x->b.len >= (1u << 16))) {
        if (fwrite(x->b.p, 1, x->b.len, x->out) != x->b.len)
            x->io_failed = 1;
        x->b.len = 0;
    }
    return x->io_failed || x->b.oom ? -1 : 0;
}

/* ------------------------------------------------------------------ CSV */

static const char csv_header[] =
    "event_id,date,source,target,code,root,quad,goldstein,plover,location,num_mentions,"
    "num_articles,num_sources,is_root,source_name,target_name,doc_id,sentence,sentence_text,"
    "source_text,target_text,verb_text,pattern,rule\n";

static void csv_event(dyad_buf *b, const dyad_store_event *e)
{
    char d[11];
    dyad_date_format(e->date, d);
    dyad__buf_printf(b, "%lld,%s,", (long long)e->id, d);
    const char *mid[] = {e->source, e->target, e->code, e->root};
    for (size_t i = 0; i < 4; i++) {
        dyad__buf_csv_field(b, mid[i]);
        dyad__buf_putc(b, ',');
    }
    dyad__buf_printf(b, "%d,%.1f,", e->quad, e->goldstein);
    dyad__buf_csv_field(b, e->plover);
    dyad__buf_putc(b, ',');
    dyad__buf_csv_field(b, e->location);
    dyad__buf_printf(b, ",%llu,%llu,%llu,%d,", (unsigned long long)e->num_mentions,
                     (unsigned long long)e->num_articles, (unsigned long long)e->num_sources,
                     e->is_root);
    dyad__buf_csv_field(b, e->source_name);
    dyad__buf_putc(b, ',');
    dyad__buf_csv_field(b, e->target_name);
    dyad__buf_putc(b, ',');
    dyad__buf_csv_field(b, e->best.doc_id);
    dyad__buf_printf(b, ",%u,", e->best.sentence);
    const char *tail[] = {e->best.sentence_text, e->best.source_text, e->best.target_text,
                          e->best.verb_text,     e->best.pattern,     e->best.rule};
    for (size_t i = 0; i < 6; i++) {
        if (i)
            dyad__buf_putc(b, ',');
        dyad__buf_csv_field(b, tail[i]);
    }
    dyad__buf_putc(b, '\n');
}

/* ---------------------------------------------------------------- JSON */

static void json_kv(dyad_buf *b, const char *key, const char *v, int comma)
{
    dyad__buf_printf(b, "%s\"%s\":\"", comma ? "," : "", key);
    dyad__buf_json_str(b, v, strlen(v));
    dyad__buf_putc(b, '"');
}

static void json_date(dyad_buf *b, const char *key, int32_t date)
{
    char d[11];
    dyad_date_format(date, d);
    if (date)
        dyad__buf_printf(b, ",\"%s\":\"%s\"", key, d);
    else
        dyad__buf_printf(b, ",\"%s\":null", key);
}

static int jsonl_mention(void *ctx, const dyad_store_mention *m)
{
    exp_ctx *x = ctx;
    dyad_buf *b = &x->b;
    dyad__buf_puts(b, x->mention_no++ ? ",{" : "{");
    json_kv(b, "doc_id", m->doc_id, 0);
    json_kv(b, "outlet", m->outlet, 1);
    json_date(b, "doc_date", m->doc_date);
    dyad__buf_printf(b, ",\"sentence\":%u", m->sentence);
    json_kv(b, "sentence_text", m->sentence_text, 1);
    json_kv(b, "source_text", m->source_text, 1);
    json_kv(b, "target_text", m->target_text, 1);
    json_kv(b, "verb_text", m->verb_text, 1);
    dyad__buf_printf(b, ",\"source_span\":[%u,%u],\"target_span\":[%u,%u],\"verb_span\":[%u,%u]",
                     m->source_span.start, m->source_span.end, m->target_span.start,
                     m->target_span.end, m->verb_span.start, m->verb_span.end);
    json_kv(b, "pattern", m->pattern, 1);
    json_kv(b, "rule", m->rule, 1);
    dyad__buf_printf(b, ",\"count\":%u,\"is_root\":%s}", m->count, m->is_root ? "true" : "false");
    return flush(x, 0);
}

static int jsonl_event(exp_ctx *x, const dyad_store_event *e)
{
    dyad_buf *b = &x->b;
    dyad__buf_printf(b, "{\"event_id\":%lld", (long long)e->id);
    json_date(b, "date", e->date);
    json_kv(b, "source", e->source, 1);
    json_kv(b, "target", e->target, 1);
    json_kv(b, "code", e->code, 1);
    json_kv(b, "root", e->root, 1);
    dyad__buf_printf(b, ",\"quad\":%d,\"goldstein\":%.1f", e->quad, e->goldstein);
    json_kv(b, "plover", e->plover, 1);
    json_kv(b, "location", e->location, 1);
    dyad__buf_printf(b, ",\"num_mentions\":%llu,\"num_articles\":%llu,\"num_sources\":%llu",
                     (unsigned long long)e->num_mentions, (unsigned long long)e->num_articles,
                     (unsigned long long)e->num_sources);
    dyad__buf_printf(b, ",\"is_root\":%s,\"added\":%lld", e->is_root ? "true" : "false",
                     (long long)e->added);
    json_kv(b, "source_name", e->source_name, 1);
    json_kv(b, "target_name", e->target_name, 1);
    dyad__buf_puts(b, ",\"mentions\":[");
    x->mention_no = 0;
    if (dyad_store_mentions(x->s, e->id, jsonl_mention, x, x->err) != 0)
        return -1;
    dyad__buf_puts(b, "]}\n");
    return 0;
}

/* --------------------------------------------------------------- PLOVER */

static void plover_actor(dyad_buf *b, const char *key, const char *code, const char *name)
{
    dyad__buf_printf(b, ",\"%s\":[", key);
    if (code[0]) {
        dyad__buf_putc(b, '{');
        json_kv(b, "code", code, 0);
        json_kv(b, "name", name, 1);
        dyad__buf_putc(b, '}');
    }
    dyad__buf_putc(b, ']');
}

static int plover_event(exp_ctx *x, const dyad_store_event *e)
{
    if (!e->plover[0]) {
        x->skipped++;
        return 1;
    }
    const dyad_cameo_info *ci = x->kb ? dyad_cameo_lookup(x->kb, e->code) : NULL;
    dyad_buf *b = &x->b;
    dyad__buf_printf(b, "{\"id\":\"dyad-%lld\"", (long long)e->id);
    json_date(b, "event_date", e->date);
    json_kv(b, "event_type", e->plover, 1);
    json_kv(b, "event_mode", ci && ci->plover_mode ? ci->plover_mode : "", 1);
    json_kv(b, "event_context", ci && ci->plover_context ? ci->plover_context : "", 1);
    plover_actor(b, "actors", e->source, e->source_name);
    plover_actor(b, "recipients", e->target, e->target_name);
    json_kv(b, "location", e->location, 1);
    json_kv(b, "cameo", e->code, 1);
    dyad__buf_printf(b, ",\"quad\":%d,\"goldstein\":%.1f", e->quad, e->goldstein);
    dyad__buf_printf(b, ",\"num_mentions\":%llu,\"num_articles\":%llu,\"num_sources\":%llu",
                     (unsigned long long)e->num_mentions, (unsigned long long)e->num_articles,
                     (unsigned long long)e->num_sources);
    json_kv(b, "story_id", e->best.doc_id, 1);
    dyad__buf_printf(b, ",\"sentence\":%u", e->best.sentence);
    json_kv(b, "sentence_text", e->best.sentence_text, 1);
    json_kv(b, "pattern", e->best.pattern, 1);
    dyad__buf_puts(b, "}\n");
    return 0;
}

/* ---------------------------------------------------------------- GDELT */

/* CAMEO actor type codes (roles and sectors, and the non-state roots). */
static int is_type_block(const char *p)
{
    static const char types[][4] = {
        "AGR", "BUS", "COP", "CRM", "CVL", "DEV", "EDU", "ELI", "ENV", "GOV", "HLH", "HRI",
        "IGO", "IMG", "INS", "INT", "JUD", "LAB", "LEG", "MED", "MIL", "MNC", "MOD", "NGM",
        "NGO", "OPP", "PKO", "RAD", "REB", "REF", "SEP", "SET", "SPY", "UAF", "UIS"};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (!memcmp(p, types[i], 3))
            return 1;
    return 0;
}

/* Splits a CAMEO actor code into GDELT's columns: country (the first
 * block, unless it is a type), known group (the last block that is not a
 * type, after the first), up to three types. */
typedef struct gdelt_actor {
    char country[4], group[4], type[3][4];
} gdelt_actor;

static void split_actor(const char *code, gdelt_actor *a)
{
    memset(a, 0, sizeof *a);
    size_t n = strlen(code), nt = 0;
    for (size_t i = 0; i + 3 <= n; i += 3) {
        const char *blk = code + i;
        if (is_type_block(blk)) {
            if (nt < 3)
                memcpy(a->type[nt++], blk, 3);
        } else if (i == 0) {
            memcpy(a->country, blk, 3);
        } else {
            memcpy(a->group, blk, 3);
        }
    }
}

static void tsv_field(dyad_buf *b, const char *s)
{
    for (; *s; s++)
        dyad__buf_putc(b, *s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
}

static void gdelt_actor_cols(dyad_buf *b, const char *code, const char *name)
{
    gdelt_actor a;
    split_actor(code, &a);
    tsv_field(b, code);
    dyad__buf_putc(b, '\t');
    tsv_field(b, name);
    /* country, known group, ethnic, religion1, religion2, type1..3 */
    dyad__buf_printf(b, "\t%s\t%s\t\t\t\t%s\t%s\t%s\t", a.country, a.group, a.type[0], a.type[1],
                     a.type[2]);
}

static int gdelt_event(exp_ctx *x, const dyad_store_event *e)
{
    dyad_buf *b = &x->b;
    int y = e->date / 10000, mo = e->date / 100 % 100, d = e->date % 100;
    /* 1 GlobalEventID, 2 Day, 3 MonthYear, 4 Year, 5 FractionDate */
    if (e->date)
        dyad__buf_printf(b, "%lld\t%d\t%d\t%d\t%.4f\t", (long long)e->id, e->date, e->date / 100, y,
                         y + (mo * 30 + d) / 365.0);
    else
        dyad__buf_printf(b, "%lld\t\t\t\t\t", (long long)e->id);
    gdelt_actor_cols(b, e->source, e->source_name); /* 6-15 */
    gdelt_actor_cols(b, e->target, e->target_name); /* 16-25 */
    /* 26 IsRootEvent, 27 EventCode, 28 EventBaseCode, 29 EventRootCode */
    char base[4];
    snprintf(base, sizeof base, "%.3s", e->code);
    dyad__buf_printf(b, "%d\t%s\t%s\t%s\t", e->is_root, e->code, base, e->root);
    /* 30 QuadClass, 31 GoldsteinScale, 32 NumMentions, 33 NumSources, 34 NumArticles, 35 AvgTone */
    dyad__buf_printf(b, "%d\t%.1f\t%llu\t%llu\t%llu\t\t", e->quad, e->goldstein,
                     (unsigned long long)e->num_mentions, (unsigned long long)e->num_sources,
                     (unsigned long long)e->num_articles);
    /* 36-43 Actor1Geo, 44-51 Actor2Geo: unknown */
    dyad__buf_puts(b, "\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t");
    /* 52-59 ActionGeo: Type, FullName (our location), CountryCode, ADM1, ADM2, Lat, Long, FeatureID */
    dyad__buf_puts(b, "\t");
    tsv_field(b, e->location);
    dyad__buf_puts(b, "\t\t\t\t\t\t\t");
    /* 60 DATEADDED (YYYYMMDDHHMMSS, UTC), 61 SOURCEURL (our document id) */
    struct tm tm;
    time_t t = (time_t)e->added;
    if (gmtime_r(&t, &tm))
        dyad__buf_printf(b, "%04d%02d%02d%02d%02d%02d\t", tm.tm_year + 1900, tm.tm_mon + 1,
                         tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
    else
        dyad__buf_putc(b, '\t');
    tsv_field(b, e->best.doc_id);
    dyad__buf_putc(b, '\n');
    return 0;
}

/* ---------------------------------------------------------------- driver */

static int export_event(void *ctx, const dyad_store_event *e)
{
    exp_ctx *x = ctx;
    int rc = 0;
    switch (x->fmt) {
    case DYAD_EXPORT_CSV: csv_event(&x->b, e); break;
    case DYAD_EXPORT_JSONL: rc = jsonl_event(x, e); break;
    case DYAD_EXPORT_GDELT: rc = gdelt_event(x, e); break;
    case DYAD_EXPORT_PLOVER: rc = plover_event(x, e); break;
    }
    if (rc < 0)
        return 1;
    if (rc == 0)
        x->written++;
    return flush(x, 0) != 0;
}

int dyad_store_export(dyad_store *s, const dyad_filter *f, dyad_sort sort, uint64_t limit,
                      dyad_export_format fmt, FILE *out, const dyad_kb *kb, uint64_t *written,
                      uint64_t *skipped, dyad_err *err)
{
    exp_ctx x = {.s = s, .out = out, .fmt = fmt, .kb = kb, .err = err};
    if (fmt == DYAD_EXPORT_CSV)
        dyad__buf_puts(&x.b, csv_header);
    dyad_err qerr = {0};
    x.err = &qerr;
    dyad_filter pf = *f;
    if (fmt == DYAD_EXPORT_PLOVER && !pf.plover)
        pf.plover = "*";
    int rc = dyad_store_events(s, &pf, sort, limit, export_event, &x, &qerr);
    if (rc == 0 && qerr.code)
        rc = -1; /* a mention query failed inside the callback */
    if (flush(&x, 1) != 0 || fflush(out) != 0)
        x.io_failed = 1;
    if (rc != 0) {
        if (err)
            *err = qerr;
    } else if (x.b.oom) {
        dyad__err_set(err, DYAD_ENOMEM, s->path, 0, 0, "out of memory exporting");
        rc = -1;
    } else if (x.io_failed) {
        dyad__err_set(err, DYAD_EIO, "output", 0, 0, "cannot write the export");
        rc = -1;
    }
    dyad__buf_free(&x.b);
    if (written)
        *written = x.written;
    if (skipped)
        *skipped = x.skipped;
    return rc;
}
