/*
 * gen-lexicon.c -- build-time generator of build/gen/lexicon.txt, the
 * lexicon and tag model that dyad embeds (loaded by src/lex/load.c).
 *
 * Reads Debian data only:
 *   LINGUA=dir   liblingua-en-tagger-perl: words.yml (word -> tag counts,
 *                case-sensitive, news-trained), tags.yml (P(next tag | tag)),
 *                unknown.yml (tag counts of unknown-word shape classes)
 *   WORDNET=dir  wordnet-base: index.{noun,verb,adj,adv} (base forms) and
 *                {noun,verb,adj}.exc (irregular forms)
 * Other NAME=value arguments (ISOCODES, DATA) are accepted and ignored.
 * Writes one text file (argv[1]); never reads the network or anything else.
 *
 * Output format ("dyad-lexicon 1"; docs/lexicon.md says the same). One
 * record a line, fields separated by one TAB, '#' lines are comments.
 * Tag names are Penn Treebank names ("NN", "PRP$", ",", ".", ":", "``",
 * "''", "(", ")", "$"); a tag list is "TAG:COUNT,TAG:COUNT" most frequent
 * first (COUNT a positive integer), possibly empty.
 *
 *   dyad-lexicon  1
 *   tag    TAG  COUNT            tokens with that tag in the training data
 *                                (the denominators of the emission model)
 *   trans  PREV TAG:P,TAG:P...   P(tag | previous tag), P a decimal; PREV "."
 *                                is also the start of a sentence
 *   unk    CLASS TAGLIST         tag counts of an unknown-word class: num,
 *                                ord, abbr, hyp, hypadj, cap, sym, ing, s,
 *                                tion, ly, ed, unknown (Lingua's classes)
 *   sfx    SUFFIX TAGLIST        tag counts of rare lower-case words ending
 *                                in SUFFIX (1-5 bytes), for unknown words
 *   w      FORM LOWER CAP NOUN VERB ADJ FLAGS
 *          FORM   the word, lower-cased (ASCII letters only are folded;
 *                 the data is ASCII)
 *          LOWER  tag list of the word written in lower case
 *          CAP    tag list of the word written with capitals (The, NATO)
 *          NOUN VERB ADJ   lemma of the word in that class when it differs
 *                 from the word itself (went -> go), given as the number of
 *                 the lemma's w line (1 = the first w line); empty otherwise
 *          FLAGS  letters: f closed-class (function) word, a abbreviation
 *                 written with its final period, t title abbreviation (a
 *                 name follows: Mr. Gen.), d abbreviation only before a
 *                 number (No. 5), n v j r WordNet base form of a noun,
 *                 verb, adjective, adverb, s subordinating conjunction
 *
 * Word lines come in this order: words with tag statistics first (most
 * frequent first), then the rest in byte order. Lemmas are WordNet's morphy:
 * exception lists first, then the detachment rules, a result counting only
 * when it is a base form of that class (in WordNet, or tagged as one in the
 * training data).
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ tags */

/* Lingua's tag names and the Penn names dyad uses, in one table. */
static const char *const LINGUA[] = {"cc",  "cd",  "det", "ex",  "fw",  "in",  "jj",  "jjr", "jjs",
                                     "ls",  "md",  "nn",  "nns", "nnp", "nnps", "pdt", "pos", "prp",
                                     "prps", "rb", "rbr", "rbs", "rp",  "sym", "to",  "uh",  "vb",
                                     "vbd", "vbg", "vbn", "vbp", "vbz", "wdt", "wp",  "wps", "wrb",
                                     "ppc", "pp",  "pps", "ppl", "ppr", "lrb", "rrb", "ppd"};
static const char *const PENN[] = {"CC",  "CD",  "DT",  "EX",   "FW",  "IN",  "JJ",  "JJR", "JJS",
                                   "LS",  "MD",  "NN",  "NNS",  "NNP", "NNPS", "PDT", "POS", "PRP",
                                   "PRP$", "RB", "RBR", "RBS",  "RP",  "SYM", "TO",  "UH",  "VB",
                                   "VBD", "VBG", "VBN", "VBP",  "VBZ", "WDT", "WP",  "WP$", "WRB",
                                   ",",   ".",   ":",   "``",   "''",  "(",   ")",   "$"};
#define NTAG ((int)(sizeof LINGUA / sizeof LINGUA[0]))
enum { T_CC, T_CD, T_DT, T_EX, T_FW, T_IN, T_JJ, T_JJR, T_JJS, T_LS, T_MD, T_NN, T_NNS,
       T_NNP, T_NNPS, T_PDT, T_POS, T_PRP, T_PRPS, T_RB, T_RBR, T_RBS, T_RP, T_SYM, T_TO,
       T_UH, T_VB, T_VBD, T_VBG, T_VBN, T_VBP, T_VBZ, T_WDT, T_WP, T_WPS, T_WRB };

static int tag_of(const char *s, size_t n)
{
    for (int i = 0; i < NTAG; i++)
        if (strlen(LINGUA[i]) == n && memcmp(LINGUA[i], s, n) == 0)
            return i;
    return -1;
}

static int is_closed(int t)
{
    switch (t) {
    case T_CC: case T_DT: case T_EX: case T_IN: case T_MD: case T_PDT: case T_POS: case T_PRP:
    case T_PRPS: case T_TO: case T_WDT: case T_WP: case T_WPS: case T_WRB: case T_RP:
        return 1;
    default:
        return 0;
    }
}

/* ------------------------------------------------------------ errors */

static const char *g_out;

static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "gen-lexicon: ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n");
    va_end(ap);
    if (g_out)
        remove(g_out);
    exit(1);
}

static void *xcalloc(size_t n, size_t sz)
{
    void *p = calloc(n ? n : 1, sz);
    if (!p)
        die("out of memory");
    return p;
}

static char *xstrdup(const char *s)
{
    char *p = strdup(s);
    if (!p)
        die("out of memory");
    return p;
}

/* ------------------------------------------------------------ word table */

enum { F_FUNC = 1, F_ABBR = 2, F_TITLE = 4, F_NUMABBR = 8, F_WN_N = 16, F_WN_V = 32,
       F_WN_J = 64, F_WN_R = 128, F_SUBORD = 256 };

typedef struct word {
    char *form;          /* folded */
    unsigned lower[NTAG]; /* counts as written in lower case */
    unsigned cap[NTAG];   /* counts as written with capitals */
    unsigned total;      /* all counts */
    const char *exc[3];  /* irregular base form by class (first listed), or NULL */
    char *lemma[3];      /* chosen lemma by class, NULL = itself */
    unsigned flags;
    int has_stats;
    int keep;            /* written out (WordNet-only words are filtered) */
    size_t line;         /* number of its w line (1-based), 0 = not written */
} word;

static word **g_slot;
static size_t g_cap, g_n;
static word **g_list; /* insertion order */
static size_t g_listcap;

static unsigned long hash_str(const char *s)
{
    unsigned long h = 1469598103934665603UL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211UL;
    return h;
}

static word *find(const char *form)
{
    if (!g_cap)
        return NULL;
    for (size_t i = hash_str(form) & (g_cap - 1);; i = (i + 1) & (g_cap - 1)) {
        if (!g_slot[i])
            return NULL;
        if (strcmp(g_slot[i]->form, form) == 0)
            return g_slot[i];
    }
}

static word *get(const char *form)
{
    word *w = find(form);
    if (w)
        return w;
    if ((g_n + 1) * 2 > g_cap) {
        size_t nc = g_cap ? g_cap * 2 : 1 << 16;
        word **ns = xcalloc(nc, sizeof *ns);
        for (size_t k = 0; k < g_n; k++) {
            size_t i = hash_str(g_list[k]->form) & (nc - 1);
            while (ns[i])
                i = (i + 1) & (nc - 1);
            ns[i] = g_list[k];
        }
        free(g_slot);
        g_slot = ns;
        g_cap = nc;
    }
    if (g_n == g_listcap) {
        g_listcap = g_listcap ? g_listcap * 2 : 1 << 15;
        g_list = realloc(g_list, g_listcap * sizeof *g_list);
        if (!g_list)
            die("out of memory");
    }
    w = xcalloc(1, sizeof *w);
    w->form = xstrdup(form);
    size_t i = hash_str(form) & (g_cap - 1);
    while (g_slot[i])
        i = (i + 1) & (g_cap - 1);
    g_slot[i] = w;
    g_list[g_n++] = w;
    return w;
}

static void fold(char *s)
{
    for (; *s; s++)
        *s = (char)tolower((unsigned char)*s);
}

static int has_upper(const char *s)
{
    for (; *s; s++)
        if (*s >= 'A' && *s <= 'Z')
            return 1;
    return 0;
}

/* ------------------------------------------------------------ reading */

static FILE *open_in(const char *dir, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "r");
    if (!f)
        die("%s: %s", path, strerror(errno));
    return f;
}

/* Parses a Lingua YAML line `key: { a: 1, b: 2 }` (key optionally quoted).
 * Returns 0 on a non-record line. */
static int parse_yaml(char *line, char **key, char **body)
{
    char *p = line;
    if (*p == '"') {
        char *q = strchr(p + 1, '"');
        if (!q || q[1] != ':')
            return 0;
        *q = 0;
        *key = p + 1;
        p = q + 2;
    } else {
        char *q = strstr(p, ": {");
        if (!q)
            return 0;
        *q = 0;
        *key = p;
        p = q + 1;
    }
    while (*p == ' ')
        p++;
    if (*p != '{')
        return 0;
    char *e = strrchr(p, '}');
    if (!e)
        return 0;
    *e = 0;
    *body = p + 1;
    return 1;
}

/* Calls fn(tag, value) for each "tag: value" pair of a YAML map body. */
static void each_pair(char *body, void (*fn)(void *, int, const char *), void *ud, const char *where)
{
    char *save = NULL;
    for (char *tok = strtok_r(body, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        while (*tok == ' ')
            tok++;
        char *colon = strchr(tok, ':');
        if (!colon)
            die("%s: bad pair '%s'", where, tok);
        size_t n = (size_t)(colon - tok);
        int t = tag_of(tok, n);
        if (t < 0)
            die("%s: unknown tag '%.*s'", where, (int)n, tok);
        fn(ud, t, colon + 1);
    }
}

static unsigned g_tagtotal[NTAG];

typedef struct countctx {
    unsigned *dst;
    unsigned sum;
} countctx;

static void add_count(void *ud, int t, const char *v)
{
    countctx *c = ud;
    unsigned n = (unsigned)strtoul(v, NULL, 10);
    c->dst[t] += n;
    c->sum += n;
}

/* Unknown-word classes: Lingua's unknown.yml plus the *NUM* / *ORD* rows of
 * words.yml. */
typedef struct uclass {
    char name[16];
    unsigned c[NTAG];
} uclass;
static uclass g_unk[32];
static int g_nunk;

static uclass *unk_class(const char *name)
{
    for (int i = 0; i < g_nunk; i++)
        if (strcmp(g_unk[i].name, name) == 0)
            return &g_unk[i];
    if (g_nunk == 32)
        die("too many unknown-word classes");
    uclass *u = &g_unk[g_nunk++];
    snprintf(u->name, sizeof u->name, "%s", name);
    return u;
}

static void read_words(const char *dir)
{
    FILE *f = open_in(dir, "words.yml");
    char line[4096];
    unsigned long ln = 0;
    while (fgets(line, sizeof line, f)) {
        ln++;
        char *key, *body;
        if (!parse_yaml(line, &key, &body))
            continue;
        char where[64];
        snprintf(where, sizeof where, "words.yml:%lu", ln);
        unsigned c[NTAG] = {0};
        countctx cc = {c, 0};
        each_pair(body, add_count, &cc, where);
        for (int t = 0; t < NTAG; t++)
            g_tagtotal[t] += c[t];
        if (key[0] == '*' && strlen(key) > 2 && key[strlen(key) - 1] == '*') {
            /* *NUM* *ORD* *LRB* ...: class rows, not words */
            if (strcmp(key, "*NUM*") == 0 || strcmp(key, "*ORD*") == 0) {
                char nm[16];
                snprintf(nm, sizeof nm, "%s", strcmp(key, "*NUM*") == 0 ? "num" : "ord");
                uclass *u = unk_class(nm);
                for (int t = 0; t < NTAG; t++)
                    u->c[t] += c[t];
            }
            continue;
        }
        int cap = has_upper(key);
        char form[256];
        snprintf(form, sizeof form, "%s", key);
        fold(form);
        word *w = get(form);
        for (int t = 0; t < NTAG; t++) {
            if (cap)
                w->cap[t] += c[t];
            else
                w->lower[t] += c[t];
            w->total += c[t];
        }
        w->has_stats = 1;
        w->keep = 1;
    }
    fclose(f);
}

static void read_unknown(const char *dir)
{
    FILE *f = open_in(dir, "unknown.yml");
    char line[1024];
    unsigned long ln = 0;
    while (fgets(line, sizeof line, f)) {
        ln++;
        char *key, *body;
        if (!parse_yaml(line, &key, &body))
            continue;
        char where[64];
        snprintf(where, sizeof where, "unknown.yml:%lu", ln);
        /* -cap- -> cap, -hyp-adj- -> hypadj */
        char nm[16];
        size_t k = 0;
        for (const char *p = key; *p && k + 1 < sizeof nm; p++)
            if (*p != '-')
                nm[k++] = *p;
        nm[k] = 0;
        if (strcmp(nm, "abr") == 0)
            snprintf(nm, sizeof nm, "abbr");
        uclass *u = unk_class(nm);
        countctx cc = {u->c, 0};
        each_pair(body, add_count, &cc, where);
    }
    fclose(f);
}

static double g_trans[NTAG][NTAG];

typedef struct transctx {
    double *row;
} transctx;

static void add_trans(void *ud, int t, const char *v)
{
    transctx *c = ud;
    c->row[t] = strtod(v, NULL);
}

static void read_tags(const char *dir)
{
    FILE *f = open_in(dir, "tags.yml");
    char line[8192];
    unsigned long ln = 0;
    int rows = 0;
    while (fgets(line, sizeof line, f)) {
        ln++;
        char *key, *body;
        if (!parse_yaml(line, &key, &body))
            continue;
        char where[64];
        snprintf(where, sizeof where, "tags.yml:%lu", ln);
        int p = tag_of(key, strlen(key));
        if (p < 0)
            die("%s: unknown tag '%s'", where, key);
        transctx tc = {g_trans[p]};
        each_pair(body, add_trans, &tc, where);
        rows++;
    }
    fclose(f);
    if (rows < 40)
        die("tags.yml: only %d rows", rows);
}

/* WordNet base forms: index.* first column (multi-word entries skipped).
 * Every base form counts when lemmas are computed here; the lexicon keeps
 * (besides the words with statistics) all verbs and the nouns, adjectives
 * and adverbs that WordNet's tagged corpus attests or that have two senses
 * or more: the rest (aardwolf, abacinate) costs load time and memory and
 * rarely occurs in news. Line: lemma pos synset_cnt p_cnt ptr_symbol...
 * sense_cnt tagsense_cnt synset_offset... */
static void read_index(const char *dir, const char *name, unsigned flag)
{
    FILE *f = open_in(dir, name);
    static char line[1 << 17];
    while (fgets(line, sizeof line, f)) {
        if (line[0] == ' ' || line[0] == '\n')
            continue; /* licence header */
        char *fld[64];
        int nf = 0;
        char *save = NULL;
        for (char *t = strtok_r(line, " \n", &save); t && nf < 64; t = strtok_r(NULL, " \n", &save))
            fld[nf++] = t;
        if (nf < 6 || strchr(fld[0], '_'))
            continue;
        long synsets = strtol(fld[2], NULL, 10), pcnt = strtol(fld[3], NULL, 10);
        long tagsense = 5 + pcnt < nf ? strtol(fld[5 + pcnt], NULL, 10) : 0;
        fold(fld[0]);
        word *w = get(fld[0]);
        w->flags |= flag;
        if (flag == F_WN_V || synsets >= 2 || tagsense > 0)
            w->keep = 1;
    }
    fclose(f);
}

/* WordNet exceptions: "inflected base [base...]"; the first base wins. */
static void read_exc(const char *dir, const char *name, int lc)
{
    FILE *f = open_in(dir, name);
    char line[1024];
    while (fgets(line, sizeof line, f)) {
        char *save = NULL;
        char *form = strtok_r(line, " \n", &save);
        char *base = strtok_r(NULL, " \n", &save);
        if (!form || !base || strchr(form, '_') || strchr(base, '_'))
            continue;
        fold(form);
        fold(base);
        if (strcmp(form, base) == 0)
            continue;
        word *w = get(form);
        w->keep = 1;
        if (!w->exc[lc])
            w->exc[lc] = xstrdup(base);
    }
    fclose(f);
}

/* ------------------------------------------------------------ lemmas */

enum { LC_N, LC_V, LC_J };

/* Is `s` a base form of class lc? */
static int is_base(const char *s, int lc)
{
    word *w = find(s);
    if (!w)
        return 0;
    switch (lc) {
    case LC_N:
        return (w->flags & F_WN_N) || w->lower[T_NN] > 0;
    case LC_V:
        return (w->flags & F_WN_V) || w->lower[T_VB] > 0 || w->lower[T_VBP] > 0;
    default:
        return (w->flags & F_WN_J) || w->lower[T_JJ] > 0;
    }
}

/* WordNet's detachment rules (morphy), suffix -> ending. */
static const char *const RULES_N[][2] = {{"s", ""},    {"ses", "s"},  {"xes", "x"}, {"zes", "z"},
                                         {"ches", "ch"}, {"shes", "sh"}, {"men", "man"},
                                         {"ies", "y"}, {NULL, NULL}};
static const char *const RULES_V[][2] = {{"s", ""},   {"ies", "y"}, {"es", "e"}, {"es", ""},
                                         {"ed", "e"}, {"ed", ""},   {"ing", "e"}, {"ing", ""},
                                         {NULL, NULL}};
static const char *const RULES_J[][2] = {{"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"},
                                         {NULL, NULL}};

/* Lemma of form in class lc, or NULL when it is the form itself / none. */
static char *morphy(const word *w, int lc)
{
    if (w->exc[lc] && is_base(w->exc[lc], lc))
        return xstrdup(w->exc[lc]);
    if (w->exc[lc])
        return xstrdup(w->exc[lc]); /* WordNet says so even if the base is missing */
    const char *const(*rules)[2] = lc == LC_N ? RULES_N : lc == LC_V ? RULES_V : RULES_J;
    size_t n = strlen(w->form);
    char buf[300];
    for (int i = 0; rules[i][0]; i++) {
        size_t sl = strlen(rules[i][0]);
        if (n <= sl + 1 || strcmp(w->form + n - sl, rules[i][0]) != 0)
            continue;
        if (lc == LC_N && sl == 1 && n >= 2 && w->form[n - 2] == 's')
            continue; /* -ss is not a plural (glass) */
        snprintf(buf, sizeof buf, "%.*s%s", (int)(n - sl), w->form, rules[i][1]);
        if (strcmp(buf, w->form) != 0 && is_base(buf, lc))
            return xstrdup(buf);
        /* doubled consonant: stopped -> stop, bigger -> big */
        if ((lc == LC_V || lc == LC_J) && rules[i][1][0] == 0 && n - sl >= 3 &&
            buf[n - sl - 1] == buf[n - sl - 2] && strchr("bdgklmnprtz", buf[n - sl - 1])) {
            buf[n - sl - 1] = 0;
            if (is_base(buf, lc))
                return xstrdup(buf);
        }
    }
    return NULL;
}

/* Letters, then letters, hyphens, apostrophes and periods. */
static int is_wordy(const char *s)
{
    if (!isalpha((unsigned char)*s))
        return 0;
    for (; *s; s++)
        if (!isalpha((unsigned char)*s) && !strchr("-'.", *s))
            return 0;
    return 1;
}

/* ------------------------------------------------------------ flags */

/* Abbreviations written with a final period. Titles take a name after them;
 * number abbreviations only count before a digit. */
static const char *const ABBR_TITLE[] = {
    "mr", "mrs", "ms", "messrs", "mssrs", "dr", "prof", "rev", "hon", "sr", "jr", "st", "mt", "ft",
    "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cpl", "pvt", "adm", "brig", "cmdr", "cdr",
    "gov", "sen", "sens", "rep", "reps", "pres", "amb", "supt", "insp", "det", "atty", "attys",
    "gens", "lieut", "cmdt", "fr", "sra", "mme", "mlle", "dist", NULL};
static const char *const ABBR_NUM[] = {"no", "nos", "fig", "figs", "vol", "vols", "art", "arts",
                                       "pp", "ch", "sec", "para", "ex", NULL};
static const char *const ABBR_OTHER[] = {
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "inc", "corp", "co", "cos", "ltd", "bros", "mfg", "assn", "dept", "univ", "bhd", "cie",
    "vs", "etc", "esp", "approx", "est", "al", "cf", "ca", "av", "ave", "blvd", "rd", "hwy",
    "ala", "ariz", "ark", "calif", "colo", "conn", "fla", "ga", "kan", "kans", "ky", "md",
    "mich", "minn", "mo", "mont", "neb", "nebr", "nev", "okla", "penn", "tenn", "tex", "va",
    "vt", "wis", "wisc", "wyo", "dak", "mass", "ill", "del", "ind", "ore", "pa", "wash", "govt",
    "intl", "natl", "mln", "bln", "dlrs", "pct", "yr", "yrs", "ft", "sq", "km", "mins", NULL};

/* Closed-class words that the tag counts may not mark as such. */
static const char *const FUNC_EXTRA[] = {
    "be", "am", "is", "are", "was", "were", "been", "being", "have", "has", "had", "having", "do",
    "does", "did", "done", "doing", "not", "n't", "'s", "'re", "'ve", "'ll", "'d", "'m", "said",
    "says", "say", "also", "very", "so", "than", "then", "there", "here", "when", "where", "how",
    "why", "what", "who", "which", "would", "could", "should", "will", "shall", "may", "might",
    "must", "can", "about", "after", "all", "any", "because", "before", "both", "but", "each",
    "even", "just", "more", "most", "much", "no", "now", "only", "other", "some", "such", "them",
    "they", "this", "these", "those", "through", "too", "up", "us", "we", "you", "your", "our",
    "their", "his", "her", "its", "him", "she", "he", "it", "i", "me", "my", "of", "the", "a",
    "an", "and", "or", "in", "on", "at", "to", "for", "from", "by", "with", "as", "that", "if",
    "into", "while", "over", "under", "against", "between", "during", "without", "within",
    "according", "told", NULL};

/* Subordinating conjunctions: IN that opens a clause, not a phrase. */
static const char *const SUBORD[] = {"that", "whether", "if", "because", "although", "though",
                                     "unless", "whereas", "while", "whilst", NULL};

static void mark_list(const char *const *list, unsigned flags, int add_period)
{
    char buf[64];
    for (int i = 0; list[i]; i++) {
        snprintf(buf, sizeof buf, "%s%s", list[i], add_period ? "." : "");
        word *w = get(buf);
        w->flags |= flags;
        w->keep = 1;
    }
}

static int is_letter_dots(const char *s)
{
    /* x. or x.y. or x.y.z. (letters) */
    size_t n = strlen(s);
    if (n < 2 || n % 2)
        return 0;
    for (size_t i = 0; i < n; i += 2)
        if (!isalpha((unsigned char)s[i]) || s[i + 1] != '.')
            return 0;
    return 1;
}

/* ------------------------------------------------------------ suffixes */

typedef struct sfx {
    char s[8];
    unsigned types;
    unsigned c[NTAG];
} sfx;
static sfx *g_sfx;
static size_t g_nsfx, g_sfxcap;
static sfx **g_sfxh; /* open addressing over g_sfx */
#define SFXH_CAP ((size_t)1 << 17)

static sfx *sfx_get(const char *s)
{
    size_t i = hash_str(s) & (SFXH_CAP - 1);
    while (g_sfxh[i] && strcmp(g_sfxh[i]->s, s) != 0)
        i = (i + 1) & (SFXH_CAP - 1);
    return g_sfxh[i];
}

/* Rare lower-case words behave like unknown words: their suffixes predict
 * the tags of words the training data never saw. */
static void build_suffixes(void)
{
    size_t hcap = SFXH_CAP;
    sfx **h = g_sfxh = xcalloc(hcap, sizeof *h);
    g_sfxcap = 1 << 16;
    g_sfx = xcalloc(g_sfxcap, sizeof *g_sfx);
    for (size_t k = 0; k < g_n; k++) {
        word *w = g_list[k];
        unsigned low = 0;
        for (int t = 0; t < NTAG; t++)
            low += w->lower[t];
        if (!w->has_stats || low == 0 || low > 3)
            continue;
        size_t n = strlen(w->form);
        if (n < 4 || !isalpha((unsigned char)w->form[0]))
            continue;
        for (size_t L = 1; L <= 5 && L + 2 <= n; L++) {
            const char *s = w->form + n - L;
            size_t i = hash_str(s) & (hcap - 1);
            while (h[i] && strcmp(h[i]->s, s) != 0)
                i = (i + 1) & (hcap - 1);
            if (!h[i]) {
                if (g_nsfx == g_sfxcap)
                    die("too many suffixes");
                sfx *x = &g_sfx[g_nsfx++];
                snprintf(x->s, sizeof x->s, "%s", s);
                h[i] = x;
            }
            h[i]->types++;
            for (int t = 0; t < NTAG; t++)
                h[i]->c[t] += w->lower[t];
        }
    }
}

/* ------------------------------------------------------------ output */

static void put_taglist(FILE *o, const unsigned *c, unsigned min_keep)
{
    int idx[NTAG], n = 0;
    unsigned total = 0;
    for (int t = 0; t < NTAG; t++)
        if (c[t]) {
            idx[n++] = t;
            total += c[t];
        }
    /* most frequent first; ties by tag order */
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && c[idx[j]] > c[idx[j - 1]]; j--) {
            int x = idx[j];
            idx[j] = idx[j - 1];
            idx[j - 1] = x;
        }
    int out = 0;
    for (int i = 0; i < n && out < 6; i++) {
        /* drop the noise of frequent words (the: 7 x JJ, is: 2 x NNS) */
        if (min_keep && (c[idx[i]] * 500 < total || (c[idx[i]] < min_keep && total >= 50)))
            continue;
        fprintf(o, "%s%s:%u", out ? "," : "", PENN[idx[i]], c[idx[i]]);
        out++;
    }
}

static int cmp_words(const void *a, const void *b)
{
    const word *x = *(const word *const *)a, *y = *(const word *const *)b;
    if (x->has_stats != y->has_stats)
        return y->has_stats - x->has_stats;
    if (x->has_stats && x->total != y->total)
        return x->total < y->total ? 1 : -1;
    return strcmp(x->form, y->form);
}

static int valid_form(const char *s)
{
    if (!*s || strlen(s) > 64)
        return 0;
    for (; *s; s++)
        if ((unsigned char)*s <= ' ' || *s == '\t')
            return 0;
    return 1;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        die("usage: gen-lexicon OUT LINGUA=dir WORDNET=dir [NAME=value...]");
    const char *lingua = NULL, *wordnet = NULL;
    for (int i = 2; i < argc; i++) {
        if (strncmp(argv[i], "LINGUA=", 7) == 0)
            lingua = argv[i] + 7;
        else if (strncmp(argv[i], "WORDNET=", 8) == 0)
            wordnet = argv[i] + 8;
    }
    if (!lingua || !wordnet)
        die("LINGUA= and WORDNET= are required");

    read_words(lingua);
    read_unknown(lingua);
    read_tags(lingua);
    read_index(wordnet, "index.noun", F_WN_N);
    read_index(wordnet, "index.verb", F_WN_V);
    read_index(wordnet, "index.adj", F_WN_J);
    read_index(wordnet, "index.adv", F_WN_R);
    read_exc(wordnet, "noun.exc", LC_N);
    read_exc(wordnet, "verb.exc", LC_V);
    read_exc(wordnet, "adj.exc", LC_J);

    /* Contractions and clitics: their lemmas, for the grammar. */
    static const char *const CLITIC[][3] = {
        {"n't", NULL, NULL},  {"'s", "be", NULL}, {"'re", "be", NULL}, {"'m", "be", NULL},
        {"'ve", "have", NULL}, {"'ll", "will", NULL}, {"'d", "would", NULL}, {"ca", "can", NULL},
        {"wo", "will", NULL}, {"ai", "be", NULL}, {"sha", "shall", NULL}, {NULL, NULL, NULL}};
    for (int i = 0; CLITIC[i][0]; i++)
        if (CLITIC[i][1]) {
            word *w = get(CLITIC[i][0]);
            w->exc[LC_V] = CLITIC[i][1];
            w->keep = 1;
        }

    /* flags */
    mark_list(ABBR_TITLE, F_ABBR | F_TITLE, 1);
    mark_list(ABBR_NUM, F_ABBR | F_NUMABBR, 1);
    mark_list(ABBR_OTHER, F_ABBR, 1);
    mark_list(FUNC_EXTRA, F_FUNC, 0);
    mark_list(SUBORD, F_SUBORD, 0);
    size_t nwords = g_n;
    for (size_t k = 0; k < nwords; k++) {
        word *w = g_list[k];
        size_t n = strlen(w->form);
        if (n >= 2 && w->form[n - 1] == '.' && w->has_stats && !(w->flags & F_ABBR)) {
            /* training data abbreviations: U.S., A., Calif., Bancorp. */
            unsigned nnp = w->cap[T_NNP] + w->cap[T_NNPS] + w->lower[T_NNP];
            if (is_letter_dots(w->form) || (nnp * 2 > w->total && w->total >= 3 &&
                                            !strchr(w->form, '-') && n <= 9))
                w->flags |= F_ABBR;
        }
        unsigned closed = 0, low = 0;
        for (int t = 0; t < NTAG; t++) {
            low += w->lower[t];
            if (is_closed(t))
                closed += w->lower[t];
        }
        if (low >= 20 && closed * 10 >= low * 9)
            w->flags |= F_FUNC;
    }
    /* Single letters with a period are initials: J. Smith. */
    for (char c = 'a'; c <= 'z'; c++) {
        char b[3] = {c, '.', 0};
        word *w = get(b);
        w->flags |= F_ABBR;
        w->keep = 1;
    }

    /* lemmas */
    for (size_t k = 0; k < g_n; k++) {
        word *w = g_list[k];
        /* every class, not only the tags seen: the tagger may choose
         * another (attacks: NNS in the data, VBZ in "Russia attacks") */
        if (!is_wordy(w->form) && !w->exc[LC_V]) /* clitics have a verb lemma */
            continue;
        for (int lc = 0; lc < 3; lc++)
            w->lemma[lc] = morphy(w, lc);
    }
    /* only kept words need lemmas; every lemma is a kept word */
    size_t before = g_n;
    for (size_t k = 0; k < before; k++) {
        if (!g_list[k]->keep)
            continue;
        for (int lc = 0; lc < 3; lc++)
            if (g_list[k]->lemma[lc])
                get(g_list[k]->lemma[lc])->keep = 1;
    }

    build_suffixes();

    /* ---- write */
    g_out = argv[1];
    FILE *o = fopen(argv[1], "w");
    if (!o)
        die("%s: %s", argv[1], strerror(errno));
    fprintf(o, "# dyad lexicon, generated by tools/gen-lexicon.c from liblingua-en-tagger-perl\n"
               "# (words.yml, tags.yml, unknown.yml) and wordnet-base (index.*, *.exc).\n"
               "# Format: docs/lexicon.md. Do not edit: regenerated at every build.\n");
    fprintf(o, "dyad-lexicon\t1\n");
    for (int t = 0; t < NTAG; t++)
        fprintf(o, "tag\t%s\t%u\n", PENN[t], g_tagtotal[t]);
    for (int p = 0; p < NTAG; p++) {
        int any = 0;
        for (int t = 0; t < NTAG; t++)
            any |= g_trans[p][t] > 0;
        if (!any)
            continue;
        fprintf(o, "trans\t%s\t", PENN[p]);
        int first = 1;
        for (int t = 0; t < NTAG; t++)
            if (g_trans[p][t] > 0) {
                fprintf(o, "%s%s:%.6g", first ? "" : ",", PENN[t], g_trans[p][t]);
                first = 0;
            }
        fprintf(o, "\n");
    }
    for (int i = 0; i < g_nunk; i++) {
        fprintf(o, "unk\t%s\t", g_unk[i].name);
        put_taglist(o, g_unk[i].c, 0);
        fprintf(o, "\n");
    }
    size_t nsfx = 0;
    for (size_t i = 0; i < g_nsfx; i++) {
        sfx *x = &g_sfx[i];
        size_t L = strlen(x->s);
        unsigned min_types = L == 1 ? 5 : L == 2 ? 8 : 10;
        if (x->types < min_types || !isalpha((unsigned char)x->s[0]))
            continue;
        /* only suffixes that say more than their own shorter suffix */
        if (L > 1) {
            const sfx *sh = sfx_get(x->s + 1);
            if (sh) {
                int top = 0, shtop = 0;
                for (int t = 1; t < NTAG; t++) {
                    if (x->c[t] > x->c[top])
                        top = t;
                    if (sh->c[t] > sh->c[shtop])
                        shtop = t;
                }
                unsigned tot = 0, shtot = 0;
                for (int t = 0; t < NTAG; t++) {
                    tot += x->c[t];
                    shtot += sh->c[t];
                }
                double p = (double)x->c[top] / tot, q = (double)sh->c[top] / (shtot ? shtot : 1);
                if (top == shtop && p - q < 0.05)
                    continue;
            }
        }
        fprintf(o, "sfx\t%s\t", x->s);
        put_taglist(o, x->c, 0);
        fprintf(o, "\n");
        nsfx++;
    }

    qsort(g_list, g_n, sizeof *g_list, cmp_words);
    size_t nout = 0;
    for (size_t k = 0; k < g_n; k++) {
        word *w = g_list[k];
        if (!w->keep || !valid_form(w->form))
            continue;
        w->line = ++nout;
    }
    for (size_t k = 0; k < g_n; k++) {
        word *w = g_list[k];
        if (!w->line)
            continue;
        fprintf(o, "w\t%s\t", w->form);
        put_taglist(o, w->lower, 2);
        fputc('\t', o);
        put_taglist(o, w->cap, 2);
        for (int lc = 0; lc < 3; lc++) {
            const word *l = w->lemma[lc] ? find(w->lemma[lc]) : NULL;
            if (l && l->line)
                fprintf(o, "\t%zu", l->line);
            else
                fputc('\t', o);
        }
        fputc('\t', o);
        static const struct { unsigned f; char c; } FL[] = {
            {F_FUNC, 'f'}, {F_ABBR, 'a'}, {F_TITLE, 't'}, {F_NUMABBR, 'd'},
            {F_WN_N, 'n'}, {F_WN_V, 'v'}, {F_WN_J, 'j'}, {F_WN_R, 'r'}, {F_SUBORD, 's'}};
        for (size_t i = 0; i < sizeof FL / sizeof FL[0]; i++)
            if (w->flags & FL[i].f)
                fputc(FL[i].c, o);
        fputc('\n', o);
    }
    if (fclose(o) != 0)
        die("%s: write failed", argv[1]);
    fprintf(stderr, "gen-lexicon: %zu words, %zu suffix classes, %d unknown-word classes\n", nout,
            nsfx, g_nunk);
    return 0;
}
