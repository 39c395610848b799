/*
 * actors.c -- finding the actors of a sentence (see actors.h).
 *
 * Three passes over one sentence:
 *   1. dictionary matches, longest first, left to right (kb trie), plus
 *      pronouns and plural descriptions ("both sides") as references;
 *   2. composition: a country word (country, adjective, capital, city) with
 *      an agent noun next to it, before ("Chinese troops", "China's army")
 *      or after it ("police in Kenya", "minister of defence of Iran"); titles
 *      before a person ("Russian President Vladimir Putin") fold into the
 *      person; an agent or title before an unknown proper name takes the
 *      name into its span ("Deputy Secretary Marta Lindqvist");
 *   3. agents left without a country take the country of a place named in
 *      the same sentence, when there is exactly one.
 * Then (dyad__actors_acronyms, per document) an acronym in parentheses
 * after a name stands for that name from there on.
 * Codes are resolved on the article's date. References are resolved later,
 * by the grammar, which sees the whole document.
 */
#include "actors.h"

#include <string.h>
#include <strings.h>

/* Pronouns and descriptions that refer back to actors. */
typedef struct ref_word {
    const char *w;   /* folded form */
    uint8_t flags;   /* DYAD_MF_PLURAL when it refers to several actors */
    uint8_t person;  /* 1: refers to a person (he, she) */
} ref_word;

static const ref_word ref_words[] = {
    {"he", 0, 1},   {"she", 0, 1},  {"him", 0, 1},  {"her", 0, 1},  {"his", 0, 1},
    {"it", 0, 0},   {"its", 0, 0},  {"they", DYAD_MF_PLURAL, 0},  {"them", DYAD_MF_PLURAL, 0},
    {"their", DYAD_MF_PLURAL, 0},   {"we", DYAD_MF_PLURAL, 2},    {"our", DYAD_MF_PLURAL, 2},
    {"i", 0, 2},
};

/* "both sides", "the two countries": determiner + noun. */
static const char *const plural_dets[] = {"both", "two"};
static const char *const plural_nouns[] = {"sides", "countries", "nations", "leaders",
                                           "governments", "states", "parties", "neighbours",
                                           "neighbors", "presidents", "capitals"};

/* Token t is the word w, ASCII letters in any case. Walks w as it goes (no
 * strlen): most tokens differ at the first byte. Inline: with w a literal,
 * the compiler compares with constants. */
static inline int tok_is(const dyad_tok *t, const char *text, const char *w)
{
    const char *s = text + t->off;
    for (uint32_t i = 0; i < t->len; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if (!w[i] || c != w[i])
            return 0;
    }
    return w[t->len] == '\0';
}

static int is_possessive(const dyad_tok *t, const char *text)
{
    if (t->tag == DYAD_POS)
        return 1;
    return tok_is(t, text, "'s") || tok_is(t, text, "\xE2\x80\x99s") || tok_is(t, text, "'");
}

/* "killed in a Russian air strike", "in Israeli shelling": is mention x a
 * country adjective before an attack noun? It names the attacker, not the
 * place. (tok is the document's tokens, end the sentence's end.) */
static int attacker_adjective(const dyad_mention *x, const dyad_tok *tok, const char *text,
                              uint32_t end)
{
    static const char *const attacks[] = {"strike",  "strikes", "airstrike", "airstrikes",
                                          "attack",  "attacks", "shelling",  "bombing",
                                          "bombardment", "raid", "raids",    "ambush",
                                          "offensive", "fire",  "gunfire",   "assault"};
    if (x->kind != DYAD_AK_ADJ)
        return 0;
    for (uint32_t i = x->tok + x->ntok; i < end && i < x->tok + x->ntok + 3; i++) {
        if (tok[i].tag != DYAD_NN && tok[i].tag != DYAD_NNS)
            return 0;
        for (size_t a = 0; a < sizeof attacks / sizeof attacks[0]; a++)
            if (tok_is(&tok[i], text, attacks[a]))
                return 1;
    }
    return 0;
}

/* A country-like entry: gives a country to an agent next to it. */
static int is_place_kind(int k)
{
    return k == DYAD_AK_COUNTRY || k == DYAD_AK_ADJ || k == DYAD_AK_CAPITAL || k == DYAD_AK_CITY;
}

/* Is tok[i - 1] a given name before tok[i] (a capitalised word the tagger
 * calls a proper noun, not part of a mention, not a word that starts place
 * names such as "North", "Greater", "Downtown")? */
static int person_name_before(const dyad_mention *m, uint32_t nm, const dyad_sent *s,
                              const dyad_tok *tok, uint32_t i, const char *text)
{
    const dyad_tok *p = &tok[i - 1];
    if (p->tag != DYAD_NNP || !(p->shape & DYAD_TS_CAP) || p->len < 3)
        return 0;
    if (nm && m[nm - 1].tok + m[nm - 1].ntok == s->tok + i)
        return 0;
    const char *w = text + p->off;
    for (uint32_t k = 1; k < p->len; k++)
        if (!(w[k] >= 'a' && w[k] <= 'z'))
            return 0; /* "AFP", "McAllen", "St.": not a plain given name */
    static const char *const prefixes[] = {
        "north", "south", "east", "west", "northern", "southern", "eastern", "western",
        "central", "greater", "downtown", "old", "new", "upper", "lower", "port", "fort",
        "san", "santa", "santo", "saint", "sao", "los", "las", "el", "la", "le", "al",
        "mount", "lake", "cape", "bay", "city", "metro", "inner", "outer", "grand", "little",
        "big", "great", "rural", "suburban", "near", "outside", "in", "at", "from", "to", NULL};
    for (size_t k = 0; prefixes[k]; k++)
        if (strlen(prefixes[k]) == p->len && !strncasecmp(w, prefixes[k], p->len))
            return 0;
    return 1;
}

/* The country block (first three letters) of a code, or "" for codes that
 * do not start with a country (IGO, NGO, ---). */
static void country_of(const char *code, char out[4])
{
    out[0] = '\0';
    if (strlen(code) < 3)
        return;
    memcpy(out, code, 3);
    out[3] = '\0';
}

/* Code of an agent attached to a place or country code. */
static void compose(char *out, const char *place_code, const char *sector)
{
    char c[4];
    country_of(place_code, c);
    if (!c[0])
        memcpy(c, "---", 4);
    size_t sl = strlen(sector);
    if (sl > DYAD_CODE_MAX - 4)
        sl = DYAD_CODE_MAX - 4;
    memcpy(out, c, 3);
    memcpy(out + 3, sector, sl);
    out[3 + sl] = '\0';
}

static void set_code(dyad_mention *m, const char *code)
{
    size_t n = strlen(code);
    if (n >= DYAD_CODE_MAX)
        n = DYAD_CODE_MAX - 1;
    memcpy(m->code, code, n);
    m->code[n] = '\0';
}

static int is_proper(const dyad_tok *t)
{
    return (t->tag == DYAD_NNP || t->tag == DYAD_NNPS) && (t->shape & DYAD_TS_CAP);
}

/* Token t may start a dictionary name (dyad__kb_actor_starts): its word
 * starts one, written in a case the name allows. A first letter that must
 * be a capital is not one when the token starts with any other ASCII byte;
 * other bytes (UTF-8) are left to the matcher. */
static int may_start_name(const uint64_t *starts, uint32_t nstarts, const dyad_tok *t,
                          const char *text)
{
    if (!starts)
        return 1;
    if (t->form >= nstarts)
        return 0;
    unsigned b = dyad__kb_start_bits(starts, t->form);
    if (b & DYAD_START_LOWER)
        return 1;
    if (!(b & DYAD_START_ANY) || !t->len)
        return 0;
    unsigned char c = (unsigned char)text[t->off];
    return c >= 0x80 || (c >= 'A' && c <= 'Z');
}

int dyad__actors_find(const dyad_kb *kb, const dyad_text *tx, const dyad_sent *s,
                      const char *text, int32_t date, dyad_arena *arena, dyad_mention **out,
                      uint32_t *nout)
{
    const dyad_tok *tok = tx->tok + s->tok;
    uint32_t n = s->ntok;
    /* At most one mention per token. */
    dyad_mention *m = DYAD_ARENA_NEW(arena, dyad_mention, n ? n : 1);
    if (!m)
        return -1;
    uint32_t nm = 0;
    uint32_t nstarts;
    const uint64_t *starts = dyad__kb_actor_starts(kb, &nstarts);

    /* Pass 1: dictionary names and references. */
    for (uint32_t i = 0; i < n;) {
        const dyad_actor *a = NULL;
        uint32_t len = 0;
        /* most tokens start no name: skip the lookup without a call */
        if (may_start_name(starts, nstarts, &tok[i], text))
            len = dyad__kb_match_actor(kb, tok, n, i, text, &a);
        if (len && tok[i].tag == DYAD_DT && i + 1 < n &&
            may_start_name(starts, nstarts, &tok[i + 1], text)) {
            /* "The Sudan Liberation Movement": a longer name after the
             * article than the one with it ("The Sudan") */
            const dyad_actor *b = NULL;
            uint32_t len2 = dyad__kb_match_actor(kb, tok, n, i + 1, text, &b);
            if (len2 && b && len2 > len - 1) {
                i++;
                len = len2;
                a = b;
            }
        }
        if (len && a && a->kind == DYAD_AK_AGENT && tok[i + len - 1].tag == DYAD_JJ &&
            i + len < n && dyad__pos_is_noun(tok[i + len].tag)) {
            /* "military operation", "police station": a modifier, not an actor */
            i += len;
            continue;
        }
        if (len && a && a->kind == DYAD_AK_CITY && i > 0 && person_name_before(m, nm, s, tok, i, text)) {
            /* "Norma Torres", "Jeff Sessions": a surname that is also a town */
            i += len;
            continue;
        }
        if (len && a) {
            dyad_mention *x = &m[nm++];
            memset(x, 0, sizeof *x);
            x->tok = s->tok + i;
            x->ntok = len;
            x->head = s->tok + i + len - 1;
            x->actor = a;
            x->kind = a->kind;
            x->ref = -1;
            const char *code = dyad__actor_code(a, date);
            if (a->kind == DYAD_AK_AGENT) {
                compose(x->code, "---", code);
                x->flags |= DYAD_MF_NOCOUNTRY;
            } else {
                set_code(x, code);
            }
            i += len;
            continue;
        }
        const dyad_tok *t = &tok[i];
        int matched = 0;
        if ((t->shape & DYAD_TS_HYPHEN) && t->len > 4) {
            /* "Vietnamese-led forces", "Saudi-led coalition": the leader's country */
            const char *w = text + t->off;
            uint32_t h = t->len;
            while (h > 0 && w[h - 1] != '-')
                h--;
            size_t sl = t->len - h;
            if (h > 1 && ((sl == 3 && !strncmp(w + h, "led", 3)) || (sl == 3 && !strncmp(w + h, "run", 3)) ||
                          (sl == 9 && !strncmp(w + h, "dominated", 9)))) {
                char f[64];
                size_t fl = dyad__lex_fold(w, h - 1, f, sizeof f);
                dyad_tok part = *t;
                part.len = (uint16_t)(h - 1);
                part.form = fl != (size_t)-1 ? dyad__lex_find(dyad__kb_lex(kb), f, fl) : 0;
                part.lemma = part.form;
                part.shape = (uint8_t)((t->shape & DYAD_TS_CAP) | ((t->shape & DYAD_TS_QUOTED)));
                const dyad_actor *lead = NULL;
                if (part.form && dyad__kb_match_actor(kb, &part, 1, 0, text, &lead) == 1 && lead &&
                    is_place_kind(lead->kind)) {
                    dyad_mention *x = &m[nm++];
                    memset(x, 0, sizeof *x);
                    x->tok = x->head = s->tok + i;
                    x->ntok = 1;
                    x->actor = lead;
                    x->kind = DYAD_AK_ADJ;
                    x->ref = -1;
                    set_code(x, dyad__actor_code(lead, date));
                    i++;
                    continue;
                }
            }
        }
        if (t->tag == DYAD_PRP || t->tag == DYAD_PRPS) {
            for (size_t r = 0; r < sizeof ref_words / sizeof ref_words[0]; r++) {
                if (tok_is(t, text, ref_words[r].w)) {
                    dyad_mention *x = &m[nm++];
                    memset(x, 0, sizeof *x);
                    x->tok = x->head = s->tok + i;
                    x->ntok = 1;
                    x->flags = DYAD_MF_REF | ref_words[r].flags;
                    x->kind = ref_words[r].person == 1 ? DYAD_AK_PERSON : DYAD_AK_NONE;
                    x->ref = -1;
                    matched = 1;
                    break;
                }
            }
        }
        if (!matched && i + 1 < n && (t->tag == DYAD_DT || t->tag == DYAD_CD)) {
            /* "both sides", "the two countries" */
            for (size_t d = 0; d < 2 && !matched; d++) {
                if (!tok_is(t, text, plural_dets[d]))
                    continue;
                for (size_t p = 0; p < sizeof plural_nouns / sizeof plural_nouns[0]; p++) {
                    if (tok_is(&tok[i + 1], text, plural_nouns[p])) {
                        uint32_t start = i;
                        if (i > 0 && tok_is(&tok[i - 1], text, "the"))
                            start = i - 1;
                        dyad_mention *x = &m[nm++];
                        memset(x, 0, sizeof *x);
                        x->tok = s->tok + start;
                        x->ntok = i + 2 - start;
                        x->head = s->tok + i + 1;
                        x->flags = DYAD_MF_REF | DYAD_MF_PLURAL;
                        x->ref = -1;
                        matched = 1;
                        i++;
                        break;
                    }
                }
            }
        }
        i++;
    }

    /* Pass 2: composition. Works on a copy in place: a composed mention
     * replaces its parts. */
    uint32_t w = 0;
    for (uint32_t k = 0; k < nm; k++) {
        dyad_mention cur = m[k];
        uint32_t cur_end = cur.tok + cur.ntok; /* document token index */
        if (cur.actor && is_place_kind(cur.kind) && k + 1 < nm) {
            dyad_mention *nx = &m[k + 1];
            uint32_t gap = nx->tok - cur_end;
            int poss = gap == 1 && is_possessive(&tx->tok[cur_end], text);
            if (nx->actor && (gap == 0 || poss) &&
                (nx->kind == DYAD_AK_AGENT || nx->kind == DYAD_AK_PERSON)) {
                /* "Chinese troops", "China's army", "Russian President Putin" */
                dyad_mention c = *nx;
                c.tok = cur.tok;
                c.ntok = nx->tok + nx->ntok - cur.tok;
                c.mod = cur.actor;
                c.flags |= DYAD_MF_COMPOSED;
                if (nx->kind == DYAD_AK_AGENT) {
                    compose(c.code, cur.code, dyad__actor_code(nx->actor, date));
                    c.flags &= (uint8_t)~DYAD_MF_NOCOUNTRY;
                }
                m[w++] = c;
                k++;
                continue;
            }
        }
        if (w > 0 && cur.actor && cur.kind == DYAD_AK_PERSON && (m[w - 1].flags & DYAD_MF_COMPOSED) &&
            m[w - 1].kind == DYAD_AK_AGENT && m[w - 1].tok + m[w - 1].ntok == cur.tok) {
            /* "Russian President" + "Vladimir Putin": the person, the whole span */
            dyad_mention c = cur;
            c.tok = m[w - 1].tok;
            c.ntok = cur.tok + cur.ntok - c.tok;
            set_code(&c, dyad__actor_code_titled(cur.actor, date, m[w - 1].code + 3));
            m[w - 1] = c;
            continue;
        }
        if (cur.actor && cur.kind == DYAD_AK_AGENT && k + 1 < nm) {
            dyad_mention *nx = &m[k + 1];
            uint32_t gap = nx->tok - cur_end;
            /* "Foreign Minister Sergei Lavrov": the person's code; "leaders
             * of the Muslim Brotherhood", "a spokesman of Hamas": the
             * organisation's; either over the whole span */
            if (nx->actor &&
                ((nx->kind == DYAD_AK_PERSON && gap == 0) ||
                 (nx->kind == DYAD_AK_ORG && tok_is(&tx->tok[cur_end], text, "of") &&
                  (gap == 1 || (gap == 2 && tok_is(&tx->tok[cur_end + 1], text, "the")))))) {
                dyad_mention c = *nx;
                c.tok = cur.tok;
                c.ntok = nx->tok + nx->ntok - cur.tok;
                if (nx->kind == DYAD_AK_PERSON)
                    set_code(&c, dyad__actor_code_titled(nx->actor, date, cur.code + 3));
                m[w++] = c;
                k++;
                continue;
            }
            if (nx->actor && is_place_kind(nx->kind) && gap == 1 &&
                (tok_is(&tx->tok[cur_end], text, "of") || tok_is(&tx->tok[cur_end], text, "in") ||
                 tok_is(&tx->tok[cur_end], text, "from"))) {
                /* "police in Kenya", "the foreign minister of Iran" */
                dyad_mention c = cur;
                c.ntok = nx->tok + nx->ntok - cur.tok;
                c.mod = nx->actor;
                c.flags |= DYAD_MF_COMPOSED;
                c.flags &= (uint8_t)~DYAD_MF_NOCOUNTRY;
                compose(c.code, nx->code, dyad__actor_code(cur.actor, date));
                m[w++] = c;
                k++;
                /* "the presidents of Kenya and Tanzania": a plural agent
                 * of two places is an agent of each */
                uint32_t nx_end = nx->tok + nx->ntok;
                if (k + 1 < nm && tx->tok[cur.head].tag == DYAD_NNS && m[k + 1].actor &&
                    is_place_kind(m[k + 1].kind) && m[k + 1].tok == nx_end + 1 &&
                    tok_is(&tx->tok[nx_end], text, "and")) {
                    dyad_mention c2 = m[k + 1];
                    c2.actor = cur.actor;
                    c2.kind = cur.kind;
                    c2.mod = m[k + 1].actor;
                    c2.flags = (uint8_t)((cur.flags | DYAD_MF_COMPOSED) & ~DYAD_MF_NOCOUNTRY);
                    compose(c2.code, m[k + 1].code, dyad__actor_code(cur.actor, date));
                    m[w++] = c2;
                    k++;
                }
                continue;
            }
        }
        m[w++] = cur;
    }
    nm = w;

    /* An agent or composed title directly before an unknown proper name
     * takes the name ("Deputy Secretary Marta Lindqvist"). */
    for (uint32_t k = 0; k < nm; k++) {
        dyad_mention *x = &m[k];
        if (!x->actor || x->kind == DYAD_AK_PERSON || x->kind == DYAD_AK_ORG ||
            !(x->kind == DYAD_AK_AGENT || (x->flags & DYAD_MF_COMPOSED)))
            continue;
        uint32_t end = x->tok + x->ntok, lim = s->tok + n;
        if (k + 1 < nm && m[k + 1].tok < lim)
            lim = m[k + 1].tok;
        uint32_t e = end;
        /* "Secretary of Energy Marta Lindqvist", "Minister of Foreign Affairs X":
         * the department's capitalised words, then the name */
        if (e + 3 < lim && tok_is(&tx->tok[e], text, "of") && is_proper(&tx->tok[e + 1])) {
            uint32_t r = e + 1;
            while (r < lim && r < e + 7 && is_proper(&tx->tok[r]))
                r++;
            /* a run of three or more: the department, then a two-word name */
            if (r - (e + 1) >= 3)
                e = r - 2;
        }
        uint32_t name = e;
        while (e < lim && is_proper(&tx->tok[e]))
            e++;
        if (e > name && e - name <= 4) {
            x->ntok = e - x->tok;
            x->head = e - 1;
        }
    }

    /* Possessives: mark mentions followed by 's. */
    for (uint32_t k = 0; k < nm; k++) {
        uint32_t end = m[k].tok + m[k].ntok;
        if (end < s->tok + n && is_possessive(&tx->tok[end], text))
            m[k].flags |= DYAD_MF_POSS;
    }

    /* Pass 3: agents without a country take the sentence's only place. */
    char place[4] = "";
    int places = 0;
    static const char *const locatives[] = {"in", "at", "near", "across", "throughout",
                                            "inside", "outside", "around", "from"};
    for (uint32_t k = 0; k < nm; k++) {
        if (m[k].actor && is_place_kind(m[k].kind) && !(m[k].flags & DYAD_MF_COMPOSED)) {
            /* only a place named as a location: "in Kenya", "near the border of Mali" */
            uint32_t p = m[k].tok - s->tok, loc = 0;
            while (p > 0 && (tok[p - 1].tag == DYAD_DT || tok[p - 1].tag == DYAD_JJ))
                p--;
            for (size_t l = 0; p > 0 && l < sizeof locatives / sizeof locatives[0]; l++)
                if (tok_is(&tok[p - 1], text, locatives[l]))
                    loc = 1;
            if (!loc || attacker_adjective(&m[k], tx->tok, text, s->tok + n))
                continue;
            char c[4];
            country_of(m[k].code, c);
            if (!places || strcmp(c, place) != 0) {
                places++;
                memcpy(place, c, 4);
            }
        }
    }
    if (places == 1) {
        for (uint32_t k = 0; k < nm; k++) {
            /* not "its soldiers", "their troops": theirs is the owner's
             * country, which the grammar finds */
            uint32_t p = m[k].tok - s->tok;
            if (p > 0 && tok[p - 1].tag == DYAD_PRPS)
                continue;
            if (m[k].flags & DYAD_MF_NOCOUNTRY) {
                char sector[DYAD_CODE_MAX];
                memcpy(sector, m[k].code + 3, sizeof sector - 3);
                sector[sizeof sector - 3] = '\0';
                compose(m[k].code, place, sector);
                m[k].flags &= (uint8_t)~DYAD_MF_NOCOUNTRY;
            }
        }
    }

    *out = m;
    *nout = nm;
    return 0;
}

/* "Commodity Credit Corporation (CCC)": the acronym's letters are initials
 * of the name's capitalised words, in order, the last one last ("WASHINGTON
 * (AP)" is a dateline, not a definition). */
static int initials_of(const dyad_tok *tok, const dyad_mention *x, const char *acr, uint32_t len,
                       const char *text)
{
    uint32_t j = 0;
    char last = 0;
    for (uint32_t i = x->tok; i < x->tok + x->ntok; i++) {
        const dyad_tok *t = &tok[i];
        if (!(t->shape & DYAD_TS_CAP))
            continue;
        last = text[t->off];
        if (j < len && last == acr[j])
            j++;
    }
    return j == len && last == acr[len - 1];
}

/* An acronym token: two to eight capital letters. */
static int acronym_like(const dyad_tok *t, const char *text)
{
    if (t->len < 2 || t->len > 8 || !(t->shape & DYAD_TS_ALLCAP))
        return 0;
    for (uint32_t i = 0; i < t->len; i++)
        if (text[t->off + i] < 'A' || text[t->off + i] > 'Z')
            return 0;
    return 1;
}

/* The index of acronym s (len bytes) in A, or A->n. */
static uint32_t acronym_at(const dyad_acronyms *A, const char *s, uint32_t len)
{
    uint32_t j = 0;
    while (j < A->n && !(A->a[j].len == len && !memcmp(A->a[j].s, s, len)))
        j++;
    return j;
}

/* Makes mention slot x stand for the actor of a (its span kept). */
static void take_actor(dyad_mention *x, const dyad_mention *a)
{
    x->actor = a->actor;
    x->mod = a->mod;
    x->kind = a->kind;
    x->flags = (uint8_t)((x->flags & DYAD_MF_POSS) | (a->flags & (DYAD_MF_COMPOSED | DYAD_MF_NOCOUNTRY)));
    x->ref = -1;
    x->acronym = 1;
    memcpy(x->code, a->code, sizeof x->code);
}

void dyad__actors_acronyms(dyad_acronyms *A, const dyad_text *tx, const dyad_sent *s,
                           const char *text, dyad_mention *m, uint32_t *nm)
{
    const dyad_tok *tok = tx->tok;
    uint32_t end = s->tok + s->ntok;
    /* definitions: name ( ACRONYM ) */
    for (uint32_t k = 0; k < *nm; k++) {
        const dyad_mention *x = &m[k];
        uint32_t e = x->tok + x->ntok;
        /* a name with its country: an agent alone ("Superintendent of
         * Police (SP)") is not, and gets one only from its context */
        if (!x->actor || (x->flags & (DYAD_MF_REF | DYAD_MF_NOCOUNTRY)) || x->kind == DYAD_AK_PERSON ||
            (x->kind == DYAD_AK_AGENT && !(x->flags & DYAD_MF_COMPOSED)) || !strncmp(x->code, "---", 3) ||
            e + 2 >= end ||
            !tok_is(&tok[e], text, "(") || !tok_is(&tok[e + 2], text, ")") ||
            !acronym_like(&tok[e + 1], text))
            continue;
        const char *acr = text + tok[e + 1].off;
        uint32_t len = tok[e + 1].len;
        if (!initials_of(tok, x, acr, len, text))
            continue;
        uint32_t j = acronym_at(A, acr, len);
        if (j == A->n) {
            if (A->n == DYAD_ACRONYMS_MAX)
                continue;
            A->n++;
        }
        A->a[j].s = acr;
        A->a[j].len = len;
        A->a[j].m = *x;
    }
    if (!A->n)
        return;
    /* uses, the definition's own parentheses included */
    uint32_t k = 0; /* the first mention not before token i */
    for (uint32_t i = s->tok; i < end; i++) {
        while (k < *nm && m[k].tok + m[k].ntok <= i)
            k++;
        const dyad_tok *t = &tok[i];
        if (!acronym_like(t, text))
            continue;
        uint32_t j = acronym_at(A, text + t->off, t->len);
        if (j == A->n)
            continue;
        if (k < *nm && m[k].tok <= i) {
            /* a mention here: only a mention of the acronym alone changes */
            if (m[k].tok == i && m[k].ntok == 1)
                take_actor(&m[k], &A->a[j].m);
            continue;
        }
        /* none: a new one, in text order */
        memmove(&m[k + 1], &m[k], (*nm - k) * sizeof *m);
        memset(&m[k], 0, sizeof m[k]);
        m[k].tok = m[k].head = i;
        m[k].ntok = 1;
        if (i + 1 < end && is_possessive(&tok[i + 1], text))
            m[k].flags = DYAD_MF_POSS;
        take_actor(&m[k], &A->a[j].m);
        (*nm)++;
    }
}
