/*
 * coder.c -- dyad_code(): one document through every stage.
 */
#include "coder.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../base/arena.h"
#include "../base/err.h"
#include "../kb/kb.h"

struct dyad_coder {
    const dyad_kb *kb;
    dyad_cleaner *cleaner;
    dyad_gwords *gw;           /* the grammar's word classes */
    int own_gw;                /* gw is this coder's (not a proto's) */
    dyad_arena arena;          /* everything per document; reset by dyad_code */
    dyad_result result;
    dyad_event *events;        /* result events (malloc, kept across documents) */
    size_t events_cap;
    dyad_buf *trace;
    dyad_profile *prof;        /* stage times, when profiling */
    const dyad_pattern *last_pat; /* the pattern whose "file:line" is last_id (arena) */
    dyad_str last_id;
    /* the last document's intermediate results (arena) */
    dyad_clean clean;
    dyad_text tx;
    dyad_mention *m;
    uint32_t nm, mcap;
    dyad_acronyms acr;         /* the document's acronyms so far */
    dyad_gevent *gev;
    uint32_t ngev, gcap;
    uint32_t *discard;
    dyad_wcache *wc;           /* the tokenizer's lookup cache (one per coder) */
    /* character offset cursor over the original text */
    const char *orig;
    size_t orig_len;
    uint32_t ascii;            /* orig[0, ascii) is ASCII; ASCII_UNKNOWN until a span asks */
    uint32_t cur_byte, cur_char;
};

#define ASCII_UNKNOWN UINT32_MAX

/* A coder for kb, with the word classes gw if not NULL (shared, not owned). */
static dyad_coder *coder_new(const dyad_kb *kb, dyad_gwords *gw, dyad_err *err)
{
    dyad_coder *c = calloc(1, sizeof *c);
    if (!c) {
        dyad__err_set(err, DYAD_ENOMEM, "coder", 0, 0, NULL);
        return NULL;
    }
    c->kb = kb;
    c->cleaner = dyad__cleaner_new(dyad__kb_lex(kb), err);
    if (!c->cleaner) {
        free(c);
        return NULL;
    }
    c->own_gw = !gw;
    c->gw = gw ? gw : dyad__gwords_new(dyad__kb_lex(kb), kb);
    if (!c->gw) {
        dyad__err_set(err, DYAD_ENOMEM, "coder", 0, 0, NULL);
        dyad__cleaner_free(c->cleaner);
        free(c);
        return NULL;
    }
    c->wc = dyad__wcache_new(); /* optional: NULL only costs speed */
    dyad__arena_init(&c->arena, 256 * 1024);
    return c;
}

dyad_coder *dyad_coder_new(const dyad_kb *kb, dyad_err *err) { return coder_new(kb, NULL, err); }

dyad_coder *dyad__coder_new_like(const dyad_coder *proto, dyad_err *err)
{
    return coder_new(proto->kb, proto->gw, err);
}

void dyad_coder_free(dyad_coder *c)
{
    if (!c)
        return;
    dyad__cleaner_free(c->cleaner);
    if (c->own_gw)
        dyad__gwords_free(c->gw);
    dyad__wcache_free(c->wc);
    dyad__arena_free(&c->arena);
    free(c->events);
    free(c);
}

const dyad_kb *dyad__coder_kb(const dyad_coder *c) { return c->kb; }

const char *const dyad__prof_names[DYAD_PROF_COUNT] = {
    "read", "clean", "tokenize", "split", "tag", "lemma", "chunk", "actors", "grammar",
    "events", "write"};

uint64_t dyad__now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

void dyad__coder_profile(dyad_coder *c, dyad_profile *p) { c->prof = p; }

/* Adds the time since *t to stage k and restarts *t. */
static void lap(dyad_coder *c, int k, uint64_t *t)
{
    if (!c->prof)
        return;
    uint64_t now = dyad__now_ns();
    c->prof->ns[k] += now - *t;
    *t = now;
}

void dyad__coder_set_trace(dyad_coder *c, dyad_buf *trace) { c->trace = trace; }

void dyad__coder_state(const dyad_coder *c, dyad_coder_state *st)
{
    st->clean = &c->clean;
    st->tx = &c->tx;
    st->m = c->m;
    st->nm = c->nm;
    st->gev = c->gev;
    st->ngev = c->ngev;
    st->discard = c->discard;
}

/* Code points that start in p[a, b): the bytes that are not UTF-8
 * continuation bytes (10xxxxxx), eight at a time. */
static uint32_t count_chars(const unsigned char *p, uint32_t a, uint32_t b)
{
    const uint64_t ones = 0x0101010101010101ull;
    uint32_t n = 0;
    for (; b - a >= 8; a += 8) {
        uint64_t w;
        memcpy(&w, p + a, 8);
        uint64_t cont = (w >> 7) & ~(w >> 6) & ones; /* 1 in each continuation byte */
        n += 8 - (uint32_t)((cont * ones) >> 56);
    }
    for (; a < b; a++)
        n += (p[a] & 0xC0) != 0x80;
    return n;
}

/* Length of the ASCII start of p[0, n), eight bytes at a time. (Spans
 * exist only for texts the cleaner took: under 4 GiB.) */
static uint32_t ascii_prefix(const unsigned char *p, size_t n)
{
    size_t i = 0;
    for (; n - i >= 8; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        if (w & 0x8080808080808080ull)
            break;
    }
    while (i < n && p[i] < 0x80)
        i++;
    return (uint32_t)i;
}

/* Character offset of original byte offset b (counts UTF-8 lead bytes).
 * Most articles are ASCII up to their spans, where a byte is a character:
 * the ASCII start is measured once, on the first span of a document. */
static uint32_t char_offset(dyad_coder *c, uint32_t b)
{
    const unsigned char *p = (const unsigned char *)c->orig;
    if (c->ascii == ASCII_UNKNOWN)
        c->ascii = c->cur_byte = c->cur_char = ascii_prefix(p, c->orig_len);
    if (b <= c->ascii)
        return b;
    uint32_t ch = c->cur_char;
    if (b < c->cur_byte) {
        if (c->cur_byte - b < b - c->ascii) {
            /* closer to the cursor than to the ASCII start: count back */
            ch -= count_chars(p, b, c->cur_byte);
            c->cur_byte = b;
            c->cur_char = ch;
            return ch;
        }
        c->cur_byte = c->cur_char = c->ascii;
        ch = c->ascii;
    }
    ch += count_chars(p, c->cur_byte, b);
    c->cur_byte = b;
    c->cur_char = ch;
    return ch;
}

/* Span of tokens [t, t+n) as original character offsets. */
static dyad_span tok_span(dyad_coder *c, uint32_t t, uint32_t n)
{
    dyad_span sp = {0, 0};
    if (!n)
        return sp;
    const dyad_tok *a = &c->tx.tok[t], *z = &c->tx.tok[t + n - 1];
    uint32_t b0 = dyad__clean_orig(&c->clean, a->off);
    uint32_t b1 = dyad__clean_orig(&c->clean, z->off + z->len - 1) + 1;
    sp.start = char_offset(c, b0);
    sp.end = char_offset(c, b1);
    return sp;
}

static dyad_str tok_str(const dyad_coder *c, uint32_t t, uint32_t n)
{
    dyad_str s = {"", 0};
    if (!n)
        return s;
    const dyad_tok *a = &c->tx.tok[t], *z = &c->tx.tok[t + n - 1];
    s.p = c->clean.text + a->off;
    s.n = z->off + z->len - a->off;
    return s;
}

static int grow_mentions(dyad_coder *c, uint32_t need)
{
    if (need <= c->mcap)
        return 0;
    uint32_t cap = c->mcap ? c->mcap * 2 : 64;
    while (cap < need)
        cap *= 2;
    dyad_mention *m = DYAD_ARENA_NEW(&c->arena, dyad_mention, cap);
    if (!m)
        return -1;
    if (c->nm)
        memcpy(m, c->m, c->nm * sizeof *m);
    c->m = m;
    c->mcap = cap;
    return 0;
}

/* The mention whose words name an actor in sentence s: a pronoun resolved
 * to an antecedent in the same sentence is named by the antecedent ("Tamil
 * rebels said they would..."); across sentences the pronoun stays. */
static const dyad_mention *words_of(const dyad_coder *c, const dyad_mention *m, const dyad_sent *s)
{
    if ((m->flags & DYAD_MF_RESOLVED) && m->ref >= 0 && (uint32_t)m->ref < c->nm) {
        const dyad_mention *a = &c->m[m->ref];
        if (a->tok >= s->tok && a->tok < s->tok + s->ntok)
            return a;
    }
    return m;
}

static void copy_str(char *dst, size_t cap, const char *src)
{
    size_t n = strlen(src);
    if (n >= cap)
        n = cap - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

/* Fills an output event from a grammar event. */
static void make_event(dyad_coder *c, const dyad_doc *doc, const dyad_gevent *g, dyad_event *e)
{
    memset(e, 0, sizeof *e);
    e->sentence = g->sent;
    e->doc_date = doc->date;
    e->date = g->date ? g->date : doc->date;
    copy_str(e->code, sizeof e->code, g->code);
    memcpy(e->root, e->code, 2);
    e->root[2] = '\0';
    const dyad_cameo_info *ci = dyad_cameo_lookup(c->kb, e->code);
    if (ci) {
        copy_str(e->plover, sizeof e->plover, ci->plover);
        e->goldstein = ci->goldstein;
        e->quad = ci->quad;
    }
    const dyad_sent *s = &c->tx.sent[g->sent];
    e->sentence_text.p = c->clean.text + s->off;
    e->sentence_text.n = s->len;
    if (g->src >= 0) {
        const dyad_mention *m = &c->m[g->src];
        copy_str(e->source, sizeof e->source, m->code);
        m = words_of(c, m, s);
        e->source_text = tok_str(c, m->tok, m->ntok);
        e->source_span = tok_span(c, m->tok, m->ntok);
    }
    if (g->tgt >= 0) {
        const dyad_mention *m = &c->m[g->tgt];
        copy_str(e->target, sizeof e->target, m->code);
        m = words_of(c, m, s);
        e->target_text = tok_str(c, m->tok, m->ntok);
        e->target_span = tok_span(c, m->tok, m->ntok);
    }
    e->verb_text = tok_str(c, g->verb_tok, g->verb_ntok);
    e->verb_span = tok_span(c, g->verb_tok, g->verb_ntok);
    if (g->pat) {
        if (g->pat != c->last_pat) {
            /* "file:line", made once per pattern and document */
            size_t fl = strlen(g->pat->file);
            char *id = dyad__arena_alloc(&c->arena, fl + 12);
            if (id) {
                memcpy(id, g->pat->file, fl);
                id[fl] = ':';
                size_t n = fl + 1;
                char digits[11];
                int k = 0;
                uint32_t line = g->pat->line;
                do {
                    digits[k++] = (char)('0' + line % 10);
                    line /= 10;
                } while (line);
                while (k)
                    id[n++] = digits[--k];
                id[n] = '\0';
                c->last_id.p = id;
                c->last_id.n = n;
                c->last_pat = g->pat;
            }
        }
        if (g->pat == c->last_pat)
            e->pattern = c->last_id;
    }
    e->rule.p = g->rule ? g->rule : "";
    e->rule.n = strlen(e->rule.p);
    e->mentions = 1;
}

static int same_event(const dyad_event *a, const dyad_event *b)
{
    return a->date == b->date && !strcmp(a->code, b->code) && !strcmp(a->source, b->source) &&
           !strcmp(a->target, b->target);
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* The country the document is about: the country of most of its actor
 * mentions, when it has a clear majority ("" otherwise). Agents the text
 * gives no country ("police", "militants") take it. */
static void context_country(dyad_coder *c, char out[4])
{
    out[0] = '\0';
    uint32_t *k = DYAD_ARENA_NEW(&c->arena, uint32_t, c->nm + 1), n = 0;
    if (!k)
        return;
    for (uint32_t i = 0; i < c->nm; i++) {
        const char *code = c->m[i].code;
        if (c->m[i].flags & DYAD_MF_INFERRED)
            continue; /* a description of an actor counted already ("the militants") */
        if (strlen(code) < 3 || code[0] == '-' || !strncmp(code, "IGO", 3) ||
            !strncmp(code, "NGO", 3) || !strncmp(code, "IMG", 3) || !strncmp(code, "MNC", 3))
            continue;
        k[n++] = (uint32_t)(unsigned char)code[0] << 16 | (uint32_t)(unsigned char)code[1] << 8 |
                 (uint32_t)(unsigned char)code[2];
    }
    qsort(k, n, sizeof *k, cmp_u32);
    uint32_t best = 0, best_n = 0;
    for (uint32_t i = 0; i < n;) {
        uint32_t j = i;
        while (j < n && k[j] == k[i])
            j++;
        if (j - i > best_n) {
            best_n = j - i;
            best = k[i];
        }
        i = j;
    }
    if (n && best_n * 2 > n) {
        out[0] = (char)(best >> 16);
        out[1] = (char)(best >> 8 & 0xff);
        out[2] = (char)(best & 0xff);
        out[3] = '\0';
    }
}

static void fill_country(char *code, size_t cap, const char *country)
{
    if (!country[0] || strncmp(code, "---", 3) != 0 || strlen(code) + 1 > cap)
        return;
    memcpy(code, country, 3);
}

/* Grammar events -> result events: tables, offsets, one event per
 * (date, source, target, code) with a mention count, the primary first.
 * An event other than the primary one with no actor on either side is
 * dropped: it places nothing in any dyad, and most such matches are event
 * nouns in passing ("the policy", "concessions", "violence"), not events
 * the sentence reports. The primary event is kept even then, because it
 * still says what kind of event the sentence is about. */
static int build_events(dyad_coder *c, const dyad_doc *doc)
{
    dyad_result *r = &c->result;
    char country[4] = "";
    if (c->ngev)
        context_country(c, country);
    if (c->ngev > c->events_cap) {
        size_t cap = c->events_cap ? c->events_cap : 16;
        while (cap < c->ngev)
            cap *= 2;
        dyad_event *ev = realloc(c->events, cap * sizeof *ev);
        if (!ev)
            return -1;
        c->events = ev;
        c->events_cap = cap;
    }
    /* The primary event: the best-ranked event of the first sentence with events. */
    uint32_t primary = 0;
    for (uint32_t i = 1; i < c->ngev && c->gev[i].sent == c->gev[0].sent; i++)
        if (c->gev[i].rank < c->gev[primary].rank)
            primary = i;
    size_t n = 0;
    for (uint32_t k = 0; k < c->ngev; k++) {
        uint32_t i = k == 0 ? primary : (k <= primary ? k - 1 : k);
        dyad_event e;
        make_event(c, doc, &c->gev[i], &e);
        fill_country(e.source, sizeof e.source, country);
        fill_country(e.target, sizeof e.target, country);
        if (k > 0 && !e.source[0] && !e.target[0])
            continue;
        size_t j;
        for (j = 0; j < n; j++)
            if (same_event(&c->events[j], &e))
                break;
        if (j < n)
            c->events[j].mentions++;
        else
            c->events[n++] = e;
    }
    r->events = c->events;
    r->nevents = n;
    return 0;
}

const dyad_result *dyad_code(dyad_coder *c, const dyad_doc *doc)
{
    dyad_result *r = &c->result;
    dyad__arena_reset(&c->arena);
    memset(r, 0, sizeof *r);
    memset(&c->clean, 0, sizeof c->clean);
    memset(&c->tx, 0, sizeof c->tx);
    c->tx.wc = c->wc;
    c->m = NULL;
    c->nm = c->mcap = 0;
    c->gev = NULL;
    c->ngev = c->gcap = 0;
    c->discard = NULL;
    c->orig = doc->text;
    c->orig_len = doc->text_len;
    c->ascii = ASCII_UNKNOWN; /* and the cursor set with it */
    c->last_pat = NULL;
    r->events = c->events;

    char where[192];
    where[0] = '\0';
#define WHERE()                                                                                 \
    (where[0] ? where                                                                           \
              : (snprintf(where, sizeof where, "document '%.*s'",                               \
                          (int)(doc->id_len > 120 ? 120 : doc->id_len), doc->id ? doc->id : ""), \
                 where))
    if (!doc->text || doc->text_len == 0) {
        r->status = DYAD_ENOTEXT;
        dyad__err_set(&r->err, DYAD_ENOTEXT, WHERE(), 0, 0, "document has no text");
        return r;
    }
    if (doc->text_len >= UINT32_MAX / 2) {
        r->status = DYAD_ETOOBIG;
        dyad__err_set(&r->err, DYAD_ETOOBIG, WHERE(), 0, 0, "document is larger than 2 GiB");
        return r;
    }

    uint64_t t = c->prof ? dyad__now_ns() : 0;
    if (dyad__clean(c->cleaner, doc->text, doc->text_len, &c->arena, &c->clean, &r->stats) != 0)
        return NULL;
    lap(c, DYAD_PROF_CLEAN, &t);
    if (r->stats.utf8_repairs) {
        r->status = DYAD_EUTF8;
        dyad__err_set(&r->err, DYAD_EUTF8, WHERE(), 0, 0,
                      "%u invalid UTF-8 sequence(s) replaced by U+FFFD", r->stats.utf8_repairs);
    }

    const dyad_lex *lex = dyad__kb_lex(c->kb);
    for (uint32_t i = 0; i < c->clean.nseg; i++) {
        const dyad_segment *sg = &c->clean.seg[i];
        if (sg->kind != DYAD_SEG_TEXT)
            continue;
        if (dyad__text_analyse_timed(lex, c->clean.text, sg->off, sg->len, &c->arena, &c->tx,
                                     c->prof ? &c->prof->ns[DYAD_PROF_TOKENIZE] : NULL) != 0)
            return NULL;
    }
    r->stats.sentences = c->tx.nsent;
    if (c->prof)
        t = dyad__now_ns();

    c->discard = dyad__arena_zalloc(&c->arena, (c->tx.nsent + 1) * sizeof *c->discard);
    if (!c->discard)
        return NULL;
    dyad_gdoc gd = {c->kb, &c->tx, c->clean.text, doc->date, NULL, 0, 0, c->trace, 0, c->gw};
    c->acr.n = 0;
    for (uint32_t si = 0; si < c->tx.nsent; si++) {
        const dyad_sent *s = &c->tx.sent[si];
        uint32_t d = dyad__kb_discard(c->kb, c->tx.tok + s->tok, s->ntok);
        if (d) {
            c->discard[si] = d;
            if (c->trace)
                dyad__explain_sentence(c->kb, &c->tx, si, c->clean.text, NULL, 0, d, c->trace);
            continue;
        }
        dyad_mention *sm;
        uint32_t snm;
        if (dyad__actors_find(c->kb, &c->tx, s, c->clean.text, doc->date, &c->arena, &sm, &snm) != 0)
            return NULL;
        dyad__actors_acronyms(&c->acr, &c->tx, s, c->clean.text, sm, &snm);
        lap(c, DYAD_PROF_ACTORS, &t);
        uint32_t m0 = c->nm;
        /* room for the sentence's mentions and for what the grammar may add */
        if (grow_mentions(c, c->nm + 2 * snm + 8) != 0)
            return NULL;
        if (snm)
            memcpy(c->m + c->nm, sm, snm * sizeof *sm);
        c->nm += snm;
        gd.m = c->m;
        gd.nm = c->nm;
        gd.mcap = c->mcap;
        if (c->trace)
            dyad__explain_sentence(c->kb, &c->tx, si, c->clean.text, c->m + m0, snm, 0, c->trace);
        if (dyad__grammar_code(&gd, si, m0, &c->arena, &c->gev, &c->ngev, &c->gcap) != 0)
            return NULL;
        lap(c, DYAD_PROF_GRAMMAR, &t);
        /* the grammar adds mentions (resolved plurals, unknown noun phrases) */
        c->m = gd.m;
        c->nm = gd.nm;
        c->mcap = gd.mcap;
    }
    if (build_events(c, doc) != 0)
        return NULL;
    lap(c, DYAD_PROF_EVENTS, &t);
    if (c->prof) {
        c->prof->docs++;
        c->prof->sentences += c->tx.nsent;
        c->prof->tokens += c->tx.ntok;
        c->prof->events += r->nevents;
        c->prof->bytes += doc->text_len;
    }
    return r;
}
