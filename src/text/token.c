/*
 * token.c -- the tokenizer: cleaned text to tokens with shapes, lexicon
 * ids, and the tags that punctuation alone decides.
 *
 * One pass over the bytes with a table-driven classifier for ASCII and
 * utf8proc for the rest. Rules (Penn Treebank conventions, see
 * docs/lexicon.md "Tokens"):
 *   - white space separates; punctuation is split off words;
 *   - abbreviations keep their period: letter-dot runs (U.S. a.m. J.), and
 *     lexicon abbreviations (Mr. Gen. Jan. Inc.; No. only before a number);
 *   - numbers keep their separators (3.5 1,000 11:00); % and $ are tokens;
 *   - clitics are tokens: 's 're 've 'll 'd 'm, n't (don't -> do n't,
 *     can't -> ca n't, won't -> wo n't), and cannot is can not; a plural
 *     possessive ' is a POS token;
 *   - hyphenated compounds stay whole (17-year-old, U.S.-led); "--" and en
 *     or em dashes are tokens; glued sentence ends (end.The) are cut;
 *   - quotes are tokens, opening or closing by position (parity when the
 *     position does not tell); tokens between them get DYAD_TS_QUOTED;
 *   - URLs and e-mail addresses are one token.
 * URLs are noticed when "://", "@" or "www." shows up inside a chunk (a run
 * without white space); the tokens already made of it are then replaced.
 * Exactly one lexicon lookup per word token (abbreviations use the
 * lexicon's small abbreviation table instead); punctuation needs none.
 * Never allocates except to grow the token array in the arena.
 */
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "../base/hash.h"
#include "../base/mem.h"
#include "text_int.h"

/* ------------------------------------------------------- lookup cache */

/* Direct-mapped: 16384 entries of 32 bytes (512 KB). News has a wide
 * vocabulary: on 5,000 articles 4096 entries missed 144,000 times, 16384
 * miss 80,000 times, and the lexicon lookups saved touch more memory than
 * the bigger table does (cachegrind). A word of up to
 * WC_MAX folded bytes is cached with its lexicon id (0 for an unknown
 * word: those repeat too), the lexicon's flags of it and the token hints
 * they give (hints_of). The word is kept zero-padded so that comparing it
 * takes three 8-byte compares. */
#define WC_BITS 14
#define WC_MAX 24
typedef struct wc_entry {
    uint64_t w[WC_MAX / 8]; /* the folded word, zero-padded */
    uint32_t form;          /* lexicon id, 0 = not in the lexicon */
    uint16_t flags;         /* dyad_lex_word.flags */
    uint8_t len;            /* 0 = empty */
    uint8_t hint;           /* hints_of(flags, 0) */
} wc_entry;

/* The lookups of plain words (plain_word) wait in a queue until WQ_MAX
 * are waiting or the segment ends: each entry is prefetched when its word
 * is queued and read when the queue is answered (wc_answer), so that the
 * cache misses of a queue's words overlap instead of stalling the
 * tokenizer one word at a time. This works because nothing in the
 * tokenizer reads a word token's form or hint once it is made. */
#define WQ_MAX 32
typedef struct wq_item {
    uint64_t w[WC_MAX / 8]; /* the folded word, zero-padded */
    wc_entry *e;            /* its entry */
    uint32_t tok;           /* index of its token in the token buffer */
    uint8_t n;              /* its length */
} wq_item;

struct dyad_wcache {
    wc_entry e[1u << WC_BITS];
    wq_item q[WQ_MAX];      /* lookups waiting, q[0, nq) */
    uint32_t nq;
};

dyad_wcache *dyad__wcache_new(void)
{
    /* Aligned to a page, so that no entry straddles two cache lines
     * (calloc's large blocks start 16 bytes into a page); and zeroed a page
     * at a time as the cache fills, by the thread that codes with it: not
     * 512 KB cleared (and 128 page faults) at start-up per coder. */
    return dyad__lazy_calloc(sizeof(dyad_wcache));
}

void dyad__wcache_free(dyad_wcache *wc) { dyad__lazy_free(wc, sizeof(dyad_wcache)); }

/* The token hints a word's lexicon flags give (abbrev: the word is an
 * abbreviation with its period). */
static inline uint8_t hints_of(uint16_t wf, int abbrev)
{
    uint8_t h = 0;
    if (wf & DYAD_LW_FUNCTION)
        h |= DYAD_TH_FUNCTION;
    if (wf & DYAD_LW_STARTER)
        h |= DYAD_TH_STARTER;
    if (wf & DYAD_LW_SUBORD)
        h |= DYAD_TH_SUBORD;
    if ((wf & DYAD_LW_TITLE) && abbrev)
        h |= DYAD_TH_TITLE;
    return h;
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/* SWAR over eight bytes x: the high bit of each byte set when that byte
 * is an ASCII letter or digit; *up and *lo get the capitals and the
 * lower-case letters, *dig the digits. */
#define B8(c) (0x0101010101010101ULL * (uint64_t)(c))
static inline uint64_t alnum8(uint64_t x, uint64_t *up, uint64_t *lo, uint64_t *dig)
{
    const uint64_t H = B8(0x80);
    uint64_t a = x & B8(0x7F), l = a | B8(0x20); /* bytes < 0x80: no carry between bytes below */
    uint64_t letter = (l + B8(0x80 - 'a')) & ~(l + B8(0x7F - 'z')) & H;
    uint64_t digit = (a + B8(0x80 - '0')) & ~(a + B8(0x7F - '9')) & H;
    uint64_t ascii = ~x & H;
    letter &= ascii;
    *dig = digit & ascii;
    *up = letter & ~(x << 2); /* bit 5 (0x20) of a byte moved to its bit 7 */
    *lo = letter & (x << 2);
    return letter | *dig;
}
#endif

/* Does entry e hold the padded word w of n bytes? */
static inline int wc_hit(const wc_entry *e, const uint64_t w[WC_MAX / 8], size_t n)
{
    return e->len == n && ((e->w[0] ^ w[0]) | (e->w[1] ^ w[1]) | (e->w[2] ^ w[2])) == 0;
}

/* Keeps the lexicon's answer for the padded word f, n bytes, in entry e. */
static inline void wc_fill(wc_entry *e, const char *f, size_t n, uint32_t id, uint16_t flags)
{
    memcpy(e->w, f, sizeof e->w);
    e->form = id;
    e->flags = flags;
    e->len = (uint8_t)n;
    e->hint = hints_of(flags, 0);
}

/* A lookup that missed the cache (or that the cache cannot hold): asks
 * the lexicon, and keeps the answer in entry e when e is not NULL. Out of
 * line, so that the hit path below saves no registers. */
static __attribute__((noinline)) uint32_t lookup_miss(const dyad_lex *lex, wc_entry *e,
                                                      const char *f, size_t n, uint16_t *flags,
                                                      uint8_t *hint)
{
    uint32_t id = dyad__lex_find(lex, f, n);
    *flags = id ? dyad__lex_word(lex, id)->flags : 0;
    *hint = hints_of(*flags, 0);
    if (e)
        wc_fill(e, f, n, id, *flags);
    return id;
}

/* The entry of the padded word w: multiplicative hashing, its top bits
 * pick the entry (the length is implied by the padding). */
static inline wc_entry *wc_entry_of(dyad_wcache *wc, const uint64_t w[WC_MAX / 8])
{
    uint64_t h = (w[0] ^ (w[1] * 0x9e3779b97f4a7c15ULL) ^ (w[2] * 0xc2b2ae3d27d4eb4fULL)) *
                 0xd6e8feb86659fd93ULL;
    return &wc->e[h >> (64 - WC_BITS)];
}

/* The lexicon id of the folded word w, n bytes (its flags in *flags, and
 * the token hints they give a word that is no abbreviation in *hint).
 * w holds the word zero-padded to WC_MAX bytes; 0 < n <= WC_MAX. */
static inline uint32_t lookup_w(const dyad_lex *lex, dyad_wcache *wc, const uint64_t w[WC_MAX / 8],
                                size_t n, uint16_t *flags, uint8_t *hint)
{
    if (!wc)
        return lookup_miss(lex, NULL, (const char *)w, n, flags, hint);
    wc_entry *e = wc_entry_of(wc, w);
    if (wc_hit(e, w, n)) {
        *flags = e->flags;
        *hint = e->hint;
        return e->form;
    }
    return lookup_miss(lex, e, (const char *)w, n, flags, hint);
}

/* The lexicon id of folded word f (and its flags in *flags). f[n, WC_MAX)
 * must be zeros. */
static uint32_t lookup(const dyad_lex *lex, dyad_wcache *wc, const char *f, size_t n,
                       uint16_t *flags)
{
    uint8_t hint;
    if (!wc || n == 0 || n > WC_MAX)
        return lookup_miss(lex, NULL, f, n, flags, &hint);
    uint64_t w[WC_MAX / 8];
    memcpy(w, f, sizeof w);
    return lookup_w(lex, wc, w, n, flags, &hint);
}

/* ------------------------------------------------------------ classes */

enum {
    K_SPACE = 1,  /* white space */
    K_LOWER = 2,  /* a-z */
    K_UPPER = 4,  /* A-Z */
    K_DIGIT = 8,  /* 0-9 */
    K_HIGH = 16,  /* byte >= 0x80: look closer */
    K_ALNUM = K_LOWER | K_UPPER | K_DIGIT,
};

static const uint8_t KIND[256] = {
    ['\t'] = K_SPACE, ['\n'] = K_SPACE, ['\v'] = K_SPACE, ['\f'] = K_SPACE, ['\r'] = K_SPACE,
    [' '] = K_SPACE,
    ['0'] = K_DIGIT, ['1'] = K_DIGIT, ['2'] = K_DIGIT, ['3'] = K_DIGIT, ['4'] = K_DIGIT,
    ['5'] = K_DIGIT, ['6'] = K_DIGIT, ['7'] = K_DIGIT, ['8'] = K_DIGIT, ['9'] = K_DIGIT,
#define L(c) [c] = K_LOWER, [c - 32] = K_UPPER
    L('a'), L('b'), L('c'), L('d'), L('e'), L('f'), L('g'), L('h'), L('i'), L('j'), L('k'), L('l'),
    L('m'), L('n'), L('o'), L('p'), L('q'), L('r'), L('s'), L('t'), L('u'), L('v'), L('w'), L('x'),
    L('y'), L('z'),
#undef L
#define H16(b) [b] = K_HIGH, [b + 1] = K_HIGH, [b + 2] = K_HIGH, [b + 3] = K_HIGH, [b + 4] = K_HIGH, \
    [b + 5] = K_HIGH, [b + 6] = K_HIGH, [b + 7] = K_HIGH, [b + 8] = K_HIGH, [b + 9] = K_HIGH,     \
    [b + 10] = K_HIGH, [b + 11] = K_HIGH, [b + 12] = K_HIGH, [b + 13] = K_HIGH, [b + 14] = K_HIGH, \
    [b + 15] = K_HIGH
    H16(0x80), H16(0x90), H16(0xA0), H16(0xB0), H16(0xC0), H16(0xD0), H16(0xE0), H16(0xF0),
#undef H16
};

/* Non-ASCII code points the tokenizer cares about. */
enum {
    U_WORD = 0,   /* letter, mark, number: part of a word */
    U_UPPER,      /* an upper-case letter (part of a word) */
    U_SPACE,      /* NBSP, thin spaces, BOM, zero-width space */
    U_APOS,       /* U+2019: apostrophe or closing single quote */
    U_LSQUOTE,    /* U+2018 */
    U_LDQUOTE,    /* U+201C, U+00AB, U+201E */
    U_RDQUOTE,    /* U+201D, U+00BB */
    U_DASH,       /* U+2013, U+2014, U+2015, U+2212 */
    U_ELLIPSIS,   /* U+2026 */
    U_CURRENCY,   /* currency signs */
    U_PUNCT,      /* any other punctuation or symbol */
};

/* Class of the code point at s[i] (i < end); sets *len to its bytes. */
static int uclass(const char *s, uint32_t i, uint32_t end, uint32_t *len)
{
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(end - i), &cp);
    if (k <= 0) {
        *len = 1;
        return U_PUNCT;
    }
    *len = (uint32_t)k;
    switch (cp) {
    case 0x00A0: case 0x2000: case 0x2001: case 0x2002: case 0x2003: case 0x2004: case 0x2005:
    case 0x2006: case 0x2007: case 0x2008: case 0x2009: case 0x200A: case 0x200B: case 0x202F:
    case 0x205F: case 0x3000: case 0xFEFF: case 0x2028: case 0x2029: case 0x0085:
        return U_SPACE;
    case 0x2019: return U_APOS;
    case 0x2018: case 0x201B: return U_LSQUOTE;
    case 0x201C: case 0x00AB: case 0x201E: return U_LDQUOTE;
    case 0x201D: case 0x00BB: return U_RDQUOTE;
    case 0x2013: case 0x2014: case 0x2015: case 0x2212: return U_DASH;
    case 0x2026: return U_ELLIPSIS;
    default: break;
    }
    utf8proc_category_t c = utf8proc_category(cp);
    switch (c) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LT:
        return U_UPPER;
    case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
    case UTF8PROC_CATEGORY_CF:
        return U_WORD;
    case UTF8PROC_CATEGORY_SC:
        return U_CURRENCY;
    case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP:
        return U_SPACE;
    default:
        return U_PUNCT;
    }
}

/* ------------------------------------------------------------ state */

typedef struct tz {
    const dyad_lex *lex;
    const char *s;       /* the whole text */
    uint32_t end;        /* end of the segment */
    dyad_tokbuf *b;
    int dq, sq;          /* a double / single quotation is open */
} tz;

static dyad_tok *push(tz *z, uint32_t off, uint32_t len)
{
    dyad_tokbuf *b = z->b;
    if (b->n == b->cap) {
        uint32_t nc = b->cap ? b->cap * 2 : 256;
        dyad_tok *t = DYAD_ARENA_NEW(b->arena, dyad_tok, nc);
        if (!t) {
            b->oom = 1;
            return NULL;
        }
        if (b->n)
            memcpy(t, b->t, (size_t)b->n * sizeof *t);
        b->t = t;
        b->cap = nc;
    }
    dyad_tok *t = &b->t[b->n++];
    memset(t, 0, sizeof *t);
    t->off = off;
    t->len = (uint16_t)(len > 65535 ? 65535 : len);
    if ((z->dq || z->sq))
        t->shape |= DYAD_TS_QUOTED;
    return t;
}

/* Answers the queued lookups (see WQ_MAX): each token gets its form and
 * hints, from its entry, or else from the lexicon into the entry. The
 * words the cache misses go through the lexicon side by side too: all
 * their hash-table probes are started, then all their records asked
 * for, then read. */
static void wc_answer(tz *z)
{
    const dyad_lex *lex = z->lex;
    dyad_wcache *wc = z->b->wc;
    dyad_tok *tok = z->b->t;
    uint64_t h[WQ_MAX];
    uint32_t miss[WQ_MAX], id[WQ_MAX], nmiss = 0;
    for (uint32_t i = 0; i < wc->nq; i++) {
        const wq_item *q = &wc->q[i];
        if (wc_hit(q->e, q->w, q->n)) {
            tok[q->tok].form = q->e->form;
            tok[q->tok].hint |= q->e->hint;
        } else {
            h[nmiss] = dyad__lex_find_start(lex, (const char *)q->w, q->n);
            miss[nmiss++] = i;
        }
    }
    for (uint32_t k = 0; k < nmiss; k++) {
        const wq_item *q = &wc->q[miss[k]];
        id[k] = dyad__lex_find_hashed(lex, (const char *)q->w, q->n, h[k]);
        if (id[k])
            __builtin_prefetch(&dyad__lex_word(lex, id[k])->flags);
    }
    for (uint32_t k = 0; k < nmiss; k++) {
        const wq_item *q = &wc->q[miss[k]];
        wc_fill(q->e, (const char *)q->w, q->n, id[k], id[k] ? dyad__lex_word(lex, id[k])->flags : 0);
        tok[q->tok].form = id[k];
        tok[q->tok].hint |= q->e->hint;
    }
    wc->nq = 0;
}

/* A punctuation token whose tag the characters decide. */
static void punct(tz *z, uint32_t off, uint32_t len, int tag)
{
    dyad_tok *t = push(z, off, len);
    if (t) {
        t->tag = (uint8_t)tag;
        t->shape |= DYAD_TS_PUNCT;
    }
}

static void quote(tz *z, uint32_t off, uint32_t len, int open, int single)
{
    if (!open) {
        if (single)
            z->sq = 0;
        else
            z->dq = 0;
    }
    dyad_tok *t = push(z, off, len);
    if (t) {
        t->tag = open ? DYAD_LQUOTE : DYAD_RQUOTE;
        t->shape |= DYAD_TS_PUNCT;
        t->shape &= (uint8_t)~DYAD_TS_QUOTED;
    }
    if (open) {
        if (single)
            z->sq = 1;
        else
            z->dq = 1;
    }
}

/* Shape flags from letter counts. */
static uint8_t shape_of(uint8_t shape, unsigned letters, unsigned uppers, uint32_t len, int abbrev)
{
    if (letters && uppers == letters && (letters > 1 || len == 1 || abbrev))
        shape |= DYAD_TS_ALLCAP;
    if (!letters && !(shape & DYAD_TS_DIGIT))
        shape |= DYAD_TS_PUNCT;
    if (abbrev)
        shape |= DYAD_TS_ABBREV;
    return shape;
}

/* A word token: shape, folded form, one lookup (unless `form` is given). */
static dyad_tok *word(tz *z, uint32_t off, uint32_t len, uint32_t form, int abbrev)
{
    dyad_tok *t = push(z, off, len);
    if (!t)
        return NULL;
    const char *p = z->s + off;
    unsigned letters = 0, uppers = 0, first = 1;
    uint8_t shape = 0;
    char f[256];
    memset(f, 0, WC_MAX); /* lookup() wants the word zero-padded */
    uint32_t i = 0;
    /* ASCII: shape and folding in one pass (lower case, the most frequent,
     * tested first) */
    for (; i < len; i++) {
        unsigned char c = (unsigned char)p[i];
        uint8_t k = KIND[c];
        if (k & K_LOWER) {
            letters++;
            first = 0;
        } else if (k & K_UPPER) {
            letters++;
            uppers++;
            if (first)
                shape |= DYAD_TS_CAP;
            first = 0;
            c = (unsigned char)(c + 32);
        } else if (k & K_HIGH) {
            break;
        } else if (k & K_DIGIT) {
            shape |= DYAD_TS_DIGIT;
            first = 0;
        } else if (c == '-' && i > 0 && i + 1 < len) {
            shape |= DYAD_TS_HYPHEN;
        }
        if (i < sizeof f)
            f[i] = (char)c;
    }
    size_t fl = len;
    if (i < len) {
        /* the rest has non-ASCII letters: classify by code point */
        while (i < len) {
            unsigned char c = (unsigned char)p[i];
            uint8_t k = KIND[c];
            if (k & (K_LOWER | K_UPPER)) {
                letters++;
                if ((k & K_UPPER) && (uppers++, first))
                    shape |= DYAD_TS_CAP;
                first = 0;
                i++;
            } else if (k & K_DIGIT) {
                shape |= DYAD_TS_DIGIT;
                first = 0;
                i++;
            } else if (k & K_HIGH) {
                uint32_t n;
                int u = uclass(z->s, off + i, off + len, &n);
                if (u == U_UPPER || u == U_WORD) {
                    letters++;
                    if (u == U_UPPER) {
                        uppers++;
                        if (first)
                            shape |= DYAD_TS_CAP;
                    }
                    first = 0;
                }
                i += n;
            } else {
                if (c == '-' && i > 0 && i + 1 < len)
                    shape |= DYAD_TS_HYPHEN;
                i++;
            }
        }
        fl = len < sizeof f ? dyad__lex_fold(p, len, f, sizeof f) : (size_t)-1;
        if (fl < WC_MAX)
            memset(f + fl, 0, WC_MAX - fl);
    }
    t->shape |= shape_of(shape, letters, uppers, len, abbrev);
    uint16_t wf = 0;
    if (!form && len < sizeof f && fl != (size_t)-1)
        form = lookup(z->lex, z->b->wc, f, fl, &wf);
    else if (form)
        wf = dyad__lex_word(z->lex, form)->flags;
    t->form = form;
    if (form)
        t->hint |= hints_of(wf, abbrev);
    return t;
}

/* ------------------------------------------------------------ helpers */

static inline int is_alnum(const tz *z, uint32_t i, uint32_t e)
{
    if (i >= e)
        return 0;
    uint8_t k = KIND[(unsigned char)z->s[i]];
    if (k & K_ALNUM)
        return 1;
    if (k & K_HIGH) {
        uint32_t n;
        int u = uclass(z->s, i, e, &n);
        return u == U_WORD || u == U_UPPER;
    }
    return 0;
}

static inline int is_letter(const tz *z, uint32_t i, uint32_t e)
{
    if (i >= e)
        return 0;
    uint8_t k = KIND[(unsigned char)z->s[i]];
    if (k & (K_LOWER | K_UPPER))
        return 1;
    if (k & K_HIGH) {
        uint32_t n;
        int u = uclass(z->s, i, e, &n);
        return u == U_WORD || u == U_UPPER;
    }
    return 0;
}

static inline int kind(const tz *z, uint32_t i, uint32_t e)
{
    return i < e ? KIND[(unsigned char)z->s[i]] : 0;
}

/* Apostrophe at i: ' or U+2019. Returns its length or 0. */
static inline uint32_t apos_at(const tz *z, uint32_t i, uint32_t e)
{
    if (i >= e)
        return 0;
    if (z->s[i] == '\'')
        return 1;
    if ((unsigned char)z->s[i] == 0xE2 && i + 2 < e && (unsigned char)z->s[i + 1] == 0x80 &&
        (unsigned char)z->s[i + 2] == 0x99)
        return 3;
    return 0;
}

/* Clitic letters after an apostrophe at [i, e): s re ve ll d m, followed by
 * a non-letter. Returns the number of letters, or 0. */
static uint32_t clitic_len(const tz *z, uint32_t i, uint32_t e)
{
    char a = i < e ? (char)(z->s[i] | 0x20) : 0, b = i + 1 < e ? (char)(z->s[i + 1] | 0x20) : 0;
    uint32_t n = 0;
    if (a == 's' || a == 'd' || a == 'm')
        n = 1;
    else if ((a == 'r' && b == 'e') || (a == 'v' && b == 'e') || (a == 'l' && b == 'l'))
        n = 2;
    if (n && !is_letter(z, i + n, e))
        return n;
    return 0;
}

/* Is [p,q) a letter-dot run without its last period: U.S  a.m  J  U.S.A */
static int letter_dots(const char *s, uint32_t p, uint32_t q)
{
    uint32_t n = q - p;
    if (n % 2 == 0)
        return 0;
    for (uint32_t i = 0; i < n; i++) {
        uint8_t k = KIND[(unsigned char)s[p + i]];
        if (i % 2 == 0 ? !(k & (K_LOWER | K_UPPER)) : s[p + i] != '.')
            return 0;
    }
    return 1;
}

/* The next non-space byte after i (0 at the end). */
static char next_visible(const tz *z, uint32_t i)
{
    while (i < z->end && (KIND[(unsigned char)z->s[i]] & K_SPACE))
        i++;
    return i < z->end ? z->s[i] : 0;
}

/* ------------------------------------------------------------ words */

/* End of the word that starts at p (an alphanumeric). Stops before
 * punctuation that is not part of the word, before a clitic apostrophe, and
 * before the n of n't. */
static uint32_t scan_word(tz *z, uint32_t p, uint32_t e)
{
    const char *s = z->s;
    uint32_t q = p;
    int period_seen = 0;
    /* the KIND bits every letter and digit so far has: K_DIGIT while all
     * are digits, K_UPPER while all are capitals */
    uint8_t all = K_ALNUM;
    while (q < e) {
        unsigned char c = (unsigned char)s[q];
        uint8_t k = KIND[c];
        if (k & K_ALNUM) {
            all &= k;
            q++;
            continue;
        }
        if (k & K_HIGH) {
            uint32_t n;
            int u = uclass(s, q, e, &n);
            if (u == U_WORD || u == U_UPPER) {
                all &= u == U_UPPER ? K_UPPER : K_LOWER;
                q += n;
                continue;
            }
            if (u != U_APOS)
                break;
        }
        uint32_t al = apos_at(z, q, e);
        if (al) {
            if (!is_letter(z, q + al, e))
                break;
            /* n't: stop before the n (unless the word is n't itself) */
            if (q > p + 1 && (s[q - 1] | 0x20) == 'n' && (s[q + al] | 0x20) == 't' &&
                !is_letter(z, q + al + 1, e))
                return q - 1;
            if (q > p && (s[q - 1] | 0x20) == 'n' && q - 1 == p && (s[q + al] | 0x20) == 't' &&
                !is_letter(z, q + al + 1, e)) {
                q += al + 1; /* "n't" standing alone */
                continue;
            }
            if (clitic_len(z, q + al, e))
                return q;
            q += al; /* O'Brien, Ma'arib */
            continue;
        }
        switch (c) {
        case '-':
            if (q > p && q + 1 < e && s[q + 1] != '-' && is_alnum(z, q + 1, e)) {
                q++;
                continue;
            }
            return q;
        case '.':
            if (q + 1 < e && is_alnum(z, q + 1, e)) {
                /* glued sentence end: "challenges.A new" (not U.S.A, not 3.5) */
                if (!period_seen && q >= p + 2 && (KIND[(unsigned char)s[q - 1]] & K_LOWER) &&
                    (KIND[(unsigned char)s[q - 2]] & K_LOWER) && (kind(z, q + 1, e) & K_UPPER) &&
                    (kind(z, q + 2, e) & K_LOWER))
                    return q;
                period_seen = 1;
                q++;
                continue;
            }
            /* U.S.-led */
            if (period_seen && q + 2 < e && s[q + 1] == '-' && is_alnum(z, q + 2, e)) {
                q += 2;
                continue;
            }
            return q;
        case ',':
            /* 1,000 and 12,500,000: three digits after, then no digit */
            if (q > p && (KIND[(unsigned char)s[q - 1]] & K_DIGIT) && q + 3 < e + 1 &&
                (kind(z, q + 1, e) & K_DIGIT) && (kind(z, q + 2, e) & K_DIGIT) &&
                (kind(z, q + 3, e) & K_DIGIT) && !(kind(z, q + 4, e) & K_DIGIT)) {
                q++;
                continue;
            }
            return q;
        case ':':
            if (q > p && (KIND[(unsigned char)s[q - 1]] & K_DIGIT) && (kind(z, q + 1, e) & K_DIGIT)) {
                q++;
                continue;
            }
            return q;
        case '/':
            if (q > p && is_alnum(z, q + 1, e)) {
                q++;
                continue;
            }
            return q;
        case '&':
            if (q > p && (kind(z, q + 1, e) & K_UPPER) && (all & K_UPPER)) {
                q++;
                continue;
            }
            return q;
        case '$':
            /* US$ C$ HK$: capitals then the sign */
            if ((all & K_UPPER) && !(all & K_DIGIT) && q - p <= 3)
                return q + 1;
            return q;
        default:
            return q;
        }
    }
    return q;
}

/* Bytes that end a plain word without a second look: white space, NUL and
 * ASCII punctuation other than - . , : / & $ and the apostrophe (which
 * scan_word may keep in the word, or emit_word as an abbreviation's
 * period). Not letters, digits or bytes >= 0x80. */
static const uint8_t PLAIN_END[256] = {
    [0] = 1, ['\t'] = 1, ['\n'] = 1, ['\v'] = 1, ['\f'] = 1, ['\r'] = 1, [' '] = 1,
    ['!'] = 1, ['"'] = 1, ['#'] = 1, ['%'] = 1, ['('] = 1, [')'] = 1, ['*'] = 1, ['+'] = 1,
    [';'] = 1, ['<'] = 1, ['='] = 1, ['>'] = 1, ['?'] = 1, ['@'] = 1, ['['] = 1, ['\\'] = 1,
    [']'] = 1, ['^'] = 1, ['_'] = 1, ['`'] = 1, ['{'] = 1, ['|'] = 1, ['}'] = 1, ['~'] = 1,
    [1] = 1, [2] = 1, [3] = 1, [4] = 1, [5] = 1, [6] = 1, [7] = 1, [8] = 1, [14] = 1, [15] = 1,
    [16] = 1, [17] = 1, [18] = 1, [19] = 1, [20] = 1, [21] = 1, [22] = 1, [23] = 1, [24] = 1,
    [25] = 1, [26] = 1, [27] = 1, [28] = 1, [29] = 1, [30] = 1, [31] = 1, [127] = 1,
};

/* The most common word, done in one pass: ASCII letters and digits (and
 * hyphens between them, and the separators of numbers: 1,000 3.5 11:00)
 * only, at most WC_MAX bytes, ended by the end of the segment, by a
 * PLAIN_END byte, by a comma, by an apostrophe before a clitic or a
 * non-letter, or by a period before the end, white space or a PLAIN_END
 * byte when the word is no abbreviation (and not one letter). For such a
 * word scan_word stops at its end and emit_word makes it one word() token,
 * which this does without their passes over the bytes: eight bytes at a
 * time while eight are left in the segment. Returns the end of the word,
 * or 0 when the word at p is not of this kind (nothing is done then), as
 * for "www." (which may start a URL). */
static inline uint32_t plain_word(tz *z, uint32_t p, uint32_t e)
{
    const unsigned char *s = (const unsigned char *)z->s + p;
    const uint32_t left = e - p;
    uint64_t w[WC_MAX / 8] = {0, 0, 0};
    uint64_t up = 0, lo = 0, dig = 0;
    uint32_t n = 0;
    unsigned char *f = (unsigned char *)w;
    uint8_t shape = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    for (unsigned j = 0; j < WC_MAX / 8 && left - n >= 8; j++) {
        uint64_t x, u, l, d;
        memcpy(&x, s + n, 8);
        uint64_t stop = ~alnum8(x, &u, &l, &d) & B8(0x80);
        /* the bytes before the first that is not a letter or digit */
        uint64_t keep = stop ? ((stop & (0 - stop)) >> 7) - 1 : ~(uint64_t)0;
        w[j] = (x | B8(0x20)) & keep; /* folded: | 0x20 lowers a capital, keeps a digit */
        up |= u & keep;
        lo |= l & keep;
        dig |= d & keep;
        if (stop) {
            n += (uint32_t)__builtin_ctzll(stop) >> 3;
            goto scanned;
        }
        n += 8;
    }
#endif
bytes: {
    /* the rest byte by byte (and what follows a hyphen, below) */
    uint32_t max = left < WC_MAX ? left : WC_MAX;
    for (; n < max; n++) {
        uint8_t k = KIND[s[n]];
        if (!(k & K_ALNUM))
            break;
        up |= k & K_UPPER;
        lo |= k & K_LOWER;
        dig |= k & K_DIGIT;
        f[n] = (unsigned char)(s[n] | 0x20);
    }
}
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
scanned:
#endif
    if (n < left && !PLAIN_END[s[n]]) {
        const int after_digit = (KIND[s[n - 1]] & K_DIGIT) != 0;
        const int before_digit = n + 1 < left && (KIND[s[n + 1]] & K_DIGIT);
        if (s[n] == ',') {
            /* scan_word's 1,000 and 12,500,000: three digits after, then no
             * digit (else the comma ends the word) */
            if (after_digit && n + 3 < left && (KIND[s[n + 1]] & KIND[s[n + 2]] & KIND[s[n + 3]] & K_DIGIT) &&
                !(n + 4 < left && (KIND[s[n + 4]] & K_DIGIT))) {
                if (n + 1 >= WC_MAX)
                    return 0;
                f[n++] = ',';
                goto bytes;
            }
        } else if (s[n] == '.') {
            /* 3.5: scan_word goes on after a period before a letter or
             * digit; its glued sentence end (end.The) needs letters before */
            if (after_digit && before_digit && n + 1 < WC_MAX) {
                f[n++] = '.';
                goto bytes;
            }
            /* emit_word's abbreviations: initials (J.) and the lexicon's */
            if (n + 1 < left && !PLAIN_END[s[n + 1]])
                return 0; /* U.S. 3.5 end.The ... */
            if (n == 1 && (up | lo))
                return 0;
            if (n == 3 && memcmp(w, "www", 4) == 0)
                return 0; /* for chunk() to try it as a URL */
            uint16_t af;
            if (n <= 8 && dyad__lex_abbrev(z->lex, (const char *)w, n, &af))
                return 0;
        } else if (s[n] == '\'') {
            /* scan_word stops before an apostrophe that a clitic ('s 're
             * 'll, not n't) or no letter follows */
            if (is_letter(z, p + n + 1, e) && !clitic_len(z, p + n + 1, e))
                return 0;
        } else if (s[n] == ':' && after_digit && before_digit && n + 1 < WC_MAX) {
            f[n++] = ':'; /* 11:00 */
            goto bytes;
        } else if (s[n] == '-' && n + 1 < left && n + 1 < WC_MAX && (KIND[s[n + 1]] & K_ALNUM)) {
            /* a hyphenated compound: scan_word keeps a hyphen between a
             * letter or digit and the next */
            shape = DYAD_TS_HYPHEN;
            f[n++] = '-';
            goto bytes;
        } else {
            return 0; /* longer than WC_MAX, or ends in something to look at */
        }
    }
    if (n == 6 && memcmp(w, "cannot", 6) == 0)
        return 0; /* two tokens, made by chunk() */
    if (z->dq || z->sq)
        shape |= DYAD_TS_QUOTED;
    if (KIND[s[0]] & K_UPPER)
        shape |= DYAD_TS_CAP;
    if (dig)
        shape |= DYAD_TS_DIGIT;
    if (up && !lo) {
        unsigned nup = 0;
        for (uint32_t i = 0; i < n; i++)
            nup += (KIND[s[i]] & K_UPPER) != 0;
        if (nup > 1 || n == 1)
            shape |= DYAD_TS_ALLCAP;
    }
    dyad_tokbuf *b = z->b;
    dyad_tok *t;
    if (b->n < b->cap)
        t = &b->t[b->n++];
    else if (!(t = push(z, p, n)))
        return p + n;
    dyad_wcache *wc = b->wc;
    if (!wc) {
        uint16_t wf;
        uint8_t hint;
        uint32_t form = lookup_miss(z->lex, NULL, (const char *)w, n, &wf, &hint);
        *t = (dyad_tok){.off = p, .len = (uint16_t)n, .shape = shape, .form = form, .hint = hint};
        return p + n;
    }
    *t = (dyad_tok){.off = p, .len = (uint16_t)n, .shape = shape};
    wq_item *q = &wc->q[wc->nq++];
    memcpy(q->w, w, sizeof q->w);
    q->e = wc_entry_of(wc, w);
    __builtin_prefetch(q->e);
    q->tok = (uint32_t)(t - b->t);
    q->n = (uint8_t)n;
    if (wc->nq == WQ_MAX)
        wc_answer(z);
    return p + n;
}

/* Emits the word [p,q) and decides whether a following period belongs to
 * it. Returns the end of what was consumed. */
static uint32_t emit_word(tz *z, uint32_t p, uint32_t q, uint32_t e)
{
    const char *s = z->s;
    if (q < e && s[q] == '.' && !(q + 1 < e && s[q + 1] == '.')) {
        /* letter-dot runs and initials: U.S. a.m. J. */
        if (letter_dots(s, p, q)) {
            word(z, p, q + 1 - p, 0, 1);
            return q + 1;
        }
        /* lexicon abbreviations: Mr. Gen. Jan. Inc. (No. before a number) */
        if (q - p <= 8) {
            char f[32];
            size_t n = dyad__lex_fold(s + p, q - p, f, sizeof f);
            uint16_t fl = 0;
            uint32_t id = n != (size_t)-1 ? dyad__lex_abbrev(z->lex, f, n, &fl) : 0;
            if (id && (!(fl & DYAD_LW_NUMABBR) || (KIND[(unsigned char)next_visible(z, q + 1)] & K_DIGIT))) {
                word(z, p, q + 1 - p, id, 1);
                return q + 1;
            }
        }
    }
    dyad_tok *t = word(z, p, q - p, 0, 0);
    if (t && q - p >= 2 && s[q - 1] == '$')
        t->tag = DYAD_DOLLAR;
    return q;
}

/* ------------------------------------------------------------ URLs */

/* Is the chunk [p,e) a URL or an e-mail address? Sets [*us,*ue). */
static int url_span(const tz *z, uint32_t p, uint32_t e, uint32_t *us, uint32_t *ue)
{
    const char *s = z->s;
    uint32_t a = p, b = e;
    while (a < b && strchr("([<\"'", s[a]))
        a++;
    while (b > a && strchr(".,;:!?)]>\"'", s[b - 1]))
        b--;
    if (b - a < 5)
        return 0;
    int url = 0;
    if (b - a > 4 && (memcmp(s + a, "www.", 4) == 0 || memcmp(s + a, "WWW.", 4) == 0))
        url = 1;
    for (uint32_t i = a; !url && i + 3 <= b; i++) {
        if (s[i] == ':' && s[i + 1] == '/' && s[i + 2] == '/' && i > a)
            url = 1;
        else if (s[i] == '@' && i > a && (KIND[(unsigned char)s[i - 1]] & K_ALNUM)) {
            const char *dot = memchr(s + i + 1, '.', b - i - 1);
            if (dot && dot > s + i + 1 && (KIND[(unsigned char)dot[1]] & K_ALNUM))
                url = 1;
        }
    }
    if (!url)
        return 0;
    *us = a;
    *ue = b;
    return 1;
}

/* ------------------------------------------------------------ chunks */

/* Is text[i] white space (or the end)? */
static int at_space(const tz *z, uint32_t i)
{
    if (i >= z->end)
        return 1;
    uint8_t k = KIND[(unsigned char)z->s[i]];
    if (k & K_SPACE)
        return 1;
    uint32_t n;
    return (k & K_HIGH) && uclass(z->s, i, z->end, &n) == U_SPACE;
}

/* The chunk that starts at cs holds ://, an @ or starts with www.: if it is
 * a URL or an e-mail address that starts at or before *p, replaces the
 * tokens already made of it by one token and moves *p past it. */
static int try_url(tz *z, uint32_t cs, uint32_t *p)
{
    uint32_t ce = *p;
    while (!at_space(z, ce))
        ce++;
    uint32_t us, ue;
    if (!url_span(z, cs, ce, &us, &ue) || us > *p || ue <= *p)
        return 0;
    dyad_tokbuf *b = z->b;
    if (b->wc)
        wc_answer(z); /* before the tokens it answers go */
    while (b->n > 0 && b->t[b->n - 1].off >= us)
        b->n--;
    dyad_tok *t = word(z, us, ue - us, 0, 0);
    if (t) {
        t->hint |= DYAD_TH_URL;
        t->shape &= (uint8_t)~(DYAD_TS_CAP | DYAD_TS_ALLCAP | DYAD_TS_PUNCT);
        t->tag = DYAD_NN;
    }
    *p = ue;
    return 1;
}

/* Tokenises the chunk that starts at p, up to the next white space; returns
 * where it stopped. */
static uint32_t chunk(tz *z, uint32_t p)
{
    const char *s = z->s;
    const uint32_t e = z->end;
    uint32_t cs = p; /* where the chunk starts */
    while (p < e && !z->b->oom) {
        unsigned char c = (unsigned char)s[p];
        uint8_t k = KIND[c];
        if (k & K_SPACE)
            return p;
        /* (letters and digits first: the most frequent, and never an
         * apostrophe) */
        if (k & K_ALNUM) {
            /* (plain_word leaves "www." alone) */
            uint32_t q = plain_word(z, p, e);
            if (q) {
                p = q;
                /* one space, then a letter or digit (the most common way
                 * a word ends): the next chunk starts there, as the
                 * caller's loop would start it, without going back to it */
                if (p + 1 < e && s[p] == ' ' && (KIND[(unsigned char)s[p + 1]] & K_ALNUM))
                    cs = ++p;
                continue;
            }
            if ((c | 0x20) == 'w' && p + 4 < e && (s[p + 1] | 0x20) == 'w' && (s[p + 2] | 0x20) == 'w' &&
                s[p + 3] == '.' && try_url(z, cs, &p))
                continue;
            q = scan_word(z, p, e);
            if (q == p)
                q = p + 1;
            else if (q - p == 6 && !strncasecmp(s + p, "cannot", 6))
                q = p + 3; /* can not, as the treebank writes it */
            p = emit_word(z, p, q, e);
            continue;
        }
        /* an apostrophe glued to the previous word: clitic or possessive */
        uint32_t al = apos_at(z, p, e);
        if (al) {
            int after_word = p > cs && (is_alnum(z, p - 1, e) || (KIND[(unsigned char)s[p - 1]] & K_HIGH) ||
                                        s[p - 1] == '.');
            uint32_t cl = clitic_len(z, p + al, e);
            if (after_word && cl) {
                word(z, p, al + cl, 0, 0);
                p += al + cl;
                continue;
            }
            if (after_word && !is_letter(z, p + al, e)) {
                /* soldiers' (possessive) or a closing single quote */
                if (z->sq)
                    quote(z, p, al, 0, 1);
                else if ((s[p - 1] | 0x20) == 's' || (s[p - 1] | 0x20) == 'z')
                    punct(z, p, al, DYAD_POS);
                else
                    quote(z, p, al, 0, 1);
                p += al;
                continue;
            }
            if (!after_word) {
                /* '90s */
                if (kind(z, p + al, e) & K_DIGIT) {
                    uint32_t q = p + al;
                    while (kind(z, q, e) & K_DIGIT)
                        q++;
                    if (q < e && s[q] == 's' && !is_alnum(z, q + 1, e)) {
                        word(z, p, q + 1 - p, 0, 0);
                        p = q + 1;
                        continue;
                    }
                }
                if (is_alnum(z, p + al, e) && !z->sq)
                    quote(z, p, al, 1, 1);
                else
                    quote(z, p, al, !z->sq, 1);
                p += al;
                continue;
            }
            /* after a word and before a letter, but not a clitic: keep the
             * apostrophe with the following letters (rare: rock'n'roll) */
            uint32_t q = scan_word(z, p + al, e);
            word(z, p, q - p, 0, 0);
            p = q;
            continue;
        }
        if (k & K_HIGH) {
            uint32_t n;
            int u = uclass(s, p, e, &n);
            switch (u) {
            case U_WORD:
            case U_UPPER: {
                uint32_t q = scan_word(z, p, e);
                if (q == p)
                    q = p + n;
                p = emit_word(z, p, q, e);
                continue;
            }
            case U_SPACE:
                return p;
            case U_LSQUOTE:
                quote(z, p, n, 1, 1);
                break;
            case U_LDQUOTE:
                quote(z, p, n, 1, 0);
                break;
            case U_RDQUOTE:
                quote(z, p, n, 0, 0);
                break;
            case U_DASH:
                punct(z, p, n, DYAD_PCOLON);
                break;
            case U_ELLIPSIS: {
                dyad_tok *t = push(z, p, n);
                if (t) {
                    t->tag = DYAD_PCOLON;
                    t->shape |= DYAD_TS_PUNCT;
                    t->hint |= DYAD_TH_ELLIPSIS;
                }
                break;
            }
            case U_CURRENCY:
                punct(z, p, n, DYAD_DOLLAR);
                break;
            default:
                punct(z, p, n, DYAD_SYM);
                break;
            }
            p += n;
            continue;
        }
        switch (c) {
        case '"': {
            int left_open = p == cs || strchr("([{", s[p - 1]) != NULL;
            int right_close = at_space(z, p + 1) || (s[p + 1] && strchr(".,;:!?)]}", s[p + 1]));
            int open = left_open && !right_close ? 1 : right_close && !left_open ? 0 : !z->dq;
            quote(z, p, 1, open, 0);
            p++;
            continue;
        }
        case '`':
            if (p + 1 < e && s[p + 1] == '`') {
                quote(z, p, 2, 1, 0);
                p += 2;
            } else {
                quote(z, p, 1, 1, 1);
                p++;
            }
            continue;
        case '.': {
            uint32_t q = p;
            while (q < e && s[q] == '.')
                q++;
            if (q - p >= 2) {
                dyad_tok *t = push(z, p, q - p);
                if (t) {
                    t->tag = DYAD_PCOLON;
                    t->shape |= DYAD_TS_PUNCT;
                    t->hint |= DYAD_TH_ELLIPSIS;
                }
                p = q;
            } else if (kind(z, p + 1, e) & K_DIGIT) {
                uint32_t r = scan_word(z, p + 1, e); /* .5 */
                word(z, p, r - p, 0, 0);
                p = r;
            } else {
                punct(z, p, 1, DYAD_PEND);
                p++;
            }
            continue;
        }
        case '!':
        case '?': {
            uint32_t q = p;
            while (q < e && (s[q] == '!' || s[q] == '?'))
                q++;
            punct(z, p, q - p, DYAD_PEND);
            p = q;
            continue;
        }
        case ',':
            punct(z, p, 1, DYAD_PCOMMA);
            p++;
            continue;
        case ':':
            if (p + 2 < e && s[p + 1] == '/' && s[p + 2] == '/' && p > cs && try_url(z, cs, &p))
                continue;
            punct(z, p, 1, DYAD_PCOLON);
            p++;
            continue;
        case ';':
            punct(z, p, 1, DYAD_PCOLON);
            p++;
            continue;
        case '-': {
            uint32_t q = p;
            while (q < e && s[q] == '-')
                q++;
            punct(z, p, q - p, DYAD_PCOLON);
            p = q;
            continue;
        }
        case '(':
        case '[':
        case '{':
            punct(z, p, 1, DYAD_LRB);
            p++;
            continue;
        case ')':
        case ']':
        case '}':
            punct(z, p, 1, DYAD_RRB);
            p++;
            continue;
        case '$':
            punct(z, p, 1, DYAD_DOLLAR);
            p++;
            continue;
        case '#':
        case '@':
            if (c == '@' && p > cs && try_url(z, cs, &p)) /* info@example.com */
                continue;
            if (is_alnum(z, p + 1, e)) { /* #hashtag @handle */
                uint32_t q = scan_word(z, p + 1, e);
                word(z, p, q - p, 0, 0);
                p = q;
                continue;
            }
            punct(z, p, 1, DYAD_SYM);
            p++;
            continue;
        case '%':
        case '&': {
            word(z, p, 1, 0, 0); /* the lexicon knows them (NN, CC) */
            p++;
            continue;
        }
        default:
            punct(z, p, 1, DYAD_SYM);
            p++;
            continue;
        }
    }
    return p;
}

int dyad__tokenize_into(const dyad_lex *lex, const char *text, uint32_t off, uint32_t len,
                        dyad_tokbuf *b)
{
    tz z = {lex, text, off + len, b, 0, 0};
    uint32_t i = off, end = off + len;
    while (i < end && !b->oom) {
        unsigned char c = (unsigned char)text[i];
        uint8_t k = KIND[c];
        if (k & K_SPACE) {
            i++;
            continue;
        }
        if (k & K_HIGH) {
            uint32_t n;
            if (uclass(text, i, end, &n) == U_SPACE) {
                i += n;
                continue;
            }
        }
        i = chunk(&z, i);
    }
    if (b->wc)
        wc_answer(&z);
    return b->oom ? -1 : 0;
}

uint32_t dyad__tokenize(const dyad_lex *lex, const char *text, uint32_t off, uint32_t len,
                        dyad_arena *arena, dyad_tok **out)
{
    dyad_tokbuf b = {NULL, 0, 0, arena, 0, NULL};
    if (dyad__tokenize_into(lex, text, off, len, &b) != 0) {
        *out = NULL;
        return 0;
    }
    *out = b.t;
    return b.n;
}
