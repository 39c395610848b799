/*
 * test.c -- STUB: `dyad test FILE...` (golden files).
 */
#include "cli.h"

int cmd_test(int argc, char **argv) { (void)argc; (void)argv; cli_error("test: not written yet"); return EXIT_FATAL; }
