/*
 * export.c -- `dyad export`: stored events as GDELT-style TSV, PLOVER JSON,
 * CSV or JSON Lines (the formats are written by the store, src/store/export.c).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "storeopt.h"

static const char export_usage[] =
    "usage: dyad export --db FILE --format gdelt|plover|csv|jsonl [filters] [-o FILE]\n"
    "\n"
    "Writes every stored event that matches the filters, in date order:\n"
    "  gdelt    the GDELT 2.0 event table: 61 tab-separated columns, no header;\n"
    "           the columns dyad knows are filled, the rest left empty\n"
    "           (docs/schema.md lists them)\n"
    "  plover   one PLOVER JSON object a line: type, mode, context, actors,\n"
    "           recipients, counts, and the sentence (CAMEO 01/02 have no PLOVER\n"
    "           type and are left out)\n"
    "  csv      one row per event with its best mention, a header line\n"
    "  jsonl    one JSON object per event with every mention (document, sentence,\n"
    "           offsets, pattern)\n"
    "\n"
    "  --format F            the format (required)\n"
    "  -o, --output FILE     write there instead of stdout\n"
    "  --no-dicts            do not load the dictionaries (PLOVER modes stay empty)\n"
    "  -h, --help            this text\n"
    "\n" CLI_FILTER_HELP "\n"
    "exit status: 0 ok, 2 usage, 3 cannot write, 4 database error.\n";

int cmd_export(int argc, char **argv)
{
    enum { O_FORMAT = OPT_FILTER_END + 1, O_NODICTS };
    static const struct option opts[] = {
        CLI_FILTER_OPTIONS,
        {"format", required_argument, 0, O_FORMAT},
        {"output", required_argument, 0, 'o'},
        {"no-dicts", no_argument, 0, O_NODICTS},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0},
    };
    cli_store_args a = {0};
    dyad_export_format fmt = DYAD_EXPORT_CSV;
    int have_fmt = 0, no_dicts = 0, rc = EXIT_OK, c;
    const char *output = NULL;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
        int f = cli_filter_opt(c, optarg, &a);
        if (f < 0)
            rc = EXIT_USAGE;
        if (f)
            continue;
        switch (c) {
        case O_FORMAT:
            if (dyad_export_format_parse(optarg, &fmt) != 0) {
                cli_error("--format: unknown format '%s' (gdelt, plover, csv, jsonl)", optarg);
                rc = EXIT_USAGE;
            }
            have_fmt = 1;
            break;
        case 'o': output = optarg; break;
        case O_NODICTS: no_dicts = 1; break;
        case 'h': fputs(export_usage, stdout); return EXIT_OK;
        default: rc = EXIT_USAGE;
        }
    }
    rc = cli_args_done("export", rc, argc, argv, optind, a.db && have_fmt,
                       "--db FILE and --format are required", export_usage);
    if (rc != EXIT_OK)
        return rc;
    dyad_store *s = cli_open_store(a.db, 0);
    if (!s)
        return EXIT_DB;
    dyad_kb *kb = NULL;
    if (fmt == DYAD_EXPORT_PLOVER && !no_dicts) {
        kb = cli_load_kb(NULL, 0, 0);
        if (!kb)
            cli_warn("PLOVER modes and contexts left empty (dictionaries did not load)");
    }
    FILE *out = stdout;
    if (output && !(out = fopen(output, "w"))) {
        cli_error("%s: cannot create: %s", output, strerror(errno));
        dyad_kb_free(kb);
        dyad_store_close(s, NULL);
        return EXIT_FATAL;
    }
    dyad_err err = {0};
    uint64_t written = 0, skipped = 0;
    if (dyad_store_export(s, &a.f, DYAD_SORT_DATE, 0, fmt, out, kb, &written, &skipped, &err) != 0)
        rc = cli_store_fail(&err);
    if (out != stdout && fclose(out) != 0 && rc == EXIT_OK) {
        cli_error("%s: cannot write: %s", output, strerror(errno));
        rc = EXIT_FATAL;
    }
    if (rc == EXIT_OK && output)
        fprintf(stderr, "dyad: export: %llu events written to %s\n", (unsigned long long)written,
                output);
    dyad_kb_free(kb);
    dyad_store_close(s, NULL);
    return rc;
}
