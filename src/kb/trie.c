/*
 * trie.c -- actor names: the `country`, `adj`, `capital`, `city`, `person`,
 * `org` and `agent` lines, `drop` of names, and the lookups over them.
 *
 * Names are tokenised like news text and stored in a trie over lexicon word
 * ids: node ids are dense, the root's edges live in a dense array indexed
 * by word id, with two bits per word beside it (a name starts with the word;
 * one may start with it in lower case) that actors.c tests at every token
 * before asking for a match, the other edges in one hash map keyed by
 * (node, word). Each node keeps a list of
 * terminals, newest first: the entry loaded last wins a tie. A terminal
 * carries the capital masks of its name's tokens (docs/dictionaries.md,
 * "Case"). Never decides what a name means in a sentence: that is actors.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "kbi.h"

#define MAX_NAME_TOKENS 64

static const char *const kind_names[DYAD_AK_COUNT] = {"none",   "country", "adj", "capital",
                                                      "city",   "person",  "org", "agent"};

const char *dyad__actor_kind_name(int kind)
{
    return kind > 0 && kind < DYAD_AK_COUNT ? kind_names[kind] : "?";
}

static int kind_from_name(const char *s, size_t n)
{
    for (int i = 1; i < DYAD_AK_COUNT; i++)
        if (strlen(kind_names[i]) == n && memcmp(kind_names[i], s, n) == 0)
            return i;
    return 0;
}

/* ------------------------------------------------------------ capitals */

static int is_upper_cp(utf8proc_int32_t c)
{
    if (c < 128)
        return c >= 'A' && c <= 'Z';
    utf8proc_category_t cat = utf8proc_category(c);
    return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
}

uint16_t kb_caps_mask(const char *s, size_t n)
{
    uint16_t m = 0;
    size_t i = 0;
    for (int k = 0; k < 16 && i < n; k++) {
        utf8proc_int32_t c;
        if ((unsigned char)s[i] < 128) {
            c = (unsigned char)s[i++];
        } else {
            utf8proc_ssize_t l = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                                  (utf8proc_ssize_t)(n - i), &c);
            if (l <= 0)
                break;
            i += (size_t)l;
        }
        if (is_upper_cp(c))
            m |= (uint16_t)(1u << k);
    }
    return m;
}

int kb_caps_ok(uint16_t mask, const char *s, size_t n)
{
    size_t i = 0;
    for (int k = 0; mask && k < 16; k++) {
        if (i >= n)
            return 0;
        utf8proc_int32_t c;
        if ((unsigned char)s[i] < 128) {
            c = (unsigned char)s[i++];
        } else {
            utf8proc_ssize_t l = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                                  (utf8proc_ssize_t)(n - i), &c);
            if (l <= 0)
                return 0;
            i += (size_t)l;
        }
        if ((mask & 1u) && !is_upper_cp(c))
            return 0;
        mask >>= 1;
    }
    return 1;
}

/* --------------------------------------------------------------- dates */

static int ndigits(const char *s, size_t n, int *v)
{
    *v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        *v = *v * 10 + (s[i] - '0');
    }
    return 0;
}

static int last_day(int y, int m)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : d[m - 1];
}

/* One end of a range: "", YYYY, YYYY-MM or YYYY-MM-DD. */
static int parse_end(const char *s, size_t n, int closing, int32_t *out)
{
    int y, m;
    *out = 0;
    if (n == 0)
        return 0;
    if (n != 4 && n != 7 && n != 10)
        return -1;
    if (ndigits(s, 4, &y) != 0 || y < 1000)
        return -1;
    if (n == 4) {
        *out = y * 10000 + (closing ? 1231 : 101);
        return 0;
    }
    if (s[4] != '-' || ndigits(s + 5, 2, &m) != 0 || m < 1 || m > 12)
        return -1;
    if (n == 7) {
        *out = y * 10000 + m * 100 + (closing ? last_day(y, m) : 1);
        return 0;
    }
    *out = dyad_date_parse(s, n);
    return *out ? 0 : -1;
}

int kb_parse_role(const char *s, size_t n, dyad_role *r, char *why, size_t whycap)
{
    memset(r, 0, sizeof *r);
    const char *at = memchr(s, '@', n);
    size_t cn = at ? (size_t)(at - s) : n;
    if (!kb_code_ok(s, cn)) {
        snprintf(why, whycap, "'%.*s' is not a code (blocks of three capital letters or digits, "
                 "at most 21 characters)", (int)(cn > 40 ? 40 : cn), s);
        return -1;
    }
    memcpy(r->code, s, cn);
    r->code[cn] = '\0';
    if (!at)
        return 0;
    const char *d = at + 1, *e = s + n;
    const char *dots = NULL;
    for (const char *p = d; p + 1 < e; p++)
        if (p[0] == '.' && p[1] == '.') {
            dots = p;
            break;
        }
    if (!dots || parse_end(d, (size_t)(dots - d), 0, &r->from) != 0 ||
        parse_end(dots + 2, (size_t)(e - dots - 2), 1, &r->to) != 0) {
        snprintf(why, whycap, "'%.*s' is not a date range (FROM..TO, each end YYYY, YYYY-MM, "
                 "YYYY-MM-DD or empty)", (int)(e - d > 40 ? 40 : e - d), d);
        return -1;
    }
    if (r->from && r->to && r->from > r->to) {
        snprintf(why, whycap, "date range '%.*s' ends before it starts",
                 (int)(e - d > 40 ? 40 : e - d), d);
        return -1;
    }
    return 0;
}

/* The role of a held longest (an open start counts from 1990, an open end
 * to the end of 2026): with sector NULL, of those that are no former
 * official's (ELI); else of those of that sector ("GOV": "USAGOV"). NULL
 * when there is none. */
static const dyad_role *longest_role(const dyad_actor *a, const char *sector)
{
    const dyad_role *best = NULL;
    int32_t best_len = -1;
    for (uint32_t i = 0; i < a->nroles; i++) {
        const dyad_role *x = &a->roles[i];
        size_t cl = strlen(x->code);
        if (sector ? cl < 6 || strncmp(x->code + 3, sector, strlen(sector)) != 0
                   : cl >= 6 && !strcmp(x->code + cl - 3, "ELI"))
            continue;
        int32_t from = x->from ? x->from : 19900101, to = x->to ? x->to : 20261231;
        int32_t months = (to / 10000 - from / 10000) * 12 + (to / 100 % 100 - from / 100 % 100);
        if (months > best_len) {
            best_len = months;
            best = x;
        }
    }
    return best;
}

const char *dyad__actor_code(const dyad_actor *a, int32_t date)
{
    const dyad_role *hold = NULL, *plain = NULL, *recent = NULL;
    for (uint32_t i = 0; i < a->nroles; i++) {
        const dyad_role *r = &a->roles[i];
        if (!r->from && !r->to) {
            plain = r;
            continue;
        }
        if (date && (!r->from || r->from <= date) && (!r->to || date <= r->to))
            hold = r;
        /* Most recent: the latest end (open = now), then the latest start. */
        if (!recent)
            recent = r;
        else {
            int32_t re = recent->to ? recent->to : INT32_MAX, e = r->to ? r->to : INT32_MAX;
            if (e > re || (e == re && r->from >= recent->from))
                recent = r;
        }
    }
    if (!date && !plain && a->nroles > 1) {
        /* No article date: the role the person held longest, a former
         * official's ELI only when there is nothing else. */
        const dyad_role *best = longest_role(a, NULL);
        if (best)
            return best->code;
    }
    const dyad_role *r = hold ? hold : plain ? plain : recent;
    return r ? r->code : "";
}

const char *dyad__actor_code_titled(const dyad_actor *a, int32_t date, const char *sector)
{
    const dyad_role *r = !date && sector[0] ? longest_role(a, sector) : NULL;
    return r ? r->code : dyad__actor_code(a, date);
}

/* ---------------------------------------------------------------- trie */

#define TERM(kb, i) KB_VEC_AT((kb)->terms, kb_term, i)
#define NODE(kb, i) KB_VEC_AT((kb)->nodes, uint32_t, i)
#define ACTOR(kb, i) KB_VEC_AT((kb)->actors, dyad_actor, i)
#define ACTX(kb, i) KB_VEC_AT((kb)->actx, kb_actor_x, i)

uint32_t kb_trie_walk(const dyad_kb *kb, const uint32_t *ids, uint32_t n)
{
    if (!n || !ids[0] || ids[0] >= kb->nroot)
        return 0;
    uint32_t node = kb->root[ids[0]];
    for (uint32_t k = 1; k < n && node; k++)
        node = ids[k] ? kb_map_get(&kb->edges, ((uint64_t)node << 32) | ids[k]) : 0;
    return node;
}

/* The bit of word w in a node's nextmask. */
static inline uint64_t next_bit(uint32_t w) { return 1ull << ((w * 2654435761u) >> 26); }

/* Sets bits b (DYAD_START_*) of word w in rootbits. */
static inline void set_start(dyad_kb *kb, uint32_t w, unsigned b)
{
    kb->rootbits[w >> 5] |= (uint64_t)b << ((w & 31) * 2);
}

/* Makes root[] (and rootbits with it) cover word w; -1 when out of memory. */
static int root_grow(dyad_kb *kb, uint32_t w)
{
    uint32_t n = dyad__lex_count(kb->lex) + 1;
    if (n <= w)
        n = w + 1;
    n += n / 2;
    uint32_t *r = realloc(kb->root, n * sizeof *r);
    if (!r)
        return -1;
    memset(r + kb->nroot, 0, (n - kb->nroot) * sizeof *r);
    kb->root = r;
    size_t ob = (kb->nroot + 31) / 32, nb = (n + 31) / 32;
    uint64_t *bits = realloc(kb->rootbits, nb * sizeof *bits);
    if (!bits)
        return -1;
    memset(bits + ob, 0, (nb - ob) * sizeof *bits);
    kb->rootbits = bits;
    kb->nroot = n;
    return 0;
}

/* The root's child for word w, added when absent; NULL when out of memory. */
static inline uint32_t *root_slot(dyad_kb *kb, uint32_t w, int *fresh)
{
    *fresh = 0;
    if (w >= kb->nroot && root_grow(kb, w) != 0)
        return NULL;
    *fresh = !kb->root[w];
    return &kb->root[w];
}

/* Makes nextmask cover nodes below n (> nnext); -1 when out of memory. */
static int next_grow(dyad_kb *kb, uint32_t n)
{
    if (n < kb->nnext + kb->nnext / 2)
        n = kb->nnext + kb->nnext / 2;
    uint64_t *m = realloc(kb->nextmask, n * sizeof *m);
    if (!m)
        return -1;
    memset(m + kb->nnext, 0, (n - kb->nnext) * sizeof *m);
    kb->nextmask = m;
    kb->nnext = n;
    return 0;
}

static inline int next_reserve(dyad_kb *kb, uint32_t n)
{
    return n <= kb->nnext ? 0 : next_grow(kb, n);
}

static int record_clash(dyad_kb *kb, uint32_t older, uint32_t newer, const char *name,
                        int override)
{
    kb_clash *c = kb_vec_push(&kb->clashes, sizeof *c);
    if (!c)
        return -1;
    c->older = older;
    c->newer = newer;
    c->name = kb_strdup(kb, name, strlen(name));
    c->override = (uint8_t)override;
    return c->name ? 0 : -1;
}

static void unlink_term(dyad_kb *kb, uint32_t node, uint32_t prev, uint32_t t)
{
    if (prev)
        TERM(kb, prev).next = TERM(kb, t).next;
    else
        NODE(kb, node) = TERM(kb, t).next;
    TERM(kb, t).dead = 1;
    TERM(kb, t).next = 0;
    ACTX(kb, TERM(kb, t).actor).nlive--;
}

static int insert_path(dyad_kb *kb, uint32_t actor, const uint32_t *ids, uint32_t n,
                       uint32_t caps, int nothe, const char *name)
{
    uint32_t node = 0;
    for (uint32_t k = 0; k < n; k++) {
        int fresh;
        uint32_t *slot = k == 0 ? root_slot(kb, ids[0], &fresh)
                                : kb_map_slot(&kb->edges, ((uint64_t)node << 32) | ids[k], &fresh);
        if (!slot)
            return -1;
        if (fresh && k > 0) {
            /* a name goes on from node with this word */
            if (next_reserve(kb, node + 1) != 0)
                return -1;
            kb->nextmask[node] |= next_bit(ids[k]);
        }
        if (fresh) {
            *slot = kb->nodes.n;
            if (!kb_vec_push(&kb->nodes, sizeof(uint32_t)))
                return -1;
        }
        node = *slot;
    }
    int kind = ACTOR(kb, actor).kind;
    uint32_t file = ACTX(kb, actor).file;
    uint32_t prev = 0, t = NODE(kb, node);
    while (t) {
        uint32_t next = TERM(kb, t).next, other = TERM(kb, t).actor;
        if (other == actor)
            return 0; /* the same entry wrote this name twice */
        if (ACTOR(kb, other).kind == kind) {
            int override = ACTX(kb, other).file != file;
            if (record_clash(kb, other, actor, name, override) != 0)
                return -1;
            if (override) {
                unlink_term(kb, node, prev, t);
                t = next;
                continue;
            }
        }
        prev = t;
        t = next;
    }
    uint32_t ti = kb->terms.n;
    kb_term *nt = kb_vec_push(&kb->terms, sizeof *nt);
    if (!nt)
        return -1;
    /* Kept as names come: a drop or override later leaves the bits set,
     * which only costs a lookup. */
    set_start(kb, ids[0], DYAD_START_ANY);
    if (!caps || !(KB_VEC_AT(kb->caps, uint16_t, caps) & 1))
        set_start(kb, ids[0], DYAD_START_LOWER);
    nt->actor = actor;
    nt->caps = caps;
    nt->ntok = (uint8_t)n;
    nt->nothe = (uint8_t)nothe;
    nt->next = NODE(kb, node);
    NODE(kb, node) = ti;
    ACTX(kb, actor).nlive++;
    return 0;
}

/* A word the lexicon knows mostly as an ordinary (not proper) word. */
static int common_word(const dyad_kb *kb, uint32_t id)
{
    const dyad_lex_word *w = dyad__lex_word(kb->lex, id);
    return w->ntags > 0 && w->tag[0] != DYAD_NNP && w->tag[0] != DYAD_NNPS;
}

static inline int name_space(char c)
{
    return (unsigned char)c <= ' ' &&
           (c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f');
}

/* Copies a name, trimmed, with runs of white space made one space. */
static size_t norm_name(const char *s, size_t n, char *out)
{
    size_t i = 0, o = 0;
    while (i < n && name_space(s[i]))
        i++;
    while (i < n) {
        char c = s[i++];
        if (!name_space(c)) {
            out[o++] = c;
            continue;
        }
        while (i < n && name_space(s[i]))
            i++;
        if (i < n)
            out[o++] = ' ';
    }
    out[o] = '\0';
    return o;
}

static int insert_name(dyad_kb *kb, uint32_t actor, const kb_line *ln, const char *name,
                       size_t len, dyad_err *err)
{
    uint32_t ids[MAX_NAME_TOKENS + 1];
    uint16_t masks[MAX_NAME_TOKENS + 1];
    int nt = kb_words(kb, name, len, ids, masks, MAX_NAME_TOKENS + 1);
    if (nt < 0) {
        dyad__err_set(err, DYAD_ENOMEM, kb_file_name(kb, ln->file), ln->line, ln->offset, NULL);
        return -1;
    }
    if (nt == 0)
        return kb_line_error(kb, ln, err, "the name '%s' has no words", name);
    if (nt > MAX_NAME_TOKENS)
        return kb_line_error(kb, ln, err, "the name '%.40s...' is longer than %d tokens", name,
                             MAX_NAME_TOKENS);
    /* A leading "the" is optional in text when written in lower case (and
     * not before a lone common word); written "The", it is part of the
     * name ("The Hague", "The Economist"). Either way its case is free. */
    int the_optional = ids[0] == kb->the_id && nt >= 2 && masks[0] == 0 &&
                       !(nt == 2 && common_word(kb, ids[1]));
    if (ids[0] == kb->the_id)
        masks[0] = 0;
    uint32_t caps = 0;
    for (int k = 0; k < nt; k++)
        if (masks[k]) {
            caps = kb->caps.n;
            for (int j = 0; j < nt; j++) {
                uint16_t *m = kb_vec_push(&kb->caps, sizeof *m);
                if (!m)
                    goto oom;
                *m = masks[j];
            }
            break;
        }
    if (insert_path(kb, actor, ids, (uint32_t)nt, caps, 0, name) != 0)
        goto oom;
    if (the_optional &&
        insert_path(kb, actor, ids + 1, (uint32_t)nt - 1, caps ? caps + 1 : 0, 1, name) != 0)
        goto oom;
    kb->nnames++;
    ACTX(kb, actor).nnames++;
    return 0;
oom:
    dyad__err_set(err, DYAD_ENOMEM, kb_file_name(kb, ln->file), ln->line, ln->offset, NULL);
    return -1;
}

int kb_actor_line(dyad_kb *kb, const kb_line *ln, int kind, dyad_err *err)
{
    if (ln->nfield == 0)
        return kb_line_error(kb, ln, err, "%s: a code is needed before ' : '",
                             kind_names[kind]);
    if (ln->nfield > 255)
        return kb_line_error(kb, ln, err, "too many codes");
    dyad_role *roles = kb_alloc(kb, ln->nfield * sizeof *roles, 8);
    if (!roles)
        goto oom;
    for (uint32_t i = 0; i < ln->nfield; i++) {
        char why[160];
        if (kb_parse_role(ln->field[i], ln->field_len[i], &roles[i], why, sizeof why) != 0)
            return kb_line_error(kb, ln, err, "%s", why);
    }
    uint32_t ai = kb->actors.n;
    dyad_actor *a = kb_vec_push(&kb->actors, sizeof *a);
    kb_actor_x *x = a ? kb_vec_push(&kb->actx, sizeof *x) : NULL;
    if (!x)
        goto oom;
    a->kind = (uint8_t)kind;
    a->nroles = (uint8_t)ln->nfield;
    a->roles = roles;
    a->file = kb_file_name(kb, ln->file);
    a->line = ln->line;
    x->file = ln->file;
    if (kind == DYAD_AK_COUNTRY && roles[0].code[3] == '\0') {
        int b = kb_block_index(roles[0].code);
        if (b >= 0)
            kb->blocks[b] |= DYAD_CB_COUNTRY;
    }
    char small[512]; /* most lines; a longer one gets its own buffer */
    char *name = ln->rest_len < sizeof small ? small : malloc(ln->rest_len + 1);
    if (!name)
        goto oom;
    const char *s = ln->rest, *end = ln->rest + ln->rest_len;
    int r = 0;
    while (s <= end && r == 0) {
        const char *bar = memchr(s, '|', (size_t)(end - s));
        const char *e = bar ? bar : end;
        size_t len = norm_name(s, (size_t)(e - s), name);
        if (!len) {
            r = kb_line_error(kb, ln, err, "an empty name (two '|' in a row, or one at an end)");
        } else {
            if (!a->name) {
                /* `a` may move when the vector grows: write through the index. */
                const char *keep = kb_strdup(kb, name, len);
                if (!keep) {
                    if (name != small)
                        free(name);
                    goto oom;
                }
                ACTOR(kb, ai).name = keep;
            }
            r = insert_name(kb, ai, ln, name, len, err);
        }
        a = &ACTOR(kb, ai);
        s = e + 1;
    }
    if (name != small)
        free(name);
    if (!ACTOR(kb, ai).name)
        ACTOR(kb, ai).name = "";
    return r;
oom:
    dyad__err_set(err, DYAD_ENOMEM, kb_file_name(kb, ln->file), ln->line, ln->offset, NULL);
    return -1;
}

/* --------------------------------------------------------------- drops */

/* Unlinks every live terminal of `kind` at node; returns how many. */
static uint32_t drop_at(dyad_kb *kb, uint32_t node, int kind)
{
    uint32_t n = 0, prev = 0, t = node ? NODE(kb, node) : 0;
    while (t) {
        uint32_t next = TERM(kb, t).next;
        if (ACTOR(kb, TERM(kb, t).actor).kind == kind) {
            unlink_term(kb, node, prev, t);
            n++;
        } else {
            prev = t;
        }
        t = next;
    }
    return n;
}

int kb_drop_patterns(dyad_kb *kb, const kb_line *ln, dyad_err *err);
int kb_drop_discards(dyad_kb *kb, const kb_line *ln, dyad_err *err);

int kb_drop_line(dyad_kb *kb, const kb_line *ln, dyad_err *err)
{
    if (ln->nfield != 1)
        return kb_line_error(kb, ln, err, "drop: write 'drop KIND : NAMES' (KIND: country, adj, "
                             "capital, city, person, org, agent, pattern or discard)");
    const char *k = ln->field[0];
    size_t kn = ln->field_len[0];
    if (kn == 7 && memcmp(k, "pattern", 7) == 0)
        return kb_drop_patterns(kb, ln, err);
    if (kn == 7 && memcmp(k, "discard", 7) == 0)
        return kb_drop_discards(kb, ln, err);
    int kind = kind_from_name(k, kn);
    if (!kind)
        return kb_line_error(kb, ln, err, "drop: unknown kind '%.*s'", (int)(kn > 40 ? 40 : kn),
                             k);
    char *name = malloc(ln->rest_len + 1);
    if (!name) {
        dyad__err_set(err, DYAD_ENOMEM, kb_file_name(kb, ln->file), ln->line, ln->offset, NULL);
        return -1;
    }
    const char *s = ln->rest, *end = ln->rest + ln->rest_len;
    int r = 0;
    while (s <= end && r == 0) {
        const char *bar = memchr(s, '|', (size_t)(end - s));
        const char *e = bar ? bar : end;
        size_t len = norm_name(s, (size_t)(e - s), name);
        s = e + 1;
        if (!len)
            continue;
        uint32_t ids[MAX_NAME_TOKENS + 1];
        int nt = kb_words_find(kb, name, len, ids, NULL, MAX_NAME_TOKENS + 1);
        uint32_t n = 0;
        if (nt > 0 && nt <= MAX_NAME_TOKENS) {
            n = drop_at(kb, kb_trie_walk(kb, ids, (uint32_t)nt), kind);
            if (ids[0] == kb->the_id && nt > 1)
                n += drop_at(kb, kb_trie_walk(kb, ids + 1, (uint32_t)nt - 1), kind);
        }
        if (n)
            r = kb_note(kb, KS_INFO, ln->file, ln->line, "drops %s '%s'", kind_names[kind], name);
        else
            r = kb_note(kb, KS_WARNING, ln->file, ln->line,
                        "drop: no %s named '%s' was loaded before this line", kind_names[kind],
                        name);
        if (r != 0)
            dyad__err_set(err, DYAD_ENOMEM, kb_file_name(kb, ln->file), ln->line, ln->offset,
                          NULL);
    }
    free(name);
    return r;
}

/* ------------------------------------------------------------ finishing */

int kb_trie_finish(dyad_kb *kb)
{
    /* An `org` line defines the group block its code ends with (IGOSCO
     * defines SCO, SOMREBSHB defines SHB): docs/codes.md. */
    for (uint32_t i = 0; i < kb->actors.n; i++) {
        const dyad_actor *a = &ACTOR(kb, i);
        if (a->kind != DYAD_AK_ORG)
            continue;
        for (uint32_t r = 0; r < a->nroles; r++) {
            size_t n = strlen(a->roles[r].code);
            int b = n >= 6 ? kb_block_index(a->roles[r].code + n - 3) : -1;
            if (b >= 0 && !kb->blocks[b])
                kb->blocks[b] = DYAD_CB_GROUP;
        }
    }
    /* Words interned after the last name still index the root safely. */
    int fresh;
    uint32_t nw = dyad__lex_count(kb->lex) + 1;
    if (!root_slot(kb, nw - 1, &fresh))
        return -1;
    /* Every node has a mask: a leaf's is empty, which ends a match there
     * without probing the edge map. */
    if (next_reserve(kb, kb->nodes.n) != 0)
        return -1;
    return 0;
}

/* ------------------------------------------------------------- lookups */

static int term_case_ok(const dyad_kb *kb, const kb_term *t, const dyad_tok *tok,
                        const char *text)
{
    if (!t->caps)
        return 1;
    const uint16_t *m = &KB_VEC_AT(kb->caps, uint16_t, t->caps);
    for (uint32_t k = 0; k < t->ntok; k++)
        if (m[k] && !kb_caps_ok(m[k], text + tok[k].off, tok[k].len))
            return 0;
    return 1;
}

uint32_t dyad__kb_match_actor(const dyad_kb *kb, const dyad_tok *tok, uint32_t n, uint32_t i,
                              const char *text, const dyad_actor **out)
{
    if (i >= n || !kb->root)
        return 0;
    uint32_t w = tok[i].form;
    if (!w || w >= kb->nroot || !(dyad__kb_start_bits(kb->rootbits, w) & DYAD_START_ANY))
        return 0;
    uint32_t node = kb->root[w], best = 0, j = i;
    const dyad_actor *ba = NULL;
    while (node) {
        for (uint32_t t = NODE(kb, node); t; t = TERM(kb, t).next)
            if (term_case_ok(kb, &TERM(kb, t), tok + i, text)) {
                ba = &ACTOR(kb, TERM(kb, t).actor);
                best = j - i + 1;
                break;
            }
        if (++j >= n || !tok[j].form)
            break;
        if (kb->nextmask && node < kb->nnext && !(kb->nextmask[node] & next_bit(tok[j].form)))
            break; /* no name goes on with this word: no probe of the edge map */
        node = kb_map_get(&kb->edges, ((uint64_t)node << 32) | tok[j].form);
    }
    if (best && out)
        *out = ba;
    return best;
}

const uint64_t *dyad__kb_actor_starts(const dyad_kb *kb, uint32_t *nwords)
{
    *nwords = kb->nroot;
    return kb->rootbits;
}

size_t dyad__kb_find_name(const dyad_kb *kb, const char *name, const dyad_actor **out, size_t cap)
{
    uint32_t ids[MAX_NAME_TOKENS + 1];
    int nt = kb_words_find(kb, name, strlen(name), ids, NULL, MAX_NAME_TOKENS + 1);
    if (nt <= 0 || nt > MAX_NAME_TOKENS)
        return 0;
    uint32_t node = kb_trie_walk(kb, ids, (uint32_t)nt);
    size_t n = 0;
    for (uint32_t t = node ? NODE(kb, node) : 0; t && n < cap; t = TERM(kb, t).next) {
        const dyad_actor *a = &ACTOR(kb, TERM(kb, t).actor);
        size_t k = 0;
        while (k < n && out[k] != a)
            k++;
        if (k == n)
            out[n++] = a;
    }
    return n;
}
