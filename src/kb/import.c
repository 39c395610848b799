/*
 * import.c -- reads the actor and agent dictionaries of TABARI and PETRARCH
 * (`.actors`, `.agents`, and PETRARCH's `*.actors.txt`, `*.agents.txt`),
 * so that people who maintain those can use them with --dict as they are.
 *
 * Each entry is rewritten as a line of dyad's own format and handed to the
 * same line parser as a dyad file (errors keep the file and the line of the
 * entry). What is read:
 *
 *   actors   NAME_ [CODE] [CODE DATES] ...    an entry; '_' joins words
 *            +OTHER_NAME                       another name of the entry (so
 *                                              is a name line right after
 *                                              one that has no code yet)
 *                [CODE DATES]                  more codes, on their own lines
 *            DATES: YYMMDD-YYMMDD, >YYMMDD (from), <YYMMDD (until), or with
 *            four-digit years; a two-digit year above 30 is 19YY, else 20YY.
 *            A single three-letter code without dates makes a `country`, a
 *            dated code a `person`, anything else an `org`.
 *   agents   NOUN_ {PLURAL} [~SECTOR]          an `agent`; without {...} the
 *            regular plural is added, with {} none
 *            !NAME! = A, B, C                  a macro: NOUN!NAME! or !NAME!
 *                                              stands for each of A, B, C
 *
 * `#` and `;` start comments outside brackets; an entry coded [###] (TABARI:
 * not an actor) is skipped; TABARI's <NOUN>...</NOUN> style sections (word
 * lists for its parser) are skipped. The dictionaries are written in
 * capitals; names become Title Case with particles (al, bin, de, of, ...) in
 * lower case, and agents lower case, so that dyad's case rules apply as to
 * any name (a one-word name of up to three letters, "US", stays in capitals).
 * An entry that cannot be read is skipped and kept as a finding of `dyad
 * dict check` (with its file and line); it never stops the load, since
 * these files were not written for dyad. Verb dictionaries (.verbs) are not
 * read: their patterns need a parse tree.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "kbi.h"

int kb_foreign_type(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strlen(base);
    static const struct {
        const char *suffix;
        int type;
    } s[] = {{".actors", KB_FOREIGN_ACTORS},
             {".actors.txt", KB_FOREIGN_ACTORS},
             {".agents", KB_FOREIGN_AGENTS},
             {".agents.txt", KB_FOREIGN_AGENTS}};
    for (size_t i = 0; i < sizeof s / sizeof s[0]; i++) {
        size_t m = strlen(s[i].suffix);
        if (n > m && !strcmp(base + n - m, s[i].suffix))
            return s[i].type;
    }
    return 0;
}

/* A growing string. */
typedef struct str {
    char *p;
    size_t n, cap;
    int oom;
} str;

static void put(str *s, const char *p, size_t n)
{
    if (n > ((size_t)-1) / 4)
        s->oom = 1; /* a negative length upstream; also tells gcc -O3 n is bounded */
    if (s->oom)
        return;
    if (s->n + n + 1 > s->cap) {
        size_t c = s->cap ? s->cap * 2 : 256;
        while (c < s->n + n + 1)
            c *= 2;
        char *q = realloc(s->p, c);
        if (!q) {
            s->oom = 1;
            return;
        }
        s->p = q;
        s->cap = c;
    }
    memcpy(s->p + s->n, p, n);
    s->n += n;
    s->p[s->n] = '\0';
}

static void puts_(str *s, const char *p) { put(s, p, strlen(p)); }

/* ----------------------------------------------------------------- names */

static int is_particle(const char *w, size_t n)
{
    static const char *const p[] = {"al", "el", "bin", "ibn", "bint", "of", "the", "and", "de",
                                    "du", "la", "le", "van", "von", "der", "da", "do", "dos",
                                    "das", "y", "e", "for", "on", "in", "at"};
    for (size_t i = 0; i < sizeof p / sizeof p[0]; i++)
        if (strlen(p[i]) == n && !strncasecmp(p[i], w, n))
            return 1;
    return 0;
}

/* Appends a dictionary name (CAPITALS_WITH_UNDERSCORES_) as a dyad name:
 * Title Case (title = 1) or lower case. */
static void put_name(str *out, const char *s, size_t n, int title)
{
    while (n && (s[n - 1] == '_' || s[n - 1] == ' '))
        n--;
    size_t i = 0;
    while (i < n && (s[i] == '_' || s[i] == ' '))
        i++;
    int single = 1;
    for (size_t k = i; k < n; k++)
        if (s[k] == '_' || s[k] == ' ')
            single = 0;
    if (title && single && n - i <= 3) { /* "US", "UN": capitals only */
        for (size_t k = i; k < n; k++)
            put(out, (const char[]){(char)toupper((unsigned char)s[k])}, 1);
        return;
    }
    int first_word = 1;
    while (i < n) {
        size_t j = i;
        while (j < n && s[j] != '_' && s[j] != ' ')
            j++;
        if (j > i) {
            if (!first_word)
                put(out, " ", 1);
            int cap = title && !(is_particle(s + i, j - i) && !first_word);
            for (size_t k = i; k < j; k++) {
                unsigned char c = (unsigned char)s[k];
                char o = (char)(c < 128 ? tolower(c) : c);
                /* Capital after the start and after - ' . inside a word. */
                if (cap && c < 128 && (k == i || s[k - 1] == '-' || s[k - 1] == '.'))
                    o = (char)toupper(c);
                if (o == '#') {
                    put(out, "\\#", 2);
                    continue;
                }
                if (o == '|' || o == ':')
                    o = ' ';
                put(out, &o, 1);
            }
            first_word = 0;
        }
        i = j + 1;
    }
}

/* ----------------------------------------------------------------- dates */

/* YYMMDD or YYYYMMDD as YYYY-MM-DD into out; 0 or -1. */
static int put_date(str *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return -1;
    char buf[16];
    if (n == 6) {
        int yy = (s[0] - '0') * 10 + (s[1] - '0');
        snprintf(buf, sizeof buf, "%d-%.2s-%.2s", yy > 30 ? 1900 + yy : 2000 + yy, s + 2, s + 4);
    } else if (n == 8) {
        snprintf(buf, sizeof buf, "%.4s-%.2s-%.2s", s, s + 4, s + 6);
    } else {
        return -1;
    }
    puts_(out, buf);
    return 0;
}

/* One bracket's content: CODE [DATES]. Appends " CODE[@RANGE]". Returns 0,
 * or -1 when it is not a code. */
static int put_role(str *out, const char *s, size_t n, int *dated)
{
    while (n && isspace((unsigned char)*s))
        s++, n--;
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    size_t c = 0;
    while (c < n && !isspace((unsigned char)s[c]))
        c++;
    if (!c)
        return -1;
    const char *d = s + c;
    size_t dn = n - c;
    while (dn && isspace((unsigned char)*d))
        d++, dn--;
    put(out, " ", 1);
    put(out, s[0] == '~' ? s + 1 : s, s[0] == '~' ? c - 1 : c);
    if (!dn)
        return 0;
    *dated = 1;
    put(out, "@", 1);
    if (d[0] == '>' || d[0] == '<') {
        int from = d[0] == '>';
        d++, dn--;
        while (dn && isspace((unsigned char)*d))
            d++, dn--;
        if (!from)
            puts_(out, "..");
        if (put_date(out, d, dn) != 0)
            return -1;
        if (from)
            puts_(out, "..");
        return 0;
    }
    const char *dash = memchr(d, '-', dn);
    if (!dash)
        return -1;
    if (dash > d && put_date(out, d, (size_t)(dash - d)) != 0)
        return -1;
    puts_(out, "..");
    if ((size_t)(dash + 1 - d) < dn && put_date(out, dash + 1, dn - (size_t)(dash + 1 - d)) != 0)
        return -1;
    return 0;
}

/* ---------------------------------------------------------------- actors */

typedef struct entry {
    str names;    /* " | "-separated, dyad form */
    str roles;    /* " CODE@RANGE ..." */
    int nroles, dated, plain3;
    int skip;     /* [###]: TABARI's "not an actor" */
    uint32_t line;
    uint64_t offset;
} entry;

static int flush(dyad_kb *kb, uint32_t file, entry *e, str *line, dyad_err *err)
{
    if (!e->names.n || (e->skip && !e->nroles)) {
        e->names.n = e->roles.n = 0;
        e->nroles = e->dated = e->plain3 = e->skip = 0;
        return 0;
    }
    line->n = 0;
    const char *kind = e->nroles == 1 && e->plain3 && !e->dated ? "country"
                       : e->dated                                ? "person"
                                                                 : "org";
    puts_(line, kind);
    if (e->roles.n)
        put(line, e->roles.p, e->roles.n);
    puts_(line, " : ");
    put(line, e->names.p, e->names.n);
    int r = 0;
    if (line->oom || e->names.oom || e->roles.oom) {
        dyad__err_set(err, DYAD_ENOMEM, kb_file_name(kb, file), e->line, e->offset, NULL);
        r = -1;
    } else if (!e->nroles) {
        kb_line ln = {.file = file, .line = e->line, .offset = e->offset};
        r = kb_line_error(kb, &ln, err, "actor entry without a [CODE]");
    } else {
        r = kb_parse_line(kb, file, e->line, e->offset, line->p, line->n, err);
    }
    e->names.n = e->roles.n = 0;
    e->nroles = e->dated = e->plain3 = e->skip = 0;
    return r;
}

/* The brackets of s: appends each as a role. */
static int put_brackets(dyad_kb *kb, uint32_t file, uint32_t lineno, uint64_t off, entry *e,
                        const char *s, const char *end, dyad_err *err)
{
    while ((s = memchr(s, '[', (size_t)(end - s)))) {
        const char *close = memchr(s, ']', (size_t)(end - s));
        if (!close) {
            kb_line ln = {.file = file, .line = lineno, .offset = off};
            return kb_line_error(kb, &ln, err, "'[' without ']'");
        }
        size_t before = e->roles.n;
        const char *in = s + 1;
        while (in < close && isspace((unsigned char)*in))
            in++;
        if (close - in >= 3 && !memcmp(in, "###", 3)) {
            e->skip = 1; /* TABARI: not an actor */
            s = close + 1;
            continue;
        }
        if (put_role(&e->roles, s + 1, (size_t)(close - s - 1), &e->dated) != 0) {
            kb_line ln = {.file = file, .line = lineno, .offset = off};
            e->roles.n = before;
            int r = kb_line_error(kb, &ln, err, "'%.*s' is not [CODE] or [CODE DATES]",
                                  (int)(close - s + 1 > 40 ? 40 : close - s + 1), s);
            if (r)
                return r;
        } else {
            e->nroles++;
            e->plain3 = e->roles.n - before == 4; /* " ABC" */
        }
        s = close + 1;
    }
    return 0;
}

/* --------------------------------------------------------------- agents */

typedef struct macro {
    char name[64];
    str alts; /* NUL-separated alternatives */
    int nalts;
} macro;

static void plural(str *out, const char *w, size_t n)
{
    put(out, w, n);
    if (!n)
        return;
    char last = w[n - 1], prev = n > 1 ? w[n - 2] : 0;
    if (last == 's' || last == 'x' || last == 'z' || (last == 'h' && (prev == 's' || prev == 'c')))
        puts_(out, "es");
    else if (last == 'y' && prev && !strchr("aeiou", prev)) {
        out->n--;
        puts_(out, "ies");
    } else
        puts_(out, "s");
}

/* Expands the macros of a noun (as written) into every variant, appending
 * each, lower-cased, to `names` (" | " between), and its plural unless
 * `noplural`. A noun with macros nested deeper than MACRO_DEPTH (a macro
 * whose alternatives name itself: "!PERSON! = FISHER!PERSON!"), or whose
 * names pass NAMES_MAX bytes, gives nothing more. */
#define MACRO_DEPTH 4
#define NAMES_MAX (1u << 20)
static void agent_names(str *names, const char *s, size_t n, const macro *m, size_t nm,
                        int noplural, const char *explicit_plural, size_t epn, int depth)
{
    const char *bang = memchr(s, '!', n);
    const char *bang2 = bang ? memchr(bang + 1, '!', (size_t)(s + n - bang - 1)) : NULL;
    if (names->n > NAMES_MAX)
        return;
    if (bang && bang2) {
        if (depth >= MACRO_DEPTH)
            return;
        size_t ln = (size_t)(bang2 - bang - 1);
        for (size_t k = 0; k < nm; k++)
            if (strlen(m[k].name) == ln && !strncmp(m[k].name, bang + 1, ln)) {
                const char *a = m[k].alts.p;
                for (int j = 0; j < m[k].nalts; j++, a += strlen(a) + 1) {
                    str v = {0};
                    put(&v, s, (size_t)(bang - s));
                    puts_(&v, a);
                    put(&v, bang2 + 1, (size_t)(s + n - bang2 - 1));
                    if (!v.oom)
                        agent_names(names, v.p, v.n, m, nm, 1, NULL, 0, depth + 1);
                    free(v.p);
                }
                return;
            }
        return; /* unknown macro: nothing */
    }
    str one = {0};
    put_name(&one, s, n, 0);
    if (!one.n || one.oom) {
        free(one.p);
        return;
    }
    if (names->n)
        puts_(names, " | ");
    put(names, one.p, one.n);
    if (explicit_plural && epn) {
        puts_(names, " | ");
        put_name(names, explicit_plural, epn, 0);
    } else if (!noplural) {
        puts_(names, " | ");
        plural(names, one.p, one.n);
    }
    free(one.p);
}

/* ------------------------------------------------------------------ read */

int kb_load_foreign(dyad_kb *kb, uint32_t file, int type, const char *p, size_t n, dyad_err *err)
{
    entry e;
    memset(&e, 0, sizeof e);
    str line = {0}, names = {0};
    macro *mac = NULL;
    size_t nmac = 0;
    char section[32] = "";
    const char *s = p, *end = p + n;
    uint32_t lineno = 0;
    int r = 0;
    /* These files were not written for dyad: an entry dyad cannot read is
     * skipped and kept as a finding for `dict check`, never fatal. */
    int lenient = kb->lenient;
    kb->lenient = 1;
    while (s < end && r == 0) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        const char *le = nl ? nl : end;
        uint64_t off = (uint64_t)(s - p);
        lineno++;
        /* A comment starts at '#' or ';' outside brackets ("[###]" is
         * TABARI's code for "not an actor"). */
        const char *e2 = s;
        for (int depth = 0; e2 < le; e2++) {
            if (*e2 == '[')
                depth++;
            else if (*e2 == ']' && depth)
                depth--;
            else if (!depth && (*e2 == '#' || *e2 == ';'))
                break;
        }
        while (e2 > s && isspace((unsigned char)e2[-1]))
            e2--;
        const char *b = s;
        while (b < e2 && isspace((unsigned char)*b))
            b++;
        int indented = b > s;
        const char *next = le + 1;
        if (b == e2)
            goto next_line;
        if (*b == '<') { /* <NOUN> ... </NOUN> */
            const char *gt = memchr(b, '>', (size_t)(e2 - b));
            size_t ln = gt ? (size_t)(gt - b - 1) : 0;
            if (b[1] == '/')
                section[0] = '\0';
            else if (ln < sizeof section)
                snprintf(section, sizeof section, "%.*s", (int)ln, b + 1);
            goto next_line;
        }
        if (section[0])
            goto next_line;
        if (type == KB_FOREIGN_ACTORS) {
            if (*b == '+') {
                if (!e.names.n) {
                    kb_line ln = {.file = file, .line = lineno, .offset = off};
                    r = kb_line_error(kb, &ln, err, "'+' name before any entry");
                    goto next_line;
                }
                const char *br = memchr(b, '[', (size_t)(e2 - b));
                puts_(&e.names, " | ");
                put_name(&e.names, b + 1, (size_t)((br ? br : e2) - b - 1), 1);
                if (br)
                    r = put_brackets(kb, file, lineno, off, &e, br, e2, err);
            } else if (*b == '[' && (indented || e.names.n)) {
                r = put_brackets(kb, file, lineno, off, &e, b, e2, err);
            } else {
                /* Name lines in a row before any code are names of one
                 * entry (PETRARCH). */
                const char *br = memchr(b, '[', (size_t)(e2 - b));
                if (e.names.n && !e.nroles && !e.skip) {
                    puts_(&e.names, " | ");
                } else {
                    r = flush(kb, file, &e, &line, err);
                    if (r)
                        break;
                    e.line = lineno;
                    e.offset = off;
                }
                put_name(&e.names, b, (size_t)((br ? br : e2) - b), 1);
                if (br)
                    r = put_brackets(kb, file, lineno, off, &e, br, e2, err);
            }
        } else {
            const char *eq = memchr(b, '=', (size_t)(e2 - b));
            if (*b == '!' && eq) { /* !NAME! = A, B */
                const char *bang2 = memchr(b + 1, '!', (size_t)(eq - b - 1));
                macro *m = realloc(mac, (nmac + 1) * sizeof *mac);
                if (!bang2 || !m) {
                    if (m)
                        mac = m;
                    kb_line ln = {.file = file, .line = lineno, .offset = off};
                    r = m ? kb_line_error(kb, &ln, err, "a macro is written !NAME! = A, B")
                          : (dyad__err_set(err, DYAD_ENOMEM, kb_file_name(kb, file), lineno, off,
                                           NULL),
                             -1);
                    goto next_line;
                }
                mac = m;
                memset(&mac[nmac], 0, sizeof mac[nmac]);
                snprintf(mac[nmac].name, sizeof mac[nmac].name, "%.*s", (int)(bang2 - b - 1),
                         b + 1);
                const char *a = eq + 1;
                while (a < e2) {
                    const char *comma = memchr(a, ',', (size_t)(e2 - a));
                    const char *ae = comma ? comma : e2;
                    while (a < ae && isspace((unsigned char)*a))
                        a++;
                    const char *t = ae;
                    while (t > a && isspace((unsigned char)t[-1]))
                        t--;
                    if (t > a) {
                        put(&mac[nmac].alts, a, (size_t)(t - a));
                        put(&mac[nmac].alts, "", 1);
                        mac[nmac].nalts++;
                    }
                    a = ae + 1;
                }
                nmac++;
                goto next_line;
            }
            const char *br = memchr(b, '[', (size_t)(e2 - b));
            const char *close = br ? memchr(br, ']', (size_t)(e2 - br)) : NULL;
            if (!br || !close) {
                kb_line ln = {.file = file, .line = lineno, .offset = off};
                r = kb_line_error(kb, &ln, err, "an agent is written NOUN [~SECTOR]");
                goto next_line;
            }
            const char *ob = memchr(b, '{', (size_t)(br - b));
            const char *cb = ob ? memchr(ob, '}', (size_t)(br - ob)) : NULL;
            const char *ne = ob ? ob : br;
            names.n = 0;
            agent_names(&names, b, (size_t)(ne - b), mac, nmac, cb != NULL,
                        cb ? ob + 1 : NULL, cb ? (size_t)(cb - ob - 1) : 0, 0);
            line.n = 0;
            puts_(&line, "agent");
            int dated = 0;
            if (put_role(&line, br + 1, (size_t)(close - br - 1), &dated) != 0 || dated) {
                kb_line ln = {.file = file, .line = lineno, .offset = off};
                r = kb_line_error(kb, &ln, err, "'%.*s' is not [~SECTOR]",
                                  (int)(close - br + 1 > 40 ? 40 : close - br + 1), br);
                goto next_line;
            }
            puts_(&line, " : ");
            if (names.n) {
                put(&line, names.p, names.n);
                if (line.oom || names.oom) {
                    dyad__err_set(err, DYAD_ENOMEM, kb_file_name(kb, file), lineno, off, NULL);
                    r = -1;
                } else {
                    r = kb_parse_line(kb, file, lineno, off, line.p, line.n, err);
                }
            }
        }
    next_line:
        s = next;
    }
    if (r == 0 && type == KB_FOREIGN_ACTORS)
        r = flush(kb, file, &e, &line, err);
    kb->lenient = lenient;
    for (size_t i = 0; i < nmac; i++)
        free(mac[i].alts.p);
    free(mac);
    free(e.names.p);
    free(e.roles.p);
    free(line.p);
    free(names.p);
    return r;
}
