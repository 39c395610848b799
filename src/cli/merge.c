/*
 * merge.c -- `dyad merge`: combines databases coded separately (the shards
 * of a cluster job) into one, without duplicate documents, events or
 * mentions (the store replays each input's documents: src/store/merge.c).
 */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "storeopt.h"

static const char merge_usage[] =
    "usage: dyad merge --db OUT IN.db...\n"
    "\n"
    "Adds every document of each IN database, with its events and mentions, to\n"
    "OUT (created when missing). A document already in OUT with the same content\n"
    "is skipped; one with other content is replaced (later inputs win). Events\n"
    "reported in several inputs become one event with all their mentions.\n"
    "Each input is read in one snapshot; OUT commits in batches, so an\n"
    "interrupted merge can simply be run again.\n"
    "\n"
    "  --db OUT              the database to merge into\n"
    "  --batch N             documents per transaction [1000]\n"
    "  -q, --quiet           no summary\n"
    "  -h, --help            this text\n"
    "\n"
    "exit status: 0 ok, 2 usage, 4 database error.\n";

int cmd_merge(int argc, char **argv)
{
    enum { O_DB = 256, O_BATCH };
    static const struct option opts[] = {
        {"db", required_argument, 0, O_DB},
        {"batch", required_argument, 0, O_BATCH},
        {"quiet", no_argument, 0, 'q'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0},
    };
    const char *db = NULL;
    int quiet = 0, rc = EXIT_OK, c;
    unsigned long batch = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "qh", opts, NULL)) != -1) {
        switch (c) {
        case O_DB: db = optarg; break;
        case O_BATCH:
            if (cli_parse_uint("--batch", optarg, 1000000, &batch) != 0)
                rc = EXIT_USAGE;
            break;
        case 'q': quiet = 1; break;
        case 'h': fputs(merge_usage, stdout); return EXIT_OK;
        default: rc = EXIT_USAGE;
        }
    }
    if (rc == EXIT_OK && (!db || optind >= argc)) {
        cli_error("merge: --db OUT and at least one input database are required");
        rc = EXIT_USAGE;
    }
    if (rc != EXIT_OK) {
        fputs(merge_usage, stderr);
        return rc;
    }
    /* A file size limit should fail the write, not kill the process. */
    signal(SIGXFSZ, SIG_IGN);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    dyad_store_opts o = {.create = 1, .keep_text = 1, .threaded = 1, .batch_docs = (unsigned)batch};
    dyad_err err = {0};
    dyad_store *s = dyad_store_open(db, &o, &err);
    if (!s) {
        cli_store_report(&err);
        return err.code == DYAD_EUSAGE ? EXIT_USAGE : EXIT_DB;
    }
    uint64_t read_total = 0;
    for (int i = optind; i < argc && rc == EXIT_OK; i++) {
        uint64_t n = 0;
        if (dyad_store_merge(s, argv[i], &n, &err) != 0) {
            cli_store_report(&err);
            rc = err.code == DYAD_EUSAGE ? EXIT_USAGE : err.code == DYAD_ENOMEM ? EXIT_FATAL : EXIT_DB;
        }
        read_total += n;
    }
    dyad_store_stats st;
    dyad_store_stats_get(s, &st);
    if (dyad_store_close(s, rc == EXIT_OK ? &err : NULL) != 0 && rc == EXIT_OK) {
        cli_store_report(&err);
        rc = EXIT_DB;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    if (!quiet)
        fprintf(stderr,
                "dyad: merge: %d databases, %llu documents read: %llu new, %llu replaced, %llu "
                "unchanged; %llu new events, %llu mentions; %.2f s\n",
                argc - optind, (unsigned long long)read_total, (unsigned long long)st.docs_new,
                (unsigned long long)st.docs_replaced,
                (unsigned long long)(read_total > st.docs_new + st.docs_replaced
                                         ? read_total - st.docs_new - st.docs_replaced
                                         : 0),
                (unsigned long long)st.events_new, (unsigned long long)st.mentions, secs);
    return rc;
}
