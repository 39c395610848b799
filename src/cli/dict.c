/*
 * dict.c -- `dyad dict check|stats|find`: the dictionaries seen from the
 * command line.
 *
 * A thin client of the knowledge base (src/kb/kb.h): parses arguments,
 * loads the dictionaries, prints what dyad__kb_check, dyad__kb_stats and
 * dyad__kb_find_name return. No dictionary logic lives here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "cli.h"
#include "kb/kb.h"
#include "text/text.h"

static const char usage[] =
    "usage: dyad dict check [--dict FILE]... [--no-defaults] [--quiet]\n"
    "       dyad dict stats [--json] [--dict FILE]... [--no-defaults]\n"
    "       dyad dict find NAME [--date YYYY-MM-DD] [--dict FILE]... [--no-defaults]\n"
    "\n"
    "Checks, counts and searches dyad's dictionaries: the built-in ones,\n"
    "compiled into the binary, and the user's (--dict FILE, repeatable, loaded\n"
    "after the built-in ones and overriding them). The format is described in\n"
    "docs/dictionaries.md; a FILE ending in .actors or .agents (or .actors.txt,\n"
    ".agents.txt) is read as a TABARI/PETRARCH dictionary.\n"
    "`dyad dict COMMAND --help` describes each command.\n"
    "\n"
    "commands:\n"
    "  check   report every problem in the dictionaries, with file and line\n"
    "  stats   count entries, names, patterns and CAMEO codes covered\n"
    "  find    show every entry a name matches and its code on a date\n"
    "\n"
    "exit status:\n"
    "  0  success (check: no errors; warnings do not fail)\n"
    "  1  check found errors; find found no entry\n"
    "  2  usage error\n"
    "  3  the dictionaries could not be loaded or a file could not be read\n";

static const char usage_check[] =
    "usage: dyad dict check [--dict FILE]... [--no-defaults] [--quiet]\n"
    "\n"
    "Loads the dictionaries (built-in, then each --dict FILE) and prints every\n"
    "problem on stdout, sorted by file and line, one a line:\n"
    "\n"
    "    FILE:LINE: error|warning|info: MESSAGE\n"
    "\n"
    "errors: lines that do not parse, one name of one kind with two codes on a\n"
    "  common date in one file, code blocks that are not a country, root, role,\n"
    "  group, region or religion, agent sectors that are not roles, event codes\n"
    "  missing from the CAMEO table;\n"
    "warnings: overlapping date ranges in one entry, a person's name shared\n"
    "  with another person, built-in files redefining each other's names,\n"
    "  patterns that can never match, duplicate patterns, drops that drop nothing;\n"
    "info: overrides by user files and every drop.\n"
    "A summary goes to stderr.\n"
    "\n"
    "options:\n"
    "  --dict FILE     also load FILE, after the built-in dictionaries (repeatable)\n"
    "  --no-defaults   load only the tables (CAMEO codes, code blocks) and --dict files\n"
    "  --quiet, -q     leave out info lines\n"
    "\n"
    "example:\n"
    "  dyad dict check --quiet\n"
    "\n"
    "exit status: 0 no errors (warnings allowed), 1 errors, 2 usage error,\n"
    "3 a file could not be read\n";

static const char usage_stats[] =
    "usage: dyad dict stats [--json] [--dict FILE]... [--no-defaults]\n"
    "\n"
    "Counts what the dictionaries hold: countries (distinct codes), regions,\n"
    "adjectives, capitals, cities, places, people, organisations (of which\n"
    "igos, ngos, armed_groups, parties), agents (role nouns and titles; in\n"
    "agent_entries lines),\n"
    "actors (every name as written), trie nodes, patterns, negative patterns,\n"
    "discard phrases, CAMEO codes and the CAMEO codes that have at least one\n"
    "pattern (cameo_codes_covered), lexicon words; load time and memory.\n"
    "\n"
    "options:\n"
    "  --json          one JSON object: {\"files\":N, \"countries\":N, ...,\n"
    "                  \"load_seconds\":S, \"bytes\":N}\n"
    "  --dict FILE     also load FILE, after the built-in dictionaries (repeatable)\n"
    "  --no-defaults   load only the tables and --dict files\n"
    "\n"
    "example:\n"
    "  dyad dict stats --json\n"
    "\n"
    "exit status: 0 success, 2 usage error, 3 the dictionaries could not be loaded\n";

static const char usage_find[] =
    "usage: dyad dict find NAME [--date YYYY-MM-DD] [--dict FILE]... [--no-defaults]\n"
    "\n"
    "Shows every entry whose name is NAME (compared like text: tokenised and\n"
    "case-folded): its kind, the code on --date, the FILE:LINE that defines\n"
    "it, its first name, all its codes with their date ranges, and which entry\n"
    "the name matches as typed (case counts: \"US\" is the country, \"us\" is\n"
    "not).\n"
    "\n"
    "options:\n"
    "  --date DATE     give codes for this date (default: no date, which picks\n"
    "                  the code without a range, else the latest range)\n"
    "  --dict FILE     also load FILE, after the built-in dictionaries (repeatable)\n"
    "  --no-defaults   load only the tables and --dict files\n"
    "\n"
    "example:\n"
    "  dyad dict find \"the Kremlin\" --date 2024-01-01\n"
    "\n"
    "exit status: 0 found, 1 no entry has that name, 2 usage error,\n"
    "3 the dictionaries could not be loaded\n";

typedef struct dict_args {
    const char **dicts;
    size_t ndicts;
    int no_defaults, json, quiet;
    int32_t date;
    const char *name;
} dict_args;

static int parse(int argc, char **argv, int first, dict_args *a)
{
    a->dicts = calloc((size_t)argc, sizeof *a->dicts);
    if (!a->dicts) {
        cli_error("out of memory");
        return -1;
    }
    for (int i = first; i < argc; i++) {
        const char *s = argv[i];
        if (!strcmp(s, "--dict")) {
            if (i + 1 >= argc) {
                cli_error("--dict needs a file");
                return -1;
            }
            a->dicts[a->ndicts++] = argv[++i];
        } else if (!strncmp(s, "--dict=", 7)) {
            a->dicts[a->ndicts++] = s + 7;
        } else if (!strcmp(s, "--no-defaults")) {
            a->no_defaults = 1;
        } else if (!strcmp(s, "--json")) {
            a->json = 1;
        } else if (!strcmp(s, "--quiet") || !strcmp(s, "-q")) {
            a->quiet = 1;
        } else if (!strcmp(s, "--date")) {
            if (cli_parse_date("--date", i + 1 < argc ? argv[i + 1] : NULL, &a->date) != 0)
                return -1;
            i++;
        } else if (!strncmp(s, "--date=", 7)) {
            if (cli_parse_date("--date", s + 7, &a->date) != 0)
                return -1;
        } else if (s[0] == '-' && s[1]) {
            cli_error("dict: unknown option '%s' (see 'dyad dict --help')", s);
            return -1;
        } else if (!a->name) {
            a->name = s;
        } else {
            cli_error("dict: unexpected argument '%s'", s);
            return -1;
        }
    }
    return 0;
}

/* --------------------------------------------------------------- check */

typedef struct check_ctx {
    int quiet;
    size_t errors, warnings, infos;
} check_ctx;

static void on_finding(void *ud, const char *severity, const char *file, uint32_t line,
                       const char *msg)
{
    check_ctx *c = ud;
    if (severity[0] == 'e')
        c->errors++;
    else if (severity[0] == 'w')
        c->warnings++;
    else
        c->infos++;
    if (c->quiet && severity[0] == 'i')
        return;
    if (line)
        printf("%s:%u: %s: %s\n", file, line, severity, msg);
    else
        printf("%s: %s: %s\n", file, severity, msg);
}

static int do_check(const dict_args *a)
{
    dyad_err err = {0};
    dyad_kb_opts o = {a->dicts, a->ndicts, a->no_defaults};
    dyad_kb *kb = dyad__kb_load_lenient(&o, &err);
    if (!kb) {
        cli_report("error", &err);
        return EXIT_FATAL;
    }
    check_ctx c = {a->quiet, 0, 0, 0};
    dyad__kb_check(kb, on_finding, &c);
    dyad_kb_free(kb);
    fflush(stdout);
    fprintf(stderr, "%s: dict check: %zu error%s, %zu warning%s, %zu note%s\n", cli_prog,
            c.errors, c.errors == 1 ? "" : "s", c.warnings, c.warnings == 1 ? "" : "s", c.infos,
            c.infos == 1 ? "" : "s");
    return c.errors ? EXIT_BADINPUT : EXIT_OK;
}

/* --------------------------------------------------------------- stats */

static int do_stats(const dict_args *a)
{
    dyad_kb *kb = cli_load_kb(a->dicts, a->ndicts, a->no_defaults);
    if (!kb)
        return EXIT_FATAL;
    dyad_kb_stats s;
    dyad__kb_stats(kb, &s);
    dyad_kb_free(kb);
    static const char *const names[] = {
        "files", "countries", "regions", "adjectives", "capitals", "cities", "places", "people",
        "organisations", "igos", "ngos", "armed_groups", "parties", "agents", "agent_entries",
        "actors", "nodes", "patterns", "negatives", "discards", "cameo_codes",
        "cameo_codes_covered", "words"};
    const uint32_t vals[] = {s.files, s.countries, s.regions, s.adjectives, s.capitals, s.cities,
                             s.places, s.people, s.organisations, s.igos, s.ngos,
                             s.armed_groups, s.parties, s.agent_names, s.agents, s.actors,
                             s.nodes, s.patterns, s.negatives, s.discards, s.cameo_codes,
                             s.cameo_codes_covered, s.words};
    size_t n = sizeof vals / sizeof vals[0];
    if (a->json) {
        printf("{");
        for (size_t i = 0; i < n; i++)
            printf("\"%s\":%u,", names[i], vals[i]);
        printf("\"load_seconds\":%.4f,\"bytes\":%zu}\n", s.load_seconds, s.bytes);
    } else {
        for (size_t i = 0; i < n; i++)
            printf("%-20s %9u\n", names[i], vals[i]);
        printf("%-20s %9.1f%%\n", "cameo_coverage",
               s.cameo_codes ? 100.0 * s.cameo_codes_covered / s.cameo_codes : 0.0);
        printf("%-20s %9.3f s\n", "load_time", s.load_seconds);
        printf("%-20s %9.1f MB\n", "memory", (double)s.bytes / (1024.0 * 1024.0));
    }
    return EXIT_OK;
}

/* ---------------------------------------------------------------- find */

static void print_roles(const dyad_actor *e)
{
    for (uint32_t r = 0; r < e->nroles; r++) {
        char f[11], t[11];
        dyad_date_format(e->roles[r].from, f);
        dyad_date_format(e->roles[r].to, t);
        if (e->roles[r].from || e->roles[r].to)
            printf("%s%s@%s..%s", r ? " " : "", e->roles[r].code, f, t);
        else
            printf("%s%s", r ? " " : "", e->roles[r].code);
    }
}

static int do_find(const dict_args *a)
{
    if (!a->name) {
        cli_error("dict find needs a NAME (see 'dyad dict --help')");
        return EXIT_USAGE;
    }
    dyad_kb *kb = cli_load_kb(a->dicts, a->ndicts, a->no_defaults);
    if (!kb)
        return EXIT_FATAL;
    const dyad_actor *found[64];
    size_t n = dyad__kb_find_name(kb, a->name, found, 64);

    /* Which entry the matcher takes for the name exactly as typed (case). */
    const dyad_actor *winner = NULL;
    dyad_arena arena;
    dyad__arena_init(&arena, 4096);
    dyad_tok *tok = NULL;
    uint32_t nt = dyad__tokenize(dyad__kb_lex(kb), a->name, 0, (uint32_t)strlen(a->name), &arena,
                                 &tok);
    const dyad_actor *m = NULL;
    if (nt && dyad__kb_match_actor(kb, tok, nt, 0, a->name, &m) == nt)
        winner = m;
    dyad__arena_free(&arena);

    char day[11];
    dyad_date_format(a->date, day);
    if (!n) {
        printf("no entry is named \"%s\"\n", a->name);
        dyad_kb_free(kb);
        return EXIT_BADINPUT;
    }
    printf("\"%s\": %zu entr%s%s\n", a->name, n, n == 1 ? "y" : "ies",
           n > 1 ? " (the one loaded last comes first and wins a tie)" : "");
    for (size_t i = 0; i < n; i++) {
        const dyad_actor *e = found[i];
        printf("  %-8s %-8s %s:%u  %s\n", dyad__actor_kind_name(e->kind),
               dyad__actor_code(e, a->date), e->file, e->line, e->name);
        printf("           codes: ");
        print_roles(e);
        printf("\n           on %s: %s%s\n", a->date ? day : "an unknown date",
               dyad__actor_code(e, a->date),
               e == winner ? "  (matches the name as typed)" : "");
    }
    if (!winner)
        printf("  (as typed, the name matches none of these: see \"Case\" in "
               "docs/dictionaries.md)\n");
    dyad_kb_free(kb);
    return EXIT_OK;
}

int cmd_dict(int argc, char **argv)
{
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
        !strcmp(argv[1], "help")) {
        fputs(usage, argc < 2 ? stderr : stdout);
        return argc < 2 ? EXIT_USAGE : EXIT_OK;
    }
    for (int i = 2; i < argc; i++)
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            const char *u = !strcmp(argv[1], "check")   ? usage_check
                            : !strcmp(argv[1], "stats") ? usage_stats
                            : !strcmp(argv[1], "find")  ? usage_find
                                                        : usage;
            fputs(u, stdout);
            return EXIT_OK;
        }
    dict_args a;
    memset(&a, 0, sizeof a);
    int rc;
    if (parse(argc, argv, 2, &a) != 0)
        rc = EXIT_USAGE;
    else if (!strcmp(argv[1], "check"))
        rc = a.name ? (cli_error("dict check takes no NAME"), EXIT_USAGE) : do_check(&a);
    else if (!strcmp(argv[1], "stats"))
        rc = a.name ? (cli_error("dict stats takes no NAME"), EXIT_USAGE) : do_stats(&a);
    else if (!strcmp(argv[1], "find"))
        rc = do_find(&a);
    else {
        cli_error("dict: unknown command '%s' (check, stats or find)", argv[1]);
        rc = EXIT_USAGE;
    }
    free(a.dicts);
    return rc;
}
