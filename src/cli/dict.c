/*
 * dict.c -- STUB: `dyad dict check|stats|find`.
 */
#include "cli.h"

int cmd_dict(int argc, char **argv) { (void)argc; (void)argv; cli_error("dict: not written yet"); return EXIT_FATAL; }
