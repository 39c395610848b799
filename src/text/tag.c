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

#define WINDOW 512 /* > the longest sentence the splitter lets through */
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

static dyad_tagview unk(const dyad_lex *lex, int cls) { return dyad__tagview(dyad__lex_unknown(lex, cls)); }

/* If folded f is a productive prefix + a noun or adjective with lower-case
 * statistics (4 bytes or more), sets *rest to that word's tags and returns
 * 2 for a prefix that makes adjectives too, else 1. A few lookups, for
 * unknown words only. */
static int prefixed(const dyad_lex *lex, const char *f, size_t n, dyad_tagview *rest)
{
    /* the first six make adjectives as often as nouns (antiwar, nonbank) */
    static const char *const PRE[] = {"anti", "inter", "multi", "semi", "non", "pre", "counter",
                                      "cyber", "narco", "super", "post", "sub", NULL};
    for (int i = 0; PRE[i]; i++) {
        size_t l = strlen(PRE[i]);
        if (n >= l + 4 && memcmp(f, PRE[i], l) == 0) {
            uint32_t id = dyad__lex_find(lex, f + l, n - l);
            /* nouns and adjectives only: verb forms do as well by suffix */
            if (id && dyad__lex_tags(lex, id, DYAD_WC_LOWER, rest) &&
                (rest->tag[0] == DYAD_NN || rest->tag[0] == DYAD_NNS || rest->tag[0] == DYAD_JJ))
                return i < 6 ? 2 : 1;
        }
    }
    return 0;
}

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
            /* the last part's own tags count too: a verb form may be the
             * verb of the sentence ("North Korea test-fired a missile"), a
             * plural makes a plural (counter-protesters) */
            dyad_tagview last;
            if (dyad__lex_tags(lex, id, DYAD_WC_LOWER, &last)) {
                dyad_tagview c = unk(lex, cls);
                mix(lex, &c, 0.5f, &last, buf);
                return dyad__tagview(buf);
            }
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
    if (!t->form && fl != (size_t)-1 && fl >= 7) {
        /* a known word behind a productive prefix: cybercrime, narcostate */
        dyad_tagview rest;
        int how = prefixed(lex, f, fl, &rest);
        if (how) {
            const dyad_tagset *sx = dyad__lex_suffix(lex, f, fl);
            dyad_tagview sv = how == 2 ? unk(lex, DYAD_UNK_HYPADJ)
                              : sx     ? dyad__tagview(sx)
                                       : unk(lex, DYAD_UNK_UNKNOWN);
            mix(lex, &rest, how == 2 ? 0.5f : 0.7f, &sv, buf);
            return dyad__tagview(buf);
        }
    }
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
        /* WordNet knows the word: its base-form classes, plus the
         * inflections its lemmas and ending allow (cancelled: JJ as a base
         * form, VBD/VBN as a form of cancel) */
        uint64_t m = dyad__lex_wordnet_tags(dyad__lex_word(lex, t->form), f, fl != (size_t)-1 ? fl : 0);
        if (m) {
            restrict_to(lex, &s, m, buf);
            return dyad__tagview(buf);
        }
    }
    return s;
}

/* A capitalised unknown word with a nationality ending (Kurdish, Sudanese,
 * Nigerian, Islamic) is an adjective as often as a name. */
static int demonym_like(const char *p, uint32_t n)
{
    static const char *const END[] = {"ish", "ese", "ian", "ean", "ic", NULL};
    for (int i = 0; END[i]; i++) {
        size_t l = strlen(END[i]);
        if (n > l + 2 && memcmp(p + n - l, END[i], l) == 0)
            return 1;
    }
    return 0;
}

/* Sets *v to the candidate tags of token t (in buf when they are made up).
 * startlike: first of its sentence or quote. */
static void cands(const dyad_lex *lex, const dyad_lex_recs *R, const dyad_tok *t, const char *text,
                  int startlike, int shouting, dyad_tagset *buf, dyad_tagview *v)
{
    if (t->tag) {
        single(buf, t->tag);
        *v = dyad__tagview(buf);
        return;
    }
    int cap = (t->shape & DYAD_TS_CAP) != 0;
    if (t->form) {
        if (!cap) {
            if (dyad__lex_tags_lower(R, t->form, v))
                return;
            /* seen only capitalised, and not as a name: the capital was
             * a sentence start (Ten -> ten/CD) */
            if (dyad__lex_tags(lex, t->form, DYAD_WC_CAP, v) && v->tag[0] != DYAD_NNP &&
                v->tag[0] != DYAD_NNPS)
                return;
            *v = unknown_lower(lex, t, text, buf);
            return;
        }
        /* an acronym that is also a function word, in a sentence that is
         * not all capitals, is written as it is meant: US Warns Iran (not
         * "us"), WHO */
        if ((t->shape & DYAD_TS_ALLCAP) && t->len > 1 && !shouting &&
            (dyad__lex_rec(R, t->form)->flags & DYAD_LW_FUNCTION) &&
            dyad__lex_tags(lex, t->form, DYAD_WC_CAP, v)) {
            dyad_tagview a = unk(lex, DYAD_UNK_ABBR);
            mix(lex, v, 0.3f, &a, buf);
            *v = dyad__tagview(buf);
            return;
        }
        if (startlike) {
            if (dyad__lex_tags(lex, t->form, DYAD_WC_START, v))
                return;
        } else {
            if (dyad__lex_tags(lex, t->form, DYAD_WC_CAP, v))
                return;
            if (dyad__lex_tags_lower(R, t->form, v)) {
                dyad_tagview c = unk(lex, DYAD_UNK_CAP);
                mix(lex, v, 0.5f, &c, buf);
                *v = dyad__tagview(buf);
                return;
            }
        }
    }
    if (!cap) {
        *v = unknown_lower(lex, t, text, buf);
        return;
    }
    if ((t->shape & DYAD_TS_ALLCAP) && t->len > 1 && !(t->shape & DYAD_TS_DIGIT)) {
        *v = unk(lex, DYAD_UNK_ABBR);
        return;
    }
    if (t->shape & DYAD_TS_HYPHEN) {
        /* U.S.-led, Russian-backed: a lower-case last part decides */
        const char *p = text + t->off;
        uint32_t i = t->len;
        while (i > 0 && p[i - 1] != '-')
            i--;
        if (i > 0 && i < t->len && p[i] >= 'a' && p[i] <= 'z') {
            *v = unknown_lower(lex, t, text, buf);
            return;
        }
    }
    if (demonym_like(text + t->off, t->len)) {
        buf->n = 2;
        buf->tag[0] = DYAD_JJ;
        buf->tag[1] = DYAD_NNP;
        buf->score[0] = logf(0.5f) - dyad__lex_prior(lex, DYAD_JJ);
        buf->score[1] = logf(0.5f) - dyad__lex_prior(lex, DYAD_NNP);
        *v = dyad__tagview(buf);
        return;
    }
    if (startlike) {
        dyad_tagset low;
        dyad_tagview l = unknown_lower(lex, t, text, &low), c = unk(lex, DYAD_UNK_CAP);
        mix(lex, &c, 0.6f, &l, buf);
        *v = dyad__tagview(buf);
        return;
    }
    *v = unk(lex, DYAD_UNK_CAP);
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

/* A sentence that shouts: three words or more, six in ten of them in
 * capitals. Most sentences show they do not halfway: the scan stops when
 * even all the words left in capitals would not make six in ten. */
static int shouts(const dyad_tok *tok, uint32_t n)
{
    uint32_t words = 0, allcaps = 0;
    for (uint32_t i = 0; i < n; i++) {
        if ((tok[i].shape & (DYAD_TS_PUNCT | DYAD_TS_DIGIT)) || tok[i].tag)
            continue;
        words++;
        if (tok[i].shape & DYAD_TS_ALLCAP)
            allcaps++;
        else if ((allcaps + (n - 1 - i)) * 10 < (words + (n - 1 - i)) * 6)
            return 0;
    }
    return words >= 3 && allcaps * 10 >= words * 6;
}

/* ------------------------------------------------------------ fixes */

static int has(const dyad_tagview *c, int tag)
{
    for (uint32_t j = 0; j < c->n; j++)
        if (c->tag[j] == tag)
            return 1;
    return 0;
}

static int finite(int t) { return t == DYAD_VBD || t == DYAD_VBZ || t == DYAD_VBP || t == DYAD_MD; }

/* Is the token a form of the verb with lemma id `lemma`? */
static int verb_of(const dyad_lex *lex, const dyad_tok *t, uint32_t lemma)
{
    if (!lemma || !t->form)
        return 0;
    if (t->form == lemma)
        return 1;
    return dyad__lex_word(lex, t->form)->lemma[DYAD_LC_VERB] == lemma;
}

/* The best verb tag among the candidates, or 0. */
static int best_verb(const dyad_tagview *c, uint64_t allowed)
{
    int best = 0;
    float bs = -1e30f;
    for (uint32_t j = 0; j < c->n; j++)
        if ((allowed & BIT(c->tag[j])) && c->score[j] > bs) {
            bs = c->score[j];
            best = c->tag[j];
        }
    return best;
}

/* A preposition that may open a clause (after the soldiers fired). */
static int clause_in(const dyad_lex_ids *ids, uint32_t form)
{
    for (int k = 0; k < 5; k++)
        if (form && form == ids->clause_in[k])
            return 1;
    return 0;
}

/* Is there a form of have or be right before tok[i] (adverbs skipped)? */
static int aux_before(const dyad_lex *lex, const dyad_tok *tok, uint32_t i)
{
    const dyad_lex_ids *ids = dyad__lex_ids(lex);
    uint32_t j = i;
    while (j > 0 && tok[j - 1].tag == DYAD_RB && i - j < 3)
        j--;
    if (j == 0)
        return 0;
    const dyad_tok *a = &tok[j - 1];
    if (!dyad__pos_is_verb(a->tag))
        return 0;
    return verb_of(lex, a, ids->have) || verb_of(lex, a, ids->be);
}

/* Does a subject end right before tok[i] (adverbs skipped: "they also
 * discussed")? A noun, a pronoun, or a gerund opening the sentence. */
static int subject_before(const dyad_tok *tok, uint32_t i)
{
    uint32_t j = i;
    while (j > 0 && (tok[j - 1].tag == DYAD_RB || tok[j - 1].tag == DYAD_SYM || tok[j - 1].tag == DYAD_RRB))
        j--; /* <Acme Corp> said, Acme (Reuters) said */
    if (j == 0)
        return 0;
    int pt = tok[j - 1].tag;
    return dyad__pos_is_noun(pt) || pt == DYAD_PRP || (pt == DYAD_VBG && j == 1);
}

/* "both", "each", "all" (lower case: the tokens' forms are folded ids). */
static int floating_word(const dyad_lex_ids *ids, uint32_t form)
{
    return form && (form == ids->floating[0] || form == ids->floating[1] || form == ids->floating[2]);
}

/* The tags the fixes below start from. */
#define FIXABLE                                                                                    \
    (BIT(DYAD_VB) | BIT(DYAD_VBD) | BIT(DYAD_VBN) | BIT(DYAD_VBP) | BIT(DYAD_VBZ) | BIT(DYAD_NN) | \
     BIT(DYAD_NNS) | BIT(DYAD_JJ) | BIT(DYAD_POS) | BIT(DYAD_VBG))

/* Contextual fixes a bigram model cannot see; each needs the word to have
 * the new tag among its candidates. nfinite: finite verbs among the tags. */
static void fix(const dyad_lex *lex, dyad_tok *tok, uint32_t n, const dyad_tagview *cs, int nfinite)
{
    const dyad_lex_ids *ids = dyad__lex_ids(lex);
    int seen_verb = 0; /* a finite verb (or modal) so far in this clause */
    for (uint32_t i = 0; i < n; i++) {
        dyad_tok *t = &tok[i];
        /* a quantifier floated after its subject or an auxiliary, before
         * a verb, is an adverb: "France and Germany both condemned", "have
         * both indicted", "the two sides each accused" */
        if ((t->tag == DYAD_DT || t->tag == DYAD_CC || t->tag == DYAD_PDT) && i > 0 && i + 1 < n &&
            floating_word(ids, t->form) &&
            (dyad__pos_is_noun(tok[i - 1].tag) || tok[i - 1].tag == DYAD_PRP ||
             tok[i - 1].tag == DYAD_VBP || tok[i - 1].tag == DYAD_VBZ || tok[i - 1].tag == DYAD_VBD ||
             tok[i - 1].tag == DYAD_MD) &&
            dyad__pos_is_verb(tok[i + 1].tag) && tok[i + 1].tag != DYAD_VBG)
            t->tag = DYAD_RB;
        if (BIT(t->tag) & FIXABLE) { /* else no rule applies: skip their tests */
            const dyad_tok *pv = i > 0 ? &tok[i - 1] : NULL, *nx = i + 1 < n ? &tok[i + 1] : NULL;
            int pt = pv ? pv->tag : 0, nt = nx ? nx->tag : 0;
            /* after a modal (and adverbs) comes a base verb: "will found a
             * party", even where the data only saw found/VBD */
            if (i > 0 &&
                (t->tag == DYAD_VBD || t->tag == DYAD_VBN || t->tag == DYAD_VBP || t->tag == DYAD_NN) &&
                (pt == DYAD_MD || pt == DYAD_RB) && (dyad__lex_word(lex, t->form)->flags & DYAD_LW_WN_VERB)) {
                uint32_t j = i - 1;
                while (j > 0 && tok[j].tag == DYAD_RB)
                    j--;
                if (tok[j].tag == DYAD_MD)
                    t->tag = DYAD_VB;
            }
            /* have/be (+ adverbs) + past tense: a participle ("have
             * repeatedly underlined", "were later released") */
            else if (t->tag == DYAD_VBD && i > 0 && has(&cs[i], DYAD_VBN) && aux_before(lex, tok, i)) {
                t->tag = DYAD_VBN;
            }
            /* a sentence's first word, a gerund right before its finite
             * verb (a participle here, made a past tense below), is its
             * subject: a noun ("Fighting broke out") */
            else if (t->tag == DYAD_VBG && i == 0 && nx &&
                     (nt == DYAD_VBD || nt == DYAD_VBZ || nt == DYAD_VBP || nt == DYAD_MD ||
                      (nt == DYAD_VBN && has(&cs[i + 1], DYAD_VBD))) &&
                     has(&cs[i], DYAD_NN)) {
                t->tag = DYAD_NN;
            }
            /* "'s" after a pronoun is "is" or "has" */
            else if (t->tag == DYAD_POS && pt == DYAD_PRP) {
                t->tag = DYAD_VBZ;
            }
            /* Subject then a participle, and no verb before it nor after it
             * in its clause: a past tense ("Israeli forces fired on ...") */
            else if (t->tag == DYAD_VBN && !seen_verb && pv && has(&cs[i], DYAD_VBD) &&
                     subject_before(tok, i) &&
                     !(nx && nx->form && nx->form == ids->by)) {
                int later = 0; /* said takes a clause: "X said it filed" */
                for (uint32_t j = i + 1; j < n && !verb_of(lex, t, ids->say); j++) {
                    int u = tok[j].tag;
                    if (u == DYAD_PCOMMA || u == DYAD_PCOLON || u == DYAD_CC || u == DYAD_WDT ||
                        u == DYAD_WP || (u == DYAD_IN && (tok[j].hint & DYAD_TH_SUBORD)))
                        break;
                    if (finite(u)) {
                        later = 1;
                        break;
                    }
                }
                if (!later)
                    t->tag = DYAD_VBD;
            }
            /* a verb + participle needs an auxiliary: "Government forces/VBZ
             * fired/VBN" is a plural noun and a past tense; but after a
             * plural subject, a participle that can be an adjective before
             * a noun phrase modifies it ("The Palestinians reject/VBP
             * proposed/VBN Israeli changes") */
            else if ((t->tag == DYAD_VBZ || t->tag == DYAD_VBP) && nt == DYAD_VBN && !seen_verb &&
                     !verb_of(lex, t, ids->be) && !verb_of(lex, t, ids->have) &&
                     has(&cs[i], t->tag == DYAD_VBZ ? DYAD_NNS : DYAD_NN) && has(&cs[i + 1], DYAD_VBD) &&
                     !(i + 2 < n && tok[i + 2].form && tok[i + 2].form == ids->by) &&
                     !(t->tag == DYAD_VBP && (pt == DYAD_NNS || pt == DYAD_NNPS) && i + 2 < n &&
                       has(&cs[i + 1], DYAD_JJ) &&
                       (dyad__pos_is_adj(tok[i + 2].tag) || dyad__pos_is_noun(tok[i + 2].tag)))) {
                t->tag = t->tag == DYAD_VBZ ? DYAD_NNS : DYAD_NN;
                tok[i + 1].tag = DYAD_VBD;
            }
            /* VBZ + base verb is no English either: "coyotes/VBZ meet/VB the
             * migrants" is a plural noun and a present tense */
            else if (t->tag == DYAD_VBZ && nt == DYAD_VB && !verb_of(lex, t, ids->do_) &&
                     has(&cs[i], DYAD_NNS) && has(&cs[i + 1], DYAD_VBP)) {
                t->tag = DYAD_NNS;
                tok[i + 1].tag = DYAD_VBP;
            }
            /* "X-ed ... and Y-ed": a participle coordinated with a past tense */
            else if (t->tag == DYAD_VBN && pt == DYAD_CC && has(&cs[i], DYAD_VBD)) {
                for (uint32_t j = i - 1; j-- > 0;) {
                    int u = tok[j].tag;
                    if (u == DYAD_VBD || u == DYAD_VBN || u == DYAD_VBZ || u == DYAD_VBP || u == DYAD_MD) {
                        if (u == DYAD_VBD && (j == 0 || !verb_of(lex, &tok[j - 1], ids->be)))
                            t->tag = DYAD_VBD;
                        break;
                    }
                }
            }
            /* "Rebels abducted/NN and killed": a word after a subject that
             * can be a past tense, coordinated with one, is one */
            else if (nt == DYAD_CC && !seen_verb && i + 2 < n &&
                     (t->tag == DYAD_NN || t->tag == DYAD_NNS || t->tag == DYAD_JJ) &&
                     (tok[i + 2].tag == DYAD_VBD ||
                      (tok[i + 2].tag == DYAD_VBN && has(&cs[i + 2], DYAD_VBD))) &&
                     has(&cs[i], DYAD_VBD) && pv && subject_before(tok, i)) {
                t->tag = DYAD_VBD;
            }
            /* A sentence without a finite verb: the first word after its
             * subject that can be one is one ("students protest against") */
            else if (!nfinite && !seen_verb && pv && (dyad__pos_is_noun(pt) || pt == DYAD_PRP) &&
                     (t->tag == DYAD_NN || t->tag == DYAD_NNS || t->tag == DYAD_JJ) && nx &&
                     (nt == DYAD_IN || nt == DYAD_DT || nt == DYAD_PRPS || nt == DYAD_TO ||
                      dyad__pos_is_noun(nt) || nt == DYAD_CD || nt == DYAD_RB || nt == DYAD_JJ ||
                      nt == DYAD_PRP)) {
                uint64_t ok = t->tag == DYAD_NNS ? BIT(DYAD_VBZ)
                              : t->tag == DYAD_JJ ? BIT(DYAD_VBD)
                                                  : BIT(DYAD_VBP) | BIT(DYAD_VBD) | BIT(DYAD_VBZ);
                int v = best_verb(&cs[i], ok);
                if (v) {
                    t->tag = (uint8_t)v;
                    nfinite++;
                }
            }
            /* a base verb right after another verb is a noun (used tear gas),
             * unless the first is do, a causative or a perception verb */
            else if (t->tag == DYAD_VB && pv && dyad__pos_is_verb(pt) && pt != DYAD_VB &&
                     !verb_of(lex, pv, ids->do_) && !verb_of(lex, pv, ids->help) &&
                     !verb_of(lex, pv, ids->let) && !verb_of(lex, pv, ids->make) && has(&cs[i], DYAD_NN)) {
                t->tag = DYAD_NN;
            }
            /* to + adjective/noun before a determiner: a verb (to last several days) */
            else if ((t->tag == DYAD_JJ || t->tag == DYAD_NN) && pt == DYAD_TO && has(&cs[i], DYAD_VB) &&
                     (nt == DYAD_DT || nt == DYAD_PRPS || nt == DYAD_CD || nt == DYAD_JJ)) {
                t->tag = DYAD_VB;
            }
            /* be (+ not) + base verb: an adjective (it is not clear who) */
            else if (t->tag == DYAD_VB && i > 0) {
                uint32_t j = i - 1;
                while (j > 0 && tok[j].tag == DYAD_RB)
                    j--;
                if (verb_of(lex, &tok[j], ids->be)) {
                    if (has(&cs[i], DYAD_JJ))
                        t->tag = DYAD_JJ;
                    else if (has(&cs[i], DYAD_VBN))
                        t->tag = DYAD_VBN;
                }
            }
            /* be + an -ed adjective of an unknown word: the passive participle */
            else if (t->tag == DYAD_JJ && !dyad__lex_tags(lex, t->form, DYAD_WC_LOWER, &(dyad_tagview){0}) &&
                     has(&cs[i], DYAD_VBN) && pv && verb_of(lex, pv, ids->be)) {
                t->tag = DYAD_VBN;
            }
        }
        if (finite(t->tag))
            seen_verb = 1;
        if ((BIT(t->tag) & (BIT(DYAD_PCOMMA) | BIT(DYAD_CC) | BIT(DYAD_WDT) | BIT(DYAD_WP) | BIT(DYAD_WRB))) ||
            (t->tag == DYAD_IN && ((t->hint & DYAD_TH_SUBORD) || clause_in(ids, t->form))))
            seen_verb = 0; /* a new clause */
    }
}

void dyad__tag_sentence(const dyad_lex *lex, dyad_tok *tok, uint32_t n, const char *text)
{
    dyad_tagset buf[WINDOW];
    dyad_tagview cs[WINDOW];
    uint8_t back[WINDOW][DYAD_TAGSET_MAX];
    float va[DYAD_TAGSET_MAX], vb[DYAD_TAGSET_MAX];
    float *v = va, *nv = vb; /* scores of the previous column, of this one */
    int headline = title_case(tok, n);
    int shouting = shouts(tok, n);
    const float *T = dyad__lex_trans_table(lex), *Tin = dyad__lex_trans_in_table(lex);
    dyad_lex_recs R;
    dyad__lex_recs(lex, &R);
    int prev_tag = DYAD_PEND; /* the start state */
    for (uint32_t w0 = 0; w0 < n; w0 += WINDOW) {
        uint32_t m = n - w0 < WINDOW ? n - w0 : WINDOW;
        /* first column */
        const dyad_tagview *pc = NULL;
        for (uint32_t k = 0; k < m; k++) {
            uint32_t i = w0 + k;
            const dyad_tok *t = &tok[i];
            /* a known word in lower case (seven tokens in ten): its
             * statistics as they are, what cands() would find first */
            if (t->tag || (t->shape & DYAD_TS_CAP) || !dyad__lex_tags_lower(&R, t->form, &cs[k])) {
                int startlike = headline || i == 0 ||
                                (tok[i - 1].tag == DYAD_LQUOTE) ||
                                (tok[i - 1].tag == DYAD_PCOLON && !(tok[i - 1].hint & DYAD_TH_ELLIPSIS));
                cands(lex, &R, t, text, startlike || shouting, shouting, &buf[k], &cs[k]);
            }
            const dyad_tagview *c = &cs[k];
            if (k == 0) {
                memset(back[0], 0, sizeof back[0]);
                for (uint32_t j = 0; j < c->n; j++)
                    nv[j] = T[prev_tag * DYAD_POS_COUNT + c->tag[j]] + c->score[j];
            } else if (pc->n == 1) { /* one way in (half the columns): no maximum to find */
                const float *out = T + pc->tag[0] * DYAD_POS_COUNT;
                memset(back[k], 0, sizeof back[k]);
                for (uint32_t j = 0; j < c->n; j++) {
                    float x = v[0] + out[c->tag[j]];
                    nv[j] = (x > NEG ? x : NEG) + c->score[j]; /* the loop below's result */
                }
            } else {
                for (uint32_t j = 0; j < c->n; j++) {
                    float best = NEG;
                    int arg = 0;
                    const float *row = Tin + c->tag[j] * DYAD_POS_COUNT; /* into c->tag[j] */
                    for (uint32_t q = 0; q < pc->n; q++) {
                        float x = v[q] + row[pc->tag[q]];
                        if (x > best) {
                            best = x;
                            arg = q;
                        }
                    }
                    nv[j] = best + c->score[j];
                    back[k][j] = (uint8_t)arg;
                }
            }
            float *sw = v;
            v = nv;
            nv = sw;
            pc = c;
        }
        /* the end: a sentence ends in "." */
        int last = 0;
        float best = NEG;
        int final = w0 + m == n;
        for (uint32_t j = 0; j < pc->n; j++) {
            float x = v[j] + (final ? T[pc->tag[j] * DYAD_POS_COUNT + DYAD_PEND] : 0);
            if (x > best) {
                best = x;
                last = j;
            }
        }
        int nfinite = 0; /* counted here for fix(), not in a pass of its own */
        for (uint32_t k = m; k-- > 0;) {
            tok[w0 + k].tag = cs[k].tag[last];
            nfinite += finite(cs[k].tag[last]);
            last = back[k][last];
        }
        prev_tag = tok[w0 + m - 1].tag;
        if (w0 == 0 && m == n)
            fix(lex, tok, n, cs, nfinite);
    }
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
