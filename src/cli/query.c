/*
 * query.c -- `dyad query` (counts and aggregates of stored events) and
 * `dyad events` (stored events with their best sentence).
 *
 * Parses options, asks the store (src/store/store.h), prints the rows as an
 * aligned table, CSV or JSON. No SQL here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "cli.h"
#include "storeopt.h"

static const char query_usage[] =
    "usage: dyad query --db FILE [filters] [--by G[,G...]] [options]\n"
    "       dyad query --db FILE --summary | --check\n"
    "\n"
    "Counts stored events, each event once however many articles report it,\n"
    "grouped as asked. Measures: events, mentions (reports), Goldstein sum and\n"
    "mean, and the share of events in each QuadClass.\n"
    "\n"
    "  --by G[,G...]         group by day, week (its Monday), month, year, dyad (the\n"
    "                        unordered pair, \"CHN-RUS\"), source, target, code, root,\n"
    "                        quad; combinable, repeatable. None: one row of totals\n"
    "  --depth N             keep N 3-letter blocks of actor codes when grouping by\n"
    "                        dyad, source or target (1: countries) [whole codes]\n"
    "  --sort key|events|mentions|goldstein  row order [key]\n"
    "  --limit N             at most N rows\n"
    "  --format table|csv|json  [table]\n"
    "  --summary             the database's row counts and date range\n"
    "  --check               verify the database: SQLite integrity, the full-text\n"
    "                        index, and that every count matches its mentions\n"
    "  -h, --help            this text\n"
    "\n" CLI_FILTER_HELP
    "\n"
    "example: dyad query --db news.db --dyad RUS,CHN --by month --format csv\n"
    "\n"
    "exit status: 0 ok, 1 --check found problems, 2 usage, 4 database error.\n";

static const char events_usage[] =
    "usage: dyad events --db FILE [filters] [options]\n"
    "\n"
    "Lists stored events with their counts and their best sentence (the one\n"
    "where the event is its article's main event, else the most repeated).\n"
    "\n"
    "  --sort date|mentions|articles|goldstein  order [date]\n"
    "  --limit N             at most N events, 0 = all [20]\n"
    "  --format table|csv|jsonl|gdelt|plover  [table]; jsonl has every mention\n"
    "  -h, --help            this text\n"
    "\n" CLI_FILTER_HELP "\n"
    "exit status: 0 ok, 2 usage, 4 database error.\n";

enum { FMT_TABLE, FMT_CSV, FMT_JSON };

static const char *const measure_names[] = {
    "events",      "mentions",      "goldstein_sum",   "goldstein_mean",
    "verbal_coop", "material_coop", "verbal_conflict", "material_conflict"};
#define NMEASURES 8

/* Rows kept for the table format (its column widths need every row). */
typedef struct query_out {
    const dyad_query *q;
    int fmt;
    dyad_buf cells;       /* every cell, NUL-terminated, row after row */
    size_t rows;
    int ncols;
    size_t width[DYAD_QUERY_MAXBY + NMEASURES];
    dyad_buf out;
    int failed;
} query_out;

static void measure_cells(const dyad_query_row *r, char cell[NMEASURES][32])
{
    snprintf(cell[0], 32, "%llu", (unsigned long long)r->events);
    snprintf(cell[1], 32, "%llu", (unsigned long long)r->mentions);
    snprintf(cell[2], 32, "%.1f", r->goldstein_sum);
    snprintf(cell[3], 32, "%.2f", r->goldstein_mean);
    for (int k = 0; k < 4; k++)
        snprintf(cell[4 + k], 32, "%.3f", r->quad_share[k]);
}

static void flush_out(query_out *o)
{
    if (o->out.len && fwrite(o->out.p, 1, o->out.len, stdout) != o->out.len)
        o->failed = 1;
    o->out.len = 0;
}

static int on_row(void *ctx, const dyad_query_row *r)
{
    query_out *o = ctx;
    char m[NMEASURES][32];
    measure_cells(r, m);
    size_t nby = o->q->nby;
    if (o->fmt == FMT_TABLE) {
        for (size_t i = 0; i < nby; i++) {
            const char *k = r->key[i][0] ? r->key[i] : "-";
            size_t n = strlen(k);
            if (n > o->width[i])
                o->width[i] = n;
            dyad__buf_add(&o->cells, k, n + 1);
        }
        for (int i = 0; i < NMEASURES; i++) {
            size_t n = strlen(m[i]);
            if (n > o->width[nby + (size_t)i])
                o->width[nby + (size_t)i] = n;
            dyad__buf_add(&o->cells, m[i], n + 1);
        }
        o->rows++;
        return o->cells.oom;
    }
    if (o->fmt == FMT_CSV) {
        for (size_t i = 0; i < nby; i++) {
            dyad__buf_csv_field(&o->out, r->key[i]);
            dyad__buf_putc(&o->out, ',');
        }
        for (int i = 0; i < NMEASURES; i++)
            dyad__buf_printf(&o->out, "%s%s", m[i], i + 1 < NMEASURES ? "," : "\n");
    } else {
        dyad__buf_puts(&o->out, o->rows ? ",\n  {" : "\n  {");
        for (size_t i = 0; i < nby; i++) {
            dyad__buf_printf(&o->out, "\"%s\":\"", dyad_group_name(o->q->by[i]));
            dyad__buf_json_str(&o->out, r->key[i], strlen(r->key[i]));
            dyad__buf_puts(&o->out, "\",");
        }
        for (int i = 0; i < NMEASURES; i++)
            dyad__buf_printf(&o->out, "\"%s\":%s%s", measure_names[i], m[i],
                             i + 1 < NMEASURES ? "," : "}");
    }
    o->rows++;
    if (o->out.len > (1u << 16))
        flush_out(o);
    return o->failed || o->out.oom;
}

static void print_table(query_out *o)
{
    size_t nby = o->q->nby, ncols = nby + NMEASURES;
    for (size_t i = 0; i < ncols; i++) {
        const char *h = i < nby ? dyad_group_name(o->q->by[i]) : measure_names[i - nby];
        if (strlen(h) > o->width[i])
            o->width[i] = strlen(h);
    }
    for (size_t i = 0; i < ncols; i++) {
        const char *h = i < nby ? dyad_group_name(o->q->by[i]) : measure_names[i - nby];
        if (i < nby)
            dyad__buf_printf(&o->out, "%s%-*s", i ? "  " : "", (int)o->width[i], h);
        else
            dyad__buf_printf(&o->out, "%s%*s", i ? "  " : "", (int)o->width[i], h);
    }
    dyad__buf_putc(&o->out, '\n');
    const char *c = o->cells.p;
    for (size_t r = 0; r < o->rows; r++) {
        for (size_t i = 0; i < ncols; i++) {
            if (i < nby)
                dyad__buf_printf(&o->out, "%s%-*s", i ? "  " : "", (int)o->width[i], c);
            else
                dyad__buf_printf(&o->out, "%s%*s", i ? "  " : "", (int)o->width[i], c);
            c += strlen(c) + 1;
        }
        dyad__buf_putc(&o->out, '\n');
        if (o->out.len > (1u << 16))
            flush_out(o);
    }
}

static int parse_format(const char *arg, int allow_events, int *fmt, dyad_export_format *efmt)
{
    if (!strcmp(arg, "table"))
        *fmt = FMT_TABLE;
    else if (!allow_events && !strcmp(arg, "csv"))
        *fmt = FMT_CSV;
    else if (!allow_events && !strcmp(arg, "json"))
        *fmt = FMT_JSON;
    else if (allow_events && dyad_export_format_parse(arg, efmt) == 0)
        *fmt = -1;
    else {
        cli_error("--format: unknown format '%s'", arg);
        return -1;
    }
    return 0;
}

static int print_summary(dyad_store *s, const char *db)
{
    dyad_store_counts c;
    dyad_err err = {0};
    if (dyad_store_counts_get(s, &c, &err) != 0)
        return cli_store_fail(&err);
    char d0[11], d1[11];
    dyad_date_format(c.first_date, d0);
    dyad_date_format(c.last_date, d1);
    printf("database   %s (schema %d)\n", db, c.schema);
    printf("documents  %llu\n", (unsigned long long)c.documents);
    printf("outlets    %llu\n", (unsigned long long)c.outlets);
    printf("sentences  %llu (those reporting events)\n", (unsigned long long)c.sentences);
    printf("events     %llu\n", (unsigned long long)c.events);
    printf("mentions   %llu\n", (unsigned long long)c.mentions);
    printf("actors     %llu\n", (unsigned long long)c.actors);
    printf("dates      %s%s%s\n", c.first_date ? d0 : "-", c.first_date ? " to " : "",
           c.first_date ? d1 : "");
    return fflush(stdout) == 0 ? EXIT_OK : EXIT_FATAL;
}

static int run_check(dyad_store *s)
{
    dyad_buf report = {0};
    dyad_err err = {0};
    long n = dyad_store_check(s, &report, &err);
    if (n < 0) {
        dyad__buf_free(&report);
        return cli_store_fail(&err);
    }
    if (report.len)
        fwrite(report.p, 1, report.len, stdout);
    printf("%s\n", n ? "check: problems found" : "check: ok");
    dyad__buf_free(&report);
    return n ? EXIT_BADINPUT : EXIT_OK;
}

int cmd_query(int argc, char **argv)
{
    enum { O_BY = OPT_FILTER_END + 1, O_DEPTH, O_SORT, O_LIMIT, O_FORMAT, O_SUMMARY, O_CHECK };
    static const struct option opts[] = {
        CLI_FILTER_OPTIONS,
        {"by", required_argument, 0, O_BY},
        {"depth", required_argument, 0, O_DEPTH},
        {"sort", required_argument, 0, O_SORT},
        {"limit", required_argument, 0, O_LIMIT},
        {"format", required_argument, 0, O_FORMAT},
        {"summary", no_argument, 0, O_SUMMARY},
        {"check", no_argument, 0, O_CHECK},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0},
    };
    cli_store_args a = {0};
    dyad_query q = {0};
    int fmt = FMT_TABLE, summary = 0, check = 0, rc = EXIT_OK, c;
    unsigned long ul;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        int f = cli_filter_opt(c, optarg, &a);
        if (f < 0)
            rc = EXIT_USAGE;
        if (f)
            continue;
        switch (c) {
        case O_BY:
            for (const char *p = optarg; *p;) {
                size_t n = strcspn(p, ",");
                dyad_group g = dyad_group_parse(p, n);
                if (g == DYAD_BY_NONE) {
                    cli_error("--by: unknown grouping '%.*s' (day, week, month, year, dyad, source,"
                              " target, code, root, quad)",
                              (int)n, p);
                    rc = EXIT_USAGE;
                } else if (q.nby == DYAD_QUERY_MAXBY) {
                    cli_error("--by: at most %d groupings", DYAD_QUERY_MAXBY);
                    rc = EXIT_USAGE;
                } else {
                    q.by[q.nby++] = g;
                }
                p += n;
                if (*p)
                    p++;
            }
            break;
        case O_DEPTH:
            if (cli_parse_uint("--depth", optarg, 8, &ul) != 0)
                rc = EXIT_USAGE;
            q.depth = (unsigned)ul;
            break;
        case O_SORT:
            if (!strcmp(optarg, "key"))
                q.sort = DYAD_SORT_KEY;
            else if (!strcmp(optarg, "events"))
                q.sort = DYAD_SORT_EVENTS;
            else if (!strcmp(optarg, "mentions"))
                q.sort = DYAD_SORT_MENTIONS;
            else if (!strcmp(optarg, "goldstein"))
                q.sort = DYAD_SORT_GOLDSTEIN;
            else {
                cli_error("--sort: unknown order '%s' (key, events, mentions, goldstein)", optarg);
                rc = EXIT_USAGE;
            }
            break;
        case O_LIMIT:
            if (cli_parse_uint("--limit", optarg, ~0ul, &ul) != 0)
                rc = EXIT_USAGE;
            q.limit = ul;
            break;
        case O_FORMAT:
            if (parse_format(optarg, 0, &fmt, NULL) != 0)
                rc = EXIT_USAGE;
            break;
        case O_SUMMARY: summary = 1; break;
        case O_CHECK: check = 1; break;
        case 'h': fputs(query_usage, stdout); return EXIT_OK;
        default: rc = EXIT_USAGE;
        }
    }
    rc = cli_args_done("query", rc, argc, argv, optind, a.db != NULL, "--db FILE is required",
                       query_usage);
    if (rc != EXIT_OK)
        return rc;
    dyad_store *s = cli_open_store(a.db, check);
    if (!s)
        return EXIT_DB;
    if (summary || check) {
        rc = summary ? print_summary(s, a.db) : EXIT_OK;
        if (check && rc == EXIT_OK)
            rc = run_check(s);
        dyad_store_close(s, NULL);
        return rc;
    }

    q.f = a.f;
    query_out o = {.q = &q, .fmt = fmt};
    if (fmt == FMT_CSV) {
        for (size_t i = 0; i < q.nby; i++)
            dyad__buf_printf(&o.out, "%s,", dyad_group_name(q.by[i]));
        for (int i = 0; i < NMEASURES; i++)
            dyad__buf_printf(&o.out, "%s%s", measure_names[i], i + 1 < NMEASURES ? "," : "\n");
    } else if (fmt == FMT_JSON) {
        dyad__buf_putc(&o.out, '[');
    }
    dyad_err err = {0};
    if (dyad_store_query(s, &q, on_row, &o, &err) != 0) {
        rc = cli_store_fail(&err);
    } else {
        if (fmt == FMT_TABLE)
            print_table(&o);
        else if (fmt == FMT_JSON)
            dyad__buf_puts(&o.out, o.rows ? "\n]\n" : "]\n");
        flush_out(&o);
        if (o.out.oom || o.cells.oom) {
            cli_error("out of memory");
            rc = EXIT_FATAL;
        } else if (o.failed || fflush(stdout) != 0) {
            cli_error("cannot write to stdout");
            rc = EXIT_FATAL;
        }
    }
    dyad__buf_free(&o.out);
    dyad__buf_free(&o.cells);
    dyad_store_close(s, NULL);
    return rc;
}

/* ----------------------------------------------------------------- events */

typedef struct events_out {
    dyad_buf out;
    int failed;
} events_out;

static void put_quoted(dyad_buf *b, const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n > max) {
        /* cut at a character boundary */
        while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
            max--;
        dyad__buf_add(b, s, max);
        dyad__buf_puts(b, "...");
    } else {
        dyad__buf_add(b, s, n);
    }
}

static int on_event(void *ctx, const dyad_store_event *e)
{
    events_out *o = ctx;
    dyad_buf *b = &o->out;
    char d[11];
    dyad_date_format(e->date, d);
    dyad__buf_printf(b, "#%lld  %s  %s -> %s  %s (%s, quad %d, %+.1f)", (long long)e->id,
                     e->date ? d : "undated", e->source[0] ? e->source : "-",
                     e->target[0] ? e->target : "-", e->code, e->plover[0] ? e->plover : "-",
                     e->quad, e->goldstein);
    dyad__buf_printf(b, "  mentions %llu, articles %llu, sources %llu\n",
                     (unsigned long long)e->num_mentions, (unsigned long long)e->num_articles,
                     (unsigned long long)e->num_sources);
    dyad__buf_printf(b, "    %s, sentence %u: ", e->best.doc_id, e->best.sentence);
    put_quoted(b, e->best.sentence_text, 300);
    dyad__buf_putc(b, '\n');
    if (e->best.source_text[0] || e->best.verb_text[0] || e->best.target_text[0])
        dyad__buf_printf(b, "    [%s] [%s] [%s]  %s %s\n", e->best.source_text, e->best.verb_text,
                         e->best.target_text, e->best.pattern, e->best.rule);
    if (b->len > (1u << 16)) {
        if (fwrite(b->p, 1, b->len, stdout) != b->len)
            o->failed = 1;
        b->len = 0;
    }
    return o->failed || b->oom;
}

int cmd_events(int argc, char **argv)
{
    enum { O_SORT = OPT_FILTER_END + 1, O_LIMIT, O_FORMAT };
    static const struct option opts[] = {
        CLI_FILTER_OPTIONS,
        {"sort", required_argument, 0, O_SORT},
        {"limit", required_argument, 0, O_LIMIT},
        {"format", required_argument, 0, O_FORMAT},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0},
    };
    cli_store_args a = {0};
    dyad_sort sort = DYAD_SORT_DATE;
    uint64_t limit = 20;
    int fmt = FMT_TABLE, rc = EXIT_OK, c;
    dyad_export_format efmt = DYAD_EXPORT_CSV;
    unsigned long ul;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        int f = cli_filter_opt(c, optarg, &a);
        if (f < 0)
            rc = EXIT_USAGE;
        if (f)
            continue;
        switch (c) {
        case O_SORT:
            if (!strcmp(optarg, "date"))
                sort = DYAD_SORT_DATE;
            else if (!strcmp(optarg, "mentions"))
                sort = DYAD_SORT_MENTIONS;
            else if (!strcmp(optarg, "articles"))
                sort = DYAD_SORT_EVENTS;
            else if (!strcmp(optarg, "goldstein"))
                sort = DYAD_SORT_GOLDSTEIN;
            else {
                cli_error("--sort: unknown order '%s' (date, mentions, articles, goldstein)", optarg);
                rc = EXIT_USAGE;
            }
            break;
        case O_LIMIT:
            if (cli_parse_uint("--limit", optarg, ~0ul, &ul) != 0)
                rc = EXIT_USAGE;
            limit = ul;
            break;
        case O_FORMAT:
            if (parse_format(optarg, 1, &fmt, &efmt) != 0)
                rc = EXIT_USAGE;
            break;
        case 'h': fputs(events_usage, stdout); return EXIT_OK;
        default: rc = EXIT_USAGE;
        }
    }
    rc = cli_args_done("events", rc, argc, argv, optind, a.db != NULL, "--db FILE is required",
                       events_usage);
    if (rc != EXIT_OK)
        return rc;
    dyad_store *s = cli_open_store(a.db, 0);
    if (!s)
        return EXIT_DB;
    dyad_err err = {0};
    if (fmt != FMT_TABLE) {
        if (dyad_store_export(s, &a.f, sort, limit, efmt, stdout, NULL, NULL, NULL, &err) != 0)
            rc = cli_store_fail(&err);
    } else {
        events_out o = {0};
        if (dyad_store_events(s, &a.f, sort, limit, on_event, &o, &err) != 0) {
            rc = cli_store_fail(&err);
        } else {
            if (o.out.len && fwrite(o.out.p, 1, o.out.len, stdout) != o.out.len)
                o.failed = 1;
            if (o.out.oom) {
                cli_error("out of memory");
                rc = EXIT_FATAL;
            } else if (o.failed || fflush(stdout) != 0) {
                cli_error("cannot write to stdout");
                rc = EXIT_FATAL;
            }
        }
        dyad__buf_free(&o.out);
    }
    dyad_store_close(s, NULL);
    return rc;
}
