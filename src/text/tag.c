/*
 * tag.c -- part-of-speech tagger: a bigram HMM decoded with Viterbi over
 * the candidate tags of each token (lexicon statistics from Lingua's news
 * training data), then a few contextual fixes.
 *
 * Candidates of a token (see cands()):
 *   - punctuation: the tag the tokenizer set;
 *   - a known word: the statistics of its spelling where it stands: lower
 *     case, capitalised inside a sentence (The May deadline vs. may), or
 *     capitalised at the start of a sentence or quote, where both spellings
 *     count (so sentence-initial capitals do not all become NNP); a
 *     capitalised word only ever seen in lower case mixes its own tags with
 *     the proper-noun class;
 *   - an unknown word: Lingua's shape classes (number, ordinal, all-caps,
 *     hyphenated, capitalised) and, for lower-case words, the suffix classes
 *     of rare words (1-5 bytes), restricted to the WordNet classes of the
 *     word when WordNet knows it as a base form.
 * Titles (headlines in Title Case) are read like sentence starts.
 * The decoder works in windows of WINDOW tokens, so any sentence length
 * runs in constant memory. No allocation, no lookup except the suffix
 * table and one for the last part of unknown hyphenated words.
 */
#include <math.h>
#include <string.h>

#include "text_int.h"

#define WINDOW 256
#define NEG (-1e30f)

static void single(dyad_tagset *s, int tag)
{
    s->n = 1;
    s->tag[0] = (uint8_t)tag;
    s->score[0] = 0;
}

/* Mixes two candidate sets: lambda * P(t|a) + (1 - lambda) * P(t|b), each
 * recovered from its scores (P(t|x) is proportional to exp(score + prior)). */
static void mix(const dyad_lex *lex, const dyad_tagview *a, float lambda, const dyad_tagview *b,
                dyad_tagset *out)
{
    float pa[DYAD_POS_COUNT] = {0}, pb[DYAD_POS_COUNT] = {0};
    double sa = 0, sb = 0;
    for (uint32_t i = 0; i < a->n; i++)
        sa += pa[a->tag[i]] = expf(a->score[i] + dyad__lex_prior(lex, a->tag[i]));
    for (uint32_t i = 0; i < b->n; i++)
        sb += pb[b->tag[i]] = expf(b->score[i] + dyad__lex_prior(lex, b->tag[i]));
    dyad_tagset r = {0};
    for (int pass = 0; pass < 2; pass++) {
        const dyad_tagview *s = pass ? b : a;
        for (uint32_t i = 0; i < s->n && r.n < DYAD_TAGSET_MAX; i++) {
            int t = s->tag[i], k;
            for (k = 0; k < r.n; k++)
                if (r.tag[k] == t)
                    break;
            if (k < r.n)
                continue;
            double p = (sa > 0 ? lambda * pa[t] / sa : 0) + (sb > 0 ? (1 - lambda) * pb[t] / sb : 0);
            if (p <= 0)
                continue;
            r.tag[r.n] = (uint8_t)t;
            r.score[r.n] = (float)log(p) - dyad__lex_prior(lex, t);
            r.n++;
        }
    }
    *out = r;
}

/* Keeps the candidates of s whose tag is allowed (bitmask over dyad_pos). */
static void restrict_to(const dyad_lex *lex, const dyad_tagview *s, uint64_t allowed, dyad_tagset *out)
{
    dyad_tagset r = {0};
    for (uint32_t i = 0; i < s->n; i++)
        if (allowed & (1ULL << s->tag[i])) {
            r.tag[r.n] = s->tag[i];
            r.score[r.n] = s->score[i];
            r.n++;
        }
    if (!r.n) { /* none survive: the allowed tags, evenly */
        for (int t = 1; t < DYAD_POS_COUNT && r.n < DYAD_TAGSET_MAX; t++)
            if (allowed & (1ULL << t)) {
                r.tag[r.n] = (uint8_t)t;
                r.n++;
            }
        for (int i = 0; i < r.n; i++)
            r.score[i] = -logf((float)r.n) - dyad__lex_prior(lex, r.tag[i]);
    }
    *out = r;
}

#define BIT(t) (1ULL << (t))

/* Tags a word that WordNet knows as a base form may take. */
static uint64_t wordnet_tags(uint16_t fl)
{
    uint64_t m = 0;
    if (fl & DYAD_LW_WN_NOUN)
        m |= BIT(DYAD_NN) | BIT(DYAD_NNS);
    if (fl & DYAD_LW_WN_VERB)
        m |= BIT(DYAD_VB) | BIT(DYAD_VBP);
    if (fl & DYAD_LW_WN_ADJ)
        m |= BIT(DYAD_JJ);
    if (fl & DYAD_LW_WN_ADV)
        m |= BIT(DYAD_RB);
    return m;
}

static dyad_tagview unk(const dyad_lex *lex, int cls) { return dyad__tagview(dyad__lex_unknown(lex, cls)); }

/* Candidate set of an unknown (or statistics-less) lower-case word. */
static dyad_tagview unknown_lower(const dyad_lex *lex, const dyad_tok *t, const char *text,
                                  dyad_tagset *buf)
{
    const char *p = text + t->off;
    uint32_t n = t->len;
    if (t->shape & DYAD_TS_HYPHEN) {
        /* the last part decides: -adj (military-technical) or not; a
         * capitalised last part is a name (al-Shabaab) */
        const char *h = NULL;
        for (uint32_t i = n; i-- > 0;)
            if (p[i] == '-') {
                h = p + i;
                break;
            }
        int cls = DYAD_UNK_HYP;
        if (h && h[1] >= 'A' && h[1] <= 'Z')
            return unk(lex, DYAD_UNK_CAP);
        if (h && (size_t)(p + n - h - 1) < 64) {
            char f[64];
            size_t fl = dyad__lex_fold(h + 1, (size_t)(p + n - h - 1), f, sizeof f);
            uint32_t id = fl != (size_t)-1 ? dyad__lex_find(lex, f, fl) : 0;
            const dyad_lex_word *w = dyad__lex_word(lex, id);
            for (int i = 0; i < w->ntags; i++)
                if (w->tag[i] == DYAD_JJ || w->tag[i] == DYAD_VBN)
                    cls = DYAD_UNK_HYPADJ;
        }
        return unk(lex, cls);
    }
    if (t->shape & DYAD_TS_DIGIT) {
        int letters = 0;
        for (uint32_t i = 0; i < n; i++)
            letters |= (p[i] | 0x20) >= 'a' && (p[i] | 0x20) <= 'z';
        if (!letters)
            return unk(lex, DYAD_UNK_NUM);
        if (n >= 3 && p[n - 1] == 's' && p[n - 2] >= '0' && p[n - 2] <= '9') { /* 1980s */
            buf->n = 2;
            buf->tag[0] = DYAD_NNS;
            buf->tag[1] = DYAD_CD;
            buf->score[0] = 0;
            buf->score[1] = -1.0f;
            return dyad__tagview(buf);
        }
        return unk(lex, DYAD_UNK_ORD);
    }
    char f[256];
    size_t fl = n < sizeof f ? dyad__lex_fold(p, n, f, sizeof f) : (size_t)-1;
    const dyad_tagset *sx = fl != (size_t)-1 ? dyad__lex_suffix(lex, f, fl) : NULL;
    dyad_tagview s;
    if (sx) {
        s = dyad__tagview(sx);
    } else {
        int cls = DYAD_UNK_UNKNOWN;
        if (n > 3 && memcmp(p + n - 3, "ing", 3) == 0)
            cls = DYAD_UNK_ING;
        else if (n > 4 && memcmp(p + n - 4, "tion", 4) == 0)
            cls = DYAD_UNK_TION;
        else if (n > 2 && p[n - 1] == 's')
            cls = DYAD_UNK_S;
        else if (n > 2 && memcmp(p + n - 2, "ly", 2) == 0)
            cls = DYAD_UNK_LY;
        else if (n > 2 && memcmp(p + n - 2, "ed", 2) == 0)
            cls = DYAD_UNK_ED;
        s = unk(lex, cls);
    }
    if (t->form) {
        uint64_t m = wordnet_tags(dyad__lex_word(lex, t->form)->flags);
        if (m) {
            restrict_to(lex, &s, m, buf);
            return dyad__tagview(buf);
        }
    }
    return s;
}

/* The candidate tags of token t. startlike: first of its sentence or quote. */
static dyad_tagview cands(const dyad_lex *lex, const dyad_tok *t, const char *text, int startlike,
                          dyad_tagset *buf)
{
    if (t->tag) {
        single(buf, t->tag);
        return dyad__tagview(buf);
    }
    int cap = (t->shape & DYAD_TS_CAP) != 0;
    dyad_tagview v;
    if (t->form) {
        if (!cap) {
            if (dyad__lex_tags(lex, t->form, DYAD_WC_LOWER, &v))
                return v;
            return unknown_lower(lex, t, text, buf);
        }
        if (startlike) {
            if (dyad__lex_tags(lex, t->form, DYAD_WC_START, &v))
                return v;
        } else {
            if (dyad__lex_tags(lex, t->form, DYAD_WC_CAP, &v))
                return v;
            if (dyad__lex_tags(lex, t->form, DYAD_WC_LOWER, &v)) {
                dyad_tagview c = unk(lex, DYAD_UNK_CAP);
                mix(lex, &v, 0.5f, &c, buf);
                return dyad__tagview(buf);
            }
        }
    }
    if (!cap)
        return unknown_lower(lex, t, text, buf);
    if ((t->shape & DYAD_TS_ALLCAP) && t->len > 1 && !(t->shape & DYAD_TS_DIGIT))
        return unk(lex, DYAD_UNK_ABBR);
    if (t->shape & DYAD_TS_HYPHEN) {
        /* U.S.-led, Russian-backed: a lower-case last part decides */
        const char *p = text + t->off;
        uint32_t i = t->len;
        while (i > 0 && p[i - 1] != '-')
            i--;
        if (i > 0 && i < t->len && p[i] >= 'a' && p[i] <= 'z')
            return unknown_lower(lex, t, text, buf);
    }
    if (startlike) {
        dyad_tagset low;
        dyad_tagview l = unknown_lower(lex, t, text, &low), c = unk(lex, DYAD_UNK_CAP);
        mix(lex, &c, 0.6f, &l, buf);
        return dyad__tagview(buf);
    }
    return unk(lex, DYAD_UNK_CAP);
}

/* A headline in Title Case: most words capitalised. */
static int title_case(const dyad_tok *tok, uint32_t n)
{
    uint32_t words = 0, caps = 0;
    for (uint32_t i = 0; i < n; i++) {
        if (tok[i].tag || (tok[i].shape & (DYAD_TS_PUNCT | DYAD_TS_DIGIT)))
            continue;
        words++;
        if (tok[i].shape & DYAD_TS_CAP)
            caps++;
        else if (!(tok[i].hint & DYAD_TH_FUNCTION))
            return 0; /* a lower-case content word: not a title */
    }
    return words >= 3 && caps * 10 >= words * 8;
}

/* Contextual fixes the bigram model cannot see. */
static void fix(dyad_tok *tok, uint32_t n, const char *text)
{
    for (uint32_t i = 0; i < n; i++) {
        dyad_tok *t = &tok[i];
        /* "'s" after a pronoun or before a participle/verb-ish word: is/has */
        (void)text;
        if (t->tag == DYAD_POS && i > 0 && tok[i - 1].tag == DYAD_PRP)
            t->tag = DYAD_VBZ;
    }
}

void dyad__tag_sentence(const dyad_lex *lex, dyad_tok *tok, uint32_t n, const char *text)
{
    dyad_tagset buf[WINDOW];
    dyad_tagview cs[WINDOW];
    uint8_t back[WINDOW][DYAD_TAGSET_MAX];
    float v[DYAD_TAGSET_MAX], nv[DYAD_TAGSET_MAX];
    int headline = title_case(tok, n);
    int prev_tag = DYAD_PEND; /* the start state */
    for (uint32_t w0 = 0; w0 < n; w0 += WINDOW) {
        uint32_t m = n - w0 < WINDOW ? n - w0 : WINDOW;
        /* first column */
        const dyad_tagview *pc = NULL;
        for (uint32_t k = 0; k < m; k++) {
            uint32_t i = w0 + k;
            int startlike = headline || i == 0 ||
                            (tok[i - 1].tag == DYAD_LQUOTE) ||
                            (tok[i - 1].tag == DYAD_PCOLON && !(tok[i - 1].hint & DYAD_TH_ELLIPSIS));
            cs[k] = cands(lex, &tok[i], text, startlike, &buf[k]);
            const dyad_tagview *c = &cs[k];
            if (k == 0) {
                for (uint32_t j = 0; j < c->n; j++) {
                    v[j] = dyad__lex_trans(lex, prev_tag, c->tag[j]) + c->score[j];
                    back[0][j] = 0;
                }
            } else {
                for (uint32_t j = 0; j < c->n; j++) {
                    float best = NEG;
                    int arg = 0;
                    for (uint32_t q = 0; q < pc->n; q++) {
                        float x = v[q] + dyad__lex_trans(lex, pc->tag[q], c->tag[j]);
                        if (x > best) {
                            best = x;
                            arg = q;
                        }
                    }
                    nv[j] = best + c->score[j];
                    back[k][j] = (uint8_t)arg;
                }
                memcpy(v, nv, sizeof(float) * c->n);
            }
            pc = c;
        }
        /* the end: a sentence ends in "." */
        int last = 0;
        float best = NEG;
        int final = w0 + m == n;
        for (uint32_t j = 0; j < pc->n; j++) {
            float x = v[j] + (final ? dyad__lex_trans(lex, pc->tag[j], DYAD_PEND) : 0);
            if (x > best) {
                best = x;
                last = j;
            }
        }
        for (uint32_t k = m; k-- > 0;) {
            tok[w0 + k].tag = cs[k].tag[last];
            last = back[k][last];
        }
        prev_tag = tok[w0 + m - 1].tag;
    }
    fix(tok, n, text);
}

void dyad__tag(const dyad_lex *lex, dyad_tok *tok, uint32_t ntok, const char *text)
{
    /* sentence by sentence when the splitter marked starts; else one run */
    uint32_t s = 0;
    for (uint32_t i = 1; i <= ntok; i++)
        if (i == ntok || (tok[i].shape & DYAD_TS_START)) {
            dyad__tag_sentence(lex, tok + s, i - s, text);
            s = i;
        }
}
