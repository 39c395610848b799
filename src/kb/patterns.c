/*
 * patterns.c -- event patterns (`verb`, `noun`, negatives `verb ---`),
 * `discard` phrases, and `drop pattern` / `drop discard`.
 *
 * A pattern line becomes a dyad_pattern with an array of dyad_pelem whose
 * alternatives are lexicon ids: lemmas for ordinary words (so that "talks"
 * matches "talk"), folded forms for `=exact` words. At the end of the load
 * the live patterns are indexed by (kind, anchor lemma) into one array,
 * most specific first. Discard phrases are indexed by their first word, with
 * a bit per word id so that a sentence costs one bit test per token.
 * Knows nothing of how the grammar matches a pattern against a sentence.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kbi.h"

#define MAX_ELEMS 64
#define MAX_ALTS 64 /* ids of one element (a word gives its lemma and its form) */

#define PAT(kb, i) KB_VEC_AT((kb)->pats, dyad_pattern, i)
#define PATX(kb, i) KB_VEC_AT((kb)->patx, kb_pattern_x, i)
#define DISC(kb, i) KB_VEC_AT((kb)->discards, kb_discard, i)

static int oom(dyad_kb *kb, const kb_line *ln, dyad_err *err)
{
    dyad__err_set(err, DYAD_ENOMEM, kb_file_name(kb, ln->file), ln->line, ln->offset, NULL);
    return -1;
}

/* Lemma id in class lc of a folded word whose lexicon id is id (0: not in
 * the lexicon); falls back to the form. */
static uint32_t lemma_of_id(const dyad_kb *kb, uint32_t id, const char *f, size_t n, int lc)
{
    return id ? dyad__lex_lemma(kb->lex, id, lc) : dyad__lex_lemma_text(kb->lex, f, n, lc);
}

/* Lemma id of a folded word in class lc; falls back to the form. */
static uint32_t lemma_of(dyad_kb *kb, const char *f, size_t n, int lc)
{
    return lemma_of_id(kb, dyad__lex_find(kb->lex, f, n), f, n, lc);
}

/* Adds id (0: nothing) to ids[0, n) unless there; the new count, or -2
 * when the array is full, which the pattern reports as an error
 * (alternatives were once dropped past the array's end without a word). */
static int add_id(uint32_t *ids, int n, uint32_t id)
{
    if (!id || n < 0)
        return n;
    for (int i = 0; i < n; i++)
        if (ids[i] == id)
            return n;
    if (n >= MAX_ALTS)
        return -2;
    ids[n++] = id;
    return n;
}

/* The ids an ordinary word is matched by. The anchor gets the lemma of its
 * pattern's class; other words the noun lemma, else the verb lemma; the
 * folded form itself is kept as an alternative when it differs. Lemmas are
 * looked up before the form is interned, so that the lexicon's rules for
 * unknown words apply. Returns the new count, or -1 when out of memory. */
static int word_ids(dyad_kb *kb, const kb_tokw *w, int exact, int lc, int anchor, uint32_t *ids,
                    int n)
{
    uint32_t lem = 0;
    /* The word's id, looked up once (the tokenizer's own lookup when it is
     * the same one). */
    uint32_t id = w->exact && w->known ? w->known : 0;
    if (!exact) {
        if (!id)
            id = dyad__lex_find(kb->lex, w->f, w->n);
        lem = lemma_of_id(kb, id, w->f, w->n, lc);
        if (!anchor && (!lem || lem == w->known)) {
            uint32_t v = lemma_of_id(kb, id, w->f, w->n, DYAD_LC_VERB);
            if (v && v != w->known)
                lem = v;
        }
    }
    uint32_t form;
    if (id) {
        form = id;
        dyad__lex_word_mut(kb->lex, id)->flags |= DYAD_LW_KB;
    } else {
        form = kb_intern(kb, w->f, w->n);
        if (!form)
            return -1;
    }
    if (lem)
        dyad__lex_word_mut(kb->lex, lem)->flags |= DYAD_LW_KB;
    n = add_id(ids, n, lem);
    return add_id(ids, n, form);
}

static int too_many_forms(dyad_kb *kb, const kb_line *ln, dyad_err *err)
{
    return kb_line_error(kb, ln, err, "more than %d word forms in one element: split the "
                         "pattern into two lines", MAX_ALTS);
}

typedef struct elem_tmp {
    uint8_t type, optional, exact, nalt;
    uint32_t alt[MAX_ALTS];
} elem_tmp;

/* Parses one pattern and stores it. */
static int parse_pattern(dyad_kb *kb, const kb_line *ln, int kind, const char *code,
                         const char *s, size_t n, dyad_err *err)
{
    elem_tmp el[MAX_ELEMS]; /* 8 KB; each element is cleared when used */
    uint32_t ne = 0, nwords = 0, ntarget = 0, nsource = 0;
    int lc = kind == DYAD_PK_VERB ? DYAD_LC_VERB : DYAD_LC_NOUN;
    const char *p = s, *end = s + n;
    int r = 0;
    while (p < end) {
        while (p < end && (*p == ' ' || *p == '\t'))
            p++;
        if (p == end)
            break;
        const char *q = p;
        int paren = 0, slash = 0;
        for (; q < end; q++) {
            unsigned char c = (unsigned char)*q;
            if (c > '/') /* most bytes: one test */
                continue;
            if (c == ' ' || c == '\t')
                break;
            paren |= c == '(' || c == ')';
            slash |= c == '/';
        }
        const char *e = p;
        size_t en = (size_t)(q - p);
        p = q;
        if (ne >= MAX_ELEMS - 1) {
            r = kb_line_error(kb, ln, err, "pattern longer than %d elements", MAX_ELEMS - 1);
            goto done;
        }
        elem_tmp *t = &el[ne]; /* alt[] is read only below nalt */
        t->type = t->optional = t->exact = t->nalt = 0;
        if (en >= 2 && e[0] == '(') {
            if (e[en - 1] != ')') {
                r = kb_line_error(kb, ln, err, "'%.*s': an optional element is written (word) or "
                                  "(a/b), without spaces", (int)(en > 40 ? 40 : en), e);
                goto done;
            }
            t->optional = 1;
            e++;
            en -= 2;
        } else if (paren) {
            r = kb_line_error(kb, ln, err, "'%.*s': unbalanced parenthesis",
                              (int)(en > 40 ? 40 : en), e);
            goto done;
        }
        if (en == 1 && (e[0] == '+' || e[0] == '$')) {
            t->type = e[0] == '+' ? DYAD_PE_TARGET : DYAD_PE_SOURCE;
            if (e[0] == '+')
                ntarget++;
            else
                nsource++;
            ne++;
            continue;
        }
        if ((en == 3 && memcmp(e, "...", 3) == 0) || (en == 3 && memcmp(e, "\xE2\x80\xA6", 3) == 0)) {
            if (t->optional) {
                r = kb_line_error(kb, ln, err, "a gap '...' is already optional: write it bare");
                goto done;
            }
            t->type = DYAD_PE_GAP;
            ne++;
            continue;
        }
        if (en && e[0] == '=') {
            t->exact = 1;
            e++;
            en--;
        }
        if (!en) {
            r = kb_line_error(kb, ln, err, "an empty element");
            goto done;
        }
        /* Alternatives. An alternative that the tokenizer cuts into several
         * tokens is allowed only when it is the element's only one: it
         * becomes a run of elements. */
        int nalt_words = 0;
        const char *a = e, *ae = e + en;
        uint32_t first = ne;
        while (a <= ae) {
            const char *sl = slash ? memchr(a, '/', (size_t)(ae - a)) : NULL;
            const char *x = sl ? sl : ae;
            if (x == a) {
                r = kb_line_error(kb, ln, err, "an empty alternative in '%.*s'",
                                  (int)(en > 40 ? 40 : en), e);
                goto done;
            }
            kb_tokw tw[8];
            int nt = kb_one_word(kb, a, (size_t)(x - a), &tw[0]); /* most alternatives */
            if (nt == -2)
                nt = kb_tokens(kb, a, (size_t)(x - a), tw, 8);
            if (nt < 0) {
                r = oom(kb, ln, err);
                goto done;
            }
            if (nt == 0) {
                r = kb_line_error(kb, ln, err, "'%.*s' has no word", (int)(x - a), a);
                goto done;
            }
            if (nt > 1 && (sl || a != e)) {
                r = kb_line_error(kb, ln, err, "the alternative '%.*s' is several tokens; write "
                                  "it as its own elements", (int)(x - a), a);
                goto done;
            }
            for (int k = 0; k < nt; k++) {
                if (first + (uint32_t)k >= MAX_ELEMS - 1) {
                    r = kb_line_error(kb, ln, err, "pattern longer than %d elements",
                                      MAX_ELEMS - 1);
                    goto done;
                }
                elem_tmp *w = &el[first + k];
                if (k) {
                    w->nalt = 0;
                    w->optional = t->optional;
                    w->exact = t->exact;
                }
                w->type = DYAD_PE_WORD;
                int anchor = first + (uint32_t)k == 0;
                int na = word_ids(kb, &tw[k], w->exact, anchor ? lc : DYAD_LC_NOUN, anchor,
                                  w->alt, w->nalt);
                if (na == -2) {
                    r = too_many_forms(kb, ln, err);
                    goto done;
                }
                if (na < 0) {
                    r = oom(kb, ln, err);
                    goto done;
                }
                w->nalt = (uint8_t)na;
            }
            nalt_words = nt;
            a = x + 1;
        }
        for (int k = 0; k < nalt_words; k++)
            if (!el[first + k].optional)
                nwords++;
        ne = first + (uint32_t)nalt_words;
    }
    if (ne == 0) {
        r = kb_line_error(kb, ln, err, "an empty pattern");
        goto done;
    }
    if (el[0].type != DYAD_PE_WORD || el[0].optional) {
        r = kb_line_error(kb, ln, err, "a pattern starts with its %s, a word that is not optional",
                          kind == DYAD_PK_VERB ? "verb" : "noun");
        goto done;
    }
    if (ntarget > 1 || nsource > 1) {
        r = kb_line_error(kb, ln, err, "at most one '+' and one '$' in a pattern");
        goto done;
    }

    /* Store. */
    {
        dyad_pelem *pe = kb_alloc(kb, ne * sizeof *pe, 8);
        if (!pe) {
            r = oom(kb, ln, err);
            goto done;
        }
        for (uint32_t i = 0; i < ne; i++) {
            pe[i].type = el[i].type;
            pe[i].optional = el[i].optional;
            pe[i].exact = el[i].exact;
            pe[i].nalt = el[i].nalt;
            pe[i].sig = 0;
            for (uint32_t a = 0; a < el[i].nalt; a++)
                pe[i].sig |= 1u << (dyad__word_bit(el[i].alt[a]) & 31);
            pe[i].alt = NULL;
            if (el[i].nalt) {
                uint32_t *alt = kb_alloc(kb, el[i].nalt * sizeof *alt, 4);
                if (!alt) {
                    r = oom(kb, ln, err);
                    goto done;
                }
                memcpy(alt, el[i].alt, el[i].nalt * sizeof *alt);
                pe[i].alt = alt;
            }
        }
        /* The anchor is indexed by its lemmas, even when written =exact. */
        uint32_t anc[MAX_ALTS];
        int na = 0;
        if (el[0].exact) {
            for (int k = 0; k < el[0].nalt; k++) {
                const char *w = dyad__lex_str(kb->lex, el[0].alt[k]);
                na = add_id(anc, na, lemma_of(kb, w, strlen(w), lc));
                na = add_id(anc, na, el[0].alt[k]);
            }
        } else {
            for (int k = 0; k < el[0].nalt; k++)
                na = add_id(anc, na, el[0].alt[k]);
        }
        if (na == -2) { /* an exact anchor's lemmas too */
            r = too_many_forms(kb, ln, err);
            goto done;
        }
        uint32_t *ap = kb_alloc(kb, (size_t)(na ? na : 1) * sizeof *ap, 4);
        dyad_pattern *pt = ap ? kb_vec_push(&kb->pats, sizeof *pt) : NULL;
        kb_pattern_x *px = pt ? kb_vec_push(&kb->patx, sizeof *px) : NULL;
        const char *text = px ? kb_strdup(kb, s, n) : NULL;
        if (!text) {
            r = oom(kb, ln, err);
            goto done;
        }
        memcpy(ap, anc, (size_t)na * sizeof *ap);
        pt->kind = (uint8_t)kind;
        pt->nelem = (uint8_t)ne;
        size_t cl = strnlen(code, sizeof pt->code - 1);
        memcpy(pt->code, code, cl);
        pt->code[cl] = '\0';
        pt->elem = pe;
        pt->text = text;
        pt->file = kb_file_name(kb, ln->file);
        pt->line = ln->line;
        pt->nwords = (uint16_t)nwords;
        px->file = ln->file;
        px->nanchor = (uint8_t)na;
        px->anchor = ap;
    }
done:
    return r;
}

static int event_code_ok(const char *s, size_t n)
{
    if (n == 3 && memcmp(s, "---", 3) == 0)
        return 1;
    if (n < 2 || n > 4)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

int kb_pattern_line(dyad_kb *kb, const kb_line *ln, int kind, dyad_err *err)
{
    if (ln->nfield != 1)
        return kb_line_error(kb, ln, err, "%s: write '%s CODE : PATTERN' (one CAMEO code, or ---)",
                             kind == DYAD_PK_VERB ? "verb" : "noun",
                             kind == DYAD_PK_VERB ? "verb" : "noun");
    if (!event_code_ok(ln->field[0], ln->field_len[0]))
        return kb_line_error(kb, ln, err, "'%.*s' is not an event code (2 to 4 digits, with the "
                             "leading zero, or --- for a negative pattern)",
                             (int)(ln->field_len[0] > 20 ? 20 : ln->field_len[0]), ln->field[0]);
    char code[6];
    memcpy(code, ln->field[0], ln->field_len[0]);
    code[ln->field_len[0]] = '\0';
    /* Several patterns on one line (an addition): separated by " | ". */
    const char *s = ln->rest, *end = ln->rest + ln->rest_len;
    while (s <= end) {
        const char *bar = memchr(s, '|', (size_t)(end - s));
        const char *e = bar ? bar : end;
        while (s < e && (*s == ' ' || *s == '\t'))
            s++;
        const char *t = e;
        while (t > s && (t[-1] == ' ' || t[-1] == '\t'))
            t--;
        int r = t > s ? parse_pattern(kb, ln, kind, code, s, (size_t)(t - s), err)
                      : kb_line_error(kb, ln, err, "an empty pattern");
        if (r != 0)
            return r;
        s = e + 1;
    }
    return 0;
}

/* ------------------------------------------------------------ discards */

#define MAX_PHRASE 32

int kb_discard_line(dyad_kb *kb, const kb_line *ln, dyad_err *err)
{
    if (ln->nfield)
        return kb_line_error(kb, ln, err, "discard: write 'discard : WORDS | WORDS'");
    const char *s = ln->rest, *end = ln->rest + ln->rest_len;
    while (s <= end) {
        const char *bar = memchr(s, '|', (size_t)(end - s));
        const char *e = bar ? bar : end;
        while (s < e && (*s == ' ' || *s == '\t'))
            s++;
        const char *t = e;
        while (t > s && (t[-1] == ' ' || t[-1] == '\t'))
            t--;
        uint32_t ids[MAX_PHRASE + 1];
        int nt = t > s ? kb_words(kb, s, (size_t)(t - s), ids, NULL, MAX_PHRASE + 1) : 0;
        if (nt < 0)
            return oom(kb, ln, err);
        if (nt == 0 || nt > MAX_PHRASE) {
            int r = kb_line_error(kb, ln, err, nt ? "a discard phrase longer than 32 tokens"
                                                  : "an empty discard phrase");
            if (r)
                return r;
            s = e + 1;
            continue;
        }
        uint32_t *w = kb_alloc(kb, (size_t)nt * sizeof *w, 4);
        const char *text = w ? kb_strdup(kb, s, (size_t)(t - s)) : NULL;
        kb_discard *d = text ? kb_vec_push(&kb->discards, sizeof *d) : NULL;
        if (!d)
            return oom(kb, ln, err);
        memcpy(w, ids, (size_t)nt * sizeof *w);
        d->w = w;
        d->n = (uint32_t)nt;
        d->text = text;
        d->file = ln->file;
        d->line = ln->line;
        d->next = kb_map_get(&kb->dindex, ids[0]);
        if (kb_map_put(&kb->dindex, ids[0], kb->discards.n) != 0)
            return oom(kb, ln, err);
        s = e + 1;
    }
    return 0;
}

int kb_drop_discards(dyad_kb *kb, const kb_line *ln, dyad_err *err)
{
    const char *s = ln->rest, *end = ln->rest + ln->rest_len;
    while (s <= end) {
        const char *bar = memchr(s, '|', (size_t)(end - s));
        const char *e = bar ? bar : end;
        while (s < e && (*s == ' ' || *s == '\t'))
            s++;
        const char *t = e;
        while (t > s && (t[-1] == ' ' || t[-1] == '\t'))
            t--;
        uint32_t ids[MAX_PHRASE + 1];
        int nt = t > s ? kb_words_find(kb, s, (size_t)(t - s), ids, NULL, MAX_PHRASE + 1) : 0;
        uint32_t hit = 0;
        for (uint32_t h = nt > 0 ? kb_map_get(&kb->dindex, ids[0]) : 0; h; h = DISC(kb, h - 1).next) {
            kb_discard *d = &DISC(kb, h - 1);
            if (d->n == (uint32_t)nt && memcmp(d->w, ids, (size_t)nt * sizeof *ids) == 0 &&
                !d->dropped) {
                d->dropped = 1;
                hit++;
            }
        }
        int r = kb_note(kb, hit ? KS_INFO : KS_WARNING, ln->file, ln->line,
                        hit ? "drops discard '%.*s'"
                            : "drop: no discard phrase '%.*s' was loaded before this line",
                        (int)(t - s), s);
        if (r)
            return oom(kb, ln, err);
        s = e + 1;
    }
    return 0;
}

int kb_drop_patterns(dyad_kb *kb, const kb_line *ln, dyad_err *err)
{
    const char *s = ln->rest, *end = ln->rest + ln->rest_len;
    while (s <= end) {
        const char *bar = memchr(s, '|', (size_t)(end - s));
        const char *e = bar ? bar : end;
        while (s < e && (*s == ' ' || *s == '\t'))
            s++;
        const char *t = e;
        while (t > s && (t[-1] == ' ' || t[-1] == '\t'))
            t--;
        const char *colon = NULL;
        for (const char *c = t; c > s; c--)
            if (c[-1] == ':') {
                colon = c - 1;
                break;
            }
        unsigned long line = 0;
        int ok = colon && colon > s && colon + 1 < t;
        for (const char *c = colon ? colon + 1 : t; ok && c < t; c++)
            if (*c < '0' || *c > '9' || line > 100000000)
                ok = 0;
            else
                line = line * 10 + (unsigned long)(*c - '0');
        if (!ok) {
            int r = kb_line_error(kb, ln, err, "drop pattern: '%.*s' is not FILE:LINE",
                                  (int)(t - s > 60 ? 60 : t - s), s);
            if (r)
                return r;
            s = e + 1;
            continue;
        }
        size_t fl = (size_t)(colon - s);
        uint32_t hit = 0;
        for (uint32_t i = 0; i < kb->pats.n; i++) {
            const dyad_pattern *p = &PAT(kb, i);
            if (p->line != line || PATX(kb, i).dropped)
                continue;
            size_t pl = strlen(p->file);
            /* FILE as the pattern's id writes it, or its last components
             * ("kb-base.txt" for "/path/to/kb-base.txt"). */
            int same = pl == fl ? memcmp(p->file, s, fl) == 0
                                : pl > fl && p->file[pl - fl - 1] == '/' &&
                                      memcmp(p->file + pl - fl, s, fl) == 0;
            if (same) {
                PATX(kb, i).dropped = 1;
                hit++;
            }
        }
        int r = kb_note(kb, hit ? KS_INFO : KS_WARNING, ln->file, ln->line,
                        hit ? "drops pattern %.*s" : "drop: no pattern %.*s was loaded before this line",
                        (int)(t - s), s);
        if (r)
            return oom(kb, ln, err);
        s = e + 1;
    }
    return 0;
}

/* ------------------------------------------------------------ the index */

typedef struct pkey {
    uint64_t key;      /* kind << 32 | anchor id */
    uint32_t pat;      /* index in kb->pats */
    uint16_t nwords;
    uint8_t nelem;
} pkey;

static int cmp_pkey(const void *a, const void *b)
{
    const pkey *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    if (x->nwords != y->nwords)
        return y->nwords - x->nwords;
    if (x->nelem != y->nelem)
        return y->nelem - x->nelem;
    return x->pat < y->pat ? 1 : x->pat > y->pat ? -1 : 0; /* later file first */
}

/* LSD radix sort of n 64-bit keys, a byte at a time; bytes that are the
 * same in every key are skipped. tmp holds n keys. */
static void radix_sort64(uint64_t *a, uint64_t *tmp, size_t n)
{
    uint64_t *src = a, *dst = tmp;
    for (int shift = 0; shift < 64 && n > 1; shift += 8) {
        size_t count[256] = {0};
        for (size_t i = 0; i < n; i++)
            count[(src[i] >> shift) & 255]++;
        if (count[(src[0] >> shift) & 255] == n)
            continue;
        size_t sum = 0;
        for (int b = 0; b < 256; b++) {
            size_t c = count[b];
            count[b] = sum;
            sum += c;
        }
        for (size_t i = 0; i < n; i++)
            dst[count[(src[i] >> shift) & 255]++] = src[i];
        uint64_t *t = src;
        src = dst;
        dst = t;
    }
    if (src != a)
        memcpy(a, src, n * sizeof *a);
}

/* Sorts keys in cmp_pkey's order. When every field fits, each key is packed
 * into one 64-bit integer that orders the same way (kind 2 bits, anchor 30,
 * then 63 - nwords, 63 - nelem and 2^20 - 1 - pat, which reverse those
 * fields) and radix sorted; otherwise qsort. */
static void sort_pkeys(pkey *keys, size_t nk)
{
    int fits = 1;
    for (size_t i = 0; i < nk && fits; i++)
        fits = (keys[i].key >> 32) < 4 && (uint32_t)keys[i].key < (1u << 30) &&
               keys[i].nwords < 64 && keys[i].nelem < 64 && keys[i].pat < (1u << 20);
    uint64_t *p = fits && nk > 1 ? malloc(2 * nk * sizeof *p) : NULL;
    if (!p) {
        qsort(keys, nk, sizeof *keys, cmp_pkey);
        return;
    }
    for (size_t i = 0; i < nk; i++)
        p[i] = (keys[i].key >> 32) << 62 | (keys[i].key & 0xffffffffull) << 32 |
               (uint64_t)(63 - keys[i].nwords) << 26 | (uint64_t)(63 - keys[i].nelem) << 20 |
               ((1u << 20) - 1 - keys[i].pat);
    radix_sort64(p, p + nk, nk);
    for (size_t i = 0; i < nk; i++) {
        keys[i].key = (p[i] >> 62) << 32 | ((p[i] >> 32) & ((1u << 30) - 1));
        keys[i].nwords = (uint16_t)(63 - ((p[i] >> 26) & 63));
        keys[i].nelem = (uint8_t)(63 - ((p[i] >> 20) & 63));
        keys[i].pat = (uint32_t)((1u << 20) - 1 - (p[i] & ((1u << 20) - 1)));
    }
    free(p);
}

int kb_patterns_finish(dyad_kb *kb)
{
    size_t nk = 0;
    for (uint32_t i = 0; i < kb->pats.n; i++)
        nk += PATX(kb, i).nanchor;
    pkey *keys = malloc((nk ? nk : 1) * sizeof *keys);
    if (!keys)
        return -1;
    nk = 0;
    for (uint32_t i = 0; i < kb->pats.n; i++) {
        const kb_pattern_x *x = &PATX(kb, i);
        if (x->dropped)
            continue;
        for (uint32_t k = 0; k < x->nanchor; k++) {
            keys[nk].key = ((uint64_t)PAT(kb, i).kind << 32) | x->anchor[k];
            keys[nk].pat = i;
            keys[nk].nwords = PAT(kb, i).nwords;
            keys[nk].nelem = PAT(kb, i).nelem;
            nk++;
        }
    }
    sort_pkeys(keys, nk);
    /* The index's arrays are carved from the kb's arena, in huge pages
     * (load.c): as separate mallocs they took a thousand page faults. */
    kb->plist = kb_alloc(kb, (nk ? nk : 1) * sizeof *kb->plist, 8);
    kb->pranges = kb_alloc(kb, (nk ? nk : 1) * 3 * sizeof *kb->pranges, 8);
    kb->pfilt = kb_alloc(kb, (nk ? nk : 1) * sizeof *kb->pfilt, 8);
    size_t ne = 0, na = 0;
    for (size_t i = 0; i < nk; i++) {
        const dyad_pattern *p = &PAT(kb, keys[i].pat);
        ne += p->nelem;
        for (uint32_t e = 0; e < p->nelem; e++)
            na += p->elem[e].nalt;
    }
    kb->porbits = kb_alloc(kb, (na + nk + 1) * sizeof *kb->porbits, 8); /* + a 0 after each group */
    kb->pcopy = kb_alloc(kb, (nk ? nk : 1) * sizeof *kb->pcopy, 8);
    kb->pelems = kb_alloc(kb, (ne ? ne : 1) * sizeof *kb->pelems, 8);
    kb->palts = kb_alloc(kb, (na ? na : 1) * sizeof *kb->palts, 8);
    if (!kb->plist || !kb->pranges || !kb->pfilt || !kb->porbits || !kb->pcopy || !kb->pelems || !kb->palts) {
        free(keys);
        return -1;
    }
    uint32_t nr = 0;
    size_t ie = 0, ia = 0, io = 0;
    for (size_t i = 0; i < nk; i++) {
        /* a copy in plist order: the grammar sweeps a verb's patterns in
         * order, and contiguous copies keep that sweep in cache */
        dyad_pattern *p = &kb->pcopy[i];
        *p = PAT(kb, keys[i].pat);
        dyad_pelem *pe = kb->pelems + ie;
        for (uint32_t e = 0; e < p->nelem; e++) {
            pe[e] = p->elem[e];
            if (pe[e].nalt)
                memcpy(kb->palts + ia, p->elem[e].alt, (size_t)pe[e].nalt * sizeof *kb->palts);
            pe[e].alt = kb->palts + ia;
            ia += pe[e].nalt;
        }
        p->elem = pe;
        ie += p->nelem;
        kb->plist[i] = p;
        dyad_pfilter *f = &kb->pfilt[i];
        f->nbit = 0;
        f->flags = 0;
        if (p->nelem == 0)
            f->flags |= DYAD_PF_EMPTY;
        if (p->nelem == 2 && p->elem[1].type == DYAD_PE_TARGET)
            f->flags |= DYAD_PF_PLAIN;
        f->orbit = NULL;
        f->nor = 0;
        for (uint32_t e = 1; e < p->nelem; e++) {
            const dyad_pelem *el = &p->elem[e];
            if (el->type != DYAD_PE_WORD || el->optional || !el->nalt)
                continue;
            if (el->nalt == 1 && f->nbit < 3) {
                f->bit[f->nbit++] = (uint16_t)dyad__word_bit(el->alt[0]);
            } else if (el->nalt > 1 && !f->orbit && el->nalt <= DYAD_PF_MAXOR) {
                uint16_t *ob = kb->porbits + io;
                for (uint32_t a = 0; a < el->nalt; a++)
                    ob[a] = (uint16_t)dyad__word_bit(el->alt[a]);
                ob[el->nalt] = 0; /* the sentinel: bit 0 is set in every sentence */
                f->orbit = ob;
                f->nor = el->nalt;
                io += el->nalt + 1u;
            } else {
                f->flags |= DYAD_PF_MORE; /* pattern_possible() checks the rest */
            }
        }
        for (int b = f->nbit; b < 3; b++)
            f->bit[b] = 0; /* bit 0 is set in every sentence's filter */
        if (i == 0 || keys[i].key != keys[i - 1].key) {
            kb->pranges[3 * nr] = (uint32_t)i;
            kb->pranges[3 * nr + 1] = 0;
            kb->pranges[3 * nr + 2] = 0;
            if (kb_map_put(&kb->pindex, keys[i].key, nr + 1) != 0) {
                free(keys);
                return -1;
            }
            nr++;
        }
        uint32_t *rg = &kb->pranges[3 * (nr - 1)];
        if (f->flags & DYAD_PF_PLAIN)
            rg[2] = rg[1] + 1; /* the last plain pattern of the range, +1 */
        rg[1]++;
    }
    free(keys);
    kb->nplist = (uint32_t)nk;

    /* Discards: a bit per word id that starts a live phrase. */
    uint32_t nw = dyad__lex_count(kb->lex) + 1;
    kb->dstart = calloc((nw + 7) / 8, 1);
    if (!kb->dstart)
        return -1;
    kb->ndstart = nw;
    for (uint32_t i = 0; i < kb->discards.n; i++) {
        const kb_discard *d = &DISC(kb, i);
        if (!d->dropped && d->w[0] < nw)
            kb->dstart[d->w[0] >> 3] |= (uint8_t)(1u << (d->w[0] & 7));
    }
    return 0;
}

const dyad_pattern *const *dyad__kb_patterns(const dyad_kb *kb, int kind, uint32_t lemma,
                                              uint32_t *n, const dyad_pfilter **filt,
                                              uint32_t *plain)
{
    uint32_t r = lemma ? kb_map_get(&kb->pindex, ((uint64_t)(uint32_t)kind << 32) | lemma) : 0;
    return dyad__kb_patterns_at(kb, r, n, filt, plain);
}

const dyad_pattern *const *dyad__kb_patterns_at(const dyad_kb *kb, uint32_t r, uint32_t *n,
                                                 const dyad_pfilter **filt, uint32_t *plain)
{
    if (!r) {
        *n = 0;
        if (filt)
            *filt = NULL;
        if (plain)
            *plain = 0;
        return NULL;
    }
    const uint32_t *rg = &kb->pranges[3 * (r - 1)];
    *n = rg[1];
    if (filt)
        *filt = kb->pfilt + rg[0];
    if (plain)
        *plain = rg[2];
    return kb->plist + rg[0];
}

void dyad__kb_each_anchor(const dyad_kb *kb,
                          void (*fn)(void *ud, int kind, uint32_t lemma, uint32_t handle),
                          void *ud)
{
    for (uint32_t i = 0; i < kb->pindex.cap; i++) {
        uint64_t k = kb->pindex.s[i].key;
        if (k && (uint32_t)(k - 1)) /* stored key+1; lemma 0 finds nothing */
            fn(ud, (int)((k - 1) >> 32), (uint32_t)(k - 1), kb->pindex.s[i].val);
    }
}

uint32_t dyad__kb_discard(const dyad_kb *kb, const dyad_tok *tok, uint32_t n)
{
    if (!kb->dstart)
        return 0;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t f = tok[i].form;
        if (!f || f >= kb->ndstart || !(kb->dstart[f >> 3] & (1u << (f & 7))))
            continue;
        for (uint32_t h = kb_map_get(&kb->dindex, f); h; h = DISC(kb, h - 1).next) {
            const kb_discard *d = &DISC(kb, h - 1);
            if (d->dropped || i + d->n > n)
                continue;
            uint32_t k = 1;
            while (k < d->n && tok[i + k].form == d->w[k])
                k++;
            if (k == d->n)
                return h;
        }
    }
    return 0;
}

const char *dyad__kb_discard_text(const dyad_kb *kb, uint32_t id)
{
    return id && id <= kb->discards.n ? DISC(kb, id - 1).text : "";
}
