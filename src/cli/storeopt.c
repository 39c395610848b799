/*
 * storeopt.c -- see storeopt.h.
 */
#include "storeopt.h"

#include <stdio.h>
#include <string.h>

#include "cli.h"

int cli_filter_opt(int c, char *arg, cli_store_args *a)
{
    unsigned long ul;
    switch (c) {
    case OPT_DB: a->db = arg; return 1;
    case OPT_SOURCE: a->f.source = arg; return 1;
    case OPT_TARGET: a->f.target = arg; return 1;
    case OPT_ACTOR: a->f.actor = arg; return 1;
    case OPT_DYAD: {
        char *comma = strchr(arg, ',');
        if (!comma || comma == arg || !comma[1] || strchr(comma + 1, ',')) {
            cli_error("--dyad needs two actors separated by a comma (RUS,CHN), not '%s'", arg);
            return -1;
        }
        *comma = '\0';
        a->f.dyad[0] = arg;
        a->f.dyad[1] = comma + 1;
        return 1;
    }
    case OPT_CODE: a->f.code = arg; return 1;
    case OPT_ROOT: a->f.root = arg; return 1;
    case OPT_QUAD:
        if (cli_parse_uint("--quad", arg, 4, &ul) != 0)
            return -1;
        if (ul < 1) {
            cli_error("--quad: QuadClass is 1 to 4");
            return -1;
        }
        a->f.quad = (int)ul;
        return 1;
    case OPT_SINCE: return cli_parse_date("--since", arg, &a->f.since) == 0 ? 1 : -1;
    case OPT_UNTIL: return cli_parse_date("--until", arg, &a->f.until) == 0 ? 1 : -1;
    case OPT_TEXT: a->f.text = arg; return 1;
    case OPT_DOC: a->f.doc = arg; return 1;
    case OPT_PLOVER: a->f.plover = arg; return 1;
    default: return 0;
    }
}

void cli_store_report(const dyad_err *err)
{
    /* A database error has no line or byte offset: "dyad: error: FILE: MSG". */
    if (err->line || err->offset)
        cli_report("error", err);
    else
        cli_error("%s%s%s", err->where, err->where[0] ? ": " : "",
                  err->msg[0] ? err->msg : dyad_strerror(err->code));
}

int cli_store_fail(const dyad_err *err)
{
    cli_store_report(err);
    if (err->code == DYAD_EUSAGE)
        return EXIT_USAGE;
    if (err->code == DYAD_EDB)
        return EXIT_DB;
    return EXIT_FATAL;
}

int cli_args_done(const char *cmd, int rc, int argc, char **argv, int next, int required,
                  const char *missing, const char *usage)
{
    if (rc == EXIT_OK && next < argc) {
        cli_error("%s: unexpected argument '%s'", cmd, argv[next]);
        rc = EXIT_USAGE;
    }
    if (rc == EXIT_OK && !required) {
        cli_error("%s: %s", cmd, missing);
        rc = EXIT_USAGE;
    }
    if (rc != EXIT_OK)
        fputs(usage, stderr);
    return rc;
}

dyad_store *cli_open_store(const char *db, int writable)
{
    if (!db) {
        cli_error("--db FILE is required");
        return NULL;
    }
    dyad_store_opts o = {.readonly = !writable};
    dyad_err err = {0};
    dyad_store *s = dyad_store_open(db, &o, &err);
    if (!s)
        cli_store_report(&err);
    return s;
}
