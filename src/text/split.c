/*
 * split.c -- the sentence splitter, over the tokens of one segment.
 *
 * A sentence ends after . ! ? (with the closing quotes and brackets that
 * follow) unless the next token starts with a lower-case letter ("Why?" he
 * asked). A token that kept its period (abbreviation, initial) ends a
 * sentence only when the next token clearly starts one: a capitalised
 * closed-class word (The, He, In), or a capitalised common word followed by
 * a lower-case word ("in the U.S. Officials said"); never after a title
 * (Mr. Gen.), nor one that would leave a sentence of fewer than three
 * tokens ("The U.S. Has ..." in wire copy with odd capitals). An ellipsis
 * ends a sentence before a capitalised common word. In text that lost its
 * periods, a capitalised pronoun, preposition or conjunction between a
 * word and a lower-case word, eight tokens or more into a sentence, starts
 * a new one.
 * No sentence crosses the segment, and none grows past DYAD_SENT_MAXTOK
 * tokens (cut at the next comma or colon, or hard). Sets DYAD_TS_START and
 * clears DYAD_TS_ABBREV on an abbreviation that turned out to end a
 * sentence. Never looks at the lexicon: the tokenizer's hints suffice.
 */
#include <string.h>

#include "text_int.h"

static int starts_lower(const dyad_tok *t, const char *text)
{
    unsigned char c = (unsigned char)text[t->off];
    if (c >= 'a' && c <= 'z')
        return 1;
    /* non-ASCII lower-case letter: a word token without CAP or digits */
    return c >= 0x80 && !(t->shape & (DYAD_TS_CAP | DYAD_TS_DIGIT | DYAD_TS_PUNCT)) && !t->tag;
}

static int is_closer(const dyad_tok *t) { return t->tag == DYAD_RQUOTE || t->tag == DYAD_RRB; }

/* Does tok[j] clearly start a sentence after an abbreviation? */
static int clear_start(const dyad_tok *tok, uint32_t n, uint32_t j, const char *text, int initial)
{
    const dyad_tok *t = &tok[j];
    if (t->tag == DYAD_LQUOTE && j + 1 < n)
        t = &tok[++j]; /* the U.S. "We ... */
    if (!(t->shape & DYAD_TS_CAP) || (t->shape & DYAD_TS_ALLCAP && t->len > 1))
        return 0;
    if (t->hint & DYAD_TH_FUNCTION)
        return 1;
    if (initial)
        return 0;
    if ((t->hint & DYAD_TH_STARTER) && j + 1 < n) {
        const dyad_tok *u = &tok[j + 1];
        return starts_lower(u, text) || u->tag == DYAD_PCOMMA;
    }
    return 0;
}

/* Text that lost its periods (some wire digests): a capitalised pronoun,
 * preposition or conjunction right after a word, inside a long sentence,
 * starts a new one ("... reports New Indian Express In a two minute ..."). */
static int unpunctuated_start(const dyad_tok *tok, uint32_t n, uint32_t j, uint32_t start,
                               const char *text)
{
    static const char *const W[] = {"He", "She", "They", "It", "We", "In", "On", "At", "But",
                                    "However", "After", "When", "While", "This", "These", "There",
                                    "Meanwhile", NULL};
    const dyad_tok *t = &tok[j], *p = &tok[j - 1];
    if (j < start + 8 || !(t->hint & DYAD_TH_FUNCTION) || !(t->shape & DYAD_TS_CAP) ||
        (t->shape & DYAD_TS_ALLCAP) || p->tag || (p->shape & (DYAD_TS_PUNCT | DYAD_TS_ABBREV)))
        return 0;
    /* and a lower-case word follows ("In a two minute ..."; not the title
     * "Songs In The Key Of Life") */
    if (j + 1 >= n || !starts_lower(&tok[j + 1], text))
        return 0;
    for (int k = 0; W[k]; k++)
        if (strlen(W[k]) == t->len && memcmp(W[k], text + t->off, t->len) == 0)
            return 1;
    return 0;
}

static int push(dyad_sentbuf *b, const dyad_tok *tok, uint32_t s, uint32_t e, uint32_t base)
{
    if (b->n == b->cap) {
        uint32_t nc = b->cap ? b->cap * 2 : 64;
        dyad_sent *ns = DYAD_ARENA_NEW(b->arena, dyad_sent, nc);
        if (!ns)
            return -1;
        if (b->n)
            memcpy(ns, b->s, (size_t)b->n * sizeof *ns);
        b->s = ns;
        b->cap = nc;
    }
    dyad_sent *x = &b->s[b->n++];
    x->tok = base + s;
    x->ntok = e - s + 1;
    x->off = tok[s].off;
    x->len = tok[e].off + tok[e].len - tok[s].off;
    return 0;
}

int dyad__split_into(dyad_tok *tok, uint32_t n, uint32_t base, const char *text, dyad_sentbuf *b)
{
    uint32_t start = 0;
    for (uint32_t i = 0; i < n; i++) {
        dyad_tok *t = &tok[i];
        uint32_t end = UINT32_MAX; /* last token of the sentence, when it ends here */
        if (t->tag == DYAD_PEND) {
            uint32_t j = i + 1;
            while (j < n && is_closer(&tok[j]))
                j++;
            if (j >= n || !starts_lower(&tok[j], text))
                end = j - 1;
        } else if (t->shape & DYAD_TS_ABBREV) {
            /* "The U.S." alone is no sentence: at least three tokens */
            if (i + 1 < n && i >= start + 2 && !(t->hint & DYAD_TH_TITLE) &&
                clear_start(tok, n, i + 1, text, t->len == 2)) {
                end = i;
                t->shape &= (uint8_t)~DYAD_TS_ABBREV;
            }
        } else if ((t->hint & DYAD_TH_ELLIPSIS) && i + 1 < n) {
            const dyad_tok *u = &tok[i + 1];
            if ((u->shape & DYAD_TS_CAP) && (u->hint & (DYAD_TH_FUNCTION | DYAD_TH_STARTER)))
                end = i;
        }
        if (end == UINT32_MAX && i + 1 < n && unpunctuated_start(tok, n, i + 1, start, text))
            end = i;
        if (end == UINT32_MAX && i - start + 1 >= DYAD_SENT_MAXTOK) {
            /* too long: cut at a comma or colon, or here when far too long */
            if (t->tag == DYAD_PCOMMA || t->tag == DYAD_PCOLON || i - start + 1 >= DYAD_SENT_MAXTOK + 100)
                end = i;
        }
        if (end == UINT32_MAX && i + 1 == n)
            end = i;
        if (end != UINT32_MAX) {
            tok[start].shape |= DYAD_TS_START;
            if (push(b, tok, start, end, base) != 0)
                return -1;
            start = end + 1;
            i = end;
        }
    }
    return 0;
}

uint32_t dyad__split(const dyad_tok *tok, uint32_t ntok, const char *text, dyad_arena *arena,
                     dyad_sent **out)
{
    /* The public form works on a copy: it must not change the caller's
     * tokens' flags (dyad__text_analyse uses the in-place form). */
    dyad_tok *copy = ntok ? DYAD_ARENA_NEW(arena, dyad_tok, ntok) : NULL;
    dyad_sentbuf b = {NULL, 0, 0, arena};
    *out = NULL;
    if (ntok && !copy)
        return 0;
    if (ntok)
        memcpy(copy, tok, (size_t)ntok * sizeof *tok);
    if (dyad__split_into(copy, ntok, 0, text, &b) != 0)
        return 0;
    *out = b.s;
    return b.n;
}
