/*
 * grammar.c -- who did what to whom (see grammar.h).
 *
 * For one sentence:
 *   1. triggers: every verb whose lemma anchors a verb pattern, every noun
 *      that anchors a noun pattern; the most specific pattern that matches
 *      the words after it gives the code (a `---` pattern blocks the word);
 *   2. the verb chain to the left of a verb trigger: auxiliaries (passive),
 *      modals, negation, and governing words ("vowed to", "urged X to",
 *      "stands ready to", "announced plans to") that set a frame (frames.c);
 *   3. roles: the subject noun phrase before the chain is the source (its
 *      coordinated mentions a compound source); the pattern's + slot, else
 *      the object or a with/against/on/to complement, is the target; in the
 *      passive the "by" phrase is the source and the subject the target; for
 *      appeals the addressee is the target; an event noun takes its
 *      possessor, its "by"/"of" phrase, "between A and B", or the subject
 *      of the light verb it is the object of ("held talks");
 *   4. fall-backs: inside a quotation the speaker is the source; a fronted
 *      participle ("When meeting with X, Putin ...") takes the main subject;
 *      pronouns and descriptions ("he", "the two countries") are resolved to
 *      earlier mentions in the document;
 *   5. events: one per source x target (a compound subject with no target is
 *      reciprocal: both directions), dated from the sentence's temporal
 *      words, ranked (the main event first), a plain "said" event dropped
 *      when the sentence says something more specific.
 */
#include "grammar.h"

#include <stdio.h>
#include <strings.h>
#include <string.h>

#include "frames.h"
#include "words.h"
#include "when.h"

#define MAXG 6 /* mentions in one role group */

typedef struct group {
    int32_t m[MAXG]; /* document mention indices */
    uint32_t n;
    const char *how; /* how the group was found: "subject", "object", ... */
} group;

typedef struct slot {
    int32_t m;       /* mention index, -1 = a noun phrase that is not an actor */
    uint32_t tok;    /* sentence-relative token span */
    uint32_t ntok;
    int used;        /* the pattern has this slot and it matched */
} slot;

typedef struct pmatch {
    const dyad_pattern *p;
    uint32_t end;    /* sentence-relative index after the last matched token */
    slot tgt, src;   /* tgt.used == 2: the target is the passive subject */
    int passive;     /* in: the verb is passive, its object stands before it */
} pmatch;

typedef struct chain {
    uint32_t vstart;    /* first token of the verb group, governors included */
    int frame;          /* DYAD_FRAME_* */
    int neg;            /* negated */
    int passive;        /* be/get + past participle */
    int future;         /* will/shall/going to */
    int32_t gov;        /* governing word, -1 */
    int purpose;        /* gov is the main verb of a purpose clause ("went to Y to meet") */
    int must;           /* must/should/have to: a demand or appeal when someone says it */
    int maybe;          /* may/might, not "may have": reported as possible, not done */
    int32_t addr0, addr1; /* appeal addressee span [addr0, addr1], -1 */
} chain;

typedef struct gctx {
    dyad_gdoc *gd;
    const dyad_lex *lex;
    const dyad_tok *tok;  /* the sentence's tokens */
    uint32_t base;        /* document index of tok[0] */
    uint32_t n;           /* tokens in the sentence */
    const char *text;
    int32_t *mid;         /* per token: mention index covering it, -1 */
    uint8_t *used;        /* per token: consumed by a matched verb pattern */
    uint8_t *skip;        /* per token: 1 + skippable(), 0 = not asked yet (matcher_skips()) */
    uint32_t m0, m1;      /* the sentence's mentions: [m0, m1) */
    uint32_t si;
    dyad_arena *arena;
    dyad_buf *trace;
    const dyad_gwords *gw; /* word classes (words.c) */
    uint64_t *cls;         /* per token: has() bits, from gw once a sentence */
    uint64_t *lcls;        /* per token: lhas() bits */
    uint64_t allcls;       /* cls and lcls of all tokens or'ed: classes the sentence lacks */
    uint32_t *cand;        /* tokens whose form or lemma anchors a pattern, in order */
    uint32_t ncand;
    uint8_t seen[DYAD_WORD_BITS]; /* word filter of the sentence's form and lemma ids: 1 at
                                     seen_bit(id) (a byte, not a bit: one load tests it) */
    int depth;             /* recursion guard of find_subject */
    const char *not_ante;  /* code of the actor a pronoun being resolved may not stand for */
} gctx;

static inline uint32_t seen_bit(uint32_t id) { return dyad__word_bit(id); }

/* Could every required word of pattern p occur in the sentence? A cheap
 * test that rejects most patterns before the matcher runs. */
static int pattern_possible(const gctx *c, const dyad_pattern *p)
{
    for (uint32_t e = 1; e < p->nelem; e++) {
        const dyad_pelem *el = &p->elem[e];
        if (el->type != DYAD_PE_WORD || el->optional)
            continue;
        int any = 0;
        for (uint32_t a = 0; a < el->nalt && !any; a++) {
            any = c->seen[seen_bit(el->alt[a])];
        }
        if (!any)
            return 0;
    }
    return 1;
}

/* ---------------------------------------------------------------- words */

static const char *lemma_of(const gctx *c, uint32_t i)
{
    const dyad_tok *t = &c->tok[i];
    return dyad__lex_str(c->lex, t->lemma ? t->lemma : t->form);
}

/* Is the lemma of token i one of the n words of list? (LEMMA_IN for an
 * array.) */
static int lemma_in(const gctx *c, uint32_t i, const char *const *list, size_t n)
{
    const char *l = lemma_of(c, i);
    for (size_t k = 0; k < n; k++)
        if (!strcmp(l, list[k]))
            return 1;
    return 0;
}
#define LEMMA_IN(c, i, list) lemma_in((c), (i), (list), sizeof(list) / sizeof(list)[0])

/* Per token cls and lcls (see words.c), the sentence-wide allcls and word
 * filter (seen), and the trigger candidates (cand), in one pass. The
 * classes are read from the lexicon-wide table once a sentence, since the
 * grammar asks about the same few tokens many times; each id is looked up
 * once: most tokens' lemma is their form, or none. Out of line and on
 * locals only (a copy of the word table's header among them): inlined in
 * dyad__grammar_code, the loop spilled its pointers and reloaded them
 * from the stack on every token. */
static __attribute__((noinline)) void word_classes(gctx *c)
{
    const dyad_tok *tok = c->tok;
    const dyad_gwords gw = *c->gw;
    const char *text = c->text;
    uint64_t *cls = c->cls, *lcls = c->lcls, all = 0;
    const uint64_t nolex = dyad__gwords_cls(&gw, 0);
    uint32_t *cand = c->cand, nc = 0, n = c->n;
    uint8_t *seen = c->seen;
    for (uint32_t i = 0; i < n; i++) {
        const dyad_tok *t = &tok[i];
        uint32_t f = t->form, l = t->lemma;
        uint64_t fc, lc;
        if (!f && !l) {
            /* punctuation has no lexicon id: "," and "&" by their text */
            lc = nolex;
            if (t->tag == DYAD_PCOMMA)
                fc = G_COMMA;
            else if (t->len == 1 && text[t->off] == '&')
                fc = G_AMP;
            else
                fc = 0;
        } else {
            fc = dyad__gwords_cls(&gw, f);
            lc = fc;
            if (l && l != f) {
                lc = dyad__gwords_cls(&gw, l);
                /* forms the lexicon does not know ("floods") answer by their lemma */
                fc |= lc & (G_NATURAL | G_VEHICLE | G_INDUSTRIAL | G_BLAST | G_TEMPORAL | G_PEOPLE);
            }
        }
        cls[i] = fc;
        lcls[i] = lc;
        all |= fc | lc;
        cand[nc] = i;
        nc += ((fc | lc) & (G_VERBPAT | G_NOUNPAT)) != 0;
        /* the sentence's words, for pattern_possible() and the pattern
         * filters (bit 0 always: the filters' unused slots) */
        seen[seen_bit(f)] = 1;
        seen[seen_bit(l)] = 1;
    }
    seen[0] = 1;
    c->allcls |= all;
    c->ncand = nc;
}

static inline uint64_t has(const gctx *c, uint32_t i, uint64_t bits) { return c->cls[i] & bits; }

static inline uint64_t lhas(const gctx *c, uint32_t i, uint64_t bits) { return c->lcls[i] & bits; }

static int tag(const gctx *c, uint32_t i) { return c->tok[i].tag; }
static int is_verb(const gctx *c, uint32_t i) { return dyad__pos_is_verb(tag(c, i)); }
static int is_noun(const gctx *c, uint32_t i) { return dyad__pos_is_noun(tag(c, i)); }
static int is_adv(const gctx *c, uint32_t i) { int t = tag(c, i); return t == DYAD_RB || t == DYAD_RBR || t == DYAD_RBS; }

/* Is token i the word w (lower case; any case in the text)? For the few
 * words the grammar tests once, that have no word class of their own. */
static int word_is(const gctx *c, uint32_t i, const char *w)
{
    size_t n = strlen(w);
    return c->tok[i].len == n && !strncasecmp(c->text + c->tok[i].off, w, n);
}
static int is_finite(const gctx *c, uint32_t i)
{
    int t = tag(c, i);
    return t == DYAD_VBD || t == DYAD_VBZ || t == DYAD_VBP || t == DYAD_MD;
}

static int is_boundary_punct(const gctx *c, uint32_t i)
{
    int t = tag(c, i);
    return t == DYAD_PCOLON || t == DYAD_PEND || t == DYAD_LQUOTE || t == DYAD_RQUOTE ||
           t == DYAD_LRB || t == DYAD_RRB;
}

/* Does mention x name a place (a country, capital or town, not an agent
 * of one)? */
static int is_place_mention(const dyad_mention *x)
{
    return (x->kind == DYAD_AK_COUNTRY || x->kind == DYAD_AK_CAPITAL || x->kind == DYAD_AK_CITY) &&
           !(x->flags & DYAD_MF_COMPOSED);
}

/* Is mention k a natural or accidental cause ("floods", "a gas explosion")? */
static int natural_cause(const gctx *c, int32_t k)
{
    const dyad_mention *x = &c->gd->m[k];
    if (x->code[0] || x->head < c->base || x->head >= c->base + c->n)
        return 0;
    uint32_t h = x->head - c->base;
    if (has(c, h, G_NATURAL))
        return 1;
    if (has(c, h, G_BLAST) &&
        h > 0 && has(c, h - 1, G_INDUSTRIAL))
        return 1;
    return 0;
}

/* A day or time word: never an actor, object or slot ("called on Friday for"). */
static int temporal(const gctx *c, uint32_t i) { return has(c, i, G_TEMPORAL); }

/* Words of a quantity before a number: "at least 19", "more than 500", "up to". */
static int quantity_word(const gctx *c, uint32_t i)
{
    if (!has(c, i, G_QUANT))
        return 0;
    for (uint32_t k = i + 1; k < c->n && k <= i + 3; k++) {
        if (tag(c, k) == DYAD_CD)
            return 1;
        if (!has(c, k, G_QUANT))
            return 0;
    }
    return 0;
}

/* "hundreds of", "dozens of": a number noun and "of" at token i. */
static int count_of(const gctx *c, uint32_t i)
{
    static const char *const counts[] = {"hundred", "thousand", "dozen", "score", "ten", "million"};
    return tag(c, i) == DYAD_NNS && i + 1 < c->n && has(c, i + 1, G_OF) && has(c, i, G_PEOPLE) &&
           LEMMA_IN(c, i, counts);
}

/* "worth of" after an amount at token i ("$4 million worth of") */
static int worth_of(const gctx *c, uint32_t i)
{
    return i > 0 && tag(c, i - 1) == DYAD_CD && i + 1 < c->n && has(c, i + 1, G_OF) &&
           word_is(c, i, "worth");
}

static int is_aux_lemma(const char *l)
{
    return !strcmp(l, "be") || !strcmp(l, "have") || !strcmp(l, "do") || !strcmp(l, "get");
}

/* Tokens the matcher skips between pattern elements. */
static int skippable(const gctx *c, uint32_t i)
{
    int t = tag(c, i);
    if (quantity_word(c, i))
        return 1;
    /* a count: "dispatched hundreds of troops", "killed dozens of soldiers" */
    if (count_of(c, i) || (has(c, i, G_OF) && i > 0 && count_of(c, i - 1)))
        return 1;
    /* an amount's worth: "$4 million worth of medicines" */
    if (worth_of(c, i) || (has(c, i, G_OF) && i > 0 && worth_of(c, i - 1)))
        return 1;
    /* coordinated verbs that share the object: "killed and wounded scores" */
    if ((has(c, i, G_AND) || has(c, i, G_OR)) && i > 0 && i + 1 < c->n &&
        is_verb(c, i - 1) && (is_verb(c, i + 1) || tag(c, i + 1) == DYAD_JJ) &&
        c->mid[i + 1] < 0)
        return 1;
    if ((dyad__pos_is_verb(t) || t == DYAD_JJ) && i >= 2 && has(c, i - 1, G_AND | G_OR) &&
        is_verb(c, i - 2))
        return 1;
    if (t == DYAD_DT || t == DYAD_PDT || t == DYAD_CD || t == DYAD_PRPS || t == DYAD_POS ||
        dyad__pos_is_adj(t) || t == DYAD_RB || t == DYAD_RBR || t == DYAD_RBS)
        return 1;
    /* coordinated adjectives: "a blunt and public warning" */
    if (has(c, i, G_AND | G_OR) && i > 0 && i + 1 < c->n && dyad__pos_is_adj(tag(c, i - 1)) &&
        dyad__pos_is_adj(tag(c, i + 1)))
        return 1;
    /* an actor as possessor: "summoned Nigeria's ambassador" */
    if (dyad__pos_is_noun(t) && i + 1 < c->n && tag(c, i + 1) == DYAD_POS && c->mid[i] >= 0)
        return 1;
    /* noun or participle modifiers of a following noun: "trade sanctions",
     * and after an adverb of an adjective: "locally manufactured single
     * barrel guns" */
    if ((dyad__pos_is_noun(t) || t == DYAD_VBN || t == DYAD_VBG) && i + 1 < c->n &&
        (dyad__pos_is_noun(tag(c, i + 1)) ||
         (t == DYAD_VBN && i > 1 && tag(c, i - 1) == DYAD_RB &&
          !(is_verb(c, i - 2) && is_aux_lemma(lemma_of(c, i - 2))) && dyad__pos_is_adj(tag(c, i + 1)) &&
          i + 2 < c->n && (dyad__pos_is_noun(tag(c, i + 2)) || dyad__pos_is_adj(tag(c, i + 2))))))
        return 1;
    return 0;
}

/* Two verb tags of the same form: a past tense and a past participle count
 * as one, the tagger confuses them ("attacked and destroyed"). */
static int same_verb_form(int a, int b)
{
    if ((a == DYAD_VBD || a == DYAD_VBN) && (b == DYAD_VBD || b == DYAD_VBN))
        return 1;
    if ((a == DYAD_VB || a == DYAD_VBP) && (b == DYAD_VB || b == DYAD_VBP))
        return 1;
    return a == b;
}

/* A verb coordinated with the one before it, which the matcher skipped
 * ("kidnapped and killed three soldiers"): an event of its own. */
static int coordinated_verb(const gctx *c, uint32_t k)
{
    return k >= 2 && is_verb(c, k) && has(c, k - 1, G_AND | G_OR) && is_verb(c, k - 2);
}

/* skippable() for the pattern matcher, remembered per token: the matcher
 * asks about the same tokens for pattern after pattern (half its questions
 * are repeats). Only while the triggers are found, since the mentions it
 * depends on do not change until the roles are assigned. */
static int matcher_skips(const gctx *c, uint32_t i)
{
    uint8_t v = c->skip[i];
    if (!v)
        c->skip[i] = v = (uint8_t)(1 + skippable(c, i));
    return v - 1;
}

/* -------------------------------------------------------------- mentions */

static dyad_mention *M(gctx *c, int32_t k) { return &c->gd->m[k]; }

/* Copies an actor code (the two may be the same buffer). */
static void copy_code(char dst[DYAD_CODE_MAX], const char *src)
{
    size_t n = strlen(src);
    if (n >= DYAD_CODE_MAX)
        n = DYAD_CODE_MAX - 1;
    memmove(dst, src, n);
    dst[n] = '\0';
}

/* Mention whose first token is i (sentence-relative), else -1. */
static int32_t mention_at(const gctx *c, uint32_t i)
{
    int32_t k = c->mid[i];
    if (k >= 0 && c->gd->m[k].tok == c->base + i)
        return k;
    return -1;
}

static uint32_t mention_end(const gctx *c, int32_t k) /* sentence-relative, exclusive */
{
    return c->gd->m[k].tok + c->gd->m[k].ntok - c->base;
}

static void group_add(group *g, int32_t k)
{
    if (k < 0 || g->n >= MAXG)
        return;
    for (uint32_t i = 0; i < g->n; i++)
        if (g->m[i] == k)
            return;
    g->m[g->n++] = k;
}

/* The mention starting at i and the mentions coordinated with it:
 * "Russia and China", "Iran, Iraq and Syria". */
/* "its forces", "their leaders": the noun after a possessive pronoun is the
 * actor; the pronoun will give it its country (resolve()). */
static int32_t head_mention(const gctx *c, int32_t k)
{
    dyad_mention *x = &c->gd->m[k];
    if (!(x->flags & DYAD_MF_REF) || x->ntok != 1 || x->tok < c->base ||
        c->tok[x->tok - c->base].tag != DYAD_PRPS)
        return k;
    uint32_t e = mention_end(c, k);
    int32_t nk = e < c->n ? mention_at(c, e) : -1;
    if (nk < 0 || (c->gd->m[nk].flags & DYAD_MF_REF))
        return k;
    if (c->gd->m[nk].flags & DYAD_MF_NOCOUNTRY)
        c->gd->m[nk].flags |= DYAD_MF_POSSREF;
    return nk;
}

static void coordinated(const gctx *c, int32_t k, group *g)
{
    k = head_mention(c, k);
    group_add(g, k);
    uint32_t i = mention_end(c, k);
    int closed = 0; /* an "and" was passed: the list ends with the next member */
    while (i < c->n && g->n < MAXG && !closed) {
        uint32_t j = i;
        int coord = 0;
        if (j < c->n && has(c, j, G_COMMA)) {
            j++;
            coord = 1;
        }
        if (j < c->n && (has(c, j, G_AND) || has(c, j, G_OR) || has(c, j, G_AMP))) {
            j++;
            coord = 2;
        } else if (j + 1 < c->n && (word_is(c, j, "along") || word_is(c, j, "together")) &&
                   word_is(c, j + 1, "with")) {
            j += 2; /* "Russia, along with Belarus, attacked" */
            coord = 3;
        }
        if (!coord)
            break;
        while (j < c->n && (tag(c, j) == DYAD_DT || dyad__pos_is_adj(tag(c, j))) && c->mid[j] < 0)
            j++;
        if (j >= c->n)
            break;
        int32_t nk = mention_at(c, j);
        if (nk < 0)
            break;
        nk = head_mention(c, nk);
        uint32_t e = mention_end(c, nk);
        if (coord == 1) {
            /* "A, B and C": a comma member must be followed by more of the list */
            if (!(e < c->n && (has(c, e, G_COMMA) || has(c, e, G_AND) || has(c, e, G_OR))))
                break;
        } else if (coord == 2) {
            closed = 1;
        }
        group_add(g, nk);
        i = e;
    }
}

/* First mention whose first token lies in [a, b] (sentence-relative). */
static int32_t first_mention_in(const gctx *c, uint32_t a, uint32_t b)
{
    for (uint32_t i = a; i <= b && i < c->n; i++) {
        int32_t k = mention_at(c, i);
        if (k >= 0)
            return k;
    }
    return -1;
}

/* A mention for a noun phrase that names no known actor ("the Department
 * for International Development"): its words become the source or target
 * text, its code stays empty. Returns its index, or -1 when [a, b] is not a
 * noun phrase or overlaps a mention. */
static int32_t np_mention(gctx *c, uint32_t a, uint32_t b)
{
    while (a <= b && (tag(c, a) == DYAD_IN || tag(c, a) == DYAD_CC || is_adv(c, a) ||
                      has(c, a, G_COMMA) || tag(c, a) == DYAD_TO))
        a++;
    while (b > a && (has(c, b, G_COMMA) || tag(c, b) == DYAD_IN || tag(c, b) == DYAD_CC))
        b--;
    if (a > b || b >= c->n)
        return -1;
    if (b - a >= 12)
        a = b - 11;
    int noun = 0;
    for (uint32_t k = a; k <= b; k++) {
        if (c->mid[k] >= 0)
            return -1;
        if ((is_noun(c, k) && !temporal(c, k)) || tag(c, k) == DYAD_CD)
            noun = 1;
        if (is_boundary_punct(c, k) || is_finite(c, k))
            return -1;
    }
    if (!noun)
        return -1;
    dyad_gdoc *gd = c->gd;
    if (gd->nm >= gd->mcap) {
        uint32_t cap = gd->mcap ? gd->mcap * 2 : 64;
        dyad_mention *m = DYAD_ARENA_NEW(c->arena, dyad_mention, cap);
        if (!m)
            return -1;
        if (gd->nm)
            memcpy(m, gd->m, gd->nm * sizeof *m);
        gd->m = m;
        gd->mcap = cap;
    }
    dyad_mention *x = &gd->m[gd->nm];
    memset(x, 0, sizeof *x);
    x->tok = c->base + a;
    x->ntok = b - a + 1;
    x->head = c->base + b;
    x->ref = -1;
    for (uint32_t k = a; k <= b; k++)
        c->mid[k] = (int32_t)gd->nm;
    return (int32_t)gd->nm++;
}

/* -------------------------------------------------------- pattern match */

static void analyse_chain(const struct gctx *c, uint32_t trig, struct chain *ch);

static int word_matches(const gctx *c, const dyad_pelem *e, uint32_t i)
{
    const dyad_tok *t = &c->tok[i];
    /* a gerund matches a pattern word by its form, or by its lemma only
     * after "to" or an adverb: "blew up lines leading into" is no "blow ... lead" */
    int by_lemma = !e->exact && (t->tag != DYAD_VBG ||
                                 (i > 0 && (has(c, i - 1, G_TO) || c->tok[i - 1].tag == DYAD_RB)));
    /* no lexicon id (0) matches: no alternative is UINT32_MAX */
    uint32_t f = t->form ? t->form : UINT32_MAX;
    uint32_t l = by_lemma && t->lemma ? t->lemma : f;
    /* most tokens are none of the element's words: its signature says so
     * without the scan (an element has six alternatives on average) */
    if (!(e->sig & ((1u << (dyad__word_bit(f) & 31)) | (1u << (dyad__word_bit(l) & 31)))))
        return 0;
    for (uint32_t a = 0; a < e->nalt; a++) {
        uint32_t id = e->alt[a];
        if (id == f || id == l)
            return 1;
    }
    return 0;
}

/* "on Monday" at token i, before a noun phrase: the day between a verb and
 * its object, in news agency style ("captured on Monday the port") */
static int time_before_object(const gctx *c, uint32_t i)
{
    return i + 2 < c->n && tag(c, i) == DYAD_IN && temporal(c, i + 1) && word_is(c, i, "on") &&
           (tag(c, i + 2) == DYAD_DT || tag(c, i + 2) == DYAD_CD || c->mid[i + 2] >= 0 ||
            is_noun(c, i + 2) || quantity_word(c, i + 2));
}

/* A slot (+ or $) at i: the mention there (after skippable words), else a
 * noun phrase. Returns the index after it, 0 on failure. */
static uint32_t match_slot(const gctx *c, uint32_t i, slot *s)
{
    uint32_t q = i, skipped = 0;
    while (q < c->n && skipped < 4) {
        int32_t k = mention_at(c, q);
        if (k >= 0 && tag(c, q) == DYAD_PRPS && q + 1 < c->n &&
            (is_noun(c, q + 1) || matcher_skips(c, q + 1) || mention_at(c, q + 1) >= 0)) {
            /* "its NATO ally Turkey": the possessor is not the slot; it
             * gives an agent after it its country ("its soldiers") */
            int32_t nk = mention_at(c, q + 1);
            if (nk >= 0 && nk == k + 1 && (c->gd->m[nk].flags & DYAD_MF_NOCOUNTRY) &&
                (c->gd->m[k].flags & DYAD_MF_REF))
                c->gd->m[nk].flags |= DYAD_MF_POSSREF;
            q++;
            skipped++;
            continue;
        }
        if (k >= 0) {
            s->m = k;
            s->tok = q;
            s->ntok = mention_end(c, k) - q;
            s->used = 1;
            uint32_t e = q + s->ntok;
            /* "the Lebanese Armed Forces (LAF) with aircraft": the name's
             * acronym in parentheses is part of the slot */
            if (e + 2 < c->n && tag(c, e) == DYAD_LRB && tag(c, e + 2) == DYAD_RRB &&
                (c->tok[e + 1].shape & DYAD_TS_ALLCAP))
                s->ntok += 3;
            return q + s->ntok;
        }
        if (c->mid[q] >= 0) {
            /* inside a mention that started earlier: only the place of an
             * agent composed after it ("received tanks from Germany", where
             * "tanks from Germany" is one mention) is a slot of its own,
             * with the mention's code */
            const dyad_mention *x = &c->gd->m[c->mid[q]];
            if (!(x->flags & DYAD_MF_COMPOSED) || !x->mod || q == 0 || c->mid[q - 1] != c->mid[q] ||
                tag(c, q - 1) != DYAD_IN)
                return 0;
            s->m = c->mid[q];
            s->tok = q;
            s->ntok = mention_end(c, c->mid[q]) - q;
            s->used = 1;
            return q + s->ntok;
        }
        if (time_before_object(c, q)) {
            q += 2; /* "captured on Monday the port of Mokha" */
            i = q;
            continue;
        }
        if (!matcher_skips(c, q) && !(tag(c, q) == DYAD_PRP))
            break;
        q++;
        skipped++;
    }
    /* a noun phrase without an actor ("the company") */
    uint32_t a = i;
    if (a < c->n && temporal(c, a))
        return 0;
    while (a < c->n && (matcher_skips(c, a) || is_noun(c, a) || tag(c, a) == DYAD_PRP)) {
        if (c->mid[a] >= 0)
            return 0;
        a++;
        if (a > i && (is_noun(c, a - 1) || tag(c, a - 1) == DYAD_PRP) &&
            !(a < c->n && (is_noun(c, a) || tag(c, a) == DYAD_POS)))
            break;
    }
    if (a == i || !(is_noun(c, a - 1) || tag(c, a - 1) == DYAD_PRP))
        return 0;
    s->m = -1;
    s->tok = i;
    s->ntok = a - i;
    s->used = 1;
    return a;
}

/* Is token q a finite verb with an object after it ("rebels attacked a
 * base", "drones struck its soldiers")? A noun's pattern ("rebel attack",
 * "drone strike") is no match there: the verb's own, with its target, is. */
static int verb_with_object(const gctx *c, uint32_t q)
{
    int t = tag(c, q);
    if (t != DYAD_VBD && t != DYAD_VBZ && t != DYAD_VBP)
        return 0;
    if (q + 1 >= c->n)
        return 0;
    int u = tag(c, q + 1);
    if (u == DYAD_IN && t == DYAD_VBD && q + 2 < c->n) {
        /* "militants attacked on a checkpost": a past tense is no plural
         * noun, and a preposition before its object is no end of it */
        q++;
        u = tag(c, q + 1);
    }
    return u == DYAD_DT || u == DYAD_PRPS || u == DYAD_CD || u == DYAD_NNP || u == DYAD_NNPS ||
           mention_at(c, q + 1) >= 0;
}

/* "sent food and blankets to", "medicines, tents and personnel such as
 * doctors to": where the word of element ei-1 matched the noun just before
 * token q, the noun phrases coordinated with it ("and ...", "or ...", ",
 * ...", "such as ...") that the pattern does not name. Only after a word
 * the pattern names after its first ("send food to", not "the murder of"
 * or "warrants to buy"). Returns the index after them, 0 if there are
 * none. */
static uint32_t coordinated_np(const gctx *c, const dyad_pattern *p, uint32_t ei, uint32_t q)
{
    /* (the cheap tests first: the matcher asks at every word it stops at) */
    if (ei < 2 || q == 0 || !(has(c, q, G_AND | G_OR | G_COMMA) || word_is(c, q, "such")) ||
        p->elem[ei - 1].type != DYAD_PE_WORD || !is_noun(c, q - 1) || c->mid[q - 1] >= 0 ||
        !word_matches(c, &p->elem[ei - 1], q - 1))
        return 0;
    uint32_t end = 0;
    while (q + 1 < c->n) {
        uint32_t a = q + 1;
        if (word_is(c, q, "such") && word_is(c, q + 1, "as"))
            a = q + 2;
        else if (!has(c, q, G_AND | G_OR | G_COMMA))
            break;
        if (a < c->n && has(c, a, G_AND | G_OR))
            a++; /* ", and" */
        uint32_t s = a;
        while (a < c->n && a < s + 5 && !word_is(c, a, "such") &&
               (is_noun(c, a) || (matcher_skips(c, a) && !has(c, a, G_AND | G_OR))))
            a++;
        /* each phrase ends in its noun */
        if (a == s || !is_noun(c, a - 1))
            break;
        end = q = a;
    }
    return end;
}

static int match_from(const gctx *c, const dyad_pattern *p, uint32_t ei, uint32_t pos, pmatch *pm,
                      int depth)
{
    if (ei >= p->nelem) {
        pm->end = pos;
        return 1;
    }
    if (depth > 24)
        return 0;
    const dyad_pelem *e = &p->elem[ei];
    /* A call that fails leaves *pm as it found it, so a level restores only
     * the slot it set itself, not the whole match. */
    switch (e->type) {
    case DYAD_PE_WORD: {
        uint32_t q = pos;
        for (uint32_t skipped = 0; q < c->n && skipped <= 5; q++, skipped++) {
            if (word_matches(c, e, q) && !(ei == 1 && p->kind == DYAD_PK_NOUN && verb_with_object(c, q)) &&
                match_from(c, p, ei + 1, q + 1, pm, depth + 1))
                return 1;
            if (matcher_skips(c, q))
                continue;
            if (ei == 1 && time_before_object(c, q)) {
                q++; /* "captured on Monday the port": the loop steps over the day */
                continue;
            }
            uint32_t after = coordinated_np(c, p, ei, q);
            if (!after)
                break;
            q = after - 1; /* (the loop steps onto it) */
        }
        break;
    }
    case DYAD_PE_TARGET:
    case DYAD_PE_SOURCE: {
        slot *ps = e->type == DYAD_PE_TARGET ? &pm->tgt : &pm->src;
        slot save = *ps;
        slot s = {-1, 0, 0, 0};
        uint32_t end = match_slot(c, pos, &s);
        if (end) {
            *ps = s;
            if (match_from(c, p, ei + 1, end, pm, depth + 1))
                return 1;
            *ps = save;
        }
        if (e->type == DYAD_PE_TARGET && pm->passive && !pm->tgt.used) {
            /* "were released by X": the object is the subject */
            pm->tgt.m = -1;
            pm->tgt.tok = pos;
            pm->tgt.ntok = 0;
            pm->tgt.used = 2;
            if (match_from(c, p, ei + 1, pos, pm, depth + 1))
                return 1;
            *ps = save;
        }
        break;
    }
    case DYAD_PE_GAP:
        for (uint32_t k = 0; k <= 4 && pos + k <= c->n; k++) {
            if (match_from(c, p, ei + 1, pos + k, pm, depth + 1))
                return 1;
        }
        return 0;
    }
    if (e->optional)
        return match_from(c, p, ei + 1, pos, pm, depth + 1);
    return 0;
}

/* The best pattern of this kind anchored at token i. */
static int best_pattern(const gctx *c, int kind, uint32_t lemma, uint32_t i, int passive,
                        pmatch *out)
{
    uint32_t np = 0, plain = 0;
    const dyad_pfilter *pf = NULL;
    /* the handle in the word's classes (in cache: the trigger loop has just
     * read them), else the index's hash */
    uint32_t h = dyad__gwords_pat(dyad__gwords_cls(c->gw, lemma), kind == DYAD_PK_NOUN);
    const dyad_pattern *const *ps =
        h ? dyad__kb_patterns_at(c->gd->kb, h, &np, &pf, &plain)
          : dyad__kb_patterns(c->gd->kb, kind, lemma, &np, &pf, &plain);
    const uint8_t *sn = c->seen;
    const dyad_pfilter *f = pf, *fe = pf + np;
    for (; f < fe; f++) {
        /* the filter first: most patterns fail it without being read, at
         * its first single-word bit (unused ones are bit 0, always set) */
        if (!sn[f->bit[0]])
            continue; /* most patterns stop here */
        if (!(sn[f->bit[1]] & sn[f->bit[2]]))
            continue;
        if (f->nor) {
            /* one of the OR group's words; its 0 at the end stops the scan,
             * since bit 0 is always set */
            const uint16_t *o = f->orbit;
            while (!sn[*o])
                o++;
            if (o == f->orbit + f->nor)
                continue;
        }
        size_t k = (size_t)(f - pf);
        /* the flags after the tests most patterns fail (an empty pattern
         * has no words, so it passes them) */
        if ((f->flags & (DYAD_PF_EMPTY | DYAD_PF_MORE)) &&
            ((f->flags & DYAD_PF_EMPTY) || !pattern_possible(c, ps[k])))
            continue;
        pmatch pm;
        memset(&pm, 0, sizeof pm);
        pm.tgt.m = pm.src.m = -1;
        pm.p = ps[k];
        pm.passive = passive;
        if (match_from(c, ps[k], 1, i + 1, &pm, 0)) {
            *out = pm;
            return 1;
        }
    }
    /* Nothing matched in full: the plain "VERB +" pattern without its target
     * ("the rebels attacked overnight"); the last one when there are several. */
    if (plain) {
        memset(out, 0, sizeof *out);
        out->tgt.m = out->src.m = -1;
        out->p = ps[plain - 1];
        out->end = i + 1;
        return 1;
    }
    return 0;
}

/* ----------------------------------------------------------- verb chain */

/* Start of the noun phrase ending at token e (sentence-relative). */
static uint32_t np_start(const gctx *c, uint32_t e)
{
    int32_t k = c->mid[e];
    uint32_t s = k >= 0 ? c->gd->m[k].tok - c->base : e;
    while (s > 0) {
        uint32_t p = s - 1;
        int t = tag(c, p);
        if (c->mid[p] >= 0) {
            s = c->gd->m[c->mid[p]].tok - c->base;
            continue;
        }
        if (t == DYAD_DT || t == DYAD_PDT || t == DYAD_PRPS || t == DYAD_CD || t == DYAD_POS ||
            dyad__pos_is_adj(t) || dyad__pos_is_noun(t)) {
            s = p;
            continue;
        }
        break;
    }
    return s;
}

/* "Violent protests erupted", "fighting raged": is the token at i (after
 * adverbs) a verb saying that the event noun before it happened? Then the
 * noun is the clause's event. */
static int occurs_after(const gctx *c, uint32_t i)
{
    static const char *const occur[] = {"erupt", "flare", "occur", "rage", "spread", "escalate",
                                        "intensify", "resume", "continue", "break", "rock",
                                        "engulf", "sweep", "grip", "follow", "ensue",
                                        "happen", "unfold", "take"};
    while (i < c->n && is_adv(c, i))
        i++;
    if (i >= c->n || !is_finite(c, i))
        return 0;
    if (!strcmp(lemma_of(c, i), "break") && !(i + 1 < c->n && word_is(c, i + 1, "out")))
        return 0;
    if (!strcmp(lemma_of(c, i), "take") && !(i + 1 < c->n && word_is(c, i + 1, "place")))
        return 0; /* "a protest took place" */
    return LEMMA_IN(c, i, occur);
}

/* "clashed with", "met with": a verb at token v done with someone, which
 * is active before "with" ("charged with murder", "armed with rifles" are
 * passives). */
static int done_with(const gctx *c, uint32_t v)
{
    static const char *const with[] = {"clash", "scuffle", "skirmish", "fight", "battle", "meet",
                                       "negotiate", "talk", "confer", "cooperate", "collaborate",
                                       "side", "ally", "trade", "consult", "sympathize", "sympathise"};
    return v + 1 < c->n && word_is(c, v + 1, "with") && LEMMA_IN(c, v, with);
}

static void analyse_chain(const gctx *c, uint32_t trig, chain *ch)
{
    memset(ch, 0, sizeof *ch);
    ch->gov = ch->addr0 = ch->addr1 = -1;
    int vbn = (tag(c, trig) == DYAD_VBN || tag(c, trig) == DYAD_VBD) &&
              !has(c, trig, G_ADJPART);
    if (tag(c, trig) == DYAD_VBN && trig > 0 && (is_noun(c, trig - 1) || c->mid[trig - 1] >= 0) &&
        !has(c, trig, G_ADJPART) &&
        (trig + 1 >= c->n || (tag(c, trig + 1) == DYAD_IN && !done_with(c, trig)) ||
         is_boundary_punct(c, trig + 1) || has(c, trig + 1, G_COMMA) || temporal(c, trig + 1))) {
        /* "ten soldiers killed in the attack": a reduced passive (not
         * "rioters clashed with troops") */
        ch->passive = 1;
        ch->vstart = trig;
        return;
    }
    if (coordinated_verb(c, trig) && same_verb_form(tag(c, trig), tag(c, trig - 2))) {
        /* "were kidnapped and killed by rebels", "did not concede or admit
         * defeat", "vowed to arrest and try them": a verb coordinated with
         * the one before it shares its auxiliaries, its negation, its
         * governor and its subject (the recursion goes back two tokens a
         * step: it ends) */
        analyse_chain(c, trig - 2, ch);
        return;
    }
    int immediate = 1; /* still in the trigger's own auxiliaries */
    int32_t i = (int32_t)trig - 1;
    while (i >= 0) {
        uint32_t u = (uint32_t)i;
        int t = tag(c, u);
        if (t == DYAD_RB || t == DYAD_RBR || t == DYAD_RBS || has(c, u, G_NEG)) {
            if (has(c, u, G_NEG))
                ch->neg = 1;
            i--;
            continue;
        }
        if (t == DYAD_MD) {
            if (immediate && (word_is(c, u, "may") || word_is(c, u, "might"))) {
                uint32_t h = u + 1;
                while (h < trig && is_adv(c, h))
                    h++;
                ch->maybe = !(h < trig && !strcmp(lemma_of(c, h), "have"));
            }
            if (has(c, u, G_MUST))
                ch->must = DYAD_FRAME_DEMAND;
            else if (has(c, u, G_SHOULD))
                ch->must = DYAD_FRAME_APPEAL;
            if (has(c, u, G_WILL) && !ch->frame) {
                ch->frame = DYAD_FRAME_INTENT;
                ch->future = 1;
            }
            i--;
            continue;
        }
        if (dyad__pos_is_verb(t) && is_aux_lemma(lemma_of(c, u))) {
            const char *l = lemma_of(c, u);
            if (immediate && vbn && (!strcmp(l, "be") || !strcmp(l, "get")))
                ch->passive = 1;
            if (!strcmp(l, "be") && tag(c, trig) == DYAD_VBG && immediate &&
                has(c, u + 1 < c->n ? u + 1 : u, G_GOING))
                ch->future = 1;
            i--;
            continue;
        }
        if (u + 1 == trig && tag(c, trig) == DYAD_VB && dyad__pos_is_verb(t) &&
            (!strcmp(lemma_of(c, u), "help") || !strcmp(lemma_of(c, u), "let") ||
             !strcmp(lemma_of(c, u), "make"))) {
            /* "help defend", "let them go": a bare infinitive */
            immediate = 0;
            ch->gov = (int32_t)u;
            i--;
            continue;
        }
        if (t == DYAD_TO || has(c, u, G_TO)) {
            immediate = 0;
            int32_t k = i - 1;
            /* "threatened today to", "vowed on Monday to", "agreed in
             * principle to" */
            while (k >= 0 && (is_adv(c, (uint32_t)k) || temporal(c, (uint32_t)k) ||
                              (tag(c, (uint32_t)k) == DYAD_IN && k + 1 < i &&
                               temporal(c, (uint32_t)k + 1)) ||
                              (k > 0 && word_is(c, (uint32_t)k, "principle") &&
                               word_is(c, (uint32_t)k - 1, "in"))))
                k -= k > 0 && word_is(c, (uint32_t)k, "principle") ? 2 : 1;
            if (k < 0)
                break;
            uint32_t g = (uint32_t)k;
            const char *gl = lemma_of(c, g);
            if (dyad__pos_is_verb(tag(c, g))) {
                int fr = dyad__frame_of_verb(gl);
                if (!strcmp(gl, "go") && tag(c, g) == DYAD_VBG) {
                    fr = DYAD_FRAME_INTENT; /* "is going to" */
                    ch->future = 1;
                }
                if (fr && ch->frame != DYAD_FRAME_REFUSE)
                    ch->frame = fr;
                ch->gov = (int32_t)g;
                i = k - 1;
                continue;
            }
            if (dyad__pos_is_adj(tag(c, g)) || dyad__frame_of_adj(gl)) {
                int fr = dyad__frame_of_adj(gl);
                if (!fr)
                    break;
                ch->frame = fr;
                ch->gov = (int32_t)g;
                i = k - 1;
                /* "is ready to", "stands ready to": the verb before the adjective */
                if (i >= 0 && dyad__pos_is_verb(tag(c, (uint32_t)i)))
                    i--;
                continue;
            }
            if (dyad__pos_is_noun(tag(c, g)) && dyad__frame_of_noun(gl) && c->mid[g] < 0) {
                ch->frame = dyad__frame_of_noun(gl);
                ch->gov = (int32_t)g;
                i = (int32_t)np_start(c, g) - 1;
                /* the verb the noun phrase is the object of ("announced plans to") */
                if (i >= 0 && dyad__pos_is_verb(tag(c, (uint32_t)i)))
                    i--;
                continue;
            }
            /* "urged Iran to", "called on both sides to" */
            if (c->mid[g] >= 0 || dyad__pos_is_noun(tag(c, g)) || tag(c, g) == DYAD_PRP) {
                uint32_t a = np_start(c, g);
                int32_t v = (int32_t)a - 1;
                int on = 0;
                if (v >= 0 && (has(c, (uint32_t)v, G_ON) || has(c, (uint32_t)v, G_UPON))) {
                    v--;
                    on = 1;
                }
                if (v >= 0 && dyad__pos_is_verb(tag(c, (uint32_t)v))) {
                    const char *vl = lemma_of(c, (uint32_t)v);
                    if (!on && !strcmp(vl, "call") && !(v > 0 && tag(c, (uint32_t)v - 1) == DYAD_WP) &&
                        !(v > 1 && tag(c, (uint32_t)v - 2) == DYAD_WP)) {
                        /* "called Erdogan to apologize", "called a strike to
                         * protest": no appeal (that is "called on"), a call
                         * or a decision the caller makes to do it; the one
                         * called is whom it is done to (not "what he
                         * called X's failure to ...") */
                        ch->gov = v;
                        ch->purpose = 1;
                        ch->addr0 = (int32_t)a;
                        ch->addr1 = (int32_t)g;
                        i = v - 1;
                        continue;
                    }
                    int fr = dyad__frame_of_appeal(vl);
                    if (!fr) /* "analysts expect Iran to": what others expect */
                        fr = dyad__frame_of_hope(vl);
                    if (fr) {
                        ch->frame = fr;
                        ch->gov = v;
                        ch->addr0 = (int32_t)a;
                        ch->addr1 = (int32_t)g;
                        i = v - 1;
                        continue;
                    }
                }
            }
            /* A purpose clause: "X shunned work on Monday to protest", "Putin
             * flew to Beijing to meet Xi": the doer is the main verb's subject. */
            for (int32_t v = i - 1; v >= 0 && v >= i - 10; v--) {
                uint32_t vu = (uint32_t)v;
                if (is_boundary_punct(c, vu) || has(c, vu, G_COMMA) || has(c, vu, G_SUBORD))
                    break;
                if (dyad__pos_is_verb(tag(c, vu)) && tag(c, vu) != DYAD_VBG &&
                    !(tag(c, vu) == DYAD_VBN && vu + 1 < c->n && is_noun(c, vu + 1))) {
                    ch->gov = v;
                    ch->purpose = 1;
                    i = v - 1;
                    goto next;
                }
            }
            break;
        }
        break;
    next:;
    }
    ch->vstart = (uint32_t)(i + 1);
}

/* ------------------------------------------------------------- subjects */

static int np_cont(const gctx *c, uint32_t i)
{
    int t = tag(c, i);
    if (c->mid[i] >= 0)
        return 1;
    if (is_boundary_punct(c, i) || t == DYAD_MD || t == DYAD_WDT || t == DYAD_WP ||
        t == DYAD_WRB || t == DYAD_TO)
        return 0;
    if (has(c, i, G_SUBORD))
        return 0;
    if (dyad__pos_is_verb(t)) {
        /* participles used as adjectives: "the ruling party" */
        return (t == DYAD_VBG || t == DYAD_VBN) && i + 1 < c->n && is_noun(c, i + 1);
    }
    if (t == DYAD_PCOMMA || has(c, i, G_COMMA)) {
        /* a list comma: "The US, Russia, and Switzerland met" */
        if (!(i > 0 && i + 1 < c->n && c->mid[i - 1] >= 0))
            return 0;
        if (has(c, i + 1, G_AND | G_OR))
            return 1; /* "A, B, and C" */
        int32_t k = mention_at(c, i + 1);
        if (k < 0)
            return 0;
        uint32_t e = mention_end(c, k);
        return e < c->n && has(c, e, G_COMMA | G_AND | G_OR); /* "A, B and C" */
    }
    return 1;
}

/* Top-level: not inside a prepositional phrase of the region. */
static int top_level(const gctx *c, uint32_t rs, uint32_t i)
{
    while (i > rs) {
        uint32_t p = i - 1;
        int t = tag(c, p);
        if (c->mid[p] >= 0 && c->gd->m[c->mid[p]].tok - c->base <= p &&
            mention_end(c, c->mid[p]) == i) {
            /* previous mention: coordinated lists keep their level */
            i = c->gd->m[c->mid[p]].tok - c->base;
            continue;
        }
        if (t == DYAD_DT || t == DYAD_PDT || dyad__pos_is_adj(t) || t == DYAD_CD ||
            t == DYAD_PRPS || has(c, p, G_AND) || has(c, p, G_OR) ||
            has(c, p, G_COMMA) || t == DYAD_POS) {
            i = p;
            continue;
        }
        return t != DYAD_IN;
    }
    return 1;
}

/* The actor an apposition names: a noun phrase (no preposition or verb
 * before its first actor) such as "the United Nations relief coordinator"
 * or "Algeria's leading human rights activist". -1 when it names none. */
static int32_t appositive_actor(gctx *c, uint32_t a, uint32_t b)
{
    if (is_verb(c, a) || tag(c, a) == DYAD_IN || tag(c, a) == DYAD_TO)
        return -1;
    for (uint32_t k = a; k <= b; k++) {
        if (is_verb(c, k) || tag(c, k) == DYAD_IN || tag(c, k) == DYAD_TO ||
            tag(c, k) == DYAD_CC)
            return -1;
        int32_t mk = mention_at(c, k);
        if (mk >= 0 && M(c, mk)->code[0])
            return mk;
    }
    return -1;
}

/* Is this actor code a state or its armed forces (a country alone, its
 * military or government, or an IGO such as NATO)? */
static int state_force(const char *code)
{
    size_t n = strlen(code);
    if (n == 3)
        return code[0] != '-'; /* a country (regions such as WST too) */
    if (!strncmp(code, "IGO", 3))
        return 1;
    return n >= 6 && (!strcmp(code + n - 3, "MIL") || !strcmp(code + 3, "GOV")) && code[0] != '-';
}

/* Is mention k a suicide attacker or attack ("suicide bombers", "a
 * suicide bombing", "the suicide attacker")? */
static int suicide_attacker(gctx *c, int32_t k)
{
    const dyad_mention *m = M(c, k);
    if (m->tok < c->base)
        return 0;
    for (uint32_t t = m->tok - c->base; t + 1 < c->n && t + 1 <= m->tok - c->base + m->ntok; t++)
        if (!strcmp(lemma_of(c, t), "suicide")) {
            const char *n = lemma_of(c, t + 1);
            return !strcmp(n, "bomber") || !strcmp(n, "attacker") || !strcmp(n, "bombing") ||
                   !strcmp(n, "attack") || !strcmp(n, "blast") || !strcmp(n, "car") ||
                   !strcmp(n, "truck") || !strcmp(n, "vest");
        }
    return 0;
}

/* "Opponents of Rwanda's Senate", "critics of the Syrian government": a
 * noun phrase [rs, re] whose head opposes a state's government is that
 * country's opposition. Adds an actor for the head to g. */
static int opponents_of(gctx *c, uint32_t rs, uint32_t re, group *g)
{
    static const char *const against[] = {"opponent", "critic"};
    uint32_t k = rs;
    while (k < re && (tag(c, k) == DYAD_DT || dyad__pos_is_adj(tag(c, k))) && c->mid[k] < 0)
        k++;
    if (k >= re || !is_noun(c, k) || c->mid[k] >= 0 || !has(c, k + 1, G_OF) || !LEMMA_IN(c, k, against))
        return 0;
    int32_t mk = first_mention_in(c, k + 2, re);
    if (mk < 0 || (M(c, mk)->flags & DYAD_MF_REF))
        return 0;
    const char *x = M(c, mk)->code;
    size_t n = strlen(x);
    /* a state, its government, parliament or courts (not a party or a
     * group: "opponents of Hamas" are not Palestine's opposition) */
    if (n < 3 || x[0] == '-' || !strncmp(x, "IGO", 3) || !strncmp(x, "NGO", 3) ||
        !strncmp(x, "IMG", 3) ||
        (n > 3 && strncmp(x + 3, "GOV", 3) != 0 && strncmp(x + 3, "LEG", 3) != 0 &&
         strncmp(x + 3, "JUD", 3) != 0))
        return 0;
    int32_t hk = np_mention(c, k, k);
    if (hk < 0)
        return 0;
    char code[DYAD_CODE_MAX + 4];
    memcpy(code, x, 3);
    memcpy(code + 3, "OPP", 4);
    copy_code(M(c, hk)->code, code);
    group_add(g, hk);
    g->how = "subject (opponents of a government)";
    return 1;
}

/* Finds the subject ending before token `end`. Returns 1 when a subject
 * noun phrase exists (its actors in g, maybe none), 0 when there is none. */
static int find_subject(gctx *c, uint32_t end, group *g)
{
    int32_t i = (int32_t)end - 1;
    int32_t app_a = -1, app_b = -1; /* the nearest comma-enclosed aside */
    while (i >= 0) {
        uint32_t u = (uint32_t)i;
        if (is_adv(c, u)) {
            i--;
            continue;
        }
        if (has(c, u, G_AND | G_OR) || (tag(c, u) == DYAD_CC && c->mid[u] < 0)) {
            /* "Russia stands ready to ..., and is committed to ...": a second
             * verb phrase shares the first one's subject */
            int32_t j = i - 1;
            while (j >= 0 && !is_finite(c, (uint32_t)j) && !is_boundary_punct(c, (uint32_t)j) &&
                   j > i - 25)
                j--;
            if (j < 0 || !is_finite(c, (uint32_t)j) || c->depth > 3)
                return 0;
            chain pc;
            analyse_chain(c, (uint32_t)j, &pc);
            c->depth++;
            int r = find_subject(c, pc.vstart, g);
            c->depth--;
            if (r && g->n)
                g->how = "subject of the first verb";
            return r;
        }
        if (tag(c, u) == DYAD_PCOMMA || has(c, u, G_COMMA)) {
            /* a parenthetical between subject and verb: ", speaking in Moscow," */
            int32_t p = i - 1, lim = i - 16;
            int finite = 0;
            while (p >= 0 && p > lim && !has(c, (uint32_t)p, G_COMMA) &&
                   !is_boundary_punct(c, (uint32_t)p)) {
                if (is_finite(c, (uint32_t)p))
                    finite = 1;
                p--;
            }
            if (p >= 0 && p > lim && has(c, (uint32_t)p, G_COMMA) && !finite && p > 0) {
                if (app_a < 0) {
                    app_a = p + 1;
                    app_b = i - 1;
                }
                i = p - 1;
                continue;
            }
            return 0;
        }
        break;
    }
    if (i < 0)
        return 0;
    /* relative pronoun: the antecedent is the subject */
    int relative = 0, rel_comma = 0;
    if (tag(c, (uint32_t)i) == DYAD_WDT || tag(c, (uint32_t)i) == DYAD_WP ||
        has(c, (uint32_t)i, G_WHO)) {
        i--;
        if (i >= 0 && has(c, (uint32_t)i, G_COMMA)) {
            i--;
            rel_comma = 1;
        }
        if (i < 0)
            return 0;
        relative = 1;
    }
    /* The antecedent of a relative pronoun is the actor right before it
     * ("Sharon, who has vowed"); after a preposition only when the noun
     * phrase the preposition belongs to has no actor of its own: "its
     * campaign against the militant group that has seized" (the group),
     * but "the authorities in the US, who have indicted" (the authorities). */
    int32_t near = -1, near_prep = -1;
    if (relative && c->mid[i] >= 0 && mention_end(c, c->mid[i]) == (uint32_t)i + 1 &&
        (M(c, c->mid[i])->actor || (M(c, c->mid[i])->flags & DYAD_MF_REF))) {
        near = c->mid[i];
        int32_t p = (int32_t)(M(c, near)->tok - c->base) - 1;
        while (p >= 0 && (tag(c, (uint32_t)p) == DYAD_DT || tag(c, (uint32_t)p) == DYAD_PRPS ||
                          tag(c, (uint32_t)p) == DYAD_CD || dyad__pos_is_adj(tag(c, (uint32_t)p))))
            p--;
        if (p < 0 || (tag(c, (uint32_t)p) != DYAD_IN && tag(c, (uint32_t)p) != DYAD_TO)) {
            coordinated(c, near, g);
            g->how = "subject (antecedent)";
            return 1;
        }
        /* "a suicide bombing in Peshawar that killed 20 people": the place
         * of an event is not what did it; the event is, and it is no actor
         * (after a comma the place is: "talks with New Zealand, which had a
         * surplus") */
        if (!rel_comma && p > 0 && is_place_mention(M(c, near)) && is_noun(c, (uint32_t)p - 1) &&
            c->mid[p - 1] < 0 && (dyad__gwords_cls(c->gw, c->tok[p - 1].form) & G_NOUNPAT) &&
            !has(c, (uint32_t)p - 1, G_NATURAL | G_PEOPLE | G_DOCUMENT))
            return 0;
        near_prep = p;
    }
    if (i >= 3 && tag(c, (uint32_t)i) == DYAD_RRB) {
        /* "The Academic Staff Union of Universities (ASUU) announced": before the parenthesis */
        int32_t p = i - 1;
        while (p > 0 && tag(c, (uint32_t)p) != DYAD_LRB && i - p < 8)
            p--;
        if (p > 0 && tag(c, (uint32_t)p) == DYAD_LRB)
            i = p - 1;
    }
    uint32_t re = (uint32_t)i, rs = re;
    int32_t by_agent = -1; /* the "by" of a reduced relative inside the subject */
    if (!np_cont(c, re))
        return 0;
    for (;;) {
        while (rs > 0 && np_cont(c, rs - 1))
            rs--;
        /* a reduced relative inside the subject: "the soldiers captured in
         * the raid (were released)", "the civilians jailed for acting
         * against Moscow": a participle (or what the tagger took for a past
         * tense, before "by"), or a gerund after a preposition, before a
         * preposition and after a noun */
        uint32_t in = tag(c, rs) == DYAD_RP && rs + 1 < c->n ? rs + 1 : rs; /* "carried out by" */
        if (rs >= 2 && tag(c, in) == DYAD_IN && !has(c, in, G_SUBORD) &&
            (((tag(c, rs - 1) == DYAD_VBN || (tag(c, rs - 1) == DYAD_VBD && has(c, in, G_BY))) &&
              !has(c, rs - 1, G_ADJPART) && (is_noun(c, rs - 2) || c->mid[rs - 2] >= 0)) ||
             (tag(c, rs - 1) == DYAD_VBG && tag(c, rs - 2) == DYAD_IN))) {
            /* the by-agent of a document or an attack, not of people
             * ("economists polled by Reuters") or an accident */
            uint32_t head = rs - 2;
            if (has(c, in, G_BY) && c->mid[head] < 0 && is_noun(c, head) &&
                (has(c, head, G_DOCUMENT) ||
                 ((dyad__gwords_cls(c->gw, c->tok[head].form) & G_NOUNPAT) &&
                  !has(c, head, G_NATURAL | G_PEOPLE))))
                by_agent = (int32_t)in;
            rs--;
            continue;
        }
        /* a parenthesis inside the subject: "Hizbollah (Party of God) group" */
        if (rs >= 3 && tag(c, rs - 1) == DYAD_RRB) {
            uint32_t p = rs - 1;
            while (p > 0 && tag(c, p) != DYAD_LRB && rs - p < 8)
                p--;
            if (tag(c, p) == DYAD_LRB && p > 0 && np_cont(c, p - 1)) {
                rs = p;
                continue;
            }
        }
        break;
    }
    /* "X attacked Y and Z said": after a verb, only the last conjunct */
    if (rs > 0 && is_verb(c, rs - 1) && tag(c, rs - 1) != DYAD_VBG) {
        for (uint32_t k = re; k > rs; k--)
            if (has(c, k, G_AND) && c->mid[k] < 0) {
                rs = k + 1;
                break;
            }
    }
    if (re - rs > 20)
        rs = re - 20;
    int32_t first = -1;
    for (uint32_t k = rs; k <= re; k++) {
        int32_t mk = mention_at(c, k);
        if (mk >= 0 && top_level(c, rs, k)) {
            first = mk;
            break;
        }
    }
    g->how = "subject";
    if (first < 0 && by_agent >= 0) {
        /* "a statement released by the Church said", "the attack carried out
         * by rebels killed": a subject that is no actor, done by one */
        uint32_t b = (uint32_t)by_agent + 1;
        while (b < re && (tag(c, b) == DYAD_DT || dyad__pos_is_adj(tag(c, b))) && c->mid[b] < 0)
            b++;
        int32_t bk = mention_at(c, b);
        if (bk >= 0) {
            coordinated(c, bk, g);
            g->how = "subject (its by-agent)";
            return 1;
        }
    }
    if (near >= 0 && (first < 0 || mention_end(c, first) != (uint32_t)near_prep)) {
        coordinated(c, near, g);
        g->how = "subject (antecedent)";
        return 1;
    }
    if (first < 0) {
        /* "the leaders of Russia and China": the actors of the of-phrase;
         * "a camp for Congolese refugees (was attacked)", "the homes of
         * Christian villagers": the people of a place where people live */
        static const char *const premises[] = {"camp",   "home",    "house",     "shelter",
                                               "school", "hospital", "mosque",   "church",
                                               "village", "settlement", "residence", "compound"};
        int head_is_agentish = 0;
        for (uint32_t k = rs; k <= re; k++) {
            if (is_noun(c, k) && c->mid[k] < 0) {
                head_is_agentish = has(c, k, G_PEOPLE) ||
                                   (k + 1 <= re && (has(c, k + 1, G_OF) || word_is(c, k + 1, "for")) &&
                                    LEMMA_IN(c, k, premises));
                break;
            }
        }
        if (opponents_of(c, rs, re, g))
            return 1;
        if (head_is_agentish) {
            int32_t mk = first_mention_in(c, rs, re);
            if (mk >= 0) {
                coordinated(c, mk, g);
                g->how = "subject (of-phrase)";
                return 1;
            }
        }
        /* "Kenzo Oshima, the United Nations relief coordinator, said": an
         * unknown name takes the actor of its apposition */
        if (app_a >= 0 && app_a <= app_b && tag(c, re) == DYAD_NNP) {
            int32_t ak = appositive_actor(c, (uint32_t)app_a, (uint32_t)app_b);
            if (ak >= 0) {
                coordinated(c, ak, g);
                g->how = "subject (apposition)";
                return 1;
            }
        }
        int32_t pk = np_mention(c, rs, re);
        if (pk >= 0) {
            group_add(g, pk);
            g->how = "subject (not in the dictionaries)";
        }
        return 1;
    }
    coordinated(c, first, g);
    /* an agent without a country: "a spokesman for the Russian ministry" */
    dyad_mention *fm = M(c, first);
    if ((fm->flags & DYAD_MF_NOCOUNTRY) && g->n == 1) {
        int32_t pk = first_mention_in(c, mention_end(c, first), re);
        if (pk >= 0 && !(M(c, pk)->flags & DYAD_MF_REF)) {
            char code[DYAD_CODE_MAX + 4];
            memcpy(code, M(c, pk)->code, 3);
            copy_code(code + 3, fm->code + 3);
            copy_code(fm->code, code);
            fm->flags &= (uint8_t)~DYAD_MF_NOCOUNTRY;
        }
    }
    return 1;
}

/* -------------------------------------------------------------- objects */

static int clause_stop(const gctx *c, uint32_t i)
{
    if (is_boundary_punct(c, i) || has(c, i, G_SUBORD) || tag(c, i) == DYAD_WDT)
        return 1;
    if (is_finite(c, i))
        return 1;
    return 0;
}

/* The target after the verb or pattern end: a direct object or the
 * complement of with/against/on/to/at... */
static void find_object_p(gctx *c, uint32_t from, group *g, int allow_place);
#define find_object(c, from, g) find_object_p((c), (from), (g), 1)

/* The actors of a matched slot: its mention and those coordinated with it.
 * When the slot's words name no known actor, an actor in a with/to/against
 * complement after it wins ("returned the antiquities to the government of
 * Iraq"); else the slot's words themselves. */
static void slot_group(gctx *c, const slot *sl, group *g)
{
    if (sl->m >= 0) {
        coordinated(c, sl->m, g);
        return;
    }
    if (!sl->ntok)
        return;
    group after = {{0}, 0, NULL};
    find_object(c, sl->tok + sl->ntok, &after);
    if (after.n && M(c, after.m[0])->code[0] &&
        (!strcmp(after.how, "complement") || !strcmp(after.how, "place"))) {
        *g = after;
        return;
    }
    int32_t pk = np_mention(c, sl->tok, sl->tok + sl->ntok - 1);
    if (pk >= 0)
        group_add(g, pk);
}

static void object_np(gctx *c, int32_t oa, int32_t ob, group *g)
{
    if (oa < 0)
        return;
    int32_t pk = np_mention(c, (uint32_t)oa, (uint32_t)ob);
    if (pk >= 0) {
        group_add(g, pk);
        g->how = "object (not in the dictionaries)";
    }
}

static void find_object_p(gctx *c, uint32_t from, group *g, int allow_place)
{
    uint32_t lim = from + 12 < c->n ? from + 12 : c->n;
    int32_t da = -1, db = -1; /* the direct object's words */
    int32_t pa = -1, pb = -1; /* the first with/to/against complement's words */
    enum { BEFORE, IN_OBJ, AFTER_OBJ, IN_COMPL, IN_ADJUNCT } st = BEFORE;
    int passed = 0;           /* an object or preposition lies between verb and actor */
    for (uint32_t i = from; i < lim; i++) {
        int32_t k = mention_at(c, i);
        if (k >= 0 && st == IN_ADJUNCT && !allow_place) {
            /* "Armenia and Azerbaijan held talks in Washington": for a joint
             * act of a compound subject the place is not a target */
            i = mention_end(c, k) - 1;
            continue;
        }
        if (k >= 0) {
            coordinated(c, k, g);
            /* "shelled villages in Syria": a place, when nothing else comes first */
            g->how = st == IN_ADJUNCT ? "place" : passed ? "complement" : "object";
            return;
        }
        if (c->mid[i] >= 0)
            continue;
        if (clause_stop(c, i) || has(c, i, G_COMMA))
            break;
        if (has(c, i, G_AND | G_OR) || tag(c, i) == DYAD_CC) {
            /* "Egypt stayed silent and Turkey's minister said ...": a new
             * clause with its own subject holds no object of this verb */
            uint32_t j = i + 1;
            while (j < c->n && j < i + 10 &&
                   (c->mid[j] >= 0 || is_noun(c, j) || skippable(c, j) || tag(c, j) == DYAD_POS))
                j++;
            if (j > i + 1 && j < c->n && is_finite(c, j))
                break;
        }
        int t = tag(c, i);
        if (st == BEFORE && time_before_object(c, i)) {
            i++; /* "captured on Monday the port" */
            continue;
        }
        if (t == DYAD_IN || t == DYAD_TO) {
            passed = 1;
            st = (has(c, i, G_TPREP | G_OF | G_BETWEEN))
                     ? IN_COMPL
                     : IN_ADJUNCT;
            continue;
        }
        if (is_verb(c, i) && t != DYAD_VBG && t != DYAD_VBN)
            break;
        int nounish = (is_noun(c, i) || skippable(c, i)) && !temporal(c, i);
        if (!nounish) {
            if (st == IN_OBJ)
                st = AFTER_OBJ;
            continue;
        }
        if (st == BEFORE || st == IN_OBJ) {
            if (da < 0)
                da = (int32_t)i;
            db = (int32_t)i;
            st = IN_OBJ;
            if (is_noun(c, i))
                passed = 1;
        } else if (st == IN_COMPL && (pa < 0 || pb == (int32_t)i - 1)) {
            if (pa < 0)
                pa = (int32_t)i;
            pb = (int32_t)i;
        }
    }
    if (da >= 0)
        object_np(c, da, db, g);
    else if (pa >= 0)
        object_np(c, pa, pb, g);
}

/* "by X" after the verb: the agent of a passive. */
static const char by_natural[] = "by-agent: a natural or accidental cause";

static void find_by_agent(gctx *c, uint32_t from, group *g)
{
    for (uint32_t i = from; i < c->n && i < from + 12; i++) {
        if (clause_stop(c, i))
            return;
        if (has(c, i, G_BY)) {
            uint32_t j = i + 1;
            while (j < c->n && (tag(c, j) == DYAD_DT || dyad__pos_is_adj(tag(c, j))) &&
                   c->mid[j] < 0)
                j++;
            if (j < c->n) {
                int32_t k = mention_at(c, j);
                if (k >= 0) {
                    /* "killed by the Malaysia Airlines flight MH17 crash": the
                     * head of the phrase is an accident, not the airline */
                    uint32_t h = mention_end(c, k);
                    while (h < c->n && (is_noun(c, h) || tag(c, h) == DYAD_CD) && c->mid[h] < 0)
                        h++;
                    if (h > mention_end(c, k) && has(c, h - 1, G_NATURAL) &&
                        !has(c, h - 1, G_VEHICLE)) {
                        g->how = by_natural;
                        return;
                    }
                    coordinated(c, k, g);
                    g->how = "by-agent";
                }
            }
            return;
        }
    }
}

/* ------------------------------------------------------------- speakers */

/* The speaker of a quotation containing token i, if the sentence names one:
 * "..., X said" / "..., said X" / "X said: ...". */
static void quote_speaker(gctx *c, uint32_t i, group *g)
{
    /* after the closing quote */
    uint32_t q = i;
    while (q < c->n && tag(c, q) != DYAD_RQUOTE)
        q++;
    for (uint32_t j = q + 1; j < c->n && j < q + 8; j++) {
        if (is_verb(c, j) && lhas(c, j, G_SPEECH)) {
            group s = {{0}, 0, NULL};
            if (find_subject(c, j, &s) && s.n) {
                *g = s;
                g->how = "quote speaker";
                return;
            }
            /* "said Putin" */
            int32_t k = first_mention_in(c, j + 1, j + 3 < c->n ? j + 3 : c->n - 1);
            if (k >= 0) {
                coordinated(c, k, g);
                g->how = "quote speaker";
            }
            return;
        }
    }
    /* before the opening quote */
    int32_t o = (int32_t)i;
    while (o >= 0 && tag(c, (uint32_t)o) != DYAD_LQUOTE)
        o--;
    /* the nearest speech verb before the quotation ("Putin said: ...",
     * "..., saying that: ...") */
    for (int32_t j = o - 1; j >= 0; j--) {
        uint32_t u = (uint32_t)j;
        if (!is_verb(c, u) || !lhas(c, u, G_SPEECH))
            continue;
        if (tag(c, u) == DYAD_VBG) {
            /* a participle: the subject of the finite verb before it */
            while (j >= 0 && !is_finite(c, (uint32_t)j))
                j--;
            if (j < 0)
                return;
            u = (uint32_t)j;
        }
        chain vc;
        analyse_chain(c, u, &vc);
        group s = {{0}, 0, NULL};
        if (find_subject(c, vc.vstart, &s) && s.n) {
            *g = s;
            g->how = "quote speaker";
        }
        return;
    }
}

/* The subject of the main clause after a fronted participle or clause:
 * "When meeting with X, Putin emphasized ...". */
static void main_subject_after(gctx *c, uint32_t i, group *g)
{
    /* fronted only: after a finite verb the participle belongs to that
     * clause, and the verb after the comma may be an attribution ("homes
     * were looted after fighting on Monday, the rights group said") */
    for (uint32_t k = 0; k < i; k++)
        if (is_finite(c, k))
            return;
    uint32_t j = i;
    while (j < c->n && !has(c, j, G_COMMA) && !is_boundary_punct(c, j))
        j++;
    if (j >= c->n || !has(c, j, G_COMMA))
        return;
    for (uint32_t k = j + 1; k < c->n && k < j + 10; k++) {
        if (is_finite(c, k)) {
            group s = {{0}, 0, NULL};
            chain kc;
            analyse_chain(c, k, &kc);
            if (find_subject(c, kc.vstart, &s) && s.n) {
                *g = s;
                g->how = "main-clause subject";
            }
            return;
        }
    }
}

/* The subject of the clause that ends before token `end`: the nearest verb
 * before it that is finite (or a bare past form: "Petraeus, ..., held
 * talks"), if that clause is active and its subject is an actor. Nothing
 * when the clause is passive ("ten were killed, prompting ...": the killed
 * did not prompt) or a quotation or colon lies between. */
static int clause_subject_before(gctx *c, uint32_t end, group *g)
{
    for (int32_t j = (int32_t)end - 1; j >= 0 && j + 40 >= (int32_t)end; j--) {
        uint32_t u = (uint32_t)j;
        if (is_boundary_punct(c, u) && tag(c, u) != DYAD_LRB && tag(c, u) != DYAD_RRB)
            return 0;
        if (!is_verb(c, u) || (tag(c, u) == DYAD_VBG && !is_finite(c, u > 0 ? u - 1 : u)))
            continue;
        chain pc;
        analyse_chain(c, u, &pc);
        if (pc.passive && tag(c, u) == DYAD_VBN && pc.vstart == u && u > 0 &&
            (is_noun(c, u - 1) || c->mid[u - 1] >= 0))
            continue; /* "militiamen armed with machetes": a reduced relative */
        if (pc.passive) {
            /* "a camp was attacked by militiamen, killing 156 people": the
             * by-agent did it */
            uint32_t b = u + 1;
            if (b + 1 < end && has(c, b, G_BY)) {
                b++;
                while (b < end && c->mid[b] < 0 && (tag(c, b) == DYAD_DT || dyad__pos_is_adj(tag(c, b))))
                    b++;
                int32_t bk = mention_at(c, b);
                if (bk >= 0 && M(c, bk)->code[0]) {
                    coordinated(c, bk, g);
                    return 1;
                }
            }
            return 0;
        }
        int finite = tag(c, u) == DYAD_VBN && pc.vstart == u;
        for (uint32_t k = pc.vstart; k <= u; k++)
            finite |= is_finite(c, k);
        if (!finite)
            return 0;
        group s = {{0}, 0, NULL};
        if (!find_subject(c, pc.vstart, &s))
            return 0;
        int known = 0;
        for (uint32_t k = 0; k < s.n; k++)
            known |= M(c, s.m[k])->code[0] || (M(c, s.m[k])->flags & DYAD_MF_REF);
        if (known) {
            *g = s;
            return 1;
        }
        /* "during a surprise visit to Beirut": a noun taken for a verb */
        j = (int32_t)pc.vstart;
    }
    return 0;
}

/* The doer of a trailing participle clause is the subject of the clause
 * before it: "Insurgents shelled Aleppo overnight, killing eight people",
 * "Sarkozy heads to Beijing, seeking to mend ties with China". v is the
 * participle (or the adverbs before it: ", mostly targeting"), right after
 * a comma. */
static int prev_clause_subject(gctx *c, uint32_t v, group *g)
{
    uint32_t p = v; /* ", mostly targeting": adverbs first */
    while (p < c->n && is_adv(c, p))
        p++;
    if (v < 3 || p >= c->n || tag(c, p) != DYAD_VBG || !has(c, v - 1, G_COMMA))
        return 0;
    if (!clause_subject_before(c, v - 1, g))
        return 0;
    g->how = "subject of the clause before";
    return 1;
}

/* ----------------------------------------------------------- references */

static int is_personish(const dyad_mention *x)
{
    if (x->kind == DYAD_AK_PERSON)
        return 1;
    return 0;
}

/* Resolves a reference mention to earlier mentions of the document. May
 * append one mention (for "both sides"). */
static void resolve(gctx *c, int32_t k, group *out);

/* Does "the" come right before mention x ("the army", "the ministry")? */
static int definite(const dyad_gdoc *gd, const dyad_mention *x)
{
    return x->tok > 0 && gd->tx->tok[x->tok - 1].len == 3 &&
           !strncasecmp(gd->text + gd->tx->tok[x->tok - 1].off, "the", 3);
}

/* What kind of armed group a code names: 1 insurgents, rebels or an
 * international militant group (one kind: the same groups are called
 * all three), 2 unidentified armed men and paramilitaries, 0 none. */
static int armed_kind(const char *code)
{
    if (!strncmp(code, "IMG", 3))
        return 1;
    for (const char *p = code + 3; strlen(p) >= 3; p += 3) {
        if (!strncmp(p, "INS", 3) || !strncmp(p, "REB", 3))
            return 1;
        if (!strncmp(p, "UAF", 3))
            return 2;
    }
    return 0;
}

/* An armed group or an army ("Boko Haram fighters", "Pakistani troops")? */
static int armed_actor(const char *code)
{
    return armed_kind(code) || (strlen(code) >= 6 && strstr(code + 3, "MIL") != NULL);
}

/* An agent with no country of its own: after a possessive pronoun ("its
 * forces") the pronoun's antecedent's country; as a definite description
 * ("the ministry", "the army") the country of the last mention of the same
 * kind of agent in the document, and an armed one ("the militant group")
 * the armed group of its kind named shortly before. */
static void resolve_agent(gctx *c, int32_t k)
{
    dyad_gdoc *gd = c->gd;
    dyad_mention *x = &gd->m[k];
    if (!(x->flags & DYAD_MF_NOCOUNTRY) || !x->actor)
        return;
    const char *country = NULL;
    if ((x->flags & DYAD_MF_POSSREF) && k > 0) {
        group tmp = {{0}, 0, NULL};
        resolve(c, k - 1, &tmp);
        const dyad_mention *p = &gd->m[k - 1];
        if ((p->flags & DYAD_MF_RESOLVED) && strlen(p->code) >= 3 && p->code[0] != '-')
            country = p->code;
    } else if (definite(gd, x)) {
        for (int32_t j = k - 1; j >= 0; j--) {
            const dyad_mention *y = &gd->m[j];
            if (!(y->flags & DYAD_MF_NOCOUNTRY) && y->code[0] && y->code[0] != '-' &&
                y->kind == DYAD_AK_AGENT && (y->actor == x->actor ||
                gd->tx->tok[y->head].lemma == gd->tx->tok[x->head].lemma)) {
                country = y->code;
                x->flags |= y->flags & DYAD_MF_INFERRED;
                break;
            }
        }
        /* "Islamic State ... the militant group that has seized": an armed
         * group named shortly before is the one meant */
        int armed = country ? 0 : armed_kind(x->code);
        if (armed) {
            for (int32_t j = k - 1; j >= 0 && gd->m[j].tok + 120 >= x->tok; j--) {
                const dyad_mention *y = &gd->m[j];
                if (y->kind == DYAD_AK_ORG && armed_kind(y->code) == armed) {
                    copy_code(x->code, y->code);
                    x->flags = (uint8_t)((x->flags & ~DYAD_MF_NOCOUNTRY) | DYAD_MF_INFERRED);
                    x->ref = (int16_t)j; /* one actor: not its own target */
                    return;
                }
            }
        }
    }
    if (!country)
        return;
    char code[DYAD_CODE_MAX + 4];
    memcpy(code, country, 3);
    copy_code(code + 3, x->code + 3);
    copy_code(x->code, code);
    x->flags &= (uint8_t)~DYAD_MF_NOCOUNTRY;
}

/* A reference resolved to two actors is two mentions: the reference, with
 * the first, and a copy of it with the second, added after the sentence's
 * mentions. Given either (k), the other's index, or -1. */
static int32_t second_actor(const dyad_gdoc *gd, int32_t k)
{
    const dyad_mention *x = &gd->m[k];
    for (uint32_t j = gd->nm; j-- > 0;) {
        const dyad_mention *z = &gd->m[j];
        if ((int32_t)j != k && z->tok == x->tok && z->ntok == x->ntok &&
            (z->flags & DYAD_MF_RESOLVED) && strcmp(z->code, x->code) != 0)
            return (int32_t)j;
    }
    return -1;
}

static void resolve(gctx *c, int32_t k, group *out)
{
    dyad_gdoc *gd = c->gd;
    dyad_mention *x = &gd->m[k];
    if (x->flags & DYAD_MF_NOCOUNTRY) {
        resolve_agent(c, k);
        group_add(out, k);
        return;
    }
    if (!(x->flags & DYAD_MF_REF) || (x->flags & DYAD_MF_RESOLVED)) {
        group_add(out, k);
        if ((x->flags & (DYAD_MF_PLURAL | DYAD_MF_REF | DYAD_MF_RESOLVED)) ==
            (DYAD_MF_PLURAL | DYAD_MF_REF | DYAD_MF_RESOLVED)) {
            /* resolved before, for another event: the second actor too */
            int32_t j = second_actor(gd, k);
            if (j >= 0)
                group_add(out, j);
        }
        return;
    }
    int want_person = x->kind == DYAD_AK_PERSON;
    int plural_desc = (x->flags & DYAD_MF_PLURAL) && x->ntok >= 2;
    const dyad_tok *xh = &gd->tx->tok[x->head];
    int person_desc = plural_desc && ((xh->len == 7 && !strncasecmp(gd->text + xh->off, "leaders", 7)) ||
                                      (xh->len == 10 && !strncasecmp(gd->text + xh->off, "presidents", 10)));
    if ((x->flags & DYAD_MF_PLURAL) && !plural_desc) {
        /* "they" after "A and B ...": both */
        for (int32_t j = k - 1; j > 0; j--) {
            dyad_mention *b = &gd->m[j], *a = &gd->m[j - 1];
            if ((b->flags & DYAD_MF_REF) || !b->code[0] || b->kind == DYAD_AK_CITY)
                continue; /* (nor a town: "A and B met in Zurich to discuss their ...") */
            if (!a->code[0] || (a->flags & DYAD_MF_REF) || a->tok + a->ntok + 1 != b->tok)
                break;
            const dyad_tok *mid = &gd->tx->tok[b->tok - 1];
            if (mid->len == 3 && !strncmp(gd->text + mid->off, "and", 3)) {
                copy_code(x->code, a->code);
                x->flags |= DYAD_MF_RESOLVED;
                x->ref = (int16_t)(j - 1);
                group_add(out, k);
                if (gd->nm < gd->mcap) {
                    dyad_mention *z = &gd->m[gd->nm];
                    *z = *x;
                    copy_code(z->code, b->code);
                    z->ref = (int16_t)j;
                    group_add(out, (int32_t)gd->nm);
                    gd->nm++;
                }
                return;
            }
            break;
        }
    }
    int32_t found[2] = {-1, -1};
    int nf = 0;
    for (int32_t j = k - 1; j >= 0 && nf < (plural_desc ? 2 : 1); j--) {
        dyad_mention *y = &gd->m[j];
        if ((y->flags & DYAD_MF_REF) && !(y->flags & DYAD_MF_RESOLVED))
            continue;
        if (c->not_ante && !strcmp(y->code, c->not_ante))
            continue;
        if (!y->code[0] || (y->flags & DYAD_MF_INFERRED))
            continue; /* (a description is no antecedent: what it names is) */
        if (want_person) {
            if (!is_personish(y))
                continue;
        } else if (plural_desc) {
            /* "the two countries" are no people; "the two leaders" and
             * "the two presidents" may be */
            if ((is_personish(y) && !person_desc) || y->kind == DYAD_AK_AGENT)
                continue;
            if (nf == 1 && !strncmp(gd->m[found[0]].code, y->code, 3))
                continue;
        } else if (x->flags & DYAD_MF_PLURAL) {
            /* nor a place: a capital stands for its government in the
             * singular ("Abidjan", "the Kremlin" is no "they") */
            if (is_personish(y) || y->kind == DYAD_AK_CITY || y->kind == DYAD_AK_CAPITAL)
                continue;
            /* an agent of no country only when it is plural itself:
             * "protesters ... where they clashed" */
            if ((y->flags & DYAD_MF_NOCOUNTRY) && gd->tx->tok[y->head].tag != DYAD_NNS &&
                gd->tx->tok[y->head].tag != DYAD_NNPS)
                continue;
        } else {
            /* "it", "its": a country, organisation, place, or a body of one
             * ("Iraq's government", "the Commerce Department", "the army") */
            if (is_personish(y))
                continue;
            /* (an organisation's name may end in a plural: "the Union of
             * Teachers") */
            if ((gd->tx->tok[y->head].tag == DYAD_NNS || gd->tx->tok[y->head].tag == DYAD_NNPS) &&
                y->kind != DYAD_AK_ORG)
                continue;
            if (y->kind == DYAD_AK_AGENT && !(y->flags & DYAD_MF_COMPOSED) && !definite(gd, y))
                continue; /* a body, but only as a definite description */
            if (y->kind == DYAD_AK_CITY && y->tok + y->ntok < gd->tx->ntok &&
                (gd->tx->tok[y->tok + y->ntok].tag == DYAD_NN ||
                 gd->tx->tok[y->tok + y->ntok].tag == DYAD_NNS))
                continue; /* a town or state as a modifier: "Arizona forecasts" */
        }
        found[nf++] = j;
    }
    if (!nf)
        return;
    if (nf == 1 && (x->flags & DYAD_MF_PLURAL) &&
        (gd->m[found[0]].flags & (DYAD_MF_PLURAL | DYAD_MF_REF)) == (DYAD_MF_PLURAL | DYAD_MF_REF)) {
        /* "the two countries ... where they can work together": the
         * description's two actors */
        int32_t j = second_actor(gd, found[0]);
        if (j >= 0)
            found[nf++] = j;
    }
    copy_code(x->code, gd->m[found[0]].code);
    x->flags |= DYAD_MF_RESOLVED;
    x->ref = (int16_t)found[0];
    group_add(out, k);
    if (nf == 2 && gd->nm < gd->mcap) {
        dyad_mention *z = &gd->m[gd->nm];
        *z = *x;
        copy_code(z->code, gd->m[found[1]].code);
        z->ref = (int16_t)found[1];
        group_add(out, (int32_t)gd->nm);
        gd->nm++;
    }
}

/* Does group g hold a pronoun in the object case, not yet resolved
 * ("them", "him", "her", "us"; not "it", which may be a subject)? */
static int object_pronoun(gctx *c, const group *g)
{
    static const char *const obj[] = {"them", "him", "her", "us"};
    for (uint32_t i = 0; i < g->n; i++) {
        const dyad_mention *x = M(c, g->m[i]);
        if ((x->flags & (DYAD_MF_REF | DYAD_MF_RESOLVED)) != DYAD_MF_REF || x->ntok != 1)
            continue;
        for (size_t k = 0; k < sizeof obj / sizeof obj[0]; k++)
            if (word_is(c, x->tok - c->base, obj[k]))
                return 1;
    }
    return 0;
}

static void resolve_group(gctx *c, group *g, const group *speaker)
{
    group r = {{0}, 0, g->how};
    for (uint32_t i = 0; i < g->n; i++) {
        dyad_mention *x = M(c, g->m[i]);
        /* "we", "our", "I" inside a quotation: the speaker */
        if ((x->flags & DYAD_MF_REF) && !(x->flags & DYAD_MF_RESOLVED) && speaker && speaker->n &&
            (c->tok[x->tok - c->base].shape & DYAD_TS_QUOTED)) {
            for (uint32_t s = 0; s < speaker->n; s++)
                group_add(&r, speaker->m[s]);
            continue;
        }
        resolve(c, g->m[i], &r);
    }
    *g = r;
}

/* -------------------------------------------------------------- events */

/* Is mention k (-1: none) an actor the dictionaries know? */
static int known(const dyad_gdoc *gd, int32_t k) { return k >= 0 && gd->m[k].code[0]; }

/* "Officials said", "police said", "a source told Reuters": a statement
 * with no one known behind it and no one addressed but the press, which
 * is no event (and no actor that would make an event noun beside it look
 * actorless). */
static int faceless_statement(const dyad_gdoc *gd, const dyad_gevent *x)
{
    return !strcmp(x->code, "010") &&
           (x->tgt < 0 || (strlen(gd->m[x->tgt].code) >= 6 && !strcmp(gd->m[x->tgt].code + 3, "MED"))) &&
           (!known(gd, x->src) || !strncmp(gd->m[x->src].code, "---", 3));
}

/* Does code a say no more than code b: the same root, and a's digits
 * after the root, without the "other" zeros, a prefix of b's ("190" of
 * "194", "036" of "036"; not "057" of "050")? */
static int code_within(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    while (na > 2 && a[na - 1] == '0')
        na--;
    while (nb > 2 && b[nb - 1] == '0')
        nb--;
    return na <= nb && !memcmp(a, b, na);
}

/* Is x the same kind of event as another of the sentence's events y (see
 * code_within), with one side missing that y has, and the other side the
 * same ("met with Assad to discuss efforts": the discussion with no one is
 * the meeting with Assad)? */
static int subsumed(const dyad_gdoc *gd, const dyad_gevent *x, const dyad_gevent *ev, uint32_t n)
{
    int ks = known(gd, x->src), kt = known(gd, x->tgt);
    if (ks == kt)
        return 0; /* both sides known, or neither */
    for (uint32_t i = 0; i < n; i++) {
        const dyad_gevent *y = &ev[i];
        if (y == x || y->rank < 0 || !known(gd, y->src) || !known(gd, y->tgt) ||
            !code_within(x->code, y->code))
            continue;
        int32_t xs = ks ? x->src : x->tgt, ys = ks ? y->src : y->tgt;
        if (xs == ys || !strcmp(gd->m[xs].code, gd->m[ys].code))
            return 1;
    }
    return 0;
}

static int emit(gctx *c, dyad_gevent **ev, uint32_t *nev, uint32_t *cap, const dyad_gevent *e)
{

    if (*nev >= *cap) {
        uint32_t nc = *cap ? *cap * 2 : 32;
        dyad_gevent *ne = DYAD_ARENA_NEW(c->arena, dyad_gevent, nc);
        if (!ne)
            return -1;
        if (*nev)
            memcpy(ne, *ev, *nev * sizeof *ne);
        *ev = ne;
        *cap = nc;
    }
    (*ev)[(*nev)++] = *e;
    return 0;
}

static void trace_group(gctx *c, const char *role, const group *g)
{
    if (!c->trace)
        return;
    dyad__buf_printf(c->trace, "      %s:", role);
    if (!g->n)
        dyad__buf_puts(c->trace, " (none)");
    for (uint32_t i = 0; i < g->n; i++) {
        const dyad_mention *x = M(c, g->m[i]);
        const dyad_tok *a = &c->gd->tx->tok[x->tok], *z = &c->gd->tx->tok[x->tok + x->ntok - 1];
        dyad__buf_printf(c->trace, " \"%.*s\"=%s", (int)(z->off + z->len - a->off),
                         c->text + a->off, x->code[0] ? x->code : "?");
        if (x->flags & DYAD_MF_RESOLVED)
            dyad__buf_puts(c->trace, " (resolved)");
    }
    dyad__buf_printf(c->trace, "%s%s\n", g->n ? "  via " : "", g->n && g->how ? g->how : "");
}

/* Per-sentence state of one trigger. */
typedef struct trig {
    uint32_t i;         /* token */
    int noun;           /* event noun (or gerund used as a noun) */
    pmatch pm;
    chain ch;
    int blocked;        /* a --- pattern */
} trig;

/* Append s to buf[0,n) (capacity cap, kept terminated); the new length. */
static size_t append(char *buf, size_t n, size_t cap, const char *s)
{
    size_t l = strlen(s);
    if (l > cap - 1 - n)
        l = cap - 1 - n;
    memcpy(buf + n, s, l);
    buf[n + l] = '\0';
    return n + l;
}

/* An event's rule with where its source came from added, when a later
 * step gave it one: "noun; target=pattern +; source=who claimed
 * responsibility for it". The rule as it was if there is no memory. */
static const char *with_source(gctx *c, const char *rule, const char *how)
{
    char buf[256];
    size_t n = append(buf, 0, sizeof buf, rule ? rule : "");
    n = append(buf, n, sizeof buf, "; source=");
    n = append(buf, n, sizeof buf, how);
    const char *r = dyad__arena_strndup(c->arena, buf, n);
    return r ? r : rule;
}

static const char *rule_name(gctx *c, const trig *t, const group *src, const group *tgt,
                             int recip)
{
    /* called once an event: plain appends, no printf */
    char buf[160];
    size_t n = append(buf, 0, sizeof buf, t->noun ? "noun" : (t->ch.passive ? "passive" : "verb"));
    if (src->n && src->how) {
        n = append(buf, n, sizeof buf, "; source=");
        n = append(buf, n, sizeof buf, src->how);
    }
    if (tgt->n && tgt->how) {
        n = append(buf, n, sizeof buf, "; target=");
        n = append(buf, n, sizeof buf, tgt->how);
    }
    if (t->ch.frame) {
        n = append(buf, n, sizeof buf, "; ");
        n = append(buf, n, sizeof buf, dyad__frame_name(t->ch.frame));
    }
    if (recip)
        n = append(buf, n, sizeof buf, "; reciprocal");
    return dyad__arena_strndup(c->arena, buf, n);
}

/* The verb that governs the clause whose subject starts at token rs
 * ("the rebels claimed (that) they ...", "France fears Russia could ..."):
 * the verb right before the subject and its determiners, or before a
 * "that" there; -1 if there is none. */
static int32_t clause_governor(const gctx *c, uint32_t rs)
{
    while (rs > 0 && (tag(c, rs - 1) == DYAD_DT || tag(c, rs - 1) == DYAD_PRPS))
        rs--; /* "that its forces had" */
    int32_t v = (int32_t)rs - 1;
    if (v >= 0 && has(c, (uint32_t)v, G_THAT)) {
        v--;
        if (v > 0 && has(c, (uint32_t)v, G_AND)) {
            /* "alleged that France knew, and that its troops killed": a
             * that-clause coordinated with an earlier one has its verb */
            for (int32_t k = v - 1; k > 0 && v - k < 40; k--) {
                if (is_boundary_punct(c, (uint32_t)k))
                    break;
                if (has(c, (uint32_t)k, G_THAT))
                    return is_verb(c, (uint32_t)k - 1) ? k - 1 : -1;
            }
        }
    }
    return v >= 0 && is_verb(c, (uint32_t)v) ? v : -1;
}

/* "The rebels claimed (that) they had attacked the base": is the subject
 * starting at token rs the subject of a clause governed by a verb of
 * claiming, alleging or admitting? Its index, or -1. */
static int32_t claiming_verb(const gctx *c, uint32_t rs)
{
    static const char *const claims[] = {"claim", "allege", "admit", "acknowledge", "confess"};
    int32_t v = clause_governor(c, rs);
    if (v < 0 || tag(c, (uint32_t)v) == DYAD_VBG)
        return -1;
    return LEMMA_IN(c, (uint32_t)v, claims) ? v : -1;
}

/* "Iran denied (that) it had attacked the tanker", "Pakistan rejected
 * claims that it had sheltered the militants", "denied targeting
 * civilians": is the verb at token v denied, as a gerund right after
 * "deny", or in a clause (whose subject starts at token rs, -1: none)
 * governed by a verb of denying, or by one of rejecting before the report
 * or claim that it is? What is denied is not reported as done (the denial
 * is an event of its own). */
static int denied(const gctx *c, uint32_t v, int32_t rs_)
{
    if (tag(c, v) == DYAD_VBG && v > 0) {
        uint32_t g = v - 1;
        while (g > 0 && is_adv(c, g))
            g--;
        if (is_verb(c, g) && !strcmp(lemma_of(c, g), "deny"))
            return 1;
    }
    if (rs_ < 0)
        return 0;
    uint32_t rs = (uint32_t)rs_;
    static const char *const reports[] = {"claim",      "report",   "allegation", "accusation",
                                          "charge",     "suggestion", "assertion", "rumour",
                                          "rumor",      "speculation"};
    static const char *const rejects[] = {"deny", "reject", "dismiss", "refute", "rebuff", "rubbish"};
    while (rs > 0 && (tag(c, rs - 1) == DYAD_PRPS || dyad__pos_is_adj(tag(c, rs - 1))))
        rs--; /* "that its (own) troops had" */
    int32_t gv = clause_governor(c, rs);
    if (gv >= 0)
        return !strcmp(lemma_of(c, (uint32_t)gv), "deny");
    while (rs > 0 && tag(c, rs - 1) == DYAD_DT)
        rs--;
    if (rs < 3 || !has(c, rs - 1, G_THAT) || !is_noun(c, rs - 2))
        return 0;
    if (!LEMMA_IN(c, rs - 2, reports))
        return 0;
    int32_t j = (int32_t)rs - 3; /* "rejected (the) (media) claims that" */
    while (j >= 0 && (tag(c, (uint32_t)j) == DYAD_DT || dyad__pos_is_adj(tag(c, (uint32_t)j)) ||
                      is_noun(c, (uint32_t)j)) && rs - 3 - (uint32_t)j < 4)
        j--;
    return j >= 0 && is_verb(c, (uint32_t)j) && LEMMA_IN(c, (uint32_t)j, rejects);
}

/* "Rwanda hopes France will apologise", "France fears (that) Russia could
 * attack": is the clause whose subject starts at token rs, with a modal
 * before its verb at token v, governed by a verb of hoping, fearing or
 * expecting? What it says may happen has not. */
static int hoped_for(const gctx *c, uint32_t rs, uint32_t v)
{
    int modal = 0;
    for (uint32_t i = rs; i < v && !modal; i++)
        modal = tag(c, i) == DYAD_MD;
    if (!modal)
        return 0;
    int32_t g = clause_governor(c, rs);
    return g >= 0 && dyad__frame_of_hope(lemma_of(c, (uint32_t)g)) == DYAD_FRAME_HOPE;
}

/* "was arrested for collaborating with a terrorist group", "jailed him
 * for insulting the king": what someone is arrested, charged or punished
 * for is the charge, not an event (the gerund at token i after "for",
 * governed by such a verb across its object). */
static int charged_for(const gctx *c, uint32_t i)
{
    static const char *const legal[] = {
        "arrest", "detain", "jail", "imprison", "charge", "convict", "sentence", "indict",
        "prosecute", "try", "fine", "punish", "execute", "hang", "expel", "deport", "sanction",
        "book", "sue", "investigate", "probe", "suspend", "ban", "fire", "dismiss", "sack"};
    /* (not "militants responsible for gunning down six soldiers") */
    if (i < 2 || !word_is(c, i - 1, "for") || dyad__pos_is_adj(tag(c, i - 2)))
        return 0;
    uint32_t v = i - 2;
    /* back over the object and places and times ("arrested two men in
     * Lagos on Monday for") */
    while (v > 0 && v + 10 > i && !is_verb(c, v) &&
           (c->mid[v] >= 0 || is_noun(c, v) || tag(c, v) == DYAD_DT || tag(c, v) == DYAD_PRP ||
            tag(c, v) == DYAD_PRPS || tag(c, v) == DYAD_POS || tag(c, v) == DYAD_CD ||
            dyad__pos_is_adj(tag(c, v)) || is_adv(c, v) || temporal(c, v) ||
            (tag(c, v) == DYAD_IN && !word_is(c, v, "for"))))
        v--;
    return is_verb(c, v) && LEMMA_IN(c, v, legal);
}

/* "a summit on the unrest in Iran", "talks about the war": is the event
 * noun at token i the topic of talks (a word of talks, or a 04x pattern,
 * just before "on", "about", "over" and the noun's phrase)? The talks
 * are the sentence's event; what they are about is not reported as
 * happening. */
static int talks_topic(const gctx *c, const trig *tr, uint32_t nt, uint32_t i)
{
    static const char *const talks[] = {"summit",     "talk",        "meeting",  "conference",
                                        "discussion", "negotiation", "dialogue", "debate",
                                        "consultation", "forum"};
    int32_t j = (int32_t)i - 1;
    while (j >= 0 && (tag(c, (uint32_t)j) == DYAD_DT || dyad__pos_is_adj(tag(c, (uint32_t)j)) ||
                      tag(c, (uint32_t)j) == DYAD_CD || tag(c, (uint32_t)j) == DYAD_PRPS ||
                      tag(c, (uint32_t)j) == DYAD_POS || c->mid[j] >= 0 || is_noun(c, (uint32_t)j)))
        j--;
    if (j < 1 || tag(c, (uint32_t)j) != DYAD_IN ||
        !(word_is(c, (uint32_t)j, "on") || word_is(c, (uint32_t)j, "about") ||
          word_is(c, (uint32_t)j, "over")))
        return 0;
    uint32_t w = (uint32_t)j - 1; /* the word before the preposition */
    for (uint32_t g = 0; g < nt; g++) {
        uint32_t end = tr[g].pm.end > tr[g].i ? tr[g].pm.end : tr[g].i + 1;
        if (tr[g].i <= w && w < end && !tr[g].blocked && tr[g].pm.p->code[0] == '0' &&
            tr[g].pm.p->code[1] == '4')
            return 1; /* inside a pattern of talks: "attend a summit on" */
    }
    return LEMMA_IN(c, w, talks);
}

/* Is code that of an attack (18x, 19x)? */
static int attack_code(const char *code)
{
    return code[0] == '1' && (code[1] == '8' || code[1] == '9');
}

/* Is code an act of force, 14-20 (protest, posture, coercion, assault,
 * fighting, mass violence)? */
static int force_code(const char *code)
{
    return (code[0] == '1' && code[1] >= '4') || code[0] == '2';
}

/* "Suicide bombings in Surabaya killed 26 people", "an air strike on Idlib
 * killed 12": the subject of verb trigger t is an attack named by an event
 * noun (a trigger of its own, before t's chain, with nothing but its noun
 * phrase, places and times between). Returns that trigger's index, -1. */
static int32_t subject_attack(const gctx *c, const trig *tr, uint32_t nt, const trig *t)
{
    if (t->noun || t->ch.passive || t->ch.vstart == 0)
        return -1;
    int32_t found = -1;
    for (uint32_t j = t->ch.vstart; j-- > 0 && j + 16 > t->ch.vstart;) {
        int tg = tag(c, j);
        /* (a clause before it: a verb, "that", "after", "as" ...) */
        if (is_verb(c, j) || is_boundary_punct(c, j) || tg == DYAD_WDT || tg == DYAD_WP ||
            has(c, j, G_SUBORD | G_THAT))
            break;
        if (has(c, j, G_COMMA) &&
            !(j > 0 && c->mid[j - 1] >= 0 && is_place_mention(&c->gd->m[c->mid[j - 1]])))
            break; /* (but "in Surabaya, Indonesia's second-largest city,") */
        for (uint32_t k = 0; k < nt; k++)
            if (tr[k].i == j && tr[k].noun && !tr[k].blocked && attack_code(tr[k].pm.p->code) &&
                tr[k].pm.end <= t->ch.vstart)
                found = (int32_t)k;
    }
    return found;
}

/* "were killed in Israeli tank shelling", "wounded in a Taliban ambush": a
 * passive (trigger t) with no by-agent, done "in" an attack whose phrase
 * names who attacked. That actor goes in g; the attack, when it is an
 * event noun of its own, is the means of t's event and no event of its
 * own. */
static void find_means_agent(gctx *c, trig *tr, uint32_t nt, const trig *t, group *g)
{
    uint32_t j = t->i + 1;
    while (j < c->n && is_adv(c, j))
        j++;
    if (j + 2 < c->n && word_is(c, j, "in") && c->mid[j + 1] >= 0 &&
        is_place_mention(M(c, c->mid[j + 1])))
        j = mention_end(c, c->mid[j + 1]); /* "killed in Kharkiv in a Russian air strike" */
    if (j + 2 >= c->n || tag(c, j) != DYAD_IN || !word_is(c, j, "in"))
        return;
    uint32_t h = j + 1; /* the phrase's head: its last word */
    while (h + 1 < c->n && (tag(c, h + 1) == DYAD_NN || tag(c, h + 1) == DYAD_NNS ||
                            tag(c, h + 1) == DYAD_DT || dyad__pos_is_adj(tag(c, h + 1)) ||
                            c->mid[h + 1] >= 0))
        h++;
    while (h > j + 1 && c->mid[h] >= 0)
        h--; /* "in the shelling by Israel": not here */
    int32_t attack = -1; /* a noun trigger whose words end at the head ("air strike") */
    for (uint32_t k = 0; k < nt; k++)
        if (tr[k].noun && tr[k].i > j && tr[k].i <= h && (tr[k].i == h || tr[k].pm.end == h + 1) &&
            !tr[k].blocked && attack_code(tr[k].pm.p->code))
            attack = (int32_t)k;
    /* the head is the attack: a noun of its own, or the verb pattern's word */
    if (attack < 0 && !(attack_code(t->pm.p->code) && t->pm.end > h))
        return;
    /* ("in a hostage crisis": civilians are no attackers) */
    int32_t m = first_mention_in(c, j + 1, h);
    if (m < 0 || !M(c, m)->code[0] || (M(c, m)->flags & DYAD_MF_REF) ||
        !strncmp(M(c, m)->code + 3, "CVL", 3))
        return;
    coordinated(c, m, g);
    g->how = "the attack it was done in";
    if (attack >= 0)
        tr[attack].blocked = 1;
}

/* The rule of an accusation made of an alleged act: the event is the
 * alleging verb's, and stays when another alleged act makes it give way
 * ("alleged that X shelled the town and that its forces killed"). */
static const char RULE_ALLEGED[] =
    "verb; allegation of another's act; source=subject of the allegation; target=the alleged doer";

/* The events of the trigger at token i (of the sentence's events ev[0,n))
 * give way to another that says more: marked for removal, and the
 * trigger, if it comes later, blocked. */
static void give_way(const gctx *c, trig *tr, uint32_t nt, dyad_gevent *ev, uint32_t first,
                     uint32_t n, uint32_t i)
{
    /* (events [first, n): ev is NULL before the document's first event, and
     * NULL + 0 is undefined) */
    for (uint32_t g = first; g < n; g++)
        if (ev[g].verb_tok == c->base + i && ev[g].rule != RULE_ALLEGED)
            ev[g].rank = -1;
    for (uint32_t g = 0; g < nt; g++)
        if (tr[g].i == i)
            tr[g].blocked = 1;
}

/* A killing (code, of verb trigger t) whose subject is an attack noun
 * (subject_attack) takes the attack's code and a side it lacks from the
 * attack's event (among ev[first, n)), which gives way: "Suicide bombings
 * in Surabaya killed 26 people" is one suicide bombing (1831), "a car bomb
 * in Kiev killed a Chechen" takes Kiev. An attack before a known subject
 * ("after an air strike, rebels killed") is not the subject's. */
static void attack_as_subject(gctx *c, trig *tr, uint32_t nt, const trig *t, dyad_gevent *ev,
                              uint32_t first, uint32_t n, group *src, group *tgt, char code[6])
{
    const dyad_gdoc *gd = c->gd;
    if (strcmp(code, "190") != 0 && strcmp(code, "180") != 0 && strcmp(code, "182") != 0 &&
        strcmp(code, "18") != 0 && strcmp(code, "19") != 0)
        return;
    int32_t atk = subject_attack(c, tr, nt, t);
    /* ("gang violence targeted the military": a root says no more) */
    if (atk < 0 || strlen(tr[atk].pm.p->code) < 3 || !strcmp(tr[atk].pm.p->code, code))
        return;
    if (src->n && known(gd, src->m[0]) && M(c, src->m[0])->tok > c->base + tr[atk].i)
        return;
    if (c->trace)
        dyad__buf_printf(c->trace, "      the subject is the attack: %s -> %s\n", code,
                         tr[atk].pm.p->code);
    memcpy(code, tr[atk].pm.p->code, 6);
    code[5] = '\0';
    for (uint32_t g = first; g < n; g++) {
        if (ev[g].verb_tok != c->base + tr[atk].i)
            continue;
        if (!known(gd, src->n ? src->m[0] : -1) && known(gd, ev[g].src)) {
            src->n = 0;
            group_add(src, ev[g].src);
            src->how = "the attack's doer";
        }
        if (!known(gd, tgt->n ? tgt->m[0] : -1) && known(gd, ev[g].tgt)) {
            tgt->n = 0;
            group_add(tgt, ev[g].tgt);
            tgt->how = "the attack's target";
        }
        break;
    }
    give_way(c, tr, nt, ev, first, n, tr[atk].i);
}

/* Can codes a and b be one actor ("---COP" and "BRACOP": police, one
 * with its country known)? */
static int same_code(const char *a, const char *b)
{
    if (!strncmp(a, "---", 3) || !strncmp(b, "---", 3))
        return !strcmp(a + 3, b + 3);
    return !strcmp(a, b);
}

/* The accusation that someone did what code says: of aggression (1123)
 * for fighting or mass violence, else unspecified (112). */
static const char *accusation_code(const char *code)
{
    return (code[0] == '1' && code[1] == '9') || code[0] == '2' ? "1123" : "112";
}

/* Is mention x a crowd in the street (protesters, rioters, a mob)? */
static int crowd(gctx *c, const dyad_mention *x, int youths)
{
    /* (youths who clash with the police riot; "youth violence" and "youth
     * homicides" are crime, the last head here) */
    static const char *const heads[] = {"protester", "protestor", "demonstrator", "rioter",
                                        "marcher",   "mob",       "crowd",        "youth"};
    size_t nheads = sizeof heads / sizeof heads[0] - !youths;
    if (x->kind != DYAD_AK_AGENT || (x->flags & DYAD_MF_REF))
        return 0;
    const dyad_tok *h = &c->gd->tx->tok[x->head];
    const char *w = c->gd->text + h->off;
    size_t n = h->len;
    if (n > 1 && (w[n - 1] | 32) == 's')
        n--; /* the plural */
    for (size_t i = 0; i < nheads; i++)
        if (strlen(heads[i]) == n && !strncasecmp(w, heads[i], n))
            return 1;
    return 0;
}

/* "called for (tough) sanctions", "urged talks": the verb of asking whose
 * object is the noun phrase headed by token i, or -1. */
static int32_t asked_for(const gctx *c, uint32_t i)
{
    uint32_t s = i;
    while (s > 0 && c->mid[s - 1] < 0 &&
           (tag(c, s - 1) == DYAD_DT || dyad__pos_is_adj(tag(c, s - 1)) ||
            tag(c, s - 1) == DYAD_CD || is_noun(c, s - 1)))
        s--;
    int32_t v = (int32_t)s - 1;
    if (v >= 0 && tag(c, (uint32_t)v) == DYAD_IN && word_is(c, (uint32_t)v, "for"))
        v--;
    if (v < 0 || !is_verb(c, (uint32_t)v))
        return -1;
    /* (not "ordered patrols": an order to one's own forces is the act) */
    const char *l = lemma_of(c, (uint32_t)v);
    int fr = dyad__frame_of_appeal(l);
    return (fr == DYAD_FRAME_APPEAL || fr == DYAD_FRAME_DEMAND) && strcmp(l, "order") != 0 ? v
                                                                                            : -1;
}

/* What the words around an event make of its code, after its frame:
 * a place taken is territory (192); fighters killed are no mass killing
 * (190); a blow asked for against someone denounces them (111); a state's
 * bombing is aerial (195); a suicide attacker's act is 1831; peacekeepers
 * who arrive or are deployed keep the peace (074); a crowd that fights riots
 * (145: returns 1, and the crowd is then the only doer). */
static int refine_code(gctx *c, const trig *t, const group *src, const group *tgt,
                       int asked_hostile, char code[6])
{
    if ((!strcmp(code, "173") || !strcmp(code, "171")) && !t->noun && tgt->n &&
        is_place_mention(M(c, tgt->m[0])) && tgt->how &&
        (!strcmp(tgt->how, "pattern +") || !strcmp(tgt->how, "object")) &&
        (!strcmp(lemma_of(c, t->i), "capture") || !strcmp(lemma_of(c, t->i), "seize") ||
         !strcmp(lemma_of(c, t->i), "take") || !strcmp(lemma_of(c, t->i), "overrun"))) {
        /* "captured Kidal", "seized the capital": not a person arrested or
         * goods seized */
        if (c->trace)
            dyad__buf_printf(c->trace, "      a place taken: %s -> 192\n", code);
        memcpy(code, "192", 4);
    }
    if (code[0] == '2' && code[1] == '0' && code[2] != '4' && tgt->n) {
        /* "killed dozens of militants", "scores of soldiers": fighters
         * killed in battle are no mass killing of civilians */
        const char *tc = M(c, tgt->m[0])->code;
        if (strlen(tc) >= 6 && (strstr(tc + 3, "MIL") || strstr(tc + 3, "REB") ||
                                strstr(tc + 3, "INS") || strstr(tc + 3, "UAF"))) {
            if (c->trace)
                dyad__buf_printf(c->trace, "      armed men killed: %s -> 190\n", code);
            memcpy(code, "190", 4);
        }
    }
    /* Armed men fight where others act in words or down tools: who
     * attacks "for" or "over" something ("militiamen attacked a camp for
     * refugees"), wages a campaign ("the army launched a campaign against
     * Boko Haram") or strikes ("Taliban fighters struck before dawn")
     * attacks with arms (190); only workers go on strike */
    static const struct {
        const char *code; /* the code read (and its subcodes) */
        const char *word; /* the verb's lemma, or a word of the pattern (nouns too) */
        int verb;         /* word is the verb's lemma */
        const char *why;
    } armed_fight[] = {{"111", "attack", 1, "armed men attack"},
                       {"113", "campaign", 0, "an armed force's campaign"},
                       {"143", "strike", 1, "armed men strike"}};
    for (size_t k = 0; k < sizeof armed_fight / sizeof armed_fight[0]; k++)
        if (!strncmp(code, armed_fight[k].code, 3) && src->n &&
            (armed_fight[k].verb ? !t->noun && !strcmp(lemma_of(c, t->i), armed_fight[k].word)
                                 : strstr(t->pm.p->text, armed_fight[k].word) != NULL) &&
            armed_actor(M(c, src->m[0])->code)) {
            if (c->trace)
                dyad__buf_printf(c->trace, "      %s: %s -> 190\n", armed_fight[k].why, code);
            memcpy(code, "190", 4);
            break;
        }
    /* "protesters clashed with police", "rioters beat a policeman",
     * "protesters torched the building": a crowd's violence is a riot
     * (what says more stays: a lynching, 1823; an abduction, 181) */
    int riot = 0;
    int fight = !strcmp(code, "190") || !strcmp(code, "193");
    if (fight || !strcmp(code, "171") || !strcmp(code, "1712") || !strcmp(code, "180") ||
        !strcmp(code, "182"))
        for (uint32_t a = 0; a < src->n && !riot; a++)
            riot = crowd(c, M(c, src->m[a]), fight);
    if (asked_hostile) {
        if (c->trace)
            dyad__buf_printf(c->trace, "      asked for against someone: %s -> 111\n", code);
        memcpy(code, "111", 4);
    }
    if (!strcmp(code, "183") && src->n && state_force(M(c, src->m[0])->code)) {
        /* "NATO bombed Yugoslavia", "the air force bombed" */
        if (c->trace)
            dyad__buf_puts(c->trace, "      a state's armed force bombs: 183 -> 195\n");
        memcpy(code, "195", 4);
    }
    if (attack_code(code) && strcmp(code, "1831") != 0 &&
        src->n && suicide_attacker(c, src->m[0])) {
        /* "suicide bombers killed 19 people": the means makes the event */
        if (c->trace)
            dyad__buf_printf(c->trace, "      the doer is a suicide attacker: %s -> 1831\n", code);
        memcpy(code, "1831", 5);
    }
    if ((!strcmp(code, "042") || !strcmp(code, "154")) && src->n) {
        /* "peacekeepers arrived in Juba": what a peacekeeping force goes
         * somewhere for (a visit, 042, or a deployment, 154) is
         * peacekeeping */
        int pko = 1;
        for (uint32_t a = 0; a < src->n && pko; a++)
            pko = strlen(M(c, src->m[a])->code) > 3 && strstr(M(c, src->m[a])->code + 3, "PKO") != NULL;
        if (pko) {
            if (c->trace)
                dyad__buf_printf(c->trace, "      peacekeepers go: %s -> 074\n", code);
            memcpy(code, "074", 4);
        }
    }
    if (riot) {
        if (c->trace)
            dyad__buf_printf(c->trace, "      a crowd fights: %s -> 145\n", code);
        memcpy(code, "145", 4);
    }
    return riot;
}

/* Do groups a and b name the same actor (one mention, a pronoun and its
 * antecedent, or the same code)? */
static int same_actor(gctx *c, const group *a, const group *b)
{
    if (a->n != 1 || b->n != 1)
        return 0;
    const dyad_mention *x = M(c, a->m[0]), *y = M(c, b->m[0]);
    return a->m[0] == b->m[0] || x->ref == b->m[0] || y->ref == a->m[0] ||
           (x->code[0] && x->code[0] != '-' && !strcmp(x->code, y->code));
}

/* Acts that two sides do together when a compound subject does them:
 * cooperation, talks, agreements, ceasefires. */
static int joint_act(const char *code)
{
    return !strncmp(code, "03", 2) || !strncmp(code, "04", 2) || !strncmp(code, "05", 2) ||
           !strncmp(code, "06", 2) || !strncmp(code, "087", 3);
}

/* Does group g hold actors of two countries (or organisations)? */
static int two_countries(gctx *c, const group *g)
{
    for (uint32_t a = 1; a < g->n; a++) {
        const char *x = M(c, g->m[0])->code, *y = M(c, g->m[a])->code;
        if (x[0] && y[0] && x[0] != '-' && y[0] != '-' && strncmp(x, y, 3) != 0)
            return 1;
    }
    return 0;
}

/* Is g one noun phrase, not an actor, about a document, data or money
 * ("a report", "the figures", "funds")? (the tagger takes "a report
 * released Tuesday" for a report that released) */
static int document_np(const gctx *c, const group *g)
{
    if (g->n != 1)
        return 0;
    const dyad_mention *x = &c->gd->m[g->m[0]];
    return !x->code[0] && !(x->flags & DYAD_MF_REF) && x->head >= c->base &&
           x->head < c->base + c->n && has(c, x->head - c->base, G_DOCUMENT);
}

/* Codes of mediation (and calls and intent to mediate): those "between"
 * are mediated, not mediators. */
static int mediation(const char *code)
{
    return !strncmp(code, "045", 3) || !strncmp(code, "039", 3) || !strncmp(code, "028", 3);
}

/* Roles of a noun trigger: possessor, adjective, by/of phrases,
 * "between A and B", or the subject of a light verb. */
static void noun_roles(gctx *c, trig *t, group *src, group *tgt, int *recip)
{
    uint32_t i = t->i;
    uint32_t s = np_start(c, i);
    int conflict = strncmp(t->pm.p->code, "09", 2) > 0;
    if (t->pm.tgt.used == 1) {
        slot_group(c, &t->pm.tgt, tgt);
        tgt->how = "pattern +";
    }
    if (t->pm.src.used == 1) {
        slot_group(c, &t->pm.src, src);
        src->how = "pattern $";
        if (src->n) {
            /* "X faces pressure from Y", "X received aid from Y": what comes
             * from Y goes to the subject of the verb the noun is object of */
            uint32_t f = t->pm.src.tok;
            while (f > 0 && (tag(c, f - 1) == DYAD_DT || tag(c, f - 1) == DYAD_PDT))
                f--;
            if (!tgt->n && f > 0 && word_is(c, f - 1, "from") && s > 0) {
                int32_t v = (int32_t)s - 1;
                /* over participle modifiers ("faces mounting pressure") and adverbs */
                while (v > 0 && (tag(c, (uint32_t)v) == DYAD_VBG || tag(c, (uint32_t)v) == DYAD_VBN) &&
                       (dyad__pos_is_adj(tag(c, (uint32_t)v - 1)) || tag(c, (uint32_t)v - 1) == DYAD_DT ||
                        is_verb(c, (uint32_t)v - 1)))
                    v--;
                while (v >= 0 && (is_adv(c, (uint32_t)v) || tag(c, (uint32_t)v) == DYAD_DT ||
                                  dyad__pos_is_adj(tag(c, (uint32_t)v))))
                    v--;
                /* "came under pressure from" */
                if (v > 0 && tag(c, (uint32_t)v) == DYAD_IN && word_is(c, (uint32_t)v, "under"))
                    v--;
                if (v >= 0 && is_verb(c, (uint32_t)v) && !lhas(c, (uint32_t)v, G_SPEECH)) {
                    chain vc;
                    analyse_chain(c, (uint32_t)v, &vc);
                    if (!vc.passive && find_subject(c, vc.vstart, tgt) && tgt->n)
                        tgt->how = "subject of the verb (recipient)";
                }
            }
            return;
        }
    }
    /* a possessor or adjective inside the noun phrase: "Russia's attack",
     * "Russian strikes"; in a pattern written in the passive ("building ...
     * be demolish") the thing done to: "the Russian building was
     * demolished by" */
    int passive = strstr(t->pm.p->text, " be ") != NULL;
    for (uint32_t k = s; k < i; k++) {
        int32_t mk = mention_at(c, k);
        if (mk >= 0) {
            if (passive) {
                if (!tgt->n) {
                    coordinated(c, mk, tgt);
                    tgt->how = "possessor (passive)";
                }
                break;
            }
            coordinated(c, mk, src);
            src->how = "possessor";
            break;
        }
    }
    uint32_t e = t->pm.end > i + 1 ? t->pm.end : i + 1;
    if (passive && e < c->n && has(c, e, G_BY)) {
        group by = {{0}, 0, NULL};
        find_by_agent(c, e, &by);
        if (by.n) {
            *src = by;
            return;
        }
    }
    for (uint32_t k = i + 1; k < c->n && k < e + 8; k++) {
        if (clause_stop(c, k))
            break;
        if (has(c, k, G_BETWEEN)) {
            int32_t mk = first_mention_in(c, k + 1, k + 3 < c->n ? k + 3 : c->n - 1);
            if (mk >= 0 && mediation(t->pm.p->code)) {
                /* "mediation between A and B": A and B are mediated, not mediators */
                if (!tgt->n) {
                    coordinated(c, mk, tgt);
                    tgt->how = "between (mediated)";
                }
                continue;
            }
            if (mk >= 0) {
                group g = {{0}, 0, "between"};
                coordinated(c, mk, &g);
                if (g.n == 1) {
                    /* "between the two countries", "between both sides": the
                     * description's antecedents */
                    group r = {{0}, 0, "between"};
                    resolve(c, g.m[0], &r);
                    if (r.n >= 2)
                        g = r;
                }
                if (g.n >= 2) {
                    src->n = 0;
                    for (uint32_t x = 0; x < g.n; x++)
                        group_add(src, g.m[x]);
                    src->how = "between";
                    *recip = 1;
                    return;
                }
            }
        }
        if (has(c, k, G_BY) && !src->n && k <= e + 1) {
            int32_t mk = first_mention_in(c, k + 1, k + 3 < c->n ? k + 3 : c->n - 1);
            if (mk >= 0) {
                coordinated(c, mk, src);
                src->how = "by-phrase";
            }
        }
        if (has(c, k, G_OF) && k == i + 1) {
            int32_t mk = first_mention_in(c, k + 1, k + 3 < c->n ? k + 3 : c->n - 1);
            if (mk >= 0) {
                if (conflict && !tgt->n) {
                    coordinated(c, mk, tgt);
                    tgt->how = "of-phrase";
                } else if (!conflict && !src->n) {
                    coordinated(c, mk, src);
                    src->how = "of-phrase";
                }
            }
        }
    }
    if (!tgt->n && !t->pm.tgt.used) {
        /* "attack on X", "talks with X" */
        for (uint32_t k = e; k < c->n && k < e + 4; k++) {
            if (clause_stop(c, k))
                break;
            if ((tag(c, k) == DYAD_IN || tag(c, k) == DYAD_TO) &&
                has(c, k, G_TPREP)) {
                int32_t mk = first_mention_in(c, k + 1, k + 3 < c->n ? k + 3 : c->n - 1);
                if (mk >= 0) {
                    coordinated(c, mk, tgt);
                    tgt->how = "complement";
                }
                break;
            }
        }
    }
    if (!src->n && s > 0) {
        /* the subject of the light verb whose object this is: "held talks",
         * "provided 25,000 tons of food aid", "in protest against" */
        int32_t v = (int32_t)s - 1;
        for (int hops = 0; hops < 2 && v > 0 && has(c, (uint32_t)v, G_OF); hops++) {
            /* over a measure: "tons of", "part of a", "millions of dollars in" */
            int32_t q = v - 1;
            while (q >= 0 && (is_noun(c, (uint32_t)q) || skippable(c, (uint32_t)q)) &&
                   c->mid[q] < 0)
                q--;
            if (q == v - 1)
                break;
            v = q;
        }
        while (v >= 0 && (is_adv(c, (uint32_t)v) || tag(c, (uint32_t)v) == DYAD_RP))
            v--;
        if (v >= 0 && has(c, (uint32_t)v, G_DURING | G_ON) && !strncmp(t->pm.p->code, "04", 2)) {
            /* "met X during a visit to Y", "on a tour of Y": the visitor is
             * the doer of the clause (not so for "during a protest": police
             * beat a protester during a protest) */
            if (clause_subject_before(c, (uint32_t)v, src))
                src->how = "subject of the clause";
            return;
        }
        if (v >= 0 && tag(c, (uint32_t)v) == DYAD_IN && !has(c, (uint32_t)v, G_OF)) {
            /* "in protest", "in retaliation": the doer of the clause */
            int32_t f = v - 1;
            while (f >= 0 && !is_finite(c, (uint32_t)f) && !is_boundary_punct(c, (uint32_t)f) &&
                   f > v - 20)
                f--;
            if (f >= 0 && is_finite(c, (uint32_t)f) && t->i == (uint32_t)v + 1 &&
                c->tok[v].len == 2 && (c->text[c->tok[v].off] | 32) == 'i') {
                chain fc;
                analyse_chain(c, (uint32_t)f, &fc);
                if (!fc.passive && find_subject(c, fc.vstart, src) && src->n)
                    src->how = "subject of the clause";
            }
            return;
        }
        if (v >= 0 && is_verb(c, (uint32_t)v) && lhas(c, (uint32_t)v, G_LIGHT)) {
            chain vc;
            analyse_chain(c, (uint32_t)v, &vc);
            if (find_subject(c, vc.vstart, src) && src->n)
                src->how = "subject of light verb";
            if (vc.frame && !t->ch.frame)
                t->ch.frame = vc.frame;
            if (vc.neg)
                t->ch.neg = 1;
            if (vc.gov >= 0 && !vc.purpose)
                t->ch.gov = vc.gov; /* "promised to continue military aid": promise gives way */
        }
    }
}

int dyad__grammar_code(dyad_gdoc *gd, uint32_t si, uint32_t m0, dyad_arena *arena,
                       dyad_gevent **ev, uint32_t *nev, uint32_t *cap)
{
    const dyad_sent *s = &gd->tx->sent[si];
    if (!s->ntok)
        return 0;
    gctx c = {0};
    c.gd = gd;
    c.lex = dyad__kb_lex(gd->kb);
    c.tok = gd->tx->tok + s->tok;
    c.base = s->tok;
    c.n = s->ntok;
    c.text = gd->text;
    c.m0 = m0;
    c.m1 = gd->nm;
    c.si = si;
    c.arena = arena;
    c.trace = gd->trace;
    c.gw = gd->gw;
    /* the per-token arrays in one allocation (the widest types first, so
     * each stays aligned): cls, lcls, tr, mid, cand, used, skip */
    char *blk = dyad__arena_alloc(arena, (size_t)c.n * (2 * sizeof(uint64_t) + sizeof(trig) +
                                                         sizeof(int32_t) + sizeof(uint32_t) + 2));
    if (!blk)
        return -1;
    c.cls = (uint64_t *)blk;
    c.lcls = c.cls + c.n;
    trig *tr = (trig *)(c.lcls + c.n);
    c.mid = (int32_t *)(tr + c.n);
    c.cand = (uint32_t *)(c.mid + c.n);
    c.used = (uint8_t *)(c.cand + c.n);
    c.skip = c.used + c.n;
    memset(c.used, 0, 2 * (size_t)c.n);
    word_classes(&c);
    memset(c.mid, 0xff, c.n * sizeof *c.mid); /* -1: no mention */
    for (uint32_t k = m0; k < gd->nm; k++) {
        const dyad_mention *x = &gd->m[k];
        for (uint32_t t = 0; t < x->ntok; t++)
            if (x->tok + t >= c.base && x->tok + t < c.base + c.n)
                c.mid[x->tok + t - c.base] = (int32_t)k;
    }

    /* 1. triggers */
    uint32_t nt = 0;
    for (uint32_t ci = 0; ci < c.ncand; ci++) {
        /* most words anchor no pattern, as form or as lemma: word_classes
         * listed those that do */
        uint32_t i = c.cand[ci];
        if (c.used[i])
            continue;
        const dyad_tok *t = &c.tok[i];
        int tg = t->tag;
        int kind = 0, noun = 0;
        if (dyad__pos_is_verb(tg)) {
            kind = DYAD_PK_VERB;
            int after_det = i > 0 && (tag(&c, i - 1) == DYAD_DT || tag(&c, i - 1) == DYAD_PRPS ||
                                      tag(&c, i - 1) == DYAD_POS ||
                                      dyad__pos_is_adj(tag(&c, i - 1)));
            /* "the detained vessels", "freed the two exiled dissidents": a
             * participle before a noun is an adjective (after a number
             * only where no subject can stand: "while the other two
             * hurled grenades", "on April 29 attacked") */
            int after_count = 0;
            if (i > 1 && tag(&c, i - 1) == DYAD_CD) {
                uint32_t s0 = i - 1;
                while (s0 > 0 && (tag(&c, s0 - 1) == DYAD_DT || dyad__pos_is_adj(tag(&c, s0 - 1))))
                    s0--;
                after_count = s0 > 0 && !has(&c, s0 - 1, G_SUBORD) &&
                              (is_verb(&c, s0 - 1) || tag(&c, s0 - 1) == DYAD_IN ||
                               tag(&c, s0 - 1) == DYAD_TO);
            }
            /* "reject proposed changes", "will not accept returned
             * migrants": after a verb of its own, before a
             * common noun phrase ("jihadists/VBZ used mustard gas" and
             * "police/VBP captured Lorenzana" are the tagger's nouns) */
            int after_verb = i > 0 &&
                             (tag(&c, i - 1) == DYAD_VBP || tag(&c, i - 1) == DYAD_VBD ||
                              (tag(&c, i - 1) == DYAD_VB && i > 1 &&
                               (tag(&c, i - 2) == DYAD_MD || tag(&c, i - 2) == DYAD_TO ||
                                has(&c, i - 2, G_NEG)))) &&
                             !is_aux_lemma(lemma_of(&c, i - 1)) && i + 1 < c.n &&
                             (tag(&c, i + 1) == DYAD_JJ || tag(&c, i + 1) == DYAD_NN ||
                              tag(&c, i + 1) == DYAD_NNS);
            if (tg == DYAD_VBN && (after_det || after_count || after_verb) && i + 1 < c.n &&
                (is_noun(&c, i + 1) || dyad__pos_is_adj(tag(&c, i + 1))))
                continue;
            noun = tg == DYAD_VBG && after_det;
            if (tg == DYAD_VBG && charged_for(&c, i))
                continue;
        } else if (tg == DYAD_NN || tg == DYAD_NNS) {
            kind = DYAD_PK_NOUN;
            noun = 1;
        } else if (tg == DYAD_RB && i + 1 < c.n && is_verb(&c, i + 1)) {
            /* an adverb that starts a verb pattern: "sexually assaulted" */
            kind = DYAD_PK_VERB;
        } else if ((tg == DYAD_JJ) && i + 1 < c.n && is_noun(&c, i + 1)) {
            /* a modifier that starts a compound event noun: "military cooperation",
             * "martial law", "human shields" */
            kind = DYAD_PK_NOUN;
            noun = 1;
        } else {
            continue;
        }
        int in_agent = 0;
        if (c.mid[i] >= 0 && gd->m[c.mid[i]].kind != DYAD_AK_NONE) {
            /* part of an actor's name; a role noun may still start a longer
             * event pattern ("suicide bomber(s) ... kill") */
            if (gd->m[c.mid[i]].kind != DYAD_AK_AGENT || !noun)
                continue;
            in_agent = 1;
        }
        uint32_t lemma = t->lemma ? t->lemma : t->form;
        if (!lemma)
            continue;
        /* no pattern has this anchor: nothing more to look at */
        if (!(dyad__gwords_cls(c.gw, lemma) & (kind == DYAD_PK_VERB ? G_VERBPAT : G_NOUNPAT)) &&
            !(kind == DYAD_PK_VERB && noun && (dyad__gwords_cls(c.gw, t->form) & G_NOUNPAT)))
            continue;
        chain ch;
        memset(&ch, 0, sizeof ch);
        ch.gov = ch.addr0 = ch.addr1 = -1;
        if (!noun)
            analyse_chain(&c, i, &ch);
        pmatch pm;
        if (!best_pattern(&c, kind, lemma, i, ch.passive, &pm)) {
            /* a noun the tagger took for a verb, or the reverse */
            if (kind == DYAD_PK_VERB && tg == DYAD_VBG && noun) {
                if (!best_pattern(&c, DYAD_PK_NOUN, t->form, i, 0, &pm))
                    continue;
            } else {
                continue;
            }
        }
        if (in_agent && pm.end <= mention_end(&c, c.mid[i]))
            continue; /* the pattern does not reach past the actor's name */
        if (!pm.tgt.used && !pm.src.used) {
            /* a pattern word that is an actor ("open fire on protesters"): the target */
            for (uint32_t k = i + 1; k < pm.end && k < c.n; k++) {
                int32_t mk = c.mid[k];
                if (mk >= 0 && !in_agent && gd->m[mk].code[0] && !(gd->m[mk].flags & DYAD_MF_REF)) {
                    pm.tgt.m = mk;
                    pm.tgt.tok = gd->m[mk].tok - c.base;
                    pm.tgt.ntok = gd->m[mk].ntok;
                    pm.tgt.used = 1;
                    break;
                }
            }
        }
        if (in_agent && !pm.src.used) {
            /* "a mob lynched", "suicide bombers killed": the role noun is the doer */
            pm.src.m = c.mid[i];
            pm.src.tok = gd->m[c.mid[i]].tok - c.base;
            pm.src.ntok = gd->m[c.mid[i]].ntok;
            pm.src.used = 1;
        }
        trig *x = &tr[nt++];
        memset(x, 0, sizeof *x);
        x->i = i;
        x->noun = noun;
        x->pm = pm;
        x->ch = ch;
        x->blocked = !strcmp(pm.p->code, "---");
        /* the words of a matched pattern are not triggers of their own
         * ("air strike" is not also a "strike") */
        for (uint32_t k = i + 1; k < pm.end && k < c.n; k++)
            if (!(pm.tgt.used && k >= pm.tgt.tok && k < pm.tgt.tok + pm.tgt.ntok) &&
                !(pm.src.used && k >= pm.src.tok && k < pm.src.tok + pm.src.ntok) &&
                !coordinated_verb(&c, k))
                c.used[k] = 1;
        if (!noun)
            c.used[i] = 1;
    }

    /* Does the sentence name a date ("on Tuesday", "last week")? */
    uint32_t dpos[32], ndpos = 0;
    int dated = 0;
    for (uint32_t i = 0; i < c.n && (c.allcls & G_DATEWORD); i++)
        if (has(&c, i, G_DATEWORD)) {
            dated = 1;
            if (ndpos < 32)
                dpos[ndpos] = i;
            ndpos++;
        }

    /* Does the sentence speak of a disaster or an accident? A natural cause
     * ("floods", "an earthquake"), or a blast or explosion where industry is
     * named ("a boiler exploded", "explosions tore through an industrial
     * area"). Most sentences have no such word at all. */
    int disaster = 0, blast = 0, industry = 0;
    for (uint32_t i = 0; i < c.n && !disaster && (c.allcls & (G_NATURAL | G_BLAST)); i++) {
        if (c.mid[i] >= 0)
            continue;
        if ((is_noun(&c, i) || is_verb(&c, i)) && (has(&c, i, G_NATURAL) || lhas(&c, i, G_NATURAL)) &&
            !has(&c, i, G_VEHICLE) && !lhas(&c, i, G_VEHICLE))
            disaster = 1; /* "floods", "an earthquake", "a building collapsed", "the bus overturned" */
        if (has(&c, i, G_BLAST) || lhas(&c, i, G_BLAST))
            blast = 1;
        if (has(&c, i, G_INDUSTRIAL))
            industry = 1;
    }
    if (blast && industry)
        disaster = 1;

    /* 2-5. roles and events, per trigger */
    uint32_t first_ev = *nev;
    for (uint32_t k = 0; k < nt; k++) {
        trig *t = &tr[k];
        if (c.trace) {
            const dyad_tok *tt = &c.tok[t->i];
            dyad__buf_printf(c.trace, "    %s \"%.*s\" matches %s:%u  %s %s : %s\n",
                             t->noun ? "noun" : "verb", (int)tt->len, c.text + tt->off,
                             t->pm.p->file, (unsigned)t->pm.p->line,
                             t->pm.p->kind == DYAD_PK_VERB ? "verb" : "noun", t->pm.p->code,
                             t->pm.p->text);
        }
        if (t->blocked) {
            if (c.trace)
                dyad__buf_puts(c.trace, "      blocked (a negative pattern, or the part of an event coded already): no event\n");
            continue;
        }
        if (!t->noun && t->i == 0 && (tag(&c, 0) == DYAD_VBN || tag(&c, 0) == DYAD_VBD) &&
            c.n > 2 && (c.mid[1] >= 0 || is_noun(&c, 1) || dyad__pos_is_adj(tag(&c, 1)))) {
            /* "Deposed President Morales agreed ...", "Banned cluster
             * munitions were dropped": a participle before a noun at the
             * start of a sentence is an adjective */
            if (c.trace)
                dyad__buf_puts(c.trace, "      a participle before a noun: no event of its own\n");
            continue;
        }
        if (tag(&c, t->i) == DYAD_VBG && t->i + 1 < c.n && c.mid[t->i + 1] >= 0 &&
            t->i > 0 && (tag(&c, t->i - 1) == DYAD_DT || tag(&c, t->i - 1) == DYAD_IN) &&
            !strcmp(lemma_of(&c, t->i), "visit")) {
            /* "a lawsuit against visiting Chinese Premier Li": a guest, no visit */
            if (c.trace)
                dyad__buf_puts(c.trace, "      'visiting' before a name: no event of its own\n");
            continue;
        }
        if (t->noun && c.used[t->i]) {
            if (c.trace)
                dyad__buf_puts(c.trace, "      part of a verb pattern matched before: no event of its own\n");
            continue;
        }
        group src = {{0}, 0, NULL}, tgt = {{0}, 0, NULL}, speaker = {{0}, 0, NULL};
        int recip = 0;
        int32_t subj_tok = -1; /* first token of the verb's own subject */
        int asked_hostile = 0; /* a blow against someone asked for: 111 */
        if (t->noun && talks_topic(&c, tr, nt, t->i)) {
            if (c.trace)
                dyad__buf_puts(c.trace, "      the topic of talks: no event of its own\n");
            continue;
        }
        if (t->noun) {
            t->ch.frame = DYAD_FRAME_NONE;
            t->ch.neg = 0;
            t->ch.passive = 0;
            noun_roles(&c, t, &src, &tgt, &recip);
            /* "called for sanctions against Belarus", "urged talks with the
             * rebels": the event is asked for, not done; asking for a blow
             * against someone denounces them (111), asking for anything
             * else is an appeal (02x), by the asker; the bare "called for"
             * gives way */
            int32_t gv = asked_for(&c, t->i);
            if (gv >= 0) {
                asked_hostile = (t->pm.p->code[0] == '1' && t->pm.p->code[1] >= '1' &&
                                 t->pm.p->code[1] != '2') ||
                                t->pm.p->code[0] == '2';
                t->ch.frame = asked_hostile ? DYAD_FRAME_NONE : DYAD_FRAME_APPEAL;
                t->ch.gov = gv;
                if (!src.n) {
                    chain gc;
                    analyse_chain(&c, (uint32_t)gv, &gc);
                    find_subject(&c, gc.vstart, &src);
                    if (src.n)
                        src.how = "subject of the request";
                }
            }
        } else {
            int has_subject = find_subject(&c, t->ch.vstart, &src);
            if (has_subject && src.n)
                subj_tok = (int32_t)(M(&c, src.m[0])->tok - c.base);
            /* "demanded that Israel withdraw": the governor before "that" */
            if (has_subject && src.n && t->ch.frame == DYAD_FRAME_NONE) {
                uint32_t rs = M(&c, src.m[0])->tok - c.base;
                while (rs > 0 && (tag(&c, rs - 1) == DYAD_DT))
                    rs--;
                if (rs >= 2 && has(&c, rs - 1, G_THAT) && is_verb(&c, rs - 2)) {
                    int fr = dyad__frame_of_appeal(lemma_of(&c, rs - 2));
                    if (fr == DYAD_FRAME_DEMAND || fr == DYAD_FRAME_APPEAL) {
                        t->ch.frame = fr;
                        t->ch.gov = (int32_t)(rs - 2);
                        tgt = src;
                        tgt.how = "addressee";
                        memset(&src, 0, sizeof src);
                        chain gc;
                        analyse_chain(&c, rs - 2, &gc);
                        find_subject(&c, gc.vstart, &src);
                    }
                }
            }
            if (t->ch.addr0 >= 0 && !tgt.n) {
                int32_t ak = first_mention_in(&c, (uint32_t)t->ch.addr0, (uint32_t)t->ch.addr1);
                if (ak >= 0) {
                    coordinated(&c, ak, &tgt);
                    tgt.how = "addressee";
                }
            }
            if (t->ch.passive) {
                group by = {{0}, 0, NULL};
                find_by_agent(&c, t->pm.end, &by);
                if (!by.n && by.how != by_natural)
                    find_means_agent(&c, tr, nt, t, &by);
                if (!tgt.n) {
                    tgt = src;
                    if (tgt.n)
                        tgt.how = "passive subject";
                }
                src = by;
            }
            if (t->pm.src.used) {
                group g = {{0}, 0, "pattern $"};
                slot_group(&c, &t->pm.src, &g);
                if (!t->pm.tgt.used && !tgt.n) {
                    tgt = src;
                    tgt.how = "subject (pattern $)";
                }
                src = g;
            }
            if (t->pm.tgt.used == 1) {
                if (t->ch.addr0 < 0 || !tgt.n) {
                    tgt.n = 0;
                    slot_group(&c, &t->pm.tgt, &tgt);
                    tgt.how = "pattern +";
                }
            } else if (!tgt.n && !t->ch.passive &&
                       !(lhas(&c, t->i, G_SPEECH) && !lhas(&c, t->i, G_TELL))) {
                /* (what follows "said" is what was said, not whom it was said to) */
                int joint = src.n >= 2 && joint_act(t->pm.p->code);
                find_object_p(&c, t->pm.end > t->i + 1 ? t->pm.end : t->i + 1, &tgt, !joint);
            }
            /* "X said Y must ensure security" with no pattern for "ensure":
             * the statement is itself the demand (should: the appeal) */
            if (lhas(&c, t->i, G_SPEECH) && !strcmp(t->pm.p->code, "010") && !tgt.n) {
                uint32_t j = t->pm.end;
                if (j < c.n && has(&c, j, G_THAT))
                    j++;
                for (uint32_t q = j; q < c.n && q < j + 10; q++) {
                    if (has(&c, q, G_MUST | G_SHOULD) && tag(&c, q) == DYAD_MD) {
                        group g = {{0}, 0, NULL};
                        int32_t mk = first_mention_in(&c, j, q - 1);
                        if (mk >= 0) {
                            coordinated(&c, mk, &g);
                        } else {
                            int32_t pk = np_mention(&c, j, q - 1);
                            if (pk >= 0)
                                group_add(&g, pk);
                        }
                        if (g.n) {
                            tgt = g;
                            tgt.how = "addressee (must/should)";
                            t->ch.frame = has(&c, q, G_MUST) ? DYAD_FRAME_DEMAND : DYAD_FRAME_APPEAL;
                        }
                        break;
                    }
                    if (is_finite(&c, q) || is_boundary_punct(&c, q))
                        break;
                }
            }
            /* "demanded on Friday that the United States match ...",
             * "requested that the OAS send a mission": the demand or
             * appeal is made of the that-clause's subject */
            if (!tgt.n && t->pm.end < c.n && (!strncmp(t->pm.p->code, "10", 2) ||
                                              !strncmp(t->pm.p->code, "02", 2))) {
                uint32_t j = t->pm.end;
                while (j < c.n && j < t->pm.end + 4 && (temporal(&c, j) || is_adv(&c, j) ||
                                                        (tag(&c, j) == DYAD_IN && !has(&c, j, G_THAT))))
                    j++;
                if (j < c.n && has(&c, j, G_THAT)) {
                    uint32_t q = j + 1;
                    while (q < c.n && q < j + 10 && !is_verb(&c, q) && !is_boundary_punct(&c, q))
                        q++;
                    int32_t mk = q < c.n && is_verb(&c, q) && q > j + 1 ? first_mention_in(&c, j + 1, q - 1) : -1;
                    /* (not "insisted that he had been involved": a
                     * pronoun there is mostly the speaker) */
                    if (mk >= 0 && !(M(&c, mk)->flags & DYAD_MF_REF)) {
                        coordinated(&c, mk, &tgt);
                        tgt.how = "addressee (that-clause)";
                    }
                }
            }
            /* "X said Y must withdraw": X demands of Y */
            if (t->ch.must && src.n &&
                (t->ch.frame == DYAD_FRAME_NONE || t->ch.frame == DYAD_FRAME_INTENT)) {
                uint32_t rs = M(&c, src.m[0])->tok - c.base;
                int32_t v = (int32_t)rs - 1;
                /* "said on Friday that the Sudanese government ..." */
                while (v >= 0 && v >= (int32_t)rs - 6 &&
                       (tag(&c, (uint32_t)v) == DYAD_DT || has(&c, (uint32_t)v, G_THAT) ||
                        temporal(&c, (uint32_t)v) || tag(&c, (uint32_t)v) == DYAD_IN ||
                        is_adv(&c, (uint32_t)v)))
                    v--;
                if (v >= 0 && is_verb(&c, (uint32_t)v) &&
                    lhas(&c, (uint32_t)v, G_SPEECH)) {
                    chain sc;
                    analyse_chain(&c, (uint32_t)v, &sc);
                    group sp = {{0}, 0, NULL};
                    if (find_subject(&c, sc.vstart, &sp) && sp.n) {
                        t->ch.frame = t->ch.must;
                        tgt = src;
                        tgt.how = "addressee (must/should)";
                        src = sp;
                        src.how = "speaker";
                        t->ch.gov = v;
                    }
                }
            }
            if (!tgt.n && t->pm.end > 0 && t->pm.end < c.n && has(&c, t->pm.end - 1, G_TO) &&
                is_verb(&c, t->pm.end)) {
                /* "threatened to deliver blows to the United States": the
                 * target of what is threatened, offered or promised */
                uint32_t v = t->pm.end + 1;
                while (v < c.n && tag(&c, v) == DYAD_RP)
                    v++;
                find_object(&c, v, &tgt);
            }
            /* (not "..., saying that ...": that the doer spoke is no event) */
            if (!src.n && !has_subject && !(lhas(&c, t->i, G_SPEECH) && !strcmp(t->pm.p->code, "010")))
                has_subject = prev_clause_subject(&c, t->ch.vstart, &src);
            if (!src.n && !has_subject && (tag(&c, t->i) == DYAD_VBG || tag(&c, t->i) == DYAD_VBN ||
                                           t->ch.vstart == 0 ||
                                           has(&c, t->ch.vstart - 1, G_SUBORD)))
                main_subject_after(&c, t->i, &src);
        }
        /* "When meeting with Zhang, Putin said ...": a gerund after a
         * subordinator is done by the main clause's subject */
        if (!src.n && t->noun && t->i > 0 && has(&c, t->i - 1, G_SUBORD) && c.tok[t->i].len > 4 &&
            !memcmp(c.text + c.tok[t->i].off + c.tok[t->i].len - 3, "ing", 3))
            main_subject_after(&c, t->i, &src);
        /* inside a quotation: the speaker */
        if (c.tok[t->i].shape & DYAD_TS_QUOTED) {
            quote_speaker(&c, t->i, &speaker);
            int only_refs = src.n > 0;
            for (uint32_t x = 0; x < src.n; x++)
                if (!(M(&c, src.m[x])->flags & DYAD_MF_REF))
                    only_refs = 0;
            if (!src.n && speaker.n && !t->noun) {
                /* (not an event noun's: "'We will never accept
                 * sanctions,' the minister said" imposes none) */
                src = speaker;
            } else if (only_refs && speaker.n) {
                /* "we" and "our" are resolved to the speaker below */
            }
        }
        resolve_group(&c, &src, &speaker);
        if (src.n && src.how && !strcmp(src.how, "subject") && object_pronoun(&c, &tgt)) {
            /* "hoodlums attacked them": an object pronoun is not its own
             * clause's subject (that would be "themselves"), nor another
             * mention of the same actor */
            c.not_ante = M(&c, src.m[0])->code;
        }
        resolve_group(&c, &tgt, &speaker);
        c.not_ante = NULL;
        /* a group can not be its own target ("the government insists it ...") */
        for (uint32_t a = 0; a < tgt.n; a++)
            for (uint32_t b = 0; b < src.n; b++) {
                const dyad_mention *ta = M(&c, tgt.m[a]), *sb = M(&c, src.m[b]);
                if (tgt.m[a] == src.m[b] || (ta->ref >= 0 && ta->ref == src.m[b]) ||
                    (sb->ref >= 0 && sb->ref == tgt.m[a]) ||
                    (ta->ref >= 0 && ta->ref == sb->ref)) {
                    tgt.m[a] = tgt.m[--tgt.n];
                    a--;
                    break;
                }
            }
        /* "It is important to ...": "it" is no one; the speaker may be */
        if (src.n == 1 && (M(&c, src.m[0])->flags & DYAD_MF_REF) && t->ch.gov >= 0 &&
            dyad__pos_is_adj(tag(&c, (uint32_t)t->ch.gov)) && has(&c, (uint32_t)t->ch.gov, G_EXPLETIVE) &&
            c.tok[M(&c, src.m[0])->tok - c.base].len == 2 &&
            (c.text[c.tok[M(&c, src.m[0])->tok - c.base].off] | 32) == 'i') {
            src.n = 0;
            if (speaker.n)
                src = speaker;
        }
        int tgt_known = 0, tgt_in_src = tgt.n > 0;
        for (uint32_t a = 0; a < tgt.n; a++) {
            tgt_known |= M(&c, tgt.m[a])->code[0] != '\0';
            int in = 0;
            for (uint32_t b = 0; b < src.n && !in; b++)
                in = !strcmp(M(&c, tgt.m[a])->code, M(&c, src.m[b])->code);
            tgt_in_src &= in;
        }
        /* "Russia and China agreed": both directions, for events that two
         * sides do together (cooperation, talks, clashes); words that name
         * no actor ("committed to the principle"), or only one of the sides
         * ("renewed negotiations on an Israeli pullback"), do not stand in
         * the way */
        if ((!tgt_known || tgt_in_src) && src.n >= 2 && !t->ch.passive &&
            (joint_act(t->pm.p->code) || !strncmp(t->pm.p->code, "19", 2) ||
             (!strcmp(t->pm.p->code, "150") && two_countries(&c, &src)))) {
            recip = 1;
            tgt.n = 0;
        }
        /* "the students disappeared": with no one after it, who disappears
         * is the one disappeared, not the doer; armed men who disappear
         * ("into the forest") have fled, which is no event */
        if (!t->noun && !tgt_known && src.n && !strchr(t->pm.p->text, '$') &&
            !strcmp(lemma_of(&c, t->i), "disappear")) {
            if (armed_actor(M(&c, src.m[0])->code)) {
                if (c.trace)
                    dyad__buf_puts(c.trace, "      armed men who disappear have fled: no event\n");
                continue;
            }
            tgt = src;
            tgt.how = "subject (who disappeared)";
            src.n = 0;
        }
        /* "this will deepen the partnership between the two countries": with
         * no actor as the subject, the two sides "between" act together */
        if (!recip && tgt.n >= 2 && strstr(t->pm.p->text, "between +") &&
            !mediation(t->pm.p->code)) {
            int src_known = 0;
            for (uint32_t a = 0; a < src.n; a++)
                src_known |= M(&c, src.m[a])->code[0] != '\0';
            if (!src_known) {
                src = tgt;
                src.how = "between";
                tgt.n = 0;
                recip = 1;
            }
        }

        /* "a report released on Tuesday", "released the data": no people released */
        if (!strncmp(t->pm.p->code, "0841", 4) &&
            (document_np(&c, &tgt) || document_np(&c, &src))) {
            if (c.trace)
                dyad__buf_puts(c.trace, "      what was released is no person: no event\n");
            continue;
        }
        int unknown_doer = !src.n || !M(&c, src.m[0])->code[0];
        if ((disaster || gd->disaster) && unknown_doer) {
            /* In a text about a disaster, an event with no known doer is part of
             * the disaster ("several people were injured", "a rescue effort") */
            if (c.trace)
                dyad__buf_puts(c.trace, "      a disaster or an accident, and no known doer: no event\n");
            continue;
        }
        int violent = !strncmp(t->pm.p->code, "18", 2) || !strncmp(t->pm.p->code, "19", 2) ||
                      !strncmp(t->pm.p->code, "20", 2) || !strncmp(t->pm.p->code, "171", 3);
        if (unknown_doer && violent && (disaster || gd->disaster)) {
            if (c.trace)
                dyad__buf_puts(c.trace, "      no doer, and the text speaks of a disaster or an accident: no event\n");
            continue;
        }
        if ((src.n && natural_cause(&c, src.m[0])) || (!src.n && src.how == by_natural) ||
            (t->noun && ((has(&c, t->i, G_NATURAL) && !has(&c, t->i, G_VEHICLE)) ||
                         ((has(&c, t->i, G_BLAST) || has(&c, t->i, G_BLAST)) &&
                          t->i > 0 && has(&c, t->i - 1, G_INDUSTRIAL))))) {
            if (c.trace)
                dyad__buf_puts(c.trace, "      the doer is a natural or accidental cause: no event\n");
            continue;
        }
        int frame = t->ch.frame;
        /* "agree to a ceasefire", "pledge to release": a pattern that starts
         * with a verb of intent and "to" expresses the intent, not the act */
        if (!frame && !t->noun && t->pm.p->nelem >= 2 && t->pm.p->elem[1].type == DYAD_PE_WORD &&
            t->i + 1 < c.n && has(&c, t->i + 1, G_TO) &&
            dyad__frame_of_verb(lemma_of(&c, t->i)) == DYAD_FRAME_INTENT &&
            strncmp(t->pm.p->code, "03", 2) != 0)
            frame = DYAD_FRAME_INTENT;
        if (!t->noun && subj_tok >= 0 && hoped_for(&c, (uint32_t)subj_tok, t->i))
            frame = DYAD_FRAME_HOPE;
        if (!t->noun && denied(&c, t->i, subj_tok)) {
            if (c.trace)
                dyad__buf_puts(c.trace, "      denied: no event\n");
            continue;
        }
        if (t->ch.maybe && !frame)
            frame = DYAD_FRAME_MAYBE; /* "Venezuela may expel the ambassador" */
        if (t->ch.neg) {
            /* "will not release": a refusal; "did not attack": nothing */
            frame = t->ch.future && frame == DYAD_FRAME_INTENT ? DYAD_FRAME_REFUSE : DYAD_FRAME_NEG;
        }
        char code[6];
        if (!dyad__frame_code(frame, t->pm.p->code, code)) {
            if (c.trace)
                dyad__buf_printf(c.trace, "      %s: no event\n",
                                 t->ch.neg ? "negated" : dyad__frame_name(frame));
            continue;
        }
        int riot = refine_code(&c, t, &src, &tgt, asked_hostile, code);
        attack_as_subject(&c, tr, nt, t, *ev, first_ev, *nev, &src, &tgt, code);
        if (recip && !strcmp(code, "150")) {
            /* "the armies of Brazil and Argentina performed war games":
             * exercises two states hold together are military
             * cooperation */
            if (c.trace)
                dyad__buf_puts(c.trace, "      exercises of two states together: 150 -> 062\n");
            memcpy(code, "062", 4);
        }
        /* "Boko Haram claimed it had raided the base": the claim of
         * responsibility is what the sentence reports (015, from the
         * claimant to the target), the attack itself after it */
        group claimant = {{0}, 0, NULL};
        int32_t claim_v = -1;
        int alleged = 0; /* "the US claimed that ISIL had attacked": an accusation */
        if (subj_tok >= 0 && !t->ch.passive && src.n <= 1 &&
            force_code(code) && (claim_v = claiming_verb(&c, (uint32_t)subj_tok)) >= 0) {
            chain cc;
            analyse_chain(&c, (uint32_t)claim_v, &cc);
            /* "the fighters claimed that they had bombed": a pronoun
             * as the claimed act's subject is the claimant */
            int pronoun = c.mid[subj_tok] >= 0 && (M(&c, c.mid[subj_tok])->flags & DYAD_MF_REF);
            int own = subj_tok > 0 && tag(&c, (uint32_t)subj_tok - 1) == DYAD_PRPS;
            if (!cc.neg && find_subject(&c, cc.vstart, &claimant) && claimant.n) {
                resolve_group(&c, &claimant, &speaker);
                /* "Russia claimed that its forces had": the claimant's own */
                own = own && src.n && !strncmp(M(&c, src.m[0])->code, M(&c, claimant.m[0])->code, 3) &&
                      M(&c, claimant.m[0])->code[0] && M(&c, claimant.m[0])->code[0] != '-';
                if (pronoun && claimant.n == 1) {
                    src = claimant;
                    src.how = "subject of the claim";
                } else if (!own && !same_actor(&c, &src, &claimant)) {
                    /* a known actor's claim or allegation that another
                     * known actor did harm accuses them ("unknown men
                     * abducted" accuses no one; what "sources claimed" is
                     * the news); what is admitted or acknowledged is a
                     * fact */
                    const char *cl = lemma_of(&c, (uint32_t)claim_v);
                    const char *doer = src.n ? M(&c, src.m[0])->code : "";
                    const char *accuser = M(&c, claimant.m[0])->code;
                    alleged = (!strcmp(cl, "claim") || !strcmp(cl, "allege")) && doer[0] &&
                              accuser[0] && !same_code(doer, accuser);
                    if (!alleged)
                        claimant.n = 0;
                }
            } else {
                claimant.n = 0;
            }
        }
        if (c.trace) {
            if (alleged)
                dyad__buf_printf(c.trace, "      alleged by another: an accusation (%s) instead\n",
                                 accusation_code(code));
            else if (claimant.n)
                dyad__buf_puts(c.trace, "      the doer claims or admits it: 015 first\n");
            trace_group(&c, "source", &src);
            trace_group(&c, "target", &tgt);
            if (frame)
                dyad__buf_printf(c.trace, "      frame: %s -> %s\n", dyad__frame_name(frame), code);
        }
        /* the governor's own event gives way to the one it governs */
        if (t->ch.gov >= 0 && !t->ch.purpose)
            give_way(&c, tr, nt, *ev, first_ev, *nev, (uint32_t)t->ch.gov);
        const char *what = NULL;
        int32_t date = dated ? dyad__when(c.tok, c.n, c.text, t->i, gd->date, t->ch.future, &what,
                                           ndpos <= 32 ? dpos : NULL, ndpos)
                           : 0;
        if (date > gd->date)
            date = 0; /* "will be held next year": what is reported happens now */
        const char *rule = rule_name(&c, t, &src, &tgt, recip);
        dyad_gevent e;
        memset(&e, 0, sizeof e);
        e.pat = t->pm.p;
        memcpy(e.code, code, sizeof e.code);
        e.verb_tok = c.base + t->i;
        e.verb_ntok = 1;
        if (!t->noun && t->pm.end > t->i + 1) {
            /* the pattern's words, without a trailing slot */
            uint32_t end = t->pm.end;
            if (t->pm.tgt.used && t->pm.tgt.tok + t->pm.tgt.ntok == end)
                end = t->pm.tgt.tok;
            while (end > t->i + 1 && tag(&c, end - 1) == DYAD_DT)
                end--; /* "stormed the": the slot's article is no verb word */
            if (end > t->i && end - t->i <= 8)
                e.verb_ntok = end - t->i;
        }
        e.rule = rule;
        e.noun = (uint8_t)t->noun;
        for (uint32_t w = t->i + 1; t->noun && w < t->pm.end && w < c.n; w++)
            if (tag(&c, w) == DYAD_VBN || tag(&c, w) == DYAD_VBD) {
                e.noun = 2; /* a clause: "the pistols were discovered" */
                break;
            }
        int happens = t->noun && occurs_after(&c, t->pm.end);
        if (happens)
            e.noun = 2;
        e.date = date;
        e.sent = si;
        int known = 0;
        for (uint32_t a = 0; a < src.n; a++)
            known |= M(&c, src.m[a])->code[0] != '\0';
        for (uint32_t a = 0; a < tgt.n; a++)
            known |= M(&c, tgt.m[a])->code[0] != '\0';
        e.rank = (int16_t)(t->i + (t->noun && !happens ? 150 : 0) + (!strcmp(code, "010") ? 400 : 0) +
                           (!known ? 100 : 0));
        /* "army units, backed by allied jets, shelled ...": a
         * participle that describes the subject ranks after the main verb */
        if (!t->noun && tag(&c, t->i) == DYAD_VBN && t->i > 0 && t->i + 1 < c.n &&
            has(&c, t->i + 1, G_BY) &&
            (c.mid[t->i - 1] >= 0 || is_noun(&c, t->i - 1) || has(&c, t->i - 1, G_COMMA)))
            e.rank = (int16_t)(e.rank + 150);
        /* "engineers arrived in Haiti to help deliver food": the journey is the
         * means, what it is for is the event */
        if (t->ch.purpose && t->ch.gov >= 0 && strncmp(code, "01", 2) != 0)
            for (uint32_t g = first_ev; g < *nev; g++)
                if ((*ev)[g].verb_tok == c.base + (uint32_t)t->ch.gov &&
                    (!strncmp((*ev)[g].code, "042", 3) || !strncmp((*ev)[g].code, "043", 3)) &&
                    (*ev)[g].rank >= 0 && (*ev)[g].rank <= e.rank)
                    e.rank = (int16_t)((*ev)[g].rank - 1);
        if (alleged) {
            /* the accused is the alleged doer; the verb's own event ("alleged":
             * 112 with no one accused) gives way */
            give_way(&c, tr, nt, *ev, first_ev, *nev, (uint32_t)claim_v);
            dyad_gevent ae = e;
            const char *acc = accusation_code(code);
            memcpy(ae.code, acc, strlen(acc) + 1);
            ae.verb_tok = c.base + (uint32_t)claim_v;
            ae.verb_ntok = 1;
            ae.rule = RULE_ALLEGED;
            ae.src = claimant.m[0];
            for (uint32_t b = 0; b < (src.n ? src.n : 1); b++) {
                ae.tgt = src.n ? src.m[b] : -1;
                if (emit(&c, ev, nev, cap, &ae) != 0)
                    return -1;
            }
            continue;
        }
        if (claimant.n) {
            dyad_gevent ce = e;
            memcpy(ce.code, "015", 4);
            ce.verb_tok = c.base + (uint32_t)claim_v;
            ce.verb_ntok = 1;
            ce.rule = "verb; claim of responsibility; source=subject of the claim; target=that of the act claimed";
            ce.rank = (int16_t)(e.rank - 1);
            ce.src = claimant.m[0];
            for (uint32_t b = 0; b < (tgt.n ? tgt.n : 1); b++) {
                ce.tgt = tgt.n ? tgt.m[b] : -1;
                if (emit(&c, ev, nev, cap, &ce) != 0)
                    return -1;
            }
        }
        if (recip) {
            uint32_t pairs = 0;
            for (uint32_t a = 0; a < src.n; a++)
                for (uint32_t b = 0; b < src.n; b++) {
                    if (a == b || (riot && !crowd(&c, M(&c, src.m[a]), 1)))
                        continue;
                    const dyad_mention *sa = M(&c, src.m[a]), *sb = M(&c, src.m[b]);
                    if (((sa->flags | sb->flags) & DYAD_MF_REF) && !strcmp(sa->code, sb->code))
                        continue; /* "the two leaders ... we": one actor twice */
                    e.src = src.m[a];
                    e.tgt = src.m[b];
                    if (emit(&c, ev, nev, cap, &e) != 0)
                        return -1;
                    pairs++;
                }
            if (!pairs && !riot) {
                /* "Kuwait and its allies" with the allies Kuwait again: the
                 * act, with no other side */
                e.src = src.m[0];
                e.tgt = -1;
                if (emit(&c, ev, nev, cap, &e) != 0)
                    return -1;
            }
            continue;
        }
        for (uint32_t a = 0; a < (src.n ? src.n : 1); a++)
            for (uint32_t b = 0; b < (tgt.n ? tgt.n : 1); b++) {
                e.src = src.n ? src.m[a] : -1;
                e.tgt = tgt.n ? tgt.m[b] : -1;
                if (emit(&c, ev, nev, cap, &e) != 0)
                    return -1;
            }
    }

    /* "Al-Shabaab claimed responsibility for the attack on ...": the event
     * noun right after the claim is the claimant's */
    for (uint32_t g = first_ev; g < *nev; g++) {
        dyad_gevent *x = &(*ev)[g];
        if (!x->noun || x->rank < 0 || known(gd, x->src))
            continue;
        for (uint32_t h = first_ev; h < *nev; h++) {
            const dyad_gevent *y = &(*ev)[h];
            uint32_t e = y->verb_tok + y->verb_ntok;
            if (h != g && y->rank >= 0 && !strcmp(y->code, "015") && known(gd, y->src) &&
                x->verb_tok >= e && x->verb_tok <= e + 4 && y->pat &&
                strstr(y->pat->text, "responsibility")) {
                x->src = y->src;
                x->rule = with_source(&c, x->rule, "who claimed responsibility for it");
                break;
            }
        }
    }

    /* "al-Shabaab attacked overnight ..., killing five soldiers": two halves
     * of one act of force (14-20), the same code with only the source known
     * in one and only the target in the other, are one event */
    for (uint32_t g = first_ev; g < *nev; g++) {
        dyad_gevent *x = &(*ev)[g];
        if (x->rank < 0 || !known(gd, x->src) || known(gd, x->tgt) || !force_code(x->code))
            continue; /* acts of force only: statements are many and each its own */
        int merged = 0;
        for (uint32_t h = first_ev; h < *nev; h++) {
            dyad_gevent *y = &(*ev)[h];
            if (h == g || y->rank < 0 || strcmp(x->code, y->code) != 0 || !known(gd, y->tgt) ||
                known(gd, y->src) ||
                !strcmp(gd->m[x->src].code, gd->m[y->tgt].code))
                continue;
            /* the half with the target (each, when several: "targeting the
             * government and security forces") takes the source */
            y->src = x->src;
            y->rule = with_source(&c, y->rule, "the doer of the same act in the sentence");
            if (x->rank < y->rank)
                y->rank = x->rank;
            merged = 1;
        }
        if (merged)
            x->rank = -1;
    }

    /* Drop governed-away events, plain statements when the sentence says
     * more, and events without a known actor when others have one. */
    int specific = 0, with_actor = 0;
    for (uint32_t g = first_ev; g < *nev; g++) {
        const dyad_gevent *x = &(*ev)[g];
        if (x->rank >= 0 && !faceless_statement(gd, x) &&
            (known(gd, x->src) || known(gd, x->tgt)))
            with_actor = 1;
    }
    for (uint32_t g = first_ev; g < *nev; g++) {
        const dyad_gevent *x = &(*ev)[g];
        /* only events that stay make a plain "said" redundant */
        if (x->rank >= 0 && strncmp(x->code, "01", 2) != 0 &&
            !(with_actor && x->noun && !known(gd, x->src) && !known(gd, x->tgt)))
            specific = 1;
    }
    uint32_t w = first_ev;
    for (uint32_t g = first_ev; g < *nev; g++) {
        dyad_gevent *x = &(*ev)[g];
        if (x->rank < 0)
            continue;
        if (specific && !strcmp(x->code, "010"))
            continue;
        if (faceless_statement(gd, x))
            continue; /* "officials said": a statement with no one behind it and no one addressed */
        if (with_actor && x->noun == 1 && !known(gd, x->src) && !known(gd, x->tgt))
            continue; /* an event noun with no known actor beside events with one */
        if (subsumed(gd, x, *ev + first_ev, *nev - first_ev))
            continue; /* "met Assad to discuss": the talks are the meeting's */
        /* the same event twice from one sentence */
        int dup = 0;
        for (uint32_t h = first_ev; h < w; h++) {
            dyad_gevent *y = &(*ev)[h];
            if (!strcmp(y->code, x->code) && y->src == x->src && y->tgt == x->tgt) {
                dup = 1;
                break;
            }
        }
        if (!dup)
            (*ev)[w++] = *x;
    }
    *nev = w;
    if (disaster)
        gd->disaster = 1;
    return 0;
}
