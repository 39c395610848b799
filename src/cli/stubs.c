/*
 * stubs.c -- STUB subcommands, replaced one by one.
 */
#include "cli.h"

int cmd_explain(int argc, char **argv) { (void)argc; (void)argv; cli_error("explain: not written yet"); return EXIT_FATAL; }
int cmd_dict(int argc, char **argv) { (void)argc; (void)argv; cli_error("dict: not written yet"); return EXIT_FATAL; }
int cmd_test(int argc, char **argv) { (void)argc; (void)argv; cli_error("test: not written yet"); return EXIT_FATAL; }
