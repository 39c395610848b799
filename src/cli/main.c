/*
 * main.c -- the `dyad` command: dispatches to a subcommand.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

const char *cli_prog = "dyad";

static const char usage[] =
    "usage: dyad <command> [options] [args]\n"
    "\n"
    "dyad turns news text into political event data: who did what to whom,\n"
    "coded in CAMEO and PLOVER, each event traced to its sentence and rule.\n"
    "\n"
    "commands:\n"
    "  code      code documents (JSON Lines or text) into events (JSON Lines)\n"
    "  explain   show how one sentence is analysed and coded\n"
    "  dict      check, count and search the dictionaries\n"
    "  test      run golden test files (sentence, date, expected events)\n"
    "  ingest    code documents and store the events in a SQLite database\n"
    "  query     count and aggregate stored events (by dyad, actor, code, time)\n"
    "  events    list stored events with their best sentence\n"
    "  export    write stored events as GDELT-style TSV, PLOVER JSON, CSV or JSONL\n"
    "  merge     combine databases coded separately, without duplicates\n"
    "  version   print the version\n"
    "\n"
    "`dyad <command> --help` describes each command and its options.\n"
    "\n"
    "exit status:\n"
    "  0  success\n"
    "  1  some input was bad or unreadable: it was reported on stderr and skipped,\n"
    "     the rest was done\n"
    "  2  usage error\n"
    "  3  fatal: a dictionary error, out of memory, output that cannot be written\n"
    "  4  the event store failed\n";

void cli_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s: error: ", cli_prog);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

void cli_warn(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s: warning: ", cli_prog);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

void cli_report(const char *severity, const dyad_err *err)
{
    char buf[640];
    dyad_err_format(err, buf, sizeof buf);
    fprintf(stderr, "%s: %s: %s\n", cli_prog, severity, buf);
}

int cli_parse_uint(const char *opt, const char *arg, unsigned long max, unsigned long *out)
{
    char *end;
    if (!arg || !*arg || *arg == '-') {
        cli_error("%s needs a non-negative number, not '%s'", opt, arg ? arg : "");
        return -1;
    }
    unsigned long v = strtoul(arg, &end, 10);
    if (*end || v > max) {
        cli_error("%s: '%s' is not a number from 0 to %lu", opt, arg, max);
        return -1;
    }
    *out = v;
    return 0;
}

int cli_parse_date(const char *opt, const char *arg, int32_t *out)
{
    int32_t d = arg ? dyad_date_parse(arg, strlen(arg)) : 0;
    if (!d) {
        cli_error("%s: '%s' is not a date (YYYY-MM-DD)", opt, arg ? arg : "");
        return -1;
    }
    *out = d;
    return 0;
}

dyad_kb *cli_load_kb(const char *const *dicts, size_t ndicts, int no_defaults)
{
    dyad_err err = {0};
    dyad_kb_opts o = {dicts, ndicts, no_defaults};
    dyad_kb *kb = dyad_kb_load(&o, &err);
    if (!kb)
        cli_report("error", &err);
    return kb;
}

static int cmd_version(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    printf("dyad %s\n", DYAD_VERSION);
    return EXIT_OK;
}

static const struct {
    const char *name;
    int (*fn)(int, char **);
} commands[] = {
    {"code", cmd_code},
    {"explain", cmd_explain},
    {"dict", cmd_dict},
    {"test", cmd_test},
    {"ingest", cmd_ingest},
    {"query", cmd_query},
    {"events", cmd_events},
    {"export", cmd_export},
    {"merge", cmd_merge},
    {"version", cmd_version},
};

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage, stderr);
        return EXIT_USAGE;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        fputs(usage, stdout);
        return EXIT_OK;
    }
    if (!strcmp(argv[1], "--version"))
        return cmd_version(argc - 1, argv + 1);
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(argv[1], commands[i].name))
            return commands[i].fn(argc - 1, argv + 1);
    cli_error("unknown command '%s' (see 'dyad --help')", argv[1]);
    return EXIT_USAGE;
}
