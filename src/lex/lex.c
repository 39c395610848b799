/*
 * lex.c -- the lexicon at run time: interning, case folding, lookups of
 * word statistics and tag sets, and lemmas (WordNet's morphy for forms the
 * generated data does not cover).
 *
 * Owns the word table and every record in it; the file format and its
 * parsing live in load.c. Never tokenises or tags: that is src/text/.
 */
#include "lex_int.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "../base/err.h"
#include "../base/mem.h"

static const char *const pos_names[DYAD_POS_COUNT] = {
    "-", "CC", "CD", "DT", "EX", "FW", "IN", "JJ", "JJR", "JJS", "LS", "MD", "NN", "NNS",
    "NNP", "NNPS", "PDT", "POS", "PRP", "PRP$", "RB", "RBR", "RBS", "RP", "SYM", "TO", "UH",
    "VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "WDT", "WP", "WP$", "WRB", ",", ".", ":", "``",
    "''", "(", ")", "$"};

const char *dyad__pos_name(dyad_pos p) { return p < DYAD_POS_COUNT ? pos_names[p] : "?"; }

dyad_lex *dyad__lex_new(dyad_err *err)
{
    dyad_lex *l = calloc(1, sizeof *l);
    if (!l || dyad__strtab_init(&l->words, 1024) != 0) {
        free(l);
        dyad__err_set(err, DYAD_ENOMEM, "lexicon", 0, 0, NULL);
        return NULL;
    }
    return l;
}

void dyad__lex_free(dyad_lex *lex)
{
    if (!lex)
        return;
    dyad__strtab_free(&lex->words);
    if (!lex->image_w)
        dyad__big_free(lex->w, lex->wcap, sizeof *lex->w);
    if (!lex->image_sets) {
        free(lex->wset);
        free(lex->sets);
    }
    free(lex);
}

/* ------------------------------------------------------------ folding */

size_t dyad__lex_fold(const char *s, size_t n, char *out, size_t cap)
{
    size_t o = 0, i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            if (o >= cap)
                return (size_t)-1;
            out[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0) { /* invalid byte: copy it as it is */
            if (o >= cap)
                return (size_t)-1;
            out[o++] = (char)c;
            i++;
            continue;
        }
        i += (size_t)k;
        if (cp == 0x2019) /* right single quotation mark: the apostrophe */
            cp = '\'';
        else
            cp = utf8proc_tolower(cp);
        utf8proc_uint8_t enc[4];
        utf8proc_ssize_t e = utf8proc_encode_char(cp, enc);
        if (o + (size_t)e > cap)
            return (size_t)-1;
        memcpy(out + o, enc, (size_t)e);
        o += (size_t)e;
    }
    return o;
}

/* ------------------------------------------------------------ words */

/* Room for the record of id; an image's records are copied first, since
 * they are about to change. */
int dyad__lex_grow(dyad_lex *lex, uint32_t id)
{
    if (id < lex->wcap && !lex->image_w)
        return 0;
    uint32_t cap = lex->wcap ? lex->wcap * 2 : 1024;
    while (cap <= id)
        cap += cap / 2;
    /* calloc, not realloc + memset: the new part stays untouched (no page
     * faults) until words fill it */
    dyad_lex_word *w = dyad__big_calloc(cap, sizeof *w);
    if (!w)
        return -1;
    if (lex->w)
        memcpy(w, lex->w, lex->wcap * sizeof *w);
    if (!lex->image_w)
        dyad__big_free(lex->w, lex->wcap, sizeof *lex->w);
    lex->w = w;
    lex->wcap = cap;
    lex->image_w = 0;
    return 0;
}

uint32_t dyad__lex_find(const dyad_lex *lex, const char *f, size_t n)
{
    return dyad__strtab_find(&lex->words, f, n);
}

uint64_t dyad__lex_find_start(const dyad_lex *lex, const char *f, size_t n)
{
    return dyad__strtab_find_start(&lex->words, f, n);
}

uint32_t dyad__lex_find_hashed(const dyad_lex *lex, const char *f, size_t n, uint64_t h)
{
    return dyad__strtab_find_hashed(&lex->words, f, n, h);
}

uint32_t dyad__lex_intern(dyad_lex *lex, const char *f, size_t n)
{
    uint32_t id = dyad__strtab_intern(&lex->words, f, n);
    if (!id || dyad__lex_grow(lex, id) != 0)
        return 0;
    return id;
}

const char *dyad__lex_str(const dyad_lex *lex, uint32_t id) { return dyad__strtab_str(&lex->words, id); }
uint32_t dyad__lex_count(const dyad_lex *lex) { return lex->words.count; }

static const dyad_lex_word zero_word;

const dyad_lex_word *dyad__lex_word(const dyad_lex *lex, uint32_t id)
{
    return id && id <= lex->words.count && id < lex->wcap ? &lex->w[id] : &zero_word;
}

void dyad__lex_recs(const dyad_lex *lex, dyad_lex_recs *out)
{
    /* records past the last word are zeros (dyad__lex_grow callocs them),
     * as dyad__lex_word's answer for those ids is */
    uint32_t n = lex->words.count + 1;
    out->w = lex->w ? lex->w : &zero_word;
    out->n = lex->w ? (n < lex->wcap ? n : lex->wcap) : 1;
    out->nstat = lex->nstat < out->n ? lex->nstat : out->n - 1;
    out->nfile = lex->nfile;
    out->loaded = lex->loaded;
}

dyad_lex_word *dyad__lex_word_mut(dyad_lex *lex, uint32_t id)
{
    if (!id || id > lex->words.count || id >= lex->wcap ||
        (lex->image_w && dyad__lex_grow(lex, id) != 0)) {
        /* a caller bug: hand out this lexicon's scratch record */
        memset(&lex->scratch, 0, sizeof lex->scratch);
        return &lex->scratch;
    }
    return &lex->w[id];
}

float dyad__lex_trans(const dyad_lex *lex, int prev, int tag)
{
    if (prev < 0 || prev >= DYAD_POS_COUNT || tag < 0 || tag >= DYAD_POS_COUNT)
        return -30.0f;
    return lex->trans[prev][tag];
}

const float *dyad__lex_trans_table(const dyad_lex *lex) { return &lex->trans[0][0]; }
const float *dyad__lex_trans_in_table(const dyad_lex *lex) { return &lex->trans_in[0][0]; }

float dyad__lex_prior(const dyad_lex *lex, int tag)
{
    return tag >= 0 && tag < DYAD_POS_COUNT ? lex->prior[tag] : -30.0f;
}

int dyad__lex_tags(const dyad_lex *lex, uint32_t id, int wc, dyad_tagview *out)
{
    out->n = 0;
    if (!id || id > lex->nstat)
        return 0;
    const dyad_lex_word *w = &lex->w[id];
    uint32_t k = 0;
    switch (wc) {
    case DYAD_WC_LOWER:
        if (!(w->flags & DYAD_LW_LOWER))
            return 0;
        break;
    case DYAD_WC_CAP:
        k = lex->wset[id][0];
        if (!k && (!(w->flags & DYAD_LW_CAPTAGS) || (w->flags & DYAD_LW_LOWER)))
            return 0;
        break;
    case DYAD_WC_START:
        k = lex->wset[id][1]; /* both spellings; else the one there is */
        break;
    default:
        return 0;
    }
    if (k) {
        *out = dyad__tagview(&lex->sets[k - 1]);
    } else {
        out->n = w->ntags;
        out->tag = w->tag;
        out->score = w->logp;
    }
    return out->n > 0;
}

const dyad_tagset *dyad__lex_unknown(const dyad_lex *lex, int cls)
{
    return cls >= 0 && cls < DYAD_UNK_COUNT ? &lex->unk[cls] : &lex->unk[DYAD_UNK_UNKNOWN];
}

const dyad_tagset *dyad__lex_suffix(const dyad_lex *lex, const char *f, size_t n)
{
    for (size_t L = n > 5 ? 5 : n; L >= 1; L--) {
        if (L + 2 > n)
            continue;
        uint64_t key = dyad__lex_pack(f + n - L, L);
        for (uint32_t i = dyad__lex_slot(key, DYAD_SFX_SLOTS - 1);; i = (i + 1) & (DYAD_SFX_SLOTS - 1)) {
            const dyad_smallkey *e = &lex->sfx[i];
            if (!e->key)
                break;
            if (e->key == key && e->len == L)
                return &lex->sets[e->val];
        }
    }
    return NULL;
}

uint32_t dyad__lex_abbrev(const dyad_lex *lex, const char *f, size_t n, uint16_t *flags)
{
    uint64_t key = dyad__lex_pack(f, n);
    if (!key)
        return 0;
    for (uint32_t i = dyad__lex_slot(key, DYAD_ABBR_SLOTS - 1);; i = (i + 1) & (DYAD_ABBR_SLOTS - 1)) {
        const dyad_smallkey *e = &lex->abbr[i];
        if (!e->key)
            return 0;
        if (e->key == key && e->len == n) {
            if (flags)
                *flags = e->flags;
            return e->val;
        }
    }
}

const dyad_lex_ids *dyad__lex_ids(const dyad_lex *lex) { return &lex->ids; }

#define BIT(t) (1ULL << (t))

uint64_t dyad__lex_wordnet_tags(const dyad_lex_word *w, const char *p, size_t n)
{
    uint64_t m = 0;
    if (w->flags & DYAD_LW_WN_NOUN)
        m |= BIT(DYAD_NN);
    if (w->flags & DYAD_LW_WN_VERB)
        m |= BIT(DYAD_VB) | BIT(DYAD_VBP);
    if (w->flags & DYAD_LW_WN_ADJ)
        m |= BIT(DYAD_JJ);
    if (w->flags & DYAD_LW_WN_ADV)
        m |= BIT(DYAD_RB);
    if (w->lemma[DYAD_LC_VERB] && n > 2) {
        if (p[n - 2] == 'e' && p[n - 1] == 'd')
            m |= BIT(DYAD_VBD) | BIT(DYAD_VBN);
        else if (n > 3 && memcmp(p + n - 3, "ing", 3) == 0)
            m |= BIT(DYAD_VBG);
        else if (p[n - 1] == 's')
            m |= BIT(DYAD_VBZ);
        else
            m |= BIT(DYAD_VBD) | BIT(DYAD_VBN); /* went, hidden */
    }
    if (w->lemma[DYAD_LC_NOUN] && n > 1 && (p[n - 1] == 's' || !(w->flags & DYAD_LW_WN_NOUN)))
        m |= BIT(DYAD_NNS);
    if (w->lemma[DYAD_LC_ADJ] && n > 2)
        m |= p[n - 1] == 't' ? BIT(DYAD_JJS) : BIT(DYAD_JJR);
    if (m & BIT(DYAD_NN))
        m |= BIT(DYAD_NNS) * (n > 1 && p[n - 1] == 's' && (w->flags & DYAD_LW_WN_NOUN) && !w->lemma[DYAD_LC_NOUN]);
    return m;
}

/* ------------------------------------------------------------ lemmas */

/* Is word `id` a base form of class lc? (WordNet, or tagged as one in the
 * training data, or a word of some dictionary.) */
static int is_base(const dyad_lex *lex, uint32_t id, int lc)
{
    if (!id)
        return 0;
    const dyad_lex_word *w = dyad__lex_word(lex, id);
    static const uint16_t wn[3] = {DYAD_LW_WN_NOUN, DYAD_LW_WN_VERB, DYAD_LW_WN_ADJ};
    if (w->flags & (wn[lc] | DYAD_LW_KB))
        return 1;
    for (int i = 0; i < w->ntags; i++) {
        int t = w->tag[i];
        if ((lc == DYAD_LC_NOUN && t == DYAD_NN) || (lc == DYAD_LC_VERB && (t == DYAD_VB || t == DYAD_VBP)) ||
            (lc == DYAD_LC_ADJ && t == DYAD_JJ))
            return 1;
    }
    return 0;
}

typedef struct rule {
    const char *suf;
    const char *end;
} rule;

/* WordNet's detachment rules (morphy(7WN)). */
static const rule RULES_N[] = {{"s", ""}, {"ses", "s"}, {"xes", "x"}, {"zes", "z"}, {"ches", "ch"},
                               {"shes", "sh"}, {"men", "man"}, {"ies", "y"}, {NULL, NULL}};
static const rule RULES_V[] = {{"s", ""}, {"ies", "y"}, {"es", "e"}, {"es", ""}, {"ed", "e"},
                               {"ed", ""}, {"ing", "e"}, {"ing", ""}, {NULL, NULL}};
static const rule RULES_J[] = {{"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"}, {NULL, NULL}};

uint32_t dyad__lex_lemma_text(const dyad_lex *lex, const char *f, size_t n, int lc)
{
    if (lc < 0 || lc >= DYAD_LC_COUNT || n < 3 || n > 60)
        return 0;
    const rule *rules = lc == DYAD_LC_NOUN ? RULES_N : lc == DYAD_LC_VERB ? RULES_V : RULES_J;
    char buf[72];
    for (const rule *r = rules; r->suf; r++) {
        size_t sl = strlen(r->suf), el = strlen(r->end);
        if (n <= sl + 1 || memcmp(f + n - sl, r->suf, sl) != 0)
            continue;
        if (lc == DYAD_LC_NOUN && sl == 1 && f[n - 2] == 's')
            continue; /* -ss is not a plural */
        size_t bl = n - sl;
        memcpy(buf, f, bl);
        memcpy(buf + bl, r->end, el);
        uint32_t id = dyad__lex_find(lex, buf, bl + el);
        if (is_base(lex, id, lc))
            return id;
        /* doubled final consonant: geotagged -> geotag, hotter -> hot */
        if (lc != DYAD_LC_NOUN && el == 0 && bl >= 3 && buf[bl - 1] == buf[bl - 2] &&
            strchr("bdgklmnprtz", buf[bl - 1])) {
            id = dyad__lex_find(lex, buf, bl - 1);
            if (is_base(lex, id, lc))
                return id;
        }
    }
    return 0;
}

uint32_t dyad__lex_lemma(const dyad_lex *lex, uint32_t id, int lc)
{
    if (!id || lc < 0 || lc >= DYAD_LC_COUNT)
        return id;
    const dyad_lex_word *w = dyad__lex_word(lex, id);
    if (w->lemma[lc])
        return w->lemma[lc];
    /* Words of the generated lexicon carry their lemmas; only words added
     * later (dictionary words) go through the rules. */
    if (id <= lex->nfile || !lex->loaded)
        return id;
    const char *s = dyad__lex_str(lex, id);
    uint32_t l = dyad__lex_lemma_text(lex, s, strlen(s), lc);
    return l ? l : id;
}
