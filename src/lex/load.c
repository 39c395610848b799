/*
 * load.c -- parses the generated lexicon file (gen/lexicon.txt, embedded;
 * format in docs/lexicon.md and tools/gen-lexicon.c) into a dyad_lex: word
 * records, candidate tag sets, transition and prior tables, unknown-word
 * classes, suffix and abbreviation tables.
 *
 * Two passes over the file: the first interns every form in file order (so
 * ids follow the file and words with statistics come first), the second
 * fills the records, resolving lemmas with plain lookups. Never allocates
 * per field; all tables are sized before filling.
 *
 * The built-in lexicon is normally not parsed at run time: at build time
 * tools/lex-image.c loads gen/lexicon.txt with this code and writes what it
 * built with dyad__lex_write_image (gen/lexicon.bin, embedded too), which
 * load_image() copies back. An image whose layout does not match this
 * binary's is refused, and the text is parsed instead.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/err.h"
#include "../base/mem.h"
#include "../kb/embedded.h"
#include "lex_int.h"

/* Extra emission mass given to an inflection the training data did not show
 * for a word (VB without VBP, VBD without VBN): a fraction of the sibling. */
#define SIBLING_SHARE 0.10
/* Words seen fewer times than this also get the WordNet classes the data
 * did not show, at the same share. */
#define WN_RARE 50

/* ------------------------------------------------------------ tags */

static int tag_by_name(const char *s, size_t n)
{
    for (int t = 1; t < DYAD_POS_COUNT; t++) {
        const char *nm = dyad__pos_name((dyad_pos)t);
        if (strlen(nm) == n && memcmp(nm, s, n) == 0)
            return t;
    }
    return -1;
}

/* Tag names are short: a direct table over (first byte, second byte, length)
 * avoids a string search per field. */
typedef struct tagmap {
    int8_t t[128][8][5]; /* [c0][hash(c1..)][len] -> tag or -1 */
} tagmap;

static unsigned tm_h(const char *s, size_t n)
{
    unsigned h = 0;
    for (size_t i = 1; i < n; i++)
        h = h * 31 + (unsigned char)s[i];
    return h & 7;
}

static void tm_init(tagmap *m)
{
    memset(m->t, -1, sizeof m->t);
    for (int t = 1; t < DYAD_POS_COUNT; t++) {
        const char *nm = dyad__pos_name((dyad_pos)t);
        size_t n = strlen(nm);
        m->t[(unsigned char)nm[0] & 127][tm_h(nm, n)][n] = (int8_t)t;
    }
}

static int tm_get(const tagmap *m, const char *s, size_t n)
{
    if (n == 0 || n > 4 || (unsigned char)s[0] >= 128)
        return -1;
    int t = m->t[(unsigned char)s[0]][tm_h(s, n)][n];
    if (t > 0) {
        const char *nm = dyad__pos_name((dyad_pos)t);
        if (memcmp(nm, s, n) == 0)
            return t;
    }
    return tag_by_name(s, n); /* collision: slow path */
}

/* ------------------------------------------------------------ fields */

typedef struct cursor {
    const char *p, *end;
    const char *name; /* for errors */
    uint64_t line;
} cursor;

/* Next line [*ls, *le) without its newline; 0 at the end. */
static int next_line(cursor *c, const char **ls, const char **le)
{
    if (c->p >= c->end)
        return 0;
    const char *s = c->p;
    const char *e = memchr(s, '\n', (size_t)(c->end - s));
    if (!e)
        e = c->end;
    c->p = e < c->end ? e + 1 : e;
    c->line++;
    *ls = s;
    *le = e;
    return 1;
}

/* Splits [s,e) at TABs into at most max fields; returns the count. */
static int split_tabs(const char *s, const char *e, const char **fs, const char **fe, int max)
{
    /* A byte loop: the fields are a few bytes long, shorter than a memchr
     * call costs. */
    int n = 0;
    fs[0] = s;
    for (const char *p = s; p < e; p++)
        if (*p == '\t') {
            fe[n++] = p;
            if (n == max)
                return n;
            fs[n] = p + 1;
        }
    fe[n++] = e;
    return n;
}

typedef struct tcount {
    int tag;
    double c;
} tcount;

/* Parses "TAG:N,TAG:N" into out (up to max); returns the count or -1. */
static int parse_taglist(const tagmap *m, const char *s, const char *e, tcount *out, int max)
{
    int n = 0;
    while (s < e) {
        const char *colon = s;
        /* tag names may be ":" itself: find the colon that precedes the number */
        colon = memchr(s + 1, ':', (size_t)(e - s - 1));
        if (!colon)
            return -1;
        int t = tm_get(m, s, (size_t)(colon - s));
        if (t < 0)
            return -1;
        const char *q = colon + 1;
        double v = 0;
        const char *d = q;
        while (d < e && *d >= '0' && *d <= '9')
            v = v * 10 + (*d++ - '0');
        if (d > q && (d == e || *d == ',')) {
            q = d; /* a plain count */
        } else {
            char buf[40];
            size_t k = 0;
            while (q < e && *q != ',' && k + 1 < sizeof buf)
                buf[k++] = *q++;
            buf[k] = 0;
            char *endp;
            v = strtod(buf, &endp);
            if (endp == buf || *endp)
                return -1;
        }
        if (!(v > 0))
            return -1; /* counts and probabilities are positive */
        if (n < max)
            out[n++] = (tcount){t, v};
        if (q < e && *q != ',')
            return -1;
        s = q < e ? q + 1 : q;
    }
    return n;
}

/* ------------------------------------------------------------ sets */

static int set_push(dyad_lex *lex, const dyad_tagset *s)
{
    if (lex->nsets == lex->setcap) {
        uint32_t nc = lex->setcap ? lex->setcap * 2 : 4096;
        dyad_tagset *ns = realloc(lex->sets, nc * sizeof *ns);
        if (!ns)
            return -1;
        lex->sets = ns;
        lex->setcap = nc;
    }
    lex->sets[lex->nsets++] = *s;
    return (int)lex->nsets; /* index + 1 */
}

static int has_tag(const tcount *c, int n, int t)
{
    for (int i = 0; i < n; i++)
        if (c[i].tag == t)
            return 1;
    return 0;
}

static double count_of(const tcount *c, int n, int t)
{
    for (int i = 0; i < n; i++)
        if (c[i].tag == t)
            return c[i].c;
    return 0;
}

/* Builds a candidate set from counts: score = log(count / tokens of tag).
 * Adds the sibling inflection a small word count may have missed. */
static void make_set(const dyad_lex *lex, const tcount *in, int n, uint64_t wn, dyad_tagset *out)
{
    memset(out, 0, sizeof *out); /* unused entries too: the image is written byte for byte */
    tcount c[DYAD_TAGSET_MAX + 4];
    int k = 0;
    double total = 0;
    for (int i = 0; i < n && k < DYAD_TAGSET_MAX; i++) {
        c[k++] = in[i];
        total += in[i].c;
    }
    /* A rare word may lack a class WordNet gives it (tear: VB only in the
     * data, a noun too in WordNet). */
    if (total < WN_RARE) {
        /* preferred order: base forms, then inflections */
        static const int order[] = {DYAD_NN, DYAD_VB, DYAD_JJ, DYAD_VBD, DYAD_VBN, DYAD_VBZ,
                                    DYAD_VBG, DYAD_NNS, DYAD_RB};
        for (size_t i = 0; i < sizeof order / sizeof order[0] && k < DYAD_TAGSET_MAX; i++) {
            int t = order[i];
            if (!(wn & (1ULL << t)) || has_tag(c, k, t))
                continue;
            if ((t == DYAD_NN && (has_tag(c, k, DYAD_NNS) || has_tag(c, k, DYAD_NNP))) ||
                (t == DYAD_VB && (has_tag(c, k, DYAD_VBP) || has_tag(c, k, DYAD_VBD))) ||
                (t == DYAD_JJ && has_tag(c, k, DYAD_VBN)))
                continue;
            c[k++] = (tcount){t, total * SIBLING_SHARE < 0.5 ? 0.5 : total * SIBLING_SHARE};
        }
    }
    static const int pairs[][2] = {{DYAD_VB, DYAD_VBP}, {DYAD_VBP, DYAD_VB}, {DYAD_VBD, DYAD_VBN},
                                   {DYAD_VBN, DYAD_VBD}};
    for (size_t p = 0; p < sizeof pairs / sizeof pairs[0]; p++) {
        if (k >= DYAD_TAGSET_MAX)
            break;
        if (has_tag(c, k, pairs[p][0]) && !has_tag(c, k, pairs[p][1])) {
            double v = count_of(c, k, pairs[p][0]) * SIBLING_SHARE;
            c[k++] = (tcount){pairs[p][1], v < 0.5 ? 0.5 : v};
        }
    }
    out->n = (uint8_t)k;
    for (int i = 0; i < k; i++) {
        out->tag[i] = (uint8_t)c[i].tag;
        double denom = lex->tagcount[c[i].tag] > 0 ? lex->tagcount[c[i].tag] : 1;
        out->score[i] = (float)log(c[i].c / denom);
    }
}

/* Sum of two count lists (the start-of-sentence view of a word). */
static int merge_counts(const tcount *a, int na, const tcount *b, int nb, tcount *out, int max)
{
    int n = 0;
    for (int i = 0; i < na && n < max; i++)
        out[n++] = a[i];
    for (int i = 0; i < nb; i++) {
        int j;
        for (j = 0; j < n; j++)
            if (out[j].tag == b[i].tag) {
                out[j].c += b[i].c;
                break;
            }
        if (j == n && n < max)
            out[n++] = b[i];
    }
    /* most frequent first */
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && out[j].c > out[j - 1].c; j--) {
            tcount x = out[j];
            out[j] = out[j - 1];
            out[j - 1] = x;
        }
    return n;
}

/* Unknown-word classes and suffixes: score = log P(tag | class) - log P(tag). */
static void make_class_set(const dyad_lex *lex, const tcount *c, int n, dyad_tagset *out)
{
    memset(out, 0, sizeof *out);
    double total = 0;
    for (int i = 0; i < n; i++)
        total += c[i].c;
    int k = 0;
    for (int i = 0; i < n && k < DYAD_TAGSET_MAX; i++) {
        if (c[i].c <= 0)
            continue;
        out->tag[k] = (uint8_t)c[i].tag;
        out->score[k] = (float)(log(c[i].c / total) - lex->prior[c[i].tag]);
        k++;
    }
    out->n = (uint8_t)k;
}

static const char *const UNK_NAMES[DYAD_UNK_COUNT] = {
    "num", "ord", "abbr", "cap", "hyp", "hypadj", "sym", "ing", "s", "tion", "ly", "ed", "unknown"};

/* ------------------------------------------------------------ loading */

static int fail(dyad_err *err, const cursor *c, const char *what)
{
    dyad__err_set(err, DYAD_EDICT, c->name, c->line, 0, "lexicon: %s", what);
    return -1;
}

static int smallkey_put(dyad_smallkey *tab, uint32_t slots, const char *s, size_t n, uint32_t val,
                        uint16_t flags)
{
    uint64_t key = dyad__lex_pack(s, n);
    if (!key)
        return 0; /* too long for the table: not needed */
    uint32_t used = 0;
    for (uint32_t i = dyad__lex_slot(key, slots - 1);; i = (i + 1) & (slots - 1)) {
        if (!tab[i].key) {
            /* field by field: the padding stays zero (the image) */
            tab[i].key = key;
            tab[i].len = (uint8_t)n;
            tab[i].flags = flags;
            tab[i].val = val;
            return 0;
        }
        if (tab[i].key == key && tab[i].len == n)
            return 0;
        if (++used >= slots / 2)
            return -1; /* table too full */
    }
}

static int load_text(dyad_lex *lex, const char *data, size_t len, const char *name, dyad_err *err)
{
    tagmap *tm = malloc(sizeof *tm);
    if (!tm) {
        dyad__err_set(err, DYAD_ENOMEM, name, 0, 0, NULL);
        return -1;
    }
    tm_init(tm);
    int rc = -1;
    cursor c = {data, data + len, name, 0};
    const char *ls, *le, *fs[8] = {0}, *fe[8] = {0};

    /* ---- pass 1: header, model lines, and intern every word in order */
    uint32_t nwords = 0, first_id = lex->words.count + 1, nstat = 0, nsets = 0;
    int header = 0;
    while (next_line(&c, &ls, &le)) {
        if (ls == le || *ls == '#')
            continue;
        if (le - ls > 2 && ls[0] == 'w' && ls[1] == '\t') {
            const char *f = ls + 2;
            const char *t = memchr(f, '\t', (size_t)(le - f));
            if (!t || t == f || t + 1 >= le) {
                fail(err, &c, "word line without a form");
                goto out;
            }
            /* statistics: lower-case tags, then capitalised tags */
            const char *t2 = memchr(t + 1, '\t', (size_t)(le - t - 1));
            if (!t2) {
                fail(err, &c, "word line needs 8 fields");
                goto out;
            }
            int has_lo = t2 > t + 1, has_ca = t2 + 1 < le && t2[1] != '\t';
            if (has_lo || has_ca)
                nstat = first_id + nwords;
            nsets += has_ca + (has_lo && has_ca);
            uint32_t id = dyad__strtab_intern(&lex->words, f, (size_t)(t - f));
            if (id != first_id + nwords) {
                fail(err, &c, id ? "word listed twice" : "out of memory");
                goto out;
            }
            nwords++;
            continue;
        }
        int nf = split_tabs(ls, le, fs, fe, 8);
        size_t kl = (size_t)(fe[0] - fs[0]);
        if (kl == 12 && memcmp(fs[0], "dyad-lexicon", 12) == 0) {
            if (nf < 2 || fe[1] - fs[1] != 1 || fs[1][0] != '1') {
                fail(err, &c, "unsupported lexicon version");
                goto out;
            }
            header = 1;
        } else if (kl == 3 && memcmp(fs[0], "tag", 3) == 0) {
            int t = nf == 3 ? tm_get(tm, fs[1], (size_t)(fe[1] - fs[1])) : -1;
            if (t < 0) {
                fail(err, &c, "bad tag line");
                goto out;
            }
            lex->tagcount[t] = strtod(fs[2], NULL);
        } else if (kl == 5 && memcmp(fs[0], "trans", 5) == 0) {
            int p = nf == 3 ? tm_get(tm, fs[1], (size_t)(fe[1] - fs[1])) : -1;
            tcount tc[DYAD_POS_COUNT];
            int n = p > 0 ? parse_taglist(tm, fs[2], fe[2], tc, DYAD_POS_COUNT) : -1;
            if (n < 0) {
                fail(err, &c, "bad trans line");
                goto out;
            }
            for (int i = 0; i < n; i++)
                lex->trans[p][tc[i].tag] = (float)tc[i].c; /* probabilities; logs below */
        } else if ((kl == 3 && memcmp(fs[0], "unk", 3) == 0) || (kl == 3 && memcmp(fs[0], "sfx", 3) == 0)) {
            /* handled after the priors are known (pass 2) */
        } else {
            fail(err, &c, "unknown record");
            goto out;
        }
    }
    if (!header) {
        fail(err, &c, "missing 'dyad-lexicon 1' header");
        goto out;
    }
    if (dyad__lex_grow(lex, lex->words.count + lex->words.count / 2) != 0) {
        dyad__err_set(err, DYAD_ENOMEM, name, 0, 0, NULL);
        goto out;
    }

    /* priors and log transitions (smoothed: unseen transitions are rare,
     * not impossible) */
    double all = 0;
    for (int t = 1; t < DYAD_POS_COUNT; t++)
        all += lex->tagcount[t];
    for (int t = 1; t < DYAD_POS_COUNT; t++)
        lex->prior[t] = (float)log((lex->tagcount[t] + 1) / (all + DYAD_POS_COUNT));
    lex->prior[0] = -30.0f;
    for (int p = 0; p < DYAD_POS_COUNT; p++)
        for (int t = 0; t < DYAD_POS_COUNT; t++) {
            double v = lex->trans[p][t];
            lex->trans[p][t] = (float)log((v + 1e-5) / (1 + DYAD_POS_COUNT * 1e-5));
            lex->trans_in[t][p] = lex->trans[p][t];
        }
    /* The start state is the sentence end ".". */

    /* ---- pass 2: records */
    lex->wset = calloc((size_t)nstat + 1, sizeof *lex->wset);
    lex->setcap = nsets + 1024; /* + suffix classes */
    lex->sets = malloc(lex->setcap * sizeof *lex->sets);
    if (!lex->wset || !lex->sets) {
        dyad__err_set(err, DYAD_ENOMEM, name, 0, 0, NULL);
        goto out;
    }
    c.p = data;
    c.line = 0;
    uint32_t id = first_id;
    while (next_line(&c, &ls, &le)) {
        if (ls == le || *ls == '#')
            continue;
        if (ls[0] == 'w' && ls[1] == '\t') {
            int nf = split_tabs(ls, le, fs, fe, 8);
            if (nf != 8) {
                fail(err, &c, "word line needs 8 fields");
                goto out;
            }
            dyad_lex_word *w = &lex->w[id];
            tcount lo[DYAD_TAGSET_MAX], ca[DYAD_TAGSET_MAX], un[2 * DYAD_TAGSET_MAX];
            int nlo = parse_taglist(tm, fs[2], fe[2], lo, DYAD_TAGSET_MAX);
            int nca = parse_taglist(tm, fs[3], fe[3], ca, DYAD_TAGSET_MAX);
            if (nlo < 0 || nca < 0) {
                fail(err, &c, "bad tag list");
                goto out;
            }
            for (const char *p = fs[7]; p < fe[7]; p++) {
                switch (*p) {
                case 'f': w->flags |= DYAD_LW_FUNCTION; break;
                case 'a': w->flags |= DYAD_LW_ABBREV; break;
                case 't': w->flags |= DYAD_LW_TITLE; break;
                case 'd': w->flags |= DYAD_LW_NUMABBR; break;
                case 'n': w->flags |= DYAD_LW_WN_NOUN; break;
                case 'v': w->flags |= DYAD_LW_WN_VERB; break;
                case 'j': w->flags |= DYAD_LW_WN_ADJ; break;
                case 'r': w->flags |= DYAD_LW_WN_ADV; break;
                case 's': w->flags |= DYAD_LW_SUBORD; break;
                default: fail(err, &c, "unknown word flag"); goto out;
                }
            }
            for (int lc = 0; lc < DYAD_LC_COUNT; lc++) {
                const char *q = fs[4 + lc];
                if (q == fe[4 + lc])
                    continue;
                uint32_t k = 0;
                while (q < fe[4 + lc] && *q >= '0' && *q <= '9' && k < 100000000)
                    k = k * 10 + (uint32_t)(*q++ - '0');
                if (q != fe[4 + lc] || k == 0 || k > nwords) {
                    fail(err, &c, "lemma is not the number of a word line");
                    goto out;
                }
                w->lemma[lc] = first_id + k - 1;
            }
            uint64_t wnflags = dyad__lex_wordnet_tags(w, fs[1], (size_t)(fe[1] - fs[1]));
            /* the public record: statistics of the lower-case spelling, or
             * of the capitalised one when that is all there is */
            const tcount *pub = nlo ? lo : ca;
            int npub = nlo ? nlo : nca;
            if (npub) {
                dyad_tagset s;
                make_set(lex, pub, npub, wnflags, &s);
                w->ntags = s.n;
                memcpy(w->tag, s.tag, s.n);
                memcpy(w->logp, s.score, s.n * sizeof(float));
                if (nlo)
                    w->flags |= DYAD_LW_LOWER;
            }
            double lot = 0, wall = 0, nnp = 0;
            for (int i = 0; i < nlo; i++)
                lot += lo[i].c;
            wall = lot;
            for (int i = 0; i < nca; i++) {
                wall += ca[i].c;
                if (ca[i].tag == DYAD_NNP || ca[i].tag == DYAD_NNPS)
                    nnp += ca[i].c;
            }
            if (lot >= 5 && nnp * 4 < wall)
                w->flags |= DYAD_LW_STARTER;
            if (npub) {
                w->flags |= DYAD_LW_TAGGED;
                if (id > nstat) {
                    fail(err, &c, "words with statistics must come first");
                    goto out;
                }
                dyad_tagset s;
                int kca = 0, kst = 0;
                if (nca && nlo) { /* else the record itself holds them */
                    make_set(lex, ca, nca, 0, &s);
                    if ((kca = set_push(lex, &s)) < 0)
                        goto nomem;
                    int nu = merge_counts(lo, nlo, ca, nca, un, DYAD_TAGSET_MAX);
                    make_set(lex, un, nu, wnflags, &s);
                    if ((kst = set_push(lex, &s)) < 0)
                        goto nomem;
                }
                if (nca)
                    w->flags |= DYAD_LW_CAPTAGS;
                lex->wset[id][0] = (uint32_t)kca;
                lex->wset[id][1] = (uint32_t)kst;
            }
            if (w->flags & DYAD_LW_ABBREV) {
                size_t n = (size_t)(fe[1] - fs[1]);
                if (n >= 2 && fs[1][n - 1] == '.' && !memchr(fs[1], '.', n - 1) &&
                    smallkey_put(lex->abbr, DYAD_ABBR_SLOTS, fs[1], n - 1, id, w->flags) != 0) {
                    fail(err, &c, "too many abbreviations");
                    goto out;
                }
            }
            id++;
            continue;
        }
        int nf = split_tabs(ls, le, fs, fe, 8);
        size_t kl = (size_t)(fe[0] - fs[0]);
        if (kl == 3 && (memcmp(fs[0], "unk", 3) == 0 || memcmp(fs[0], "sfx", 3) == 0)) {
            tcount tc[DYAD_POS_COUNT];
            int n = nf == 3 ? parse_taglist(tm, fs[2], fe[2], tc, DYAD_POS_COUNT) : -1;
            if (n <= 0) {
                fail(err, &c, "bad class line");
                goto out;
            }
            dyad_tagset s;
            make_class_set(lex, tc, n, &s);
            size_t nl = (size_t)(fe[1] - fs[1]);
            if (fs[0][0] == 'u') {
                for (int k = 0; k < DYAD_UNK_COUNT; k++)
                    if (strlen(UNK_NAMES[k]) == nl && memcmp(UNK_NAMES[k], fs[1], nl) == 0)
                        lex->unk[k] = s;
            } else {
                int k = set_push(lex, &s);
                if (k < 0)
                    goto nomem;
                if (nl > 5 || smallkey_put(lex->sfx, DYAD_SFX_SLOTS, fs[1], nl, (uint32_t)(k - 1), 0) != 0) {
                    fail(err, &c, "bad suffix");
                    goto out;
                }
            }
        }
    }
    for (int k = 0; k < DYAD_UNK_COUNT; k++)
        if (!lex->unk[k].n) {
            cursor e = {0, 0, name, 0};
            fail(err, &e, "an unknown-word class is missing");
            goto out;
        }
    lex->nstat = nstat;
    lex->nfile = id - 1;
    if (lex->nfile != first_id - 1 + nwords) {
        cursor e = {0, 0, name, 0};
        fail(err, &e, "word count changed between passes");
        goto out;
    }
    rc = 0;
    goto out;
nomem:
    dyad__err_set(err, DYAD_ENOMEM, name, c.line, 0, NULL);
out:
    free(tm);
    return rc;
}

/* The table sized for nw words of the file, and room for the
 * dictionaries' words too (about half as many again), so that it is not
 * rebuilt while they are interned. */
static int words_init(dyad_lex *lex, size_t nw)
{
    dyad__strtab_free(&lex->words);
    return dyad__strtab_init(&lex->words, (uint32_t)(2 * nw + 16));
}

/* What every load ends with: the ids the tagger and grammar ask for. */
static void finish_load(dyad_lex *lex)
{
    lex->ids.nt = dyad__lex_find(lex, "n't", 3);
    lex->ids.not_ = dyad__lex_find(lex, "not", 3);
    lex->ids.s = dyad__lex_find(lex, "'s", 2);
    lex->ids.be = dyad__lex_find(lex, "be", 2);
    lex->ids.have = dyad__lex_find(lex, "have", 4);
    lex->ids.do_ = dyad__lex_find(lex, "do", 2);
    lex->ids.by = dyad__lex_find(lex, "by", 2);
    lex->ids.help = dyad__lex_find(lex, "help", 4);
    lex->ids.let = dyad__lex_find(lex, "let", 3);
    lex->ids.make = dyad__lex_find(lex, "make", 4);
    lex->ids.say = dyad__lex_find(lex, "say", 3);
    static const char *const CL[5] = {"after", "before", "until", "since", "once"};
    for (int i = 0; i < 5; i++)
        lex->ids.clause_in[i] = dyad__lex_find(lex, CL[i], strlen(CL[i]));
    static const char *const FL[3] = {"both", "each", "all"};
    for (int i = 0; i < 3; i++)
        lex->ids.floating[i] = dyad__lex_find(lex, FL[i], strlen(FL[i]));
    lex->loaded = 1;
}

static int load_once(const dyad_lex *lex, const char *name, dyad_err *err)
{
    if (lex->loaded || lex->words.count) {
        dyad__err_set(err, DYAD_EUSAGE, name, 0, 0, "a lexicon loads first, once");
        return -1;
    }
    return 0;
}

int dyad__lex_load_text(dyad_lex *lex, const char *data, size_t len, const char *name, dyad_err *err)
{
    if (load_once(lex, name, err) != 0)
        return -1;
    /* size the table once for the words of the file */
    size_t nw = len > 2 && data[0] == 'w' && data[1] == '\t';
    for (const char *p = data, *end = data + len; p && p + 2 < end; p++) {
        p = memchr(p, '\n', (size_t)(end - p));
        if (!p)
            break;
        nw += p + 2 < end && p[1] == 'w' && p[2] == '\t';
    }
    if (words_init(lex, nw) != 0) {
        dyad__err_set(err, DYAD_ENOMEM, "lexicon", 0, 0, NULL);
        return -1;
    }
    if (load_text(lex, data, len, name, err) != 0)
        return -1;
    finish_load(lex);
    return 0;
}

/* ------------------------------------------------------------ image */

/* gen/lexicon.bin: this header, then the sections below, each padded to 8
 * bytes: tagcount, prior, trans, trans_in, unk, abbr, sfx, wset[0..nstat],
 * sets[0..nsets), and the words (dyad__lex_write_words) to the end. The
 * tables of the struct are copied; wset, sets and the words are used where
 * they lie, in the binary: no copy, and their pages are read from the
 * binary's file when first used instead of being zeroed and filled at
 * start-up. Native byte order and layout: it is written and read by the
 * same build. */
#define IMAGE_MAGIC "dyadlex\003"

typedef struct image_head {
    char magic[8];
    uint32_t layout[8]; /* sizes that must match this binary's (image_layout) */
    uint32_t nstat, nsets;
} image_head;

static void image_layout(uint32_t *l)
{
    l[0] = (uint32_t)sizeof(dyad_lex_word);
    l[1] = (uint32_t)sizeof(dyad_tagset);
    l[2] = (uint32_t)sizeof(dyad_smallkey);
    l[3] = DYAD_POS_COUNT;
    l[4] = DYAD_UNK_COUNT;
    l[5] = DYAD_ABBR_SLOTS;
    l[6] = DYAD_SFX_SLOTS;
    l[7] = (uint32_t)sizeof(struct dyad_lex);
}

/* The sections' sizes, in order (the words are the rest). */
static void image_sections(const image_head *h, size_t *sz)
{
    const dyad_lex *l = NULL;
    sz[0] = sizeof l->tagcount;
    sz[1] = sizeof l->prior;
    sz[2] = sizeof l->trans;
    sz[3] = sizeof l->trans_in;
    sz[4] = sizeof l->unk;
    sz[5] = sizeof l->abbr;
    sz[6] = sizeof l->sfx;
    sz[7] = ((size_t)h->nstat + 1) * sizeof *l->wset;
    sz[8] = (size_t)h->nsets * sizeof(dyad_tagset);
}
#define NSECTIONS 9

/* The words: their count, the records w[0..count], the string table. */
int dyad__lex_write_words(const dyad_lex *lex, FILE *f)
{
    uint64_t count = lex->words.count;
    if (count >= lex->wcap)
        return -1;
    return dyad__put_padded(f, &count, sizeof count) != 0 ||
                   dyad__put_padded(f, lex->w, ((size_t)count + 1) * sizeof *lex->w) != 0 ||
                   dyad__strtab_write(&lex->words, f) != 0
               ? -1
               : 0;
}

size_t dyad__lex_use_words(dyad_lex *lex, const char *data, size_t len)
{
    uint64_t count;
    if (len < sizeof count || ((uintptr_t)data & 7))
        return 0;
    memcpy(&count, data, sizeof count);
    size_t rec = dyad__pad8((size_t)(count + 1) * sizeof(dyad_lex_word)), at = sizeof count + rec;
    if (count >= UINT32_MAX / 4 || at > len)
        return 0;
    dyad_strtab t;
    memset(&t, 0, sizeof t);
    size_t n = dyad__strtab_use(&t, data + at, len - at);
    if (!n || t.count != count) {
        dyad__strtab_free(&t);
        return 0;
    }
    dyad__strtab_free(&lex->words);
    lex->words = t;
    if (!lex->image_w)
        dyad__big_free(lex->w, lex->wcap, sizeof *lex->w);
    /* the cast: records of an image are copied before a change (image_w) */
    lex->w = (dyad_lex_word *)(uintptr_t)(data + sizeof count);
    lex->wcap = (uint32_t)count + 1;
    lex->image_w = 1;
    return at + n;
}

int dyad__lex_write_image(const dyad_lex *lex, FILE *f)
{
    if (!lex->loaded || lex->words.count >= lex->wcap || lex->nstat > lex->words.count ||
        lex->nfile != lex->words.count)
        return -1;
    image_head h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, IMAGE_MAGIC, 8);
    image_layout(h.layout);
    h.nstat = lex->nstat;
    h.nsets = lex->nsets;
    size_t sz[NSECTIONS];
    image_sections(&h, sz);
    const void *src[NSECTIONS] = {lex->tagcount, lex->prior, lex->trans, lex->trans_in,
                                  lex->unk,      lex->abbr,  lex->sfx,   lex->wset,
                                  lex->sets};
    int bad = dyad__put_padded(f, &h, sizeof h) != 0;
    for (int i = 0; i < NSECTIONS && !bad; i++)
        bad = dyad__put_padded(f, src[i], sz[i]) != 0;
    return bad || dyad__lex_write_words(lex, f) != 0 ? -1 : 0;
}

/* Loads an image; 0, 1 when it is not one this binary can use (nothing
 * was changed). */
static int load_image(dyad_lex *lex, const char *data, size_t len)
{
    image_head h;
    uint32_t layout[8];
    image_layout(layout);
    if (len < dyad__pad8(sizeof h) || ((uintptr_t)data & 7))
        return 1;
    memcpy(&h, data, sizeof h);
    if (memcmp(h.magic, IMAGE_MAGIC, 8) != 0 || memcmp(h.layout, layout, sizeof layout) != 0)
        return 1;
    size_t sz[NSECTIONS], at[NSECTIONS], total = dyad__pad8(sizeof h);
    image_sections(&h, sz);
    for (int i = 0; i < NSECTIONS; i++) {
        at[i] = total;
        total += dyad__pad8(sz[i]);
    }
    uint64_t count; /* the words' (dyad__lex_write_words) */
    if (total + sizeof count > len)
        return 1;
    memcpy(&count, data + total, sizeof count);
    if (count < h.nstat || dyad__lex_use_words(lex, data + total, len - total) != len - total)
        return 1;
    void *dst[7] = {lex->tagcount, lex->prior, lex->trans, lex->trans_in,
                    lex->unk, lex->abbr, lex->sfx};
    for (int i = 0; i < 7; i++)
        memcpy(dst[i], data + at[i], sz[i]);
    /* the casts: never written (image_sets) */
    lex->wset = (uint32_t(*)[2])(uintptr_t)(data + at[7]);
    lex->sets = (dyad_tagset *)(uintptr_t)(data + at[8]);
    lex->image_sets = 1;
    lex->nsets = lex->setcap = h.nsets;
    lex->nstat = h.nstat;
    lex->nfile = lex->words.count;
    finish_load(lex);
    return 0;
}

int dyad__lex_load_builtin(dyad_lex *lex, dyad_err *err)
{
    if (load_once(lex, "gen/lexicon.txt", err) != 0)
        return -1;
    const dyad_embedded *b = dyad__embedded_find("gen/lexicon.bin");
    if (b && load_image(lex, b->data, (size_t)(b->end - b->data)) == 0)
        return 0;
    const dyad_embedded *e = dyad__embedded_find("gen/lexicon.txt");
    if (!e) {
        dyad__err_set(err, DYAD_EDICT, "gen/lexicon.txt", 0, 0, "the built-in lexicon is missing");
        return -1;
    }
    return dyad__lex_load_text(lex, e->data, (size_t)(e->end - e->data), "gen/lexicon.txt", err);
}
