/*
 * storeopt.h -- the command-line options that `dyad query`, `dyad events`
 * and `dyad export` share: the database, the event filters, the output
 * format. Parsing only; the store does the work (src/store/store.h).
 */
#ifndef DYAD_CLI_STOREOPT_H
#define DYAD_CLI_STOREOPT_H

#include <getopt.h>

#include "store/store.h"

/* getopt_long codes of the shared options. */
enum {
    OPT_DB = 300,
    OPT_SOURCE,
    OPT_TARGET,
    OPT_ACTOR,
    OPT_DYAD,
    OPT_CODE,
    OPT_ROOT,
    OPT_QUAD,
    OPT_SINCE,
    OPT_UNTIL,
    OPT_TEXT,
    OPT_DOC,
    OPT_PLOVER,
    OPT_FILTER_END
};

/* The entries of the shared options, to splice into a getopt table. */
#define CLI_FILTER_OPTIONS                                                                   \
    {"db", required_argument, 0, OPT_DB}, {"source", required_argument, 0, OPT_SOURCE},     \
        {"target", required_argument, 0, OPT_TARGET},                                        \
        {"actor", required_argument, 0, OPT_ACTOR}, {"dyad", required_argument, 0, OPT_DYAD}, \
        {"code", required_argument, 0, OPT_CODE}, {"root", required_argument, 0, OPT_ROOT},  \
        {"quad", required_argument, 0, OPT_QUAD}, {"since", required_argument, 0, OPT_SINCE}, \
        {"until", required_argument, 0, OPT_UNTIL}, {"text", required_argument, 0, OPT_TEXT}, \
        {"doc", required_argument, 0, OPT_DOC}, {"plover", required_argument, 0, OPT_PLOVER}

/* The help text of the shared options. */
#define CLI_FILTER_HELP                                                                       \
    "filters (all optional, combined with AND):\n"                                            \
    "  --source P, --target P  actor codes: RUS matches RUS and RUSGOV, RUSMIL...;\n"         \
    "                        =RUS only RUS; '*' and '?' are wildcards (*MIL); '' none\n"     \
    "  --actor P             either side\n"                                                   \
    "  --dyad A,B            A with B, in both directions\n"                                 \
    "  --code C              CAMEO event code and its sub-codes (04 = 04, 040..046; =04)\n"  \
    "  --root R              CAMEO root (01..20)\n"                                           \
    "  --quad N              QuadClass: 1 verbal cooperation, 2 material cooperation,\n"     \
    "                        3 verbal conflict, 4 material conflict\n"                       \
    "  --since DATE, --until DATE  event dates, inclusive (YYYY-MM-DD)\n"                    \
    "  --text WORDS          events reported in a sentence containing every word\n"          \
    "  --doc ID              events reported by this document\n"                             \
    "  --plover TYPE         PLOVER event type (AGREE, CONSULT, ...)\n"

typedef struct cli_store_args {
    const char *db;
    dyad_filter f;
} cli_store_args;

/* Handles option c if it is a shared one: 1 handled, 0 not ours, -1 bad
 * value (reported). May modify arg (--dyad splits it). */
int cli_filter_opt(int c, char *arg, cli_store_args *a);

/* The end of option parsing for `dyad cmd`: rc stays EXIT_OK only if no
 * argument is left over (argv[next], where getopt stopped) and `required`
 * holds (else `missing` is reported, e.g. "--db FILE is required"); on
 * failure the usage goes to stderr. Returns the final rc. */
int cli_args_done(const char *cmd, int rc, int argc, char **argv, int next, int required,
                  const char *missing, const char *usage);

/* Opens a.db for reading (writable when `writable`, for --check). NULL
 * after reporting the error. */
dyad_store *cli_open_store(const char *db, int writable);

/* "dyad: error: FILE: MSG" for a store error (no byte offset: there is none). */
void cli_store_report(const dyad_err *err);

/* cli_store_report, and the exit code the error calls for. */
int cli_store_fail(const dyad_err *err);

#endif
