/*
 * cli.h -- what the subcommands of the `dyad` tool share: error reporting in
 * one voice, exit codes, number and date arguments.
 *
 * The CLI is a thin client of libdyad: it parses arguments, calls the
 * library and prints. No pipeline logic lives here.
 */
#ifndef DYAD_CLI_H
#define DYAD_CLI_H

#include <stdio.h>

#include "base/err.h"
#include "dyad.h"

/* Exit codes (documented in `dyad --help`). */
enum {
    EXIT_OK = 0,
    EXIT_BADINPUT = 1,  /* some input was bad, reported and skipped; the rest was done */
    EXIT_USAGE = 2,     /* bad command line */
    EXIT_FATAL = 3,     /* could not go on: unreadable input, dictionary error, out of memory */
    EXIT_DB = 4,        /* the event store failed */
};

extern const char *cli_prog; /* "dyad" */

/* "dyad: error: MSG" on stderr. */
void cli_error(const char *fmt, ...) DYAD_PRINTF(1, 2);
void cli_warn(const char *fmt, ...) DYAD_PRINTF(1, 2);
/* "dyad: error: WHERE:LINE: MSG (byte N)" */
void cli_report(const char *severity, const dyad_err *err);

/* Parses a non-negative integer argument for option `opt`; prints a usage
 * error and returns -1 when it is not one (or is above max). */
int cli_parse_uint(const char *opt, const char *arg, unsigned long max, unsigned long *out);
/* Parses a date argument; prints a usage error and returns -1 on failure. */
int cli_parse_date(const char *opt, const char *arg, int32_t *out);

/* Loads the knowledge base with the --dict files collected in argv order. */
dyad_kb *cli_load_kb(const char *const *dicts, size_t ndicts, int no_defaults);

/* Subcommands: each returns an exit code. argv[0] is the subcommand name. */
int cmd_code(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_dict(int argc, char **argv);
int cmd_test(int argc, char **argv);
int cmd_ingest(int argc, char **argv);
int cmd_query(int argc, char **argv);
int cmd_events(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_merge(int argc, char **argv);

#endif
