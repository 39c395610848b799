/*
 * chunk.c -- shallow phrase chunks from tags, one left-to-right pass with a
 * little lookahead. The rules (docs/lexicon.md, "Chunks"):
 *
 *   NP   determiners, predeterminers, possessive pronouns, numbers, $,
 *        adjectives, nouns, and the possessive 's or ' (which joins the
 *        owner to what it owns: [Russia 's foreign minister]); a participle
 *        between a determiner/adjective and a noun ([the ruling party]); an
 *        adverb before an adjective inside it ([a very large army]). A
 *        personal pronoun, EX or WP is an NP of its own. A determiner or
 *        possessive pronoun after a noun starts a new NP.
 *   VP   modals, verbs, TO before a verb, and adverbs and particles between
 *        or after them while the verb group goes on ([has not yet decided],
 *        [blew up]); n't is inside.
 *   PP   the preposition alone (IN, or TO not before a verb); its object is
 *        the NP that follows, as a chunk of its own. A subordinating
 *        conjunction (that, whether, because: DYAD_TH_SUBORD) is O.
 *   ADJP adjectives (with a leading adverb) that do not precede a noun
 *        ([was very angry]).
 *   ADVP adverbs outside the above.
 *   O    punctuation, conjunctions, interjections, symbols.
 * Every chunk's first token carries DYAD_CH_B. Chunks never cross the
 * sentence start (DYAD_TS_START).
 */
#include "text_int.h"

static int np_core(int t)
{
    switch (t) {
    case DYAD_DT: case DYAD_PDT: case DYAD_PRPS: case DYAD_WPS: case DYAD_CD: case DYAD_DOLLAR:
    case DYAD_JJ: case DYAD_JJR: case DYAD_JJS: case DYAD_NN: case DYAD_NNS: case DYAD_NNP:
    case DYAD_NNPS: case DYAD_POS: case DYAD_FW:
        return 1;
    default:
        return 0;
    }
}

static int nominal(int t) { return dyad__pos_is_noun(t) || t == DYAD_CD; }
static int is_adv(int t) { return t == DYAD_RB || t == DYAD_RBR || t == DYAD_RBS; }

/* Does an adjective at i lead into a noun (so it belongs to an NP)? */
static int adj_before_noun(const dyad_tok *tok, uint32_t n, uint32_t i)
{
    for (uint32_t j = i + 1; j < n && j < i + 6; j++) {
        int t = tok[j].tag;
        if (nominal(t))
            return 1;
        if (dyad__pos_is_adj(t) || is_adv(t) || t == DYAD_VBN || t == DYAD_VBG)
            continue;
        /* a list of adjectives: "large, heavy trucks", "old and new" */
        if ((t == DYAD_CC || t == DYAD_PCOMMA) && j + 1 < n && dyad__pos_is_adj(tok[j + 1].tag))
            continue;
        return 0;
    }
    return 0;
}

void dyad__chunk(dyad_tok *tok, uint32_t n)
{
    int prev = DYAD_CH_O;   /* chunk type of the previous token */
    int prevtag = 0;
    for (uint32_t i = 0; i < n; i++) {
        dyad_tok *t = &tok[i];
        int tag = t->tag, ch = DYAD_CH_O, begin = 1;
        int next = i + 1 < n ? tok[i + 1].tag : 0;
        if (t->shape & DYAD_TS_START) {
            prev = DYAD_CH_O;
            prevtag = 0;
        }
        if (np_core(tag)) {
            if (dyad__pos_is_adj(tag) && !adj_before_noun(tok, n, i) && prev != DYAD_CH_NP) {
                ch = DYAD_CH_ADJP;
                begin = prev != DYAD_CH_ADJP || dyad__pos_is_adj(prevtag);
                if (prev == DYAD_CH_ADJP && is_adv(prevtag))
                    begin = 0;
            } else {
                ch = DYAD_CH_NP;
                begin = prev != DYAD_CH_NP;
                if (!begin) {
                    /* a determiner after noun material starts anew */
                    if ((tag == DYAD_DT || tag == DYAD_PRPS || tag == DYAD_WPS) && prevtag != DYAD_PDT &&
                        prevtag != DYAD_POS && prevtag != DYAD_DT)
                        begin = 1;
                    else if (tag == DYAD_CD && dyad__pos_is_noun(prevtag) && prevtag != DYAD_NNP)
                        begin = 1;
                    else if (tag == DYAD_DOLLAR && prevtag != DYAD_DT && prevtag != DYAD_CD)
                        begin = 1;
                }
            }
        } else if (tag == DYAD_PRP || tag == DYAD_EX || tag == DYAD_WP) {
            ch = DYAD_CH_NP;
        } else if ((tag == DYAD_VBN || tag == DYAD_VBG) && prev == DYAD_CH_NP &&
                   (prevtag == DYAD_DT || dyad__pos_is_adj(prevtag) || prevtag == DYAD_PRPS ||
                    prevtag == DYAD_CD || prevtag == DYAD_POS) &&
                   (nominal(next) || dyad__pos_is_adj(next))) {
            ch = DYAD_CH_NP; /* the ruling party, the wounded soldiers */
            begin = 0;
        } else if (dyad__pos_is_verb(tag) || tag == DYAD_MD) {
            ch = DYAD_CH_VP;
            begin = prev != DYAD_CH_VP;
        } else if (tag == DYAD_TO) {
            if (next == DYAD_VB || (is_adv(next) && i + 2 < n && tok[i + 2].tag == DYAD_VB)) {
                ch = DYAD_CH_VP;
                begin = prev != DYAD_CH_VP;
            } else {
                ch = DYAD_CH_PP;
            }
        } else if (tag == DYAD_IN) {
            ch = (t->hint & DYAD_TH_SUBORD) ? DYAD_CH_O : DYAD_CH_PP; /* that, because: clauses */
        } else if (tag == DYAD_RP) {
            ch = prev == DYAD_CH_VP ? DYAD_CH_VP : DYAD_CH_ADVP;
            begin = ch != DYAD_CH_VP;
        } else if (is_adv(tag) || tag == DYAD_WRB) {
            if (prev == DYAD_CH_VP && (dyad__pos_is_verb(next) || next == DYAD_MD || is_adv(next) ||
                                       next == DYAD_RP || (next == DYAD_TO && tag != DYAD_WRB))) {
                ch = DYAD_CH_VP; /* has not yet decided */
                begin = 0;
            } else if (prev != DYAD_CH_VP && (dyad__pos_is_verb(next) || next == DYAD_MD) && tag != DYAD_WRB) {
                ch = DYAD_CH_VP; /* also said: starts the verb group */
            } else if (dyad__pos_is_adj(next) || (is_adv(next) && i + 2 < n && dyad__pos_is_adj(tok[i + 2].tag))) {
                if (adj_before_noun(tok, n, i + 1) || (prev == DYAD_CH_NP && prevtag == DYAD_DT)) {
                    ch = DYAD_CH_NP; /* a very large army */
                    begin = prev != DYAD_CH_NP || prevtag != DYAD_DT;
                    if (prev == DYAD_CH_NP && (prevtag == DYAD_DT || prevtag == DYAD_PRPS))
                        begin = 0;
                } else {
                    ch = DYAD_CH_ADJP; /* very angry */
                }
            } else {
                ch = DYAD_CH_ADVP;
                begin = !(prev == DYAD_CH_ADVP && is_adv(prevtag));
            }
        } else if (tag == DYAD_WDT) {
            ch = DYAD_CH_NP;
        }
        t->chunk = (uint8_t)(ch == DYAD_CH_O ? DYAD_CH_O : ch | (begin ? DYAD_CH_B : 0));
        prev = ch;
        prevtag = tag;
    }
}
