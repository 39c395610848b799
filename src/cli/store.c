/*
 * store.c -- STUB: the event store commands (ingest, query, events, export, merge).
 */
#include "cli.h"

static int not_yet(const char *what) { cli_error("%s: not written yet", what); return EXIT_FATAL; }
int cmd_ingest(int argc, char **argv) { (void)argc; (void)argv; return not_yet("ingest"); }
int cmd_query(int argc, char **argv) { (void)argc; (void)argv; return not_yet("query"); }
int cmd_events(int argc, char **argv) { (void)argc; (void)argv; return not_yet("events"); }
int cmd_export(int argc, char **argv) { (void)argc; (void)argv; return not_yet("export"); }
int cmd_merge(int argc, char **argv) { (void)argc; (void)argv; return not_yet("merge"); }
