/*
 * load.c -- dyad_kb_load: reads the dictionary files in order and hands each
 * line to its parser (trie.c, patterns.c, tables.c), then finishes the
 * lookup structures.
 *
 * Order: the generated files (gen/), then the hand-written data/ files in
 * name order, then the user's files in the order given; the tables
 * (cameo.txt, codes.txt) are read even when the defaults are off. Owns the
 * line syntax of docs/dictionaries.md (comments, fields, " : ", escapes)
 * and the small containers every kb file uses (arena carving, vectors, the
 * 64-bit key map). Never looks inside a name or a pattern: that is the
 * business of the line parsers.
 *
 * The built-in dictionaries alone are not parsed at run time: the build
 * parses them with this code and writes the kb as an image (image.c,
 * gen/kb.bin, embedded), which dyad_kb_load restores.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "../base/hash.h"
#include "../base/mem.h"
#include "embedded.h"
#include "kbi.h"

/* --------------------------------------------------------- containers */

void *kb_alloc_chunk(dyad_kb *kb, size_t n)
{
    size_t size = n + 8 > 64 * 1024 ? n + 8 : 64 * 1024;
    char *c = dyad__arena_alloc(&kb->mem, size);
    if (!c)
        return NULL;
    kb->chunk = c + n;
    kb->chunk_left = size - n;
    return c;
}

char *kb_strdup(dyad_kb *kb, const char *s, size_t n)
{
    char *p = kb_alloc(kb, n + 1, 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

/* Moves the items to room for n (> v->cap) of them. Large tables are
 * filled once while loading, and a page fault per 4 KB of them is a good
 * part of the load: dyad__big_calloc gives them huge pages. */
static int vec_move(kb_vec *v, size_t size, size_t n)
{
    if (n > UINT32_MAX / 2 || (v->size && v->size != size))
        return -1;
    void *p = dyad__big_calloc(n, size);
    if (!p)
        return -1;
    if (v->n)
        memcpy(p, v->p, (size_t)v->n * size);
    dyad__big_free(v->p, v->cap, size);
    v->p = p;
    v->cap = (uint32_t)n;
    v->size = (uint32_t)size;
    return 0;
}

int kb_vec_reserve(kb_vec *v, size_t size, size_t n)
{
    return n <= v->cap ? 0 : vec_move(v, size, n);
}

int kb_vec_grow(kb_vec *v, size_t size) { return vec_move(v, size, v->cap ? (size_t)v->cap * 2 : 64); }

static void vec_free(kb_vec *v)
{
    dyad__big_free(v->p, v->cap, v->size);
    memset(v, 0, sizeof *v);
}

int kb_map_init(kb_map *m, uint32_t expected)
{
    uint32_t cap = 64;
    while (cap < expected * 2u && cap < (1u << 30))
        cap <<= 1;
    m->s = dyad__big_calloc(cap, sizeof *m->s);
    m->cap = cap;
    m->count = 0;
    return m->s ? 0 : -1;
}

void kb_map_free(kb_map *m)
{
    dyad__big_free(m->s, m->cap, sizeof *m->s);
    memset(m, 0, sizeof *m);
}

static int map_grow(kb_map *m)
{
    kb_map n;
    if (kb_map_init(&n, m->cap) != 0) {
        kb_map_free(&n);
        return -1;
    }
    for (uint32_t i = 0; i < m->cap; i++)
        if (m->s[i].key) {
            uint32_t mask = n.cap - 1, j = (uint32_t)dyad__mix64(m->s[i].key) & mask;
            while (n.s[j].key)
                j = (j + 1) & mask;
            n.s[j] = m->s[i];
        }
    n.count = m->count;
    kb_map_free(m);
    *m = n;
    return 0;
}

/* The slot of key, or the empty slot where it would go. */
static inline kb_slot *map_find(const kb_map *m, uint64_t k)
{
    uint32_t mask = m->cap - 1, i = (uint32_t)dyad__mix64(k) & mask;
    while (m->s[i].key && m->s[i].key != k)
        i = (i + 1) & mask;
    return &m->s[i];
}

int kb_map_put(kb_map *m, uint64_t key, uint32_t val)
{
    if ((m->count + 1) * 2u >= m->cap && map_grow(m) != 0)
        return -1;
    kb_slot *sl = map_find(m, key + 1);
    if (!sl->key) {
        sl->key = key + 1;
        m->count++;
    }
    sl->val = val;
    return 0;
}

uint32_t *kb_map_slot(kb_map *m, uint64_t key, int *fresh)
{
    *fresh = 0;
    if ((m->count + 1) * 2u >= m->cap && map_grow(m) != 0)
        return NULL;
    kb_slot *sl = map_find(m, key + 1);
    if (!sl->key) {
        sl->key = key + 1;
        sl->val = 0;
        m->count++;
        *fresh = 1;
    }
    return &sl->val;
}

uint32_t kb_map_get(const kb_map *m, uint64_t key)
{
    if (!m->cap)
        return 0;
    return map_find(m, key + 1)->val;
}

/* ------------------------------------------------------------ sizing */

/* count_bytes() adds the newlines, '|' and spaces of [p, e) to the
 * counters, for sizing the tables before the load. Matches are counted per
 * byte lane, and the lanes summed before any can pass 255: with SSE2 (every
 * x86-64) sixteen bytes at a time (compare, subtract the -1s), otherwise
 * eight (no popcount: the baseline x86-64 has none). */
#if defined(__SSE2__)
/* Sum of the sixteen bytes of v. */
static inline size_t lanes_sum(__m128i v)
{
    __m128i s = _mm_sad_epu8(v, _mm_setzero_si128()); /* two 16-bit sums */
    return (size_t)_mm_cvtsi128_si32(s) + (size_t)_mm_extract_epi16(s, 4);
}

static void count_bytes(const char *p, const char *e, size_t *nl, size_t *bar, size_t *sp)
{
    const __m128i cn = _mm_set1_epi8('\n'), cb = _mm_set1_epi8('|'), cs = _mm_set1_epi8(' ');
    size_t a = 0, b = 0, c = 0;
    while (e - p >= 16) {
        __m128i la = _mm_setzero_si128(), lb = la, lc = la;
        for (int k = 0; k < 255 && e - p >= 16; k++, p += 16) {
            __m128i w = _mm_loadu_si128((const __m128i *)(const void *)p);
            la = _mm_sub_epi8(la, _mm_cmpeq_epi8(w, cn));
            lb = _mm_sub_epi8(lb, _mm_cmpeq_epi8(w, cb));
            lc = _mm_sub_epi8(lc, _mm_cmpeq_epi8(w, cs));
        }
        a += lanes_sum(la);
        b += lanes_sum(lb);
        c += lanes_sum(lc);
    }
#else
/* 0x80 in each byte of w that equals the byte in rep (rep = c * 0x01..01),
 * else 0: exact, with no borrow between bytes. */
static inline uint64_t bytes_eq(uint64_t w, uint64_t rep)
{
    const uint64_t lo7 = 0x7f7f7f7f7f7f7f7full;
    uint64_t x = w ^ rep;
    return ~(((x & lo7) + lo7) | x | lo7);
}

/* Sum of the eight bytes of w (each at most 255). */
static inline size_t byte_sum(uint64_t w)
{
    const uint64_t m16 = 0x00ff00ff00ff00ffull;
    w = (w & m16) + ((w >> 8) & m16); /* four 16-bit lanes */
    return (size_t)((w * 0x0001000100010001ull) >> 48);
}

static void count_bytes(const char *p, const char *e, size_t *nl, size_t *bar, size_t *sp)
{
    const uint64_t one = 0x0101010101010101ull;
    size_t a = 0, b = 0, c = 0;
    while (e - p >= 8) {
        uint64_t la = 0, lb = 0, lc = 0;
        for (int k = 0; k < 255 && e - p >= 8; k++, p += 8) {
            uint64_t w;
            memcpy(&w, p, 8);
            la += bytes_eq(w, one * '\n') >> 7;
            lb += bytes_eq(w, one * '|') >> 7;
            lc += bytes_eq(w, one * ' ') >> 7;
        }
        a += byte_sum(la);
        b += byte_sum(lb);
        c += byte_sum(lc);
    }
#endif
    for (; p < e; p++) {
        a += *p == '\n';
        b += *p == '|';
        c += *p == ' ';
    }
    *nl += a;
    *bar += b;
    *sp += c;
}

/* ------------------------------------------------------------ findings */

const char *kb_file_name(const dyad_kb *kb, uint32_t file)
{
    return file < kb->files.n ? KB_VEC_AT(kb->files, kb_file, file).name : "?";
}

static int vnote(dyad_kb *kb, int severity, uint32_t file, uint32_t line, const char *fmt,
                 va_list ap)
{
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    kb_finding *f = kb_vec_push(&kb->findings, sizeof *f);
    if (!f)
        return -1;
    f->severity = (uint8_t)severity;
    f->file = file;
    f->line = line;
    f->msg = kb_strdup(kb, msg, strlen(msg));
    return f->msg ? 0 : -1;
}

int kb_note(dyad_kb *kb, int severity, uint32_t file, uint32_t line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = vnote(kb, severity, file, line, fmt, ap);
    va_end(ap);
    return r;
}

int kb_line_error(dyad_kb *kb, const kb_line *ln, dyad_err *err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (kb->lenient) {
        int r = vnote(kb, KS_ERROR, ln->file, ln->line, fmt, ap);
        va_end(ap);
        return r;
    }
    char msg[320];
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    dyad__err_set(err, DYAD_EDICT, kb_file_name(kb, ln->file), ln->line, ln->offset, "%s",
                  msg);
    return -1;
}

/* --------------------------------------------------------------- codes */

int kb_block_index(const char *s)
{
    int v = 0;
    for (int i = 0; i < 3; i++) {
        int c = (unsigned char)s[i], d;
        if (c >= 'A' && c <= 'Z')
            d = c - 'A';
        else if (c >= '0' && c <= '9')
            d = 26 + c - '0';
        else
            return -1;
        v = v * 36 + d;
    }
    return v;
}

unsigned dyad__kb_block_type(const dyad_kb *kb, const char *block)
{
    if (!block)
        return 0;
    if (block[0] == '-' && block[1] == '-' && block[2] == '-')
        return DYAD_CB_ROOT;
    int i = kb_block_index(block);
    return i < 0 || !kb->blocks ? 0 : kb->blocks[i];
}

/* ----------------------------------------------------------- tokenising */

const dyad_lex *dyad__kb_lex(const dyad_kb *kb) { return kb->lex; }

/* Tokenises s with the text tokenizer; calls back with each token's folded
 * form (NUL-terminated), the id the lexicon already has for it (0 if none)
 * and its capital mask. */
typedef int (*tok_fn)(void *ud, const char *folded, size_t n, uint32_t known, uint16_t mask,
                      int exact);

/* Byte classes of simple_tokens(): 0 other, 1 space, 2 lower-case ASCII
 * letter, 3 upper-case. */
static const uint8_t simple_class[256] = {
    [' '] = 1,
    ['a'] = 2, ['b'] = 2, ['c'] = 2, ['d'] = 2, ['e'] = 2, ['f'] = 2, ['g'] = 2, ['h'] = 2,
    ['i'] = 2, ['j'] = 2, ['k'] = 2, ['l'] = 2, ['m'] = 2, ['n'] = 2, ['o'] = 2, ['p'] = 2,
    ['q'] = 2, ['r'] = 2, ['s'] = 2, ['t'] = 2, ['u'] = 2, ['v'] = 2, ['w'] = 2, ['x'] = 2,
    ['y'] = 2, ['z'] = 2,
    ['A'] = 3, ['B'] = 3, ['C'] = 3, ['D'] = 3, ['E'] = 3, ['F'] = 3, ['G'] = 3, ['H'] = 3,
    ['I'] = 3, ['J'] = 3, ['K'] = 3, ['L'] = 3, ['M'] = 3, ['N'] = 3, ['O'] = 3, ['P'] = 3,
    ['Q'] = 3, ['R'] = 3, ['S'] = 3, ['T'] = 3, ['U'] = 3, ['V'] = 3, ['W'] = 3, ['X'] = 3,
    ['Y'] = 3, ['Z'] = 3,
};

#define SIMPLE_MAX 512 /* longest string simple_tokens() takes */

/* The fast path of each_token(): words of ASCII letters separated by
 * spaces, which the tokenizer would cut at the spaces and look up folded,
 * as it is. One pass folds the words and finds their ends and capitals;
 * the callbacks come only once the whole string is known to be simple.
 * With intern_into, the first intern_max words are interned there (as
 * kb_words' callback would do next) rather than only looked up.
 * Returns -2 when s is not that simple (nothing was called). */
static int simple_tokens(const dyad_lex *lex, dyad_lex *intern_into, size_t intern_max,
                         const char *s, size_t n, tok_fn fn, void *ud)
{
    char sfb[SIMPLE_MAX + 1];
    uint32_t sat[SIMPLE_MAX / 2 + 1];
    uint16_t slen[SIMPLE_MAX / 2 + 1], scaps[SIMPLE_MAX / 2 + 1];
    char *fb = sfb;       /* the folded words, each NUL-terminated */
    uint32_t *at = sat;   /* where each word starts in fb */
    uint16_t *len = slen, *caps = scaps; /* kb_caps_mask() of ASCII letters */
    void *big = NULL;
    if (n > SIMPLE_MAX) { /* rare: a long line of names */
        big = malloc((n + 1) + (n / 2 + 1) * (sizeof *at + sizeof *len + sizeof *caps));
        if (!big)
            return -1;
        at = big;
        len = (uint16_t *)(at + n / 2 + 1);
        caps = len + n / 2 + 1;
        fb = (char *)(caps + n / 2 + 1);
    }
    size_t nw = 0, o = 0, run = 0;
    uint16_t m = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        unsigned cls = simple_class[c];
        if (cls == 2) { /* most bytes */
            run++;
            fb[o++] = (char)c;
        } else if (cls == 3) {
            if (run < 16)
                m |= (uint16_t)(1u << run);
            run++;
            fb[o++] = (char)(c | 0x20);
        } else if (cls == 1) {
            if (run > 250) {
                free(big);
                return -2;
            }
            if (run) {
                at[nw] = (uint32_t)(o - run);
                len[nw] = (uint16_t)run;
                caps[nw++] = m;
                fb[o++] = '\0';
                run = 0;
                m = 0;
            }
        } else {
            free(big);
            return -2;
        }
    }
    if (run > 250) {
        free(big);
        return -2;
    }
    if (run) {
        at[nw] = (uint32_t)(o - run);
        len[nw] = (uint16_t)run;
        caps[nw++] = m;
        fb[o] = '\0';
    }
    int r = 0;
    for (size_t k = 0; k < nw && r == 0; k++) {
        const char *f = fb + at[k];
        uint32_t known;
        if (intern_into && k < intern_max) {
            known = dyad__lex_intern(intern_into, f, len[k]);
            if (!known) {
                r = -1;
                break;
            }
        } else {
            known = dyad__lex_find(lex, f, len[k]);
        }
        r = fn(ud, f, len[k], known, caps[k], 1);
    }
    free(big);
    return r;
}

static int each_token(const dyad_kb *kb, dyad_lex *intern_into, size_t intern_max, const char *s,
                      size_t n, tok_fn fn, void *ud)
{
    const dyad_lex *lex = kb->lex;
    int fast = simple_tokens(lex, intern_into, intern_max, s, n, fn, ud);
    if (fast != -2)
        return fast;
    /* The load's scratch arena, reset per call; a read-only kb (find) makes
     * its own. */
    dyad_arena local, *scratch = kb->scratch;
    if (!scratch) {
        dyad__arena_init(&local, 4096);
        scratch = &local;
    } else {
        dyad__arena_reset(scratch);
    }
    dyad_tok *tok = NULL;
    uint32_t nt = dyad__tokenize(lex, s, 0, (uint32_t)n, scratch, &tok);
    int r = 0;
    for (uint32_t i = 0; i < nt && r == 0; i++) {
        char f[256];
        size_t len = tok[i].len < 255 ? tok[i].len : 255;
        size_t fl = dyad__lex_fold(s + tok[i].off, len, f, sizeof f - 1);
        if (fl == (size_t)-1)
            fl = 0;
        f[fl] = '\0';
        uint32_t known = tok[i].form; /* 0: the tokenizer found no such word */
        r = fn(ud, f, fl, known, kb_caps_mask(s + tok[i].off, tok[i].len), 0);
    }
    if (scratch == &local)
        dyad__arena_free(&local);
    return r;
}

typedef struct words_ctx {
    dyad_kb *kb;          /* NULL: find only */
    const dyad_lex *lex;
    uint32_t *ids;
    uint16_t *masks;
    uint32_t n, cap;
} words_ctx;

static int words_cb(void *ud, const char *f, size_t n, uint32_t known, uint16_t mask,
                    int exact)
{
    (void)exact;
    words_ctx *c = ud;
    if (c->n >= c->cap)
        return 1;
    uint32_t id = known;
    if (!id && c->kb) {
        id = dyad__lex_intern(c->kb->lex, f, n);
        if (!id)
            return -1;
    }
    if (id && c->kb)
        dyad__lex_word_mut(c->kb->lex, id)->flags |= DYAD_LW_KB;
    c->ids[c->n] = id;
    if (c->masks)
        c->masks[c->n] = mask;
    c->n++;
    return 0;
}

typedef struct tokens_ctx {
    kb_tokw *out;
    int n, cap;
} tokens_ctx;

static int tokens_cb(void *ud, const char *f, size_t n, uint32_t known, uint16_t mask,
                     int exact)
{
    tokens_ctx *c = ud;
    if (c->n >= c->cap)
        return 1;
    kb_tokw *w = &c->out[c->n++];
    memcpy(w->f, f, n + 1);
    w->n = n;
    w->known = known;
    w->mask = mask;
    w->exact = (uint8_t)exact;
    return 0;
}

int kb_one_word(const dyad_kb *kb, const char *s, size_t n, kb_tokw *w)
{
    if (n == 0 || n > 250)
        return -2;
    uint16_t caps = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        unsigned cls = simple_class[c];
        if (cls != 2) {
            if (cls != 3)
                return -2;
            if (i < 16)
                caps |= (uint16_t)(1u << i);
        }
        w->f[i] = (char)(c | 0x20);
    }
    w->f[n] = '\0';
    w->n = n;
    w->known = dyad__lex_find(kb->lex, w->f, n);
    w->mask = caps;
    w->exact = 1;
    return 1;
}

int kb_tokens(const dyad_kb *kb, const char *s, size_t n, kb_tokw *out, int cap)
{
    tokens_ctx c = {out, 0, cap};
    return each_token(kb, NULL, 0, s, n, tokens_cb, &c) < 0 ? -1 : c.n;
}

uint32_t kb_intern(dyad_kb *kb, const char *f, size_t n)
{
    uint32_t id = dyad__lex_intern(kb->lex, f, n);
    if (id)
        dyad__lex_word_mut(kb->lex, id)->flags |= DYAD_LW_KB;
    return id;
}

int kb_words(dyad_kb *kb, const char *s, size_t n, uint32_t *ids, uint16_t *masks,
             uint32_t cap)
{
    words_ctx c = {kb, kb->lex, ids, masks, 0, cap};
    int r = each_token(kb, kb->lex, cap, s, n, words_cb, &c);
    return r < 0 ? -1 : (int)c.n;
}

int kb_words_find(const dyad_kb *kb, const char *s, size_t n, uint32_t *ids, uint16_t *masks,
                  uint32_t cap)
{
    words_ctx c = {NULL, kb->lex, ids, masks, 0, cap};
    int r = each_token(kb, NULL, 0, s, n, words_cb, &c);
    return r < 0 ? -1 : (int)c.n;
}

/* -------------------------------------------------------- line syntax */

static inline int is_space(char c)
{
    return (unsigned char)c <= ' ' && /* most bytes: one test */
           (c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f');
}

/* Copies the line without its comment, unescaping "\#", into buf; returns
 * the length. */
static size_t strip_comment(const char *s, size_t n, char *buf)
{
    size_t o = 0;
    const char *hash = memchr(s, '#', n);
    if (!hash || hash == s || hash[-1] != '\\') {
        /* No "\#" before the first '#': the line up to it, as it is. */
        o = hash ? (size_t)(hash - s) : n;
        memcpy(buf, s, o);
    } else {
        for (size_t i = 0; i < n; i++) {
            if (s[i] == '\\' && i + 1 < n && s[i + 1] == '#') {
                buf[o++] = '#';
                i++;
                continue;
            }
            if (s[i] == '#')
                break;
            buf[o++] = s[i];
        }
    }
    while (o && is_space(buf[o - 1]))
        o--;
    buf[o] = '\0';
    return o;
}

static int dispatch(dyad_kb *kb, kb_line *ln, dyad_err *err)
{
    const char *k = ln->kind;
    size_t kn = ln->kind_len;
    /* By length, then the bytes (constant-size compares, no loop). */
#define IS(w) (memcmp(k, w, sizeof(w) - 1) == 0)
    switch (kn) {
    case 3:
        if (IS("adj"))
            return kb_actor_line(kb, ln, DYAD_AK_ADJ, err);
        if (IS("org"))
            return kb_actor_line(kb, ln, DYAD_AK_ORG, err);
        break;
    case 4:
        if (IS("verb"))
            return kb_pattern_line(kb, ln, DYAD_PK_VERB, err);
        if (IS("noun"))
            return kb_pattern_line(kb, ln, DYAD_PK_NOUN, err);
        if (IS("city"))
            return kb_actor_line(kb, ln, DYAD_AK_CITY, err);
        if (IS("drop"))
            return kb_drop_line(kb, ln, err);
        if (IS("code"))
            return kb_code_line(kb, ln, err);
        break;
    case 5:
        if (IS("agent"))
            return kb_actor_line(kb, ln, DYAD_AK_AGENT, err);
        if (IS("event"))
            return kb_event_line(kb, ln, err);
        break;
    case 6:
        if (IS("person"))
            return kb_actor_line(kb, ln, DYAD_AK_PERSON, err);
        break;
    case 7:
        if (IS("country"))
            return kb_actor_line(kb, ln, DYAD_AK_COUNTRY, err);
        if (IS("capital"))
            return kb_actor_line(kb, ln, DYAD_AK_CAPITAL, err);
        if (IS("discard"))
            return kb_discard_line(kb, ln, err);
        break;
    default:
        break;
    }
#undef IS
    return kb_line_error(kb, ln, err, "unknown kind '%.*s' (see docs/dictionaries.md)",
                         (int)(kn > 40 ? 40 : kn), k);
}

/* Parses one line (without its newline). buf has room for n+1 bytes. */
static int parse_line(dyad_kb *kb, uint32_t file, uint32_t lineno, uint64_t offset,
                      const char *s, size_t n, char *buf, dyad_err *err)
{
    size_t len = strip_comment(s, n, buf);
    size_t i = 0;
    while (i < len && is_space(buf[i]))
        i++;
    if (i == len)
        return 0;
    kb_line ln; /* field[] and field_len[] are read only below nfield */
    ln.nfield = 0;
    ln.rest = NULL;
    ln.rest_len = 0;
    ln.file = file;
    ln.line = lineno;
    ln.offset = offset;
    ln.kind = buf + i;
    while (i < len && !is_space(buf[i]))
        i++;
    ln.kind_len = (size_t)(buf + i - ln.kind);
    /* The separator: the first ':' with white space (or the line's end) on
     * both sides, after the kind. */
    size_t sep = 0;
    for (const char *c = buf + i; (c = memchr(c, ':', (size_t)(buf + len - c))) != NULL; c++) {
        size_t j = (size_t)(c - buf);
        if (is_space(buf[j - 1]) && (j + 1 == len || is_space(buf[j + 1]))) {
            sep = j;
            break;
        }
    }
    if (!sep)
        return kb_line_error(kb, &ln, err, "expected ' : ' between the fields and the names");
    while (i < sep) {
        while (i < sep && is_space(buf[i]))
            i++;
        if (i == sep)
            break;
        if (ln.nfield == 32)
            return kb_line_error(kb, &ln, err, "too many fields (at most 32)");
        ln.field[ln.nfield] = buf + i;
        while (i < sep && !is_space(buf[i]))
            i++;
        ln.field_len[ln.nfield] = (size_t)(buf + i - ln.field[ln.nfield]);
        ln.nfield++;
    }
    size_t r = sep + 1;
    while (r < len && is_space(buf[r]))
        r++;
    ln.rest = buf + r;
    ln.rest_len = len - r;
    if (!ln.rest_len)
        return kb_line_error(kb, &ln, err, "nothing after ' : '");
    return dispatch(kb, &ln, err);
}

int kb_parse_line(dyad_kb *kb, uint32_t file, uint32_t lineno, uint64_t offset, const char *s,
                  size_t n, dyad_err *err)
{
    char *buf = malloc(n + 1);
    if (!buf) {
        dyad__err_set(err, DYAD_ENOMEM, kb_file_name(kb, file), lineno, offset, NULL);
        return -1;
    }
    int r = parse_line(kb, file, lineno, offset, s, n, buf, err);
    free(buf);
    return r;
}

static int load_text(dyad_kb *kb, uint32_t file, const char *p, size_t n, dyad_err *err)
{
    size_t cap = 4096;
    char *buf = malloc(cap);
    if (!buf) {
        dyad__err_set(err, DYAD_ENOMEM, kb_file_name(kb, file), 0, 0, NULL);
        return -1;
    }
    const char *s = p, *end = p + n;
    if (n >= 3 && (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBB &&
        (unsigned char)s[2] == 0xBF)
        s += 3;
    uint32_t lineno = 0;
    int r = 0;
    /* Lines are checked for NUL bytes only when the file has one. */
    int nul = memchr(s, '\0', (size_t)(end - s)) != NULL;
    while (s < end && r == 0) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        const char *e = nl ? nl : end;
        lineno++;
        size_t len = (size_t)(e - s);
        if (len + 1 > cap) {
            while (cap < len + 1)
                cap *= 2;
            char *nb = realloc(buf, cap);
            if (!nb) {
                dyad__err_set(err, DYAD_ENOMEM, kb_file_name(kb, file), lineno, 0, NULL);
                r = -1;
                break;
            }
            buf = nb;
        }
        if (nul && memchr(s, '\0', len)) {
            kb_line ln = {.file = file, .line = lineno, .offset = (uint64_t)(s - p)};
            r = kb_line_error(kb, &ln, err, "NUL byte in a dictionary line");
        } else {
            r = parse_line(kb, file, lineno, (uint64_t)(s - p), s, len, buf, err);
        }
        s = e + 1;
    }
    free(buf);
    return r;
}

static int add_file(dyad_kb *kb, const char *name, uint32_t flags, uint32_t *idx)
{
    kb_file *f = kb_vec_push(&kb->files, sizeof *f);
    if (!f)
        return -1;
    f->name = kb_strdup(kb, name, strlen(name));
    f->flags = flags;
    *idx = kb->files.n - 1;
    return f->name ? 0 : -1;
}

static int read_file(const char *path, char **out, size_t *n, dyad_err *err)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        dyad__err_set(err, DYAD_EIO, path, 0, 0, "cannot open dictionary: %s", strerror(errno));
        return -1;
    }
    size_t len = 0;
    int oom;
    char *buf = dyad__read_all(fp, &len, &oom);
    fclose(fp);
    if (!buf) {
        if (oom)
            dyad__err_set(err, DYAD_ENOMEM, path, 0, 0, NULL);
        else
            dyad__err_set(err, DYAD_EIO, path, 0, 0, "cannot read dictionary");
        return -1;
    }
    *out = buf;
    *n = len;
    return 0;
}

/* ------------------------------------------------------- built-in files */

/* Embedded files that are not dictionaries (they belong to other stages). */
static int not_a_dictionary(const char *name)
{
    static const char *const skip[] = {"gen/lexicon.txt", "gen/lexicon.bin", "gen/kb.bin",
                                       "lex/", "text/"};
    for (size_t i = 0; i < sizeof skip / sizeof skip[0]; i++) {
        size_t n = strlen(skip[i]);
        if (skip[i][n - 1] == '/' ? strncmp(name, skip[i], n) == 0 : strcmp(name, skip[i]) == 0)
            return 1;
    }
    return 0;
}

static int is_table(const char *name)
{
    return strcmp(name, "cameo.txt") == 0 || strcmp(name, "codes.txt") == 0;
}

static int cmp_embedded(const void *a, const void *b)
{
    const dyad_embedded *x = *(const dyad_embedded *const *)a, *y = *(const dyad_embedded *const *)b;
    int gx = strncmp(x->name, "gen/", 4) == 0, gy = strncmp(y->name, "gen/", 4) == 0;
    if (gx != gy)
        return gy - gx; /* generated first */
    return strcmp(x->name, y->name);
}

/* ------------------------------------------------------------ loading */

static void free_user(char **buf, size_t *len, size_t n)
{
    for (size_t k = 0; k < n; k++)
        free(buf[k]);
    free(buf);
    free(len);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Loads the dictionaries of opts, from `image` when it is given and this
 * binary can use it. The embedded image falls back to the text when it
 * cannot be used, and gives back the memory it was copied from (mem.h);
 * another fails then. */
static dyad_kb *load(const dyad_kb_opts *opts, int lenient, const dyad_embedded *image,
                     int embedded, dyad_err *err)
{
    double t0 = now();
    dyad__err_clear(err);
    dyad_kb *kb = calloc(1, sizeof *kb);
    if (!kb) {
        dyad__err_set(err, DYAD_ENOMEM, "dictionaries", 0, 0, NULL);
        return NULL;
    }
    kb->lenient = lenient;
    /* Blocks of 8 MB in huge pages: the built-in dictionaries fill one and
     * part of a second; pages not touched are not memory (mapped lazily),
     * and large blocks waste less at their ends than 2 MB ones (45.0 MB
     * peak at start-up against 47.1 MB). */
    dyad__arena_init_big(&kb->mem, 8u << 20);
    dyad_arena scratch;
    dyad__arena_init(&scratch, 16 * 1024);
    kb->scratch = &scratch;
    kb->lex = dyad__lex_new(err);
    if (!kb->lex || dyad__lex_load_builtin(kb->lex, err) != 0)
        goto fail;
    if (image) {
        int r = kb_image_read(kb, image->name, image->data, (size_t)(image->end - image->data),
                              embedded, err);
        if (r == 0)
            goto done;
        if (r < 0)
            goto fail;
        if (!embedded) {
            dyad__err_set(err, DYAD_EDICT, image->name, 0, 0,
                          "not a kb image this binary can use");
            goto fail;
        }
    }

    /* The files, in load order. */
    const dyad_embedded **emb = malloc((dyad__nembedded + 1) * sizeof *emb);
    size_t nemb = 0;
    if (!emb)
        goto oom;
    int defaults = !(opts && opts->no_defaults);
    for (size_t i = 0; i < dyad__nembedded; i++) {
        const dyad_embedded *e = &dyad__embedded[i];
        if (not_a_dictionary(e->name) || (!defaults && !is_table(e->name)))
            continue;
        emb[nemb++] = e;
    }
    qsort(emb, nemb, sizeof *emb, cmp_embedded);

    /* The user's files are read first, so that every table can be sized
     * once from the input: lines and '|' bound the entries and names. */
    size_t nuser = opts ? opts->nfiles : 0;
    char **ubuf = calloc(nuser + 1, sizeof *ubuf);
    size_t *ulen = calloc(nuser + 1, sizeof *ulen);
    if (!ubuf || !ulen) {
        free(ubuf);
        free(ulen);
        free(emb);
        goto oom;
    }
    for (size_t i = 0; i < nuser; i++)
        if (read_file(opts->files[i], &ubuf[i], &ulen[i], err) != 0) {
            free_user(ubuf, ulen, nuser);
            free(emb);
            goto fail;
        }
    size_t lines = 0, bars = 0;                  /* all files */
    size_t alines = 0, abars = 0, aspaces = 0;   /* those that can hold names */
    size_t plines = 0;                           /* those that can hold patterns */
    for (size_t i = 0; i < nemb + nuser; i++) {
        const char *p = i < nemb ? emb[i]->data : ubuf[i - nemb];
        const char *e = i < nemb ? emb[i]->end : ubuf[i - nemb] + ulen[i - nemb];
        size_t l = 0, b = 0, sp = 0;
        count_bytes(p, e, &l, &b, &sp);
        lines += l;
        bars += b;
        if (i >= nemb || strncmp(emb[i]->name, "verbs/", 6) != 0) {
            alines += l;
            abars += b;
            aspaces += sp;
        }
        if (i >= nemb || strncmp(emb[i]->name, "verbs/", 6) == 0)
            plines += l;
    }
    size_t names = lines + bars;
    /* Edges below the root: about the words after the first of each name,
     * i.e. the spaces of the name files that are not around a kind, a code,
     * ':' or '|'. (An estimate: the map grows if it is short.) */
    size_t inner = aspaces > 3 * alines + 2 * abars ? aspaces - 3 * alines - 2 * abars : 0;
    int sized = kb_map_init(&kb->edges, (uint32_t)(inner + inner / 4 + 1024)) == 0 &&
                kb_map_init(&kb->pindex, 1024) == 0 && kb_map_init(&kb->dindex, 256) == 0 &&
                kb_vec_reserve(&kb->actors, sizeof(dyad_actor), lines + 1) == 0 &&
                kb_vec_reserve(&kb->actx, sizeof(kb_actor_x), lines + 1) == 0 &&
                kb_vec_reserve(&kb->terms, sizeof(kb_term), names + names / 4 + 1) == 0 &&
                kb_vec_reserve(&kb->nodes, sizeof(uint32_t), names * 2 + 1) == 0 &&
                /* a line is at most one pattern: no doubling past 16,384 */
                kb_vec_reserve(&kb->pats, sizeof(dyad_pattern), plines + 1) == 0 &&
                kb_vec_reserve(&kb->patx, sizeof(kb_pattern_x), plines + 1) == 0;
    kb->blocks = calloc(KB_NBLOCKS, 1);
    kb->cameo_at = calloc(KB_CAMEO_SLOTS, sizeof *kb->cameo_at);
    if (!sized || !kb->blocks || !kb->cameo_at || !kb_vec_push(&kb->terms, sizeof(kb_term)) ||
        !kb_vec_push(&kb->nodes, sizeof(uint32_t)) || !kb_vec_push(&kb->caps, sizeof(uint16_t))) {
        free_user(ubuf, ulen, nuser);
        free(emb);
        goto oom;
    }
    kb->the_id = dyad__lex_intern(kb->lex, "the", 3);

    for (size_t i = 0; i < nemb; i++) {
        uint32_t fi;
        uint32_t flags = KF_BUILTIN | (strncmp(emb[i]->name, "gen/", 4) == 0 ? KF_GENERATED : 0) |
                         (is_table(emb[i]->name) ? KF_TABLE : 0);
        int bad = add_file(kb, emb[i]->name, flags, &fi) != 0;
        if (bad)
            dyad__err_set(err, DYAD_ENOMEM, emb[i]->name, 0, 0, NULL);
        if (bad || load_text(kb, fi, emb[i]->data, (size_t)(emb[i]->end - emb[i]->data), err)) {
            free_user(ubuf, ulen, nuser);
            free(emb);
            goto fail;
        }
    }
    free(emb);
    int r = 0;
    for (size_t i = 0; i < nuser; i++) {
        uint32_t fi;
        if (r == 0 && add_file(kb, opts->files[i], KF_USER, &fi) != 0) {
            dyad__err_set(err, DYAD_ENOMEM, opts->files[i], 0, 0, NULL);
            r = -1;
        }
        int foreign = kb_foreign_type(opts->files[i]);
        if (r == 0)
            r = foreign ? kb_load_foreign(kb, fi, foreign, ubuf[i], ulen[i], err)
                        : load_text(kb, fi, ubuf[i], ulen[i], err);
        free(ubuf[i]);
    }
    free(ubuf);
    free(ulen);
    if (r != 0)
        goto fail;
    if (kb_trie_finish(kb) != 0 || kb_patterns_finish(kb) != 0)
        goto oom;
done:
    dyad__arena_free(&scratch);
    kb->scratch = NULL;
    kb->load_seconds = now() - t0;
    return kb;
oom:
    dyad__err_set(err, DYAD_ENOMEM, "dictionaries", 0, 0, NULL);
fail:
    dyad__arena_free(&scratch);
    kb->scratch = NULL;
    dyad_kb_free(kb);
    return NULL;
}

dyad_kb *dyad_kb_load(const dyad_kb_opts *opts, dyad_err *err)
{
    /* The built-in dictionaries alone (the tables alone are quick to
     * parse): their image, when the build made one (gen/kb.bin, image.c). */
    int builtin = !opts || (!opts->nfiles && !opts->no_defaults);
    return load(opts, 0, builtin ? dyad__embedded_find("gen/kb.bin") : NULL, 1, err);
}

dyad_kb *dyad__kb_load_lenient(const dyad_kb_opts *opts, dyad_err *err)
{
    return load(opts, 1, NULL, 0, err);
}

dyad_kb *dyad__kb_load_text(const dyad_kb_opts *opts, dyad_err *err)
{
    return load(opts, 0, NULL, 0, err);
}

dyad_kb *dyad__kb_load_image(const char *data, size_t len, dyad_err *err)
{
    const dyad_embedded image = {"kb image", data, data + len};
    return load(NULL, 0, &image, 0, err);
}

/* The vectors, maps and tables of a kb loaded from text. */
static void free_tables(dyad_kb *kb)
{
    vec_free(&kb->files);
    vec_free(&kb->findings);
    vec_free(&kb->actors);
    vec_free(&kb->actx);
    vec_free(&kb->terms);
    vec_free(&kb->nodes);
    vec_free(&kb->caps);
    kb_map_free(&kb->edges);
    free(kb->root);
    free(kb->rootbits);
    free(kb->nextmask);
    vec_free(&kb->clashes);
    vec_free(&kb->pats);
    vec_free(&kb->patx);
    kb_map_free(&kb->pindex);
    /* plist, pfilt, porbits, pcopy, pelems, palts, pranges: in kb->mem */
    vec_free(&kb->discards);
    kb_map_free(&kb->dindex);
    free(kb->dstart);
    vec_free(&kb->cameo);
    free(kb->cameo_at);
    free(kb->blocks);
    vec_free(&kb->block_labels);
}

void dyad_kb_free(dyad_kb *kb)
{
    if (!kb)
        return;
    dyad__lex_free(kb->lex);
    if (kb->slab)
        dyad__big_free(kb->slab, 1, kb->slab_bytes);
    else
        free_tables(kb);
    dyad__arena_free(&kb->mem);
    free(kb);
}
