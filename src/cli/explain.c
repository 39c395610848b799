/*
 * explain.c -- STUB: `dyad explain`.
 */
#include "cli.h"

int cmd_explain(int argc, char **argv) { (void)argc; (void)argv; cli_error("explain: not written yet"); return EXIT_FATAL; }
