/*
 * clean.c -- dyad__clean: a document's raw text to one cleaned buffer cut
 * into segments (see clean.h for the contract).
 *
 * What it does, in three passes over the document:
 *   1. Characters (one pass over the bytes, with an ASCII fast path):
 *      invalid UTF-8 -> U+FFFD (counted in utf8_repairs); control
 *      characters dropped except \n and \t (CR LF and lone CR -> \n, VT FF
 *      -> \n); odd spaces (NBSP, U+2000..200A, narrow NBSP, ideographic
 *      space, ...) -> ' '; zero-width and format characters (ZWSP, ZWJ,
 *      ZWNJ, word joiner, soft hyphen, BOM, bidi marks, C1 controls)
 *      dropped; LS/PS/NEL -> \n; runs of non-ASCII characters that NFC can
 *      change go through utf8proc (NFC). Curly quotes and apostrophes stay:
 *      the tokenizer knows them. Glued sentences get a space inserted:
 *      "stage.He" -> "stage. He", "situation.”Putin" -> "situation.” Putin",
 *      "thatThe" -> "that The" (when "that" is a known English word and the
 *      rest starts a capitalised word; name particles and abbreviations
 *      "U.S.", "e.g.", "Gen." and initials are never split; neither are
 *      McDonald, iPhone, YouTube, eBay, al-Assad, LinkedIn: their lower-case
 *      part is not a whole known word). Runs of non-Latin letters are
 *      noted on the way.
 *   2. Paragraphs: a document whose lines look hard-wrapped (wire copy:
 *      most lines of similar length under ~110 columns, many ending
 *      mid-sentence) has its lines joined (the '\n' becomes ' ' in place);
 *      blank lines, indented lines and short lines that end a sentence
 *      start paragraphs. Otherwise every line is a paragraph, except a line
 *      that plainly continues a wrapped-length line before it (a note
 *      under a wire-copy table: the line before stops mid-sentence, and
 *      this one starts in lower case or with a digit, or the one before
 *      ends with a comma or a function word).
 *      para_start is 1 for the first segment of a paragraph and for the
 *      text that follows leading boilerplate.
 *   3. Segments, per paragraph:
 *      - leading boilerplate -> DYAD_SEG_BOILER: "date 2023-11-10" and
 *        numeric date stamps, "Published:"/"Posted on" + date, written dates
 *        followed by a separator, breadcrumbs "Home » World »" or "Home >
 *        News" (and, in the first three paragraphs, ones without "Home"
 *        made of » › → separators), also glued to the text that follows;
 *      - whole boilerplate lines (a bare date or breadcrumb, "Advertisement",
 *        "Share", "Read more", "REUTER", copyright, "Click here ...",
 *        "Follow us on ...", "please visit ... website") -> BOILER, anywhere;
 *        footer sentences glued at the end of a paragraph (the same rules on
 *        its last sentence, up to three, at most 250 bytes each) in the last
 *        two paragraphs of the document, where pages put them;
 *      - no letter at all (tables of figures, rules) -> DYAD_SEG_JUNK;
 *      - a paragraph of 20 bytes or more seen before in the document (after
 *        boilerplate, white space runs compared as one space) -> DUP;
 *      - runs of a non-Latin script (>= 2 CJK characters or >= 4 other
 *        letters; runs joined across up to three Latin words) ->
 *        DYAD_SEG_FOREIGN with their trailing punctuation, lang from the
 *        script (zh ja ko el he th) or, for scripts several languages share,
 *        from textcat once per script and document; the English around
 *        them stays DYAD_SEG_TEXT (para_start 0 for the continuation); a
 *        paragraph with more foreign than Latin letters is FOREIGN whole;
 *      - Latin-script text: English unless the document has accented Latin
 *        letters somewhere and the segment's first 12 words carry
 *        positive evidence of another language (French/Spanish/German/
 *        Italian/Portuguese function words followed by a lower-case word,
 *        accented words) and few English function words; only then textcat
 *        decides (English among its candidates keeps it). Fewer than 8
 *        words: English. Tables and lists of names stay English.
 * Offsets: the map holds an anchor wherever cleaned and original offsets
 * stop advancing together; dyad__clean_orig finds the anchor by binary
 * search and clamps inside the stretch of a replaced character.
 *
 * Stats: st->segments counts every segment; skipped_boiler counts BOILER
 * and JUNK segments, skipped_lang FOREIGN, skipped_dup DUP. Texts over
 * (4 GiB - 64) / 3 bytes are refused (-1): offsets are 32-bit.
 *
 * Owns: the cleaner's scratch arrays (reused across documents) and the
 * textcat handle (loaded on first need). Never does: sentence splitting,
 * tokenising, anything about actors or events. Output lives in the
 * caller's arena.
 */
#include "clean.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "../base/err.h"
#include "clean_int.h"

/* A run of letters of a non-Latin script in the cleaned text. */
typedef struct frun {
    uint32_t start, end; /* bytes: first letter .. end of last letter */
    uint32_t letters;    /* letters in the run */
    uint8_t script;      /* DYAD_SCRIPT_* */
} frun;

/* A paragraph of the cleaned text. */
typedef struct para {
    uint32_t start, end;
} para;

struct dyad_cleaner {
    const dyad_lex *lex;  /* for glue decisions and abbreviations; may be NULL */
    dyad_fwtab fw;        /* function words */
    void *tc;             /* textcat handle, loaded on first use */
    int tc_failed;        /* textcat could not be loaded: everything Latin is English */
    /* Scratch, kept across documents (malloc; grown by doubling). */
    uint32_t *amc, *amo;  /* offset map anchors being built */
    size_t na, acap;
    frun *run;            /* non-Latin runs, in text order */
    size_t nrun, runcap;
    para *par;
    size_t npar, parcap;
    para *line;           /* lines of the cleaned text (pass 2) */
    size_t nline, linecap;
    dyad_segment *seg;
    size_t nseg, segcap;
    uint64_t *dkey;       /* duplicate paragraphs: hash<<1|1 of seen paragraphs */
    uint32_t *dgen;       /* generation of each slot (a slot is empty when != gen) */
    uint32_t *doff, *dlen;/* where the paragraph is, for the byte comparison */
    size_t dcap;
    uint32_t gen;
    int32_t *ucs;         /* NFC work buffer (code points, then UTF-8 bytes) */
    size_t ucscap;
    size_t textcat_calls; /* how often textcat ran (for measurements) */
    size_t accented;      /* this document: Latin letters outside ASCII (é, ñ, ü, ...) */
    char script_lang[DYAD_SCRIPT_OTHER + 1][6]; /* this document: textcat's verdict per script */
    uint8_t script_asked[DYAD_SCRIPT_OTHER + 1];  /* ... and whether it was asked */
};

/* ------------------------------------------------------------ lifetime */

dyad_cleaner *dyad__cleaner_new(const dyad_lex *lex, dyad_err *err)
{
    dyad_cleaner *cl = calloc(1, sizeof *cl);
    if (!cl) {
        dyad__err_set(err, DYAD_ENOMEM, "cleaner", 0, 0, NULL);
        return NULL;
    }
    cl->lex = lex;
    dyad__fw_init(&cl->fw);
    return cl;
}

void dyad__cleaner_free(dyad_cleaner *cl)
{
    if (!cl)
        return;
    dyad__lang_textcat_free(cl->tc);
    free(cl->amc);
    free(cl->amo);
    free(cl->run);
    free(cl->par);
    free(cl->line);
    free(cl->seg);
    free(cl->dkey);
    free(cl->dgen);
    free(cl->doff);
    free(cl->dlen);
    free(cl->ucs);
    free(cl);
}

size_t dyad__cleaner_textcat_calls(const dyad_cleaner *cl) { return cl->textcat_calls; }

static int grow_to(void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return 0;
    size_t c = *cap ? *cap * 2 : 64;
    while (c < need)
        c *= 2;
    void *q = realloc(*p, c * elem);
    if (!q)
        return -1;
    *p = q;
    *cap = c;
    return 0;
}

/* ----------------------------------------------------------- offset map */

static int anchor(dyad_cleaner *cl, size_t c, size_t o)
{
    if (cl->na && cl->amc[cl->na - 1] == c) {
        cl->amo[cl->na - 1] = (uint32_t)o;
        return 0;
    }
    if (cl->na == cl->acap) {
        size_t cap = cl->acap;
        if (grow_to((void **)&cl->amc, &cap, cl->na + 1, sizeof *cl->amc) != 0)
            return -1;
        cap = cl->acap;
        if (grow_to((void **)&cl->amo, &cap, cl->na + 1, sizeof *cl->amo) != 0)
            return -1;
        cl->acap = cap;
    }
    cl->amc[cl->na] = (uint32_t)c;
    cl->amo[cl->na] = (uint32_t)o;
    cl->na++;
    return 0;
}

uint32_t dyad__clean_orig(const dyad_clean *c, uint32_t off)
{
    if (!c->nmap)
        return off;
    uint32_t lo = 0, hi = c->nmap;
    while (hi - lo > 1) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (c->map_clean[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    uint32_t r = c->map_orig[lo] + (off - c->map_clean[lo]);
    /* Inside a replaced character (U+FFFD for one byte, an NFC change):
     * stay before the next anchor's original offset. */
    if (lo + 1 < c->nmap && r >= c->map_orig[lo + 1])
        r = c->map_orig[lo + 1] > c->map_orig[lo] ? c->map_orig[lo + 1] - 1 : c->map_orig[lo];
    return r;
}

/* --------------------------------------------------- pass 1: characters */

enum { C_COPY = 0, C_CTL, C_UPPER, C_HIGH };

/* Byte classes: which bytes leave the fast copy loop. */
static const uint8_t byte_class[256] = {
    [0 ... 8] = C_CTL, [11 ... 31] = C_CTL, [127] = C_CTL,
    ['A' ... 'Z'] = C_UPPER, [128 ... 255] = C_HIGH,
};

/* Bytes before a capital that may make it glued: lower-case letters,
 * sentence punctuation, closing quotes and brackets, non-ASCII bytes. */
static const uint8_t glue_prev[256] = {
    ['a' ... 'z'] = 1, ['.'] = 1, ['!'] = 1, ['?'] = 1, ['"'] = 1, ['\''] = 1, [')'] = 1,
    [']'] = 1, [128 ... 255] = 1,
};

/* The bytes of x that are not plain ASCII: a byte below 0x20 (even \n or
 * \t), a capital, a byte >= 0x80. The high bit of each, by bit tricks on
 * the whole word: exact up to the first set (a borrow or a carry between
 * bytes only comes from a byte that is set itself). */
static inline uint64_t unplain8(uint64_t x)
{
    const uint64_t L = 0x0101010101010101ull, H = 0x8080808080808080ull;
    uint64_t ctl = (x - L * 0x20) & ~x;                                /* b < 0x20 */
    uint64_t cap = (L * (127 + 0x5B) - x) & ~x & (x + L * (127 - 0x40)); /* 0x40 < b < 0x5B */
    return (x | ctl | cap) & H;
}

/* The high bit of each DEL byte of x, exact up to the first. */
static inline uint64_t del8(uint64_t x)
{
    const uint64_t L = 0x0101010101010101ull, H = 0x8080808080808080ull;
    uint64_t d = x ^ (L * 0x7F);
    return (d - L) & ~d & H;
}

static int is_lower(int c) { return c >= 'a' && c <= 'z'; }
static int is_upper(int c) { return c >= 'A' && c <= 'Z'; }
static int is_alpha(int c) { return is_lower(c | 0x20); }
static int is_alnum(int c) { return is_alpha(c) || (c >= '0' && c <= '9'); }

/* Decodes one UTF-8 character at s[0,n) (s[0] >= 0x80). Returns its length
 * and sets *cp; for an invalid sequence returns the length of its maximal
 * valid prefix (at least 1) and sets *cp to -1. */
static size_t decode(const uint8_t *s, size_t n, int32_t *cp)
{
    uint8_t c = s[0];
    size_t len;
    uint32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        v = c & 0x1F;
        min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        v = c & 0x0F;
        min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        v = c & 0x07;
        min = 0x10000;
    } else {
        *cp = -1;
        return 1;
    }
    for (size_t k = 1; k < len; k++) {
        if (k >= n || (s[k] & 0xC0) != 0x80) {
            *cp = -1;
            return k;
        }
        v = (v << 6) | (s[k] & 0x3F);
        /* Reject overlong forms and surrogates as early as the second byte. */
        if (k == 1 && ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] > 0x9F) ||
                       (c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] > 0x8F))) {
            *cp = -1;
            return 1;
        }
    }
    if (v < min || v > 0x10FFFF) {
        *cp = -1;
        return len;
    }
    *cp = (int32_t)v;
    return len;
}

/* Start of the UTF-8 character that ends at t[o-1]. */
static size_t char_start(const char *t, size_t o)
{
    size_t k = o - 1;
    while (k > 0 && o - k < 4 && ((unsigned char)t[k] & 0xC0) == 0x80)
        k--;
    return k;
}

static int32_t last_cp(const char *t, size_t o, size_t *start)
{
    size_t k = char_start(t, o);
    int32_t cp;
    *start = k;
    if ((unsigned char)t[k] < 0x80)
        return (unsigned char)t[k];
    if (decode((const uint8_t *)t + k, o - k, &cp) != o - k)
        return -1;
    return cp;
}

/* What to do with a non-ASCII character. */
enum { M_KEEP, M_SPACE, M_DROP, M_NEWLINE };

static int map_cp(int32_t cp)
{
    if (cp < 0xA0)
        return cp == 0x85 ? M_NEWLINE : M_DROP; /* C1 controls */
    if (cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F ||
        cp == 0x205F || cp == 0x3000)
        return M_SPACE;
    if (cp == 0xAD || (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
        (cp >= 0x2060 && cp <= 0x2064) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF ||
        cp == 0x180E)
        return M_DROP;
    if (cp == 0x2028 || cp == 0x2029)
        return M_NEWLINE;
    return M_KEEP;
}

/* Can NFC change this character (or join it to the one before)? False for
 * ranges known to be stable (minus the singletons Ohm, Kelvin, Angstrom): Latin-1 and Latin Extended, general
 * punctuation, CJK ideographs and punctuation, Cyrillic, Arabic letters. */
static int nfc_stable(int32_t cp)
{
    return cp < 0x300 || (cp >= 0x370 && cp < 0x483 && cp != 0x374 && cp != 0x37E && cp != 0x387) ||
           (cp >= 0x48A && cp < 0x530) || (cp >= 0x620 && cp < 0x64B) ||
           (cp >= 0x2010 && cp < 0x2126) || (cp >= 0x2127 && cp < 0x212A) ||
           (cp >= 0x212C && cp < 0x2329) ||
           (cp >= 0x3001 && cp < 0x3099) || (cp >= 0x30A0 && cp < 0x30F7) ||
           (cp >= 0x4E00 && cp < 0xA000) || (cp >= 0xFF01 && cp < 0xFFF0);
}

/* Abbreviations that end with '.' and never end a sentence before a capital. */
static int is_abbrev(const dyad_cleaner *cl, const char *w, size_t n)
{
    static const char *const ab[] = {
        "mr", "mrs", "ms", "dr", "st", "gen", "col", "lt", "sgt", "gov", "sen", "rep", "inc",
        "corp", "co", "ltd", "jr", "sr", "no", "vol", "fig", "vs", "jan", "feb", "mar", "apr",
        "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "prof", "rev",
        "hon", "capt", "cmdr", "adm", "maj", "brig", "pres", "supt", "insp", "messrs", "est",
        "approx", "dept", "univ", "ave", "blvd", "rd", "cf", "al", "etc", "viz", "ph", "sq",
        "gov't", "pt", "pp", "op", "ed", "eds", "nos", "art", "sec", "cpl", "pvt", "det",
    };
    char f[16];
    if (n == 0 || n > 12)
        return 0;
    for (size_t i = 0; i < n; i++)
        f[i] = (char)(is_upper((unsigned char)w[i]) ? w[i] | 0x20 : w[i]);
    for (size_t i = 0; i < sizeof ab / sizeof *ab; i++)
        if (strlen(ab[i]) == n && !memcmp(ab[i], f, n))
            return 1;
    if (cl->lex) {
        f[n] = '.';
        uint32_t id = dyad__lex_find(cl->lex, f, n + 1);
        if (id && (dyad__lex_word(cl->lex, id)->flags & DYAD_LW_ABBREV))
            return 1;
    }
    return 0;
}

/* Sentence punctuation at t[k] ('.', '!', '?') directly before a capital:
 * is it a sentence end? Not after an abbreviation, an initial, or inside
 * "U.S."-like words and web addresses. */
static int sentence_end_at(const dyad_cleaner *cl, const char *t, size_t k)
{
    if (t[k] != '.')
        return 1; /* ! and ? */
    size_t e = k;
    while (e > 0 && t[e - 1] == '.')
        e--;
    if (k - e >= 2)
        return 1; /* an ellipsis */
    size_t w = e;
    while (w > 0 && !(t[w - 1] == ' ' || t[w - 1] == '\n' || t[w - 1] == '\t' ||
                      t[w - 1] == '(' || t[w - 1] == '"'))
        w--;
    size_t n = e - w;
    if (n == 0)
        return 1;
    const char *word = t + w;
    /* Skip opening quotes and brackets that stick to the word. */
    if (memchr(word, '.', n) || memchr(word, '<', n))
        return 0; /* U.S.A, e.g, www.example, a ticker <BP.L> */
    size_t last = n; /* the part after the last hyphen or slash: "EC-U.S." */
    while (last > 0 && word[last - 1] != '-' && word[last - 1] != '/')
        last--;
    if (n - last == 1 && is_alpha((unsigned char)word[n - 1]))
        return 0; /* an initial */
    for (size_t i = 0; i < n; i++)
        if (!is_alnum((unsigned char)word[i]) && word[i] != '\'' && word[i] != '-' &&
            (unsigned char)word[i] < 0x80 && word[i] != ')' && word[i] != '"')
            return 1;
    if (is_abbrev(cl, word, n))
        return 0;
    return 1;
}

/* Is the capital s[0] (at the cleaned end t[0,o)) glued to what is before it,
 * so that a space belongs between them? */
static int glued(const dyad_cleaner *cl, const char *t, size_t o, const uint8_t *s, size_t n)
{
    unsigned char p = (unsigned char)t[o - 1];
    int next_lower = n > 1 && is_lower(s[1]);
    if (is_lower(p)) {
        /* "thatThe": the lower-case part must be a whole known word. */
        if (!next_lower && !((s[0] == 'A' || s[0] == 'I') && (n == 1 || !is_alpha(s[1]))))
            return 0;
        size_t w = o - 1;
        while (w > 0 && is_lower((unsigned char)t[w - 1]))
            w--;
        size_t len = o - w;
        if (len < 2 || len > 12)
            return 0;
        if (w > 0) {
            unsigned char b = (unsigned char)t[w - 1];
            if (is_alnum(b) || b >= 0x80 || b == '-' || b == '\'' || b == '_' || b == '@' ||
                b == '/' || b == '.' || b == '#')
                return 0;
        }
        int f = dyad__fw_find(&cl->fw, t + w, len);
        if (f & DYAD_FW_PARTICLE)
            return 0;
        if (f & DYAD_FW_EN)
            return 1;
        if (cl->lex && len >= 3) {
            uint32_t id = dyad__lex_find(cl->lex, t + w, len);
            if (id && (dyad__lex_word(cl->lex, id)->flags & (DYAD_LW_TAGGED | DYAD_LW_FUNCTION)))
                return 1;
        }
        return 0;
    }
    /* After sentence punctuation the capital must start a word ("He",
     * "A ", "I "), not an abbreviation or code ("U.K", "Zafi.D", "BP.L"). */
    int word_start = next_lower || ((s[0] == 'A' || s[0] == 'I') && (n == 1 || !is_alpha(s[1])));
    if (p == '.' || p == '!' || p == '?')
        return word_start && o >= 2 && sentence_end_at(cl, t, o - 1);
    if (p == '"' || p == '\'' || p == ')' || p == ']' || p >= 0x80) {
        /* Closing quotes and brackets after sentence punctuation. */
        size_t k = o;
        int quote = 0;
        for (int steps = 0; steps < 3 && k > 0; steps++) {
            unsigned char b = (unsigned char)t[k - 1];
            if (b == '"' || b == '\'' || b == ')' || b == ']') {
                k--;
                quote = 1;
                continue;
            }
            if (b >= 0x80) {
                size_t st;
                int32_t cp = last_cp(t, k, &st);
                if (cp == 0x201D || cp == 0x2019 || cp == 0xBB || cp == 0x300D || cp == 0x300F ||
                    cp == 0xFF09 || cp == 0x3011) {
                    k = st;
                    quote = cp == 0x201D ? 2 : 1;
                    continue;
                }
                if (cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == 0xFF0E)
                    return 1; /* CJK sentence ends */
                if (cp == 0x2026)
                    return 1; /* … */
                break;
            }
            break;
        }
        if (k == o || k == 0)
            return 0;
        unsigned char b = (unsigned char)t[k - 1];
        if (b == '.' || b == '!' || b == '?')
            return word_start && sentence_end_at(cl, t, k - 1);
        /* ”He: a closing curly quote right after a word. */
        if (quote == 2 && next_lower && (is_alnum(b) || b == ',' || b >= 0x80))
            return 1;
        return 0;
    }
    return 0;
}

/* Runs NFC over the cleaned bytes t[ro, *o) that came from s[ri, iend);
 * rewrites them if NFC changes them. */
static int nfc_run(dyad_cleaner *cl, char *t, size_t ro, size_t *o, size_t ri, size_t iend,
                   int64_t *delta)
{
    size_t len = *o - ro;
    utf8proc_option_t opt = UTF8PROC_STABLE | UTF8PROC_COMPOSE;
    for (;;) {
        utf8proc_ssize_t k = utf8proc_decompose((const utf8proc_uint8_t *)t + ro,
                                                (utf8proc_ssize_t)len, cl->ucs,
                                                (utf8proc_ssize_t)cl->ucscap, opt);
        if (k < 0)
            return 0; /* cannot happen on valid UTF-8; leave the run as is */
        if ((size_t)k > cl->ucscap) {
            if (grow_to((void **)&cl->ucs, &cl->ucscap, (size_t)k + 1, sizeof *cl->ucs) != 0)
                return -1;
            continue;
        }
        utf8proc_ssize_t nb = utf8proc_reencode(cl->ucs, k, opt);
        if (nb < 0)
            return 0;
        const char *u = (const char *)cl->ucs;
        if ((size_t)nb == len && !memcmp(u, t + ro, len))
            return 0; /* already NFC */
        /* NFC of valid UTF-8 is at most three times longer: room was
         * reserved for that (see dyad__clean). */
        while (cl->na > 1 && cl->amc[cl->na - 1] > ro)
            cl->na--;
        if (anchor(cl, ro, ri) != 0)
            return -1;
        memcpy(t + ro, u, (size_t)nb);
        *o = ro + (size_t)nb;
        *delta = (int64_t)ri - (int64_t)ro;
        (void)iend;
        return 0;
    }
}

/* Notes the non-Latin letters of t[a, b) in cl->run. */
static int scan_scripts(dyad_cleaner *cl, const char *t, size_t a, size_t b)
{
    size_t i = a;
    while (i < b) {
        unsigned char c = (unsigned char)t[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        int32_t cp;
        size_t k = decode((const uint8_t *)t + i, b - i, &cp);
        int sc = cp < 0 ? DYAD_SCRIPT_NONE : dyad__script_of((uint32_t)cp);
        cl->accented += sc == DYAD_SCRIPT_LATIN;
        if (sc > DYAD_SCRIPT_LATIN) {
            frun *r = cl->nrun ? &cl->run[cl->nrun - 1] : NULL;
            int cjk = sc == DYAD_SCRIPT_HAN || sc == DYAD_SCRIPT_KANA || sc == DYAD_SCRIPT_HANGUL;
            int same = r && (r->script == sc ||
                             (cjk && (r->script == DYAD_SCRIPT_HAN || r->script == DYAD_SCRIPT_KANA ||
                                      r->script == DYAD_SCRIPT_HANGUL)));
            if (same) {
                /* Extend only when no Latin letter stands between. */
                for (size_t j = r->end; j < i; j++) {
                    unsigned char d = (unsigned char)t[j];
                    if (is_alpha(d) || (d >= 0xC3 && d <= 0xC9)) {
                        same = 0;
                        break;
                    }
                }
            }
            if (same) {
                r->end = (uint32_t)(i + k);
                r->letters++;
                if (sc == DYAD_SCRIPT_KANA || (sc == DYAD_SCRIPT_HANGUL && r->script == DYAD_SCRIPT_HAN))
                    r->script = (uint8_t)sc;
            } else {
                if (grow_to((void **)&cl->run, &cl->runcap, cl->nrun + 1, sizeof *cl->run) != 0)
                    return -1;
                cl->run[cl->nrun++] = (frun){(uint32_t)i, (uint32_t)(i + k), 1, (uint8_t)sc};
            }
        }
        i += k;
    }
    return 0;
}

/* Pass 1. s[0,n) -> t (room for 3n+16 bytes); returns the cleaned length,
 * or (size_t)-1 when scratch memory runs out. */
static size_t pass_chars(dyad_cleaner *cl, const uint8_t *s, size_t n, char *t,
                         dyad_doc_stats *st)
{
    size_t i = 0, o = 0;
    int64_t delta = 0; /* original - cleaned offset in the current stretch */
    if (anchor(cl, 0, 0) != 0)
        return (size_t)-1;
#define SYNC()                                                   \
    do {                                                         \
        if ((int64_t)i - (int64_t)o != delta) {                  \
            if (anchor(cl, o, i) != 0)                           \
                return (size_t)-1;                               \
            delta = (int64_t)i - (int64_t)o;                     \
        }                                                        \
    } while (0)
    while (i < n) {
        uint8_t c = s[i];
        switch (byte_class[c]) {
        case C_COPY:
            SYNC();
            t[o++] = (char)c;
            i++;
            while (i < n) {
                if (i + 8 <= n) {
                    uint64_t x;
                    memcpy(&x, s + i, 8);
                    memcpy(t + o, &x, 8); /* bytes past the plain ones are written over */
                    uint64_t stop = unplain8(x);
                    if (!stop) { /* eight plain bytes at once */
                        o += 8;
                        i += 8;
                        continue;
                    }
                    /* The plain bytes before the first that is not, at once:
                     * the byte loop below took them one by one, each after a
                     * window of eight that failed on that byte. It stops at
                     * a DEL among them (a control byte to it, though not to
                     * unplain8); so does this. The byte loop takes the rest. */
                    size_t run = (size_t)__builtin_ctzll(stop | del8(x)) >> 3;
                    o += run;
                    i += run;
                }
                c = s[i];
                int k = byte_class[c];
                /* A capital after a byte that cannot glue (a space, a
                 * digit, a capital) is copied here too. */
                if (k != C_COPY && !(k == C_UPPER && !glue_prev[(unsigned char)t[o - 1]]))
                    break;
                t[o++] = (char)c;
                i++;
            }
            break;
        case C_CTL:
            if (c == '\r' && i + 1 < n && s[i + 1] == '\n') {
                i++;
                break;
            }
            if (c == '\r' || c == '\v' || c == '\f') {
                SYNC();
                t[o++] = '\n';
            }
            i++;
            break;
        case C_UPPER:
            if (o > 0 && glued(cl, t, o, s + i, n - i))
                t[o++] = ' '; /* no anchor: it maps to the byte before */
            SYNC();
            t[o++] = (char)c;
            i++;
            break;
        default: { /* C_HIGH: a run of non-ASCII characters */
            size_t ro = o, ri = i; /* the stretch NFC may rewrite */
            if (o > 0 && is_alpha((unsigned char)t[o - 1]) && (int64_t)i - (int64_t)o == delta) {
                ro = o - 1; /* a combining mark may join the letter before */
                ri = i - 1;
            }
            size_t run = ro;
            int need_nfc = 0;
            while (i < n && s[i] >= 0x80) {
                int32_t cp;
                size_t k = decode(s + i, n - i, &cp);
                int m = cp < 0 ? M_DROP : map_cp(cp);
                if (m == M_KEEP) {
                    SYNC();
                    memcpy(t + o, s + i, k);
                    o += k;
                    need_nfc |= !nfc_stable(cp);
                    i += k;
                    continue;
                }
                /* A character replaced, turned into a space or dropped
                 * moves the offsets: NFC stops before it (it is what maps
                 * the stretch before, one anchor at its start), and starts
                 * again after it. */
                if (need_nfc && nfc_run(cl, t, ro, &o, ri, i, &delta) != 0)
                    return (size_t)-1;
                need_nfc = 0;
                if (cp < 0) {
                    SYNC();
                    memcpy(t + o, "\xEF\xBF\xBD", 3);
                    o += 3;
                    st->utf8_repairs++;
                } else if (m != M_DROP) {
                    SYNC();
                    t[o++] = m == M_SPACE ? ' ' : '\n';
                }
                i += k;
                ro = o;
                ri = i;
            }
            if (need_nfc && nfc_run(cl, t, ro, &o, ri, i, &delta) != 0)
                return (size_t)-1;
            if (scan_scripts(cl, t, run, o) != 0)
                return (size_t)-1;
        }
        }
    }
    SYNC(); /* an end anchor: the last stretch stays inside the original */
#undef SYNC
    return o;
}

/* --------------------------------------------------- pass 2: paragraphs */

static int add_para(dyad_cleaner *cl, size_t a, size_t b)
{
    if (grow_to((void **)&cl->par, &cl->parcap, cl->npar + 1, sizeof *cl->par) != 0)
        return -1;
    cl->par[cl->npar++] = (para){(uint32_t)a, (uint32_t)b};
    return 0;
}

static int is_blank_line(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != ' ' && p[i] != '\t')
            return 0;
    return 1;
}

static size_t trim_right_line(const char *t, size_t a, size_t b)
{
    while (b > a && (t[b - 1] == ' ' || t[b - 1] == '\t'))
        b--;
    return b;
}

static int ends_sentence(const char *p, size_t n)
{
    while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
        n--;
    if (!n)
        return 1;
    unsigned char c = (unsigned char)p[n - 1];
    return c == '.' || c == '!' || c == '?' || c == ':' || c == ';' || c == '"' || c == '\'' ||
           c >= 0x80;
}

#define WRAP_MAX 110 /* wrapped lines are at most this long (bytes) */

/* Cuts t into lines (cl->line: start, end without the '\n'); returns the
 * longest line length, or (size_t)-1 when out of memory. */
static size_t cut_lines(dyad_cleaner *cl, const char *t, size_t len)
{
    size_t i = 0, maxlen = 0;
    cl->nline = 0;
    while (i <= len) {
        const char *nl = i < len ? memchr(t + i, '\n', len - i) : NULL;
        size_t e = nl ? (size_t)(nl - t) : len;
        if (grow_to((void **)&cl->line, &cl->linecap, cl->nline + 1, sizeof *cl->line) != 0)
            return (size_t)-1;
        cl->line[cl->nline++] = (para){(uint32_t)i, (uint32_t)e};
        if (e - i > maxlen && !is_blank_line(t + i, e - i))
            maxlen = e - i;
        if (!nl)
            break;
        i = e + 1;
    }
    return maxlen;
}

/* Do the lines look hard-wrapped? No line longer than WRAP_MAX, at least
 * half of them longer than 60% of the longest (at least 40 bytes), and a third or more of the
 * lines that continue into a next unindented line ending mid-sentence. */
static int looks_wrapped(const dyad_cleaner *cl, const char *t, size_t maxlen)
{
    if (maxlen > WRAP_MAX || maxlen < 40 || cl->nline < 3)
        return 0;
    size_t nlines = 0, full = 0, open = 0, conts = 0;
    for (size_t l = 0; l < cl->nline; l++) {
        const para *ln = &cl->line[l];
        size_t n = ln->end - ln->start;
        if (is_blank_line(t + ln->start, n))
            continue;
        nlines++;
        full += n * 10 >= maxlen * 6;
        if (l + 1 < cl->nline) {
            const para *nx = &cl->line[l + 1];
            if (!is_blank_line(t + nx->start, nx->end - nx->start) && t[nx->start] != ' ' &&
                t[nx->start] != '\t') {
                conts++;
                open += !ends_sentence(t + ln->start, n);
            }
        }
    }
    return nlines >= 3 && full * 2 >= nlines && conts >= 2 && open * 3 >= conts;
}

/* In a document that is not wrapped as a whole: does line l continue line
 * l-1? The line before is 40..WRAP_MAX bytes, does not end a sentence and
 * ends with a comma or a function word ("of", "on"), or this line is not
 * indented and starts with a lower-case letter or a digit. */
static int continues(const dyad_cleaner *cl, const char *t, size_t l)
{
    if (l == 0)
        return 0;
    const para *pv = &cl->line[l - 1], *ln = &cl->line[l];
    size_t pn = pv->end - pv->start;
    if (pn < 40 || pn > WRAP_MAX || ends_sentence(t + pv->start, pn))
        return 0;
    unsigned char c = (unsigned char)t[ln->start];
    if (c == ' ' || c == '\t')
        return 0;
    if (is_lower(c) || (c >= '0' && c <= '9'))
        return 1;
    size_t e = trim_right_line(t, pv->start, pv->end), w = e;
    if (e > pv->start && t[e - 1] == ',')
        return 1;
    while (w > pv->start && is_alpha((unsigned char)t[w - 1]))
        w--;
    return w < e && e - w <= 5 && (dyad__fw_find(&cl->fw, t + w, e - w) & DYAD_FW_EN) &&
           is_lower((unsigned char)t[w]);
}

/* Pass 2: cuts t into paragraphs (joining wrapped lines in place). */
static int pass_paragraphs(dyad_cleaner *cl, char *t, size_t len)
{
    cl->npar = 0;
    size_t maxlen = cut_lines(cl, t, len);
    if (maxlen == (size_t)-1)
        return -1;
    int wrapped = looks_wrapped(cl, t, maxlen);
    size_t pstart = 0, pend = 0, prev_len = 0;
    int open = 0, prev_end = 1;
    for (size_t l = 0; l < cl->nline; l++) {
        size_t i = cl->line[l].start, e = cl->line[l].end;
        if (is_blank_line(t + i, e - i)) {
            if (open && add_para(cl, pstart, pend) != 0)
                return -1;
            open = 0;
        } else if (!wrapped) {
            /* A line that plainly continues the one before (which is of a
             * wrapped length and stops mid-sentence) joins it: notes under
             * wire-copy tables are wrapped even when the tables are not. */
            if (open && continues(cl, t, l)) {
                t[i - 1] = ' ';
                pend = e;
                continue;
            }
            if (open && add_para(cl, pstart, pend) != 0)
                return -1;
            pstart = i;
            pend = e;
            open = 1;
        } else {
            int indent = t[i] == ' ' || t[i] == '\t';
            int starts = !open || indent || (prev_end && prev_len * 10 < maxlen * 6);
            if (starts) {
                if (open && add_para(cl, pstart, pend) != 0)
                    return -1;
                pstart = i;
                open = 1;
            } else {
                t[i - 1] = ' '; /* join the wrapped line: same length, same offsets */
            }
            pend = e;
            prev_len = e - i;
            prev_end = ends_sentence(t + i, e - i);
        }
    }
    if (open && add_para(cl, pstart, pend) != 0)
        return -1;
    return 0;
}

/* ---------------------------------------------------- pass 3: segments */

static int add_seg(dyad_cleaner *cl, size_t a, size_t b, int kind, int para_start,
                   const char *lang)
{
    if (b <= a)
        return 0;
    if (grow_to((void **)&cl->seg, &cl->segcap, cl->nseg + 1, sizeof *cl->seg) != 0)
        return -1;
    dyad_segment *s = &cl->seg[cl->nseg++];
    memset(s, 0, sizeof *s);
    s->off = (uint32_t)a;
    s->len = (uint32_t)(b - a);
    s->kind = (uint8_t)kind;
    s->para_start = (uint8_t)para_start;
    if (lang) {
        size_t k = strlen(lang);
        if (k > sizeof s->lang - 1)
            k = sizeof s->lang - 1;
        memcpy(s->lang, lang, k);
    }
    return 0;
}

static int is_ws(int c) { return c == ' ' || c == '\t' || c == '\n'; }

static size_t trim_left(const char *t, size_t a, size_t b)
{
    while (a < b && is_ws((unsigned char)t[a]))
        a++;
    return a;
}

static size_t trim_right(const char *t, size_t a, size_t b)
{
    while (b > a && is_ws((unsigned char)t[b - 1]))
        b--;
    return b;
}

#define FOOTER_MAX 250 /* footer sentences are at most this long (bytes) */

/* . ! ? and the last byte of the ideographic full stop U+3002. */
static const uint8_t sent_punct[256] = {['.'] = 1, ['!'] = 1, ['?'] = 1, [0x82] = 1};

/* Start of the last sentence of t[a,b), looking back at most FOOTER_MAX
 * bytes; a when the paragraph is one sentence, (size_t)-1 when the last
 * sentence is longer than that. */
static size_t last_sentence(const char *t, size_t a, size_t b)
{
    size_t lo = b > a + FOOTER_MAX ? b - FOOTER_MAX : a;
    size_t k = b - 1; /* the paragraph's own final punctuation is no boundary */
    while (k > lo) {
        /* Back to the previous sentence punctuation (one compare chain a byte). */
        while (k > lo && !sent_punct[(unsigned char)t[k - 1]])
            k--;
        if (k <= lo)
            break;
        size_t q = k; /* t[q-1] is the punctuation */
        size_t e = q;
        if (t[q - 1] == '\x82' && !(q >= a + 3 && !memcmp(t + q - 3, "\xE3\x80\x82", 3))) {
            k--;
            continue; /* a byte of another character */
        }
        /* Closing quotes and brackets after it, then white space. */
        while (e < b && (t[e] == '"' || t[e] == '\'' || t[e] == ')' ||
                         ((unsigned char)t[e] >= 0x80 && (unsigned char)t[e] != 0xE3 &&
                          !is_ws((unsigned char)t[e]) && e - q < 6)))
            e++;
        if (e < b && is_ws((unsigned char)t[e])) {
            size_t s = trim_left(t, e, b);
            if (s < b)
                return s;
        }
        k--;
    }
    return lo == a ? a : (size_t)-1;
}

static int has_letter(const char *t, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++) {
        unsigned char c = (unsigned char)t[i];
        if (is_alpha(c))
            return 1;
        if (c >= 0xC3 && c != 0xEF) {
            int32_t cp;
            size_t k = decode((const uint8_t *)t + i, b - i, &cp);
            if (cp >= 0 && dyad__script_of((uint32_t)cp) != DYAD_SCRIPT_NONE)
                return 1;
            i += k - 1;
        }
    }
    return 0;
}

#define DUP_MIN 20 /* shorter paragraphs are never called duplicates */

/* Key of t[a,b) (trimmed) for the duplicate table: the count of bytes
 * that are not white space (eight at a time), and the first and last eight
 * bytes. ws_equal confirms a match with white space runs as one space. */
static uint64_t ws_key(const char *t, size_t a, size_t b)
{
    size_t cnt = 0, i = a;
    /* Bit 7 of each byte of (low 7 bits + 0x5F) is set when those bits
     * exceed 0x20; bytes >= 0x80 count too. */
    for (; i + 8 <= b; i += 8) {
        uint64_t x;
        memcpy(&x, t + i, 8);
        uint64_t hi = x & 0x8080808080808080ull;
        uint64_t lo = ((x & 0x7F7F7F7F7F7F7F7Full) + 0x5F5F5F5F5F5F5F5Full) & 0x8080808080808080ull;
        cnt += (size_t)((((hi | lo) >> 7) * 0x0101010101010101ull) >> 56);
    }
    for (; i < b; i++)
        cnt += (unsigned char)t[i] > ' ';
    uint64_t head, tail; /* b - a >= DUP_MIN > 8 */
    memcpy(&head, t + a, 8);
    memcpy(&tail, t + b - 8, 8);
    uint64_t h = cnt * 0x9E3779B97F4A7C15ull;
    h ^= head * 0xC2B2AE3D27D4EB4Full;
    h ^= (tail ^ (tail >> 29)) * 0x165667B19E3779F9ull;
    return h ^ (h >> 31);
}

static int ws_equal(const char *t, size_t a, size_t b, size_t c, size_t d)
{
    size_t i = a, j = c;
    for (;;) {
        int si = 0, sj = 0;
        while (i < b && is_ws((unsigned char)t[i]))
            i++, si = 1;
        while (j < d && is_ws((unsigned char)t[j]))
            j++, sj = 1;
        if (i == b || j == d)
            return i == b && j == d;
        if (si != sj || t[i] != t[j])
            return 0;
        i++, j++;
    }
}

/* Has t[a,b) been seen before in this document? Remembers it if not. */
static int seen_before(dyad_cleaner *cl, const char *t, size_t a, size_t b)
{
    if (b - a < DUP_MIN)
        return 0;
    uint64_t key = ws_key(t, a, b) | 1;
    size_t mask = cl->dcap - 1;
    size_t i = (size_t)(key ^ (key >> 29)) & mask;
    while (cl->dgen[i] == cl->gen) {
        if (cl->dkey[i] == key && ws_equal(t, cl->doff[i], cl->doff[i] + cl->dlen[i], a, b))
            return 1;
        i = (i + 1) & mask;
    }
    cl->dgen[i] = cl->gen;
    cl->dkey[i] = key;
    cl->doff[i] = (uint32_t)a;
    cl->dlen[i] = (uint32_t)(b - a);
    return 0;
}

static int dup_table_ready(dyad_cleaner *cl, size_t npar)
{
    size_t need = 64;
    while (need < npar * 2)
        need *= 2;
    if (need > cl->dcap) {
        free(cl->dkey);
        free(cl->dgen);
        free(cl->doff);
        free(cl->dlen);
        cl->dkey = malloc(need * sizeof *cl->dkey);
        cl->dgen = calloc(need, sizeof *cl->dgen);
        cl->doff = malloc(need * sizeof *cl->doff);
        cl->dlen = malloc(need * sizeof *cl->dlen);
        cl->dcap = need;
        cl->gen = 0;
        if (!cl->dkey || !cl->dgen || !cl->doff || !cl->dlen) {
            cl->dcap = 0;
            return -1;
        }
    }
    if (++cl->gen == 0) {
        memset(cl->dgen, 0, cl->dcap * sizeof *cl->dgen);
        cl->gen = 1;
    }
    return 0;
}

/* A Latin-script piece of text: TEXT, or FOREIGN when another language. */
static int latin_piece(dyad_cleaner *cl, const char *t, size_t a, size_t b, int para_start)
{
    char lang[6] = "";
    /* French, Spanish, German, Italian, Portuguese text has accented
     * letters; a document without a single one is not tested further. */
    int q = cl->accented ? dyad__lang_quick(&cl->fw, t + a, b - a) : 1;
    if (q < 0 && dyad__lang_en_share(&cl->fw, t + a, b - a) < 15) {
        cl->textcat_calls++;
        if (!dyad__lang_textcat(&cl->tc, &cl->tc_failed, t + a, b - a, lang))
            return add_seg(cl, a, b, DYAD_SEG_FOREIGN, para_start, lang);
    }
    return add_seg(cl, a, b, DYAD_SEG_TEXT, para_start, "en");
}

static int is_cjk_script(int sc)
{
    return sc == DYAD_SCRIPT_HAN || sc == DYAD_SCRIPT_KANA || sc == DYAD_SCRIPT_HANGUL;
}

/* Language of a run of another script: by the script, or by textcat for
 * scripts that several languages share. */
static void run_lang(dyad_cleaner *cl, const char *t, size_t a, size_t b, int script, char lang[6])
{
    const char *l = dyad__script_lang(script);
    if (*l || b - a < 200 || cl->script_asked[script]) {
        strcpy(lang, *l ? l : cl->script_lang[script]);
        return;
    }
    /* Once per script and document: later runs of that script share it. */
    cl->script_asked[script] = 1;
    cl->textcat_calls++;
    if (dyad__lang_textcat(&cl->tc, &cl->tc_failed, t + a, b - a, lang))
        lang[0] = '\0';
    memcpy(cl->script_lang[script], lang, 6);
}

/* Is the text between two runs of another script, t[a,b), short enough
 * to belong to them: at most three Latin words and 40 bytes? */
static int short_latin_gap(const char *t, size_t a, size_t b)
{
    if (b - a > 40)
        return 0;
    int words = 0;
    for (size_t i = a; i < b; i++)
        if (is_alpha((unsigned char)t[i]) && (i == a || !is_alpha((unsigned char)t[i - 1])))
            words++;
    return words <= 3;
}

/* The body of a paragraph [a,b) after boilerplate: TEXT and FOREIGN pieces.
 * *ri is the first run that may lie in it. */
static int body(dyad_cleaner *cl, const char *t, size_t a, size_t b, size_t *ri, int para_start)
{
    size_t r0 = *ri;
    while (r0 < cl->nrun && cl->run[r0].end <= a)
        r0++;
    size_t r1 = r0;
    uint32_t foreign = 0;
    int script = 0;
    while (r1 < cl->nrun && cl->run[r1].start < b) {
        uint32_t w = cl->run[r1].letters * (is_cjk_script(cl->run[r1].script) ? 3 : 1);
        foreign += w;
        if (!script || w > 3)
            script = cl->run[r1].script;
        r1++;
    }
    *ri = r1;
    if (r1 == r0)
        return latin_piece(cl, t, a, b, para_start);
    /* Mostly another script: the whole paragraph is foreign. */
    uint32_t latin = 0;
    for (size_t i = a; i < b; i++)
        latin += is_alpha((unsigned char)t[i]);
    if (foreign > latin) {
        char lang[6];
        run_lang(cl, t, a, b, script, lang);
        return add_seg(cl, a, b, DYAD_SEG_FOREIGN, para_start, lang);
    }
    /* English with runs of another script inside: cut them out. */
    size_t cur = a;
    int first = para_start;
    for (size_t r = r0; r < r1; r++) {
        const frun *fr = &cl->run[r];
        int cjk = is_cjk_script(fr->script);
        /* Runs with a few Latin words between them ("male sex worker
         * community" inside Hindi) make one foreign piece. */
        size_t rl = r;
        uint32_t letters = fr->letters;
        while (rl + 1 < r1 && short_latin_gap(t, cl->run[rl].end, cl->run[rl + 1].start)) {
            rl++;
            letters += cl->run[rl].letters;
        }
        if (letters < (cjk ? 2u : 4u))
            continue; /* a stray character stays in the English */
        r = rl;
        size_t fs = fr->start < a ? a : fr->start;
        size_t fe = cl->run[rl].end;
        /* Take the punctuation after the run up to the next Latin letter or digit. */
        while (fe < b && !is_alnum((unsigned char)t[fe])) {
            unsigned char c = (unsigned char)t[fe];
            if (c >= 0xC3 && c <= 0xC9)
                break; /* a Latin letter with a diacritic */
            fe++;
        }
        fe = trim_right(t, fs, fe);
        /* An opening quote or bracket just before the English goes with it. */
        while (fe > fs + 1 && (t[fe - 1] == '"' || t[fe - 1] == '(' || t[fe - 1] == '[') &&
               is_ws((unsigned char)t[fe - 2]))
            fe = trim_right(t, fs, fe - 1);
        if (fe > b)
            fe = b;
        size_t te = trim_right(t, cur, fs);
        if (te > cur && has_letter(t, cur, te)) {
            if (latin_piece(cl, t, cur, te, first) != 0)
                return -1;
            first = 0;
        } else {
            fs = cur; /* nothing English before it: the foreign piece starts here */
        }
        char lang[6];
        run_lang(cl, t, fs, fe, fr->script, lang);
        if (add_seg(cl, fs, fe, DYAD_SEG_FOREIGN, first, lang) != 0)
            return -1;
        first = 0;
        cur = trim_left(t, fe, b);
    }
    if (cur < b) {
        if (has_letter(t, cur, b)) {
            if (latin_piece(cl, t, cur, b, first) != 0)
                return -1;
        } else if (cl->nseg && cl->seg[cl->nseg - 1].kind == DYAD_SEG_FOREIGN &&
                   cl->seg[cl->nseg - 1].off + cl->seg[cl->nseg - 1].len <= cur) {
            cl->seg[cl->nseg - 1].len = (uint32_t)(b - cl->seg[cl->nseg - 1].off);
        } else if (add_seg(cl, cur, b, DYAD_SEG_JUNK, first, NULL) != 0) {
            return -1;
        }
    }
    return 0;
}

/* Pass 3 for one paragraph [a,b). `near_end`: one of the document's last
 * paragraphs, where footer sentences glued to the text are looked for
 * (elsewhere only whole footer lines are). */
static int segment_paragraph(dyad_cleaner *cl, const char *t, size_t a, size_t b, size_t *ri,
                             int near_top, int near_end)
{
    a = trim_left(t, a, b);
    b = trim_right(t, a, b);
    if (a >= b)
        return 0;
    int first = 1;
    /* Leading boilerplate. */
    size_t k = dyad__boiler_prefix(t + a, b - a, near_top);
    if (k) {
        size_t e = trim_right(t, a, a + k);
        if (add_seg(cl, a, e, DYAD_SEG_BOILER, 1, NULL) != 0)
            return -1;
        a = trim_left(t, a + k, b);
        if (a >= b)
            return 0;
    }
    size_t body_start = a;
    /* Trailing boilerplate sentences (at most three), kept to emit after. */
    size_t tail[3][2];
    int ntail = 0;
    while (ntail < 3) {
        size_t ls = near_end ? last_sentence(t, a, b) : (b - a <= FOOTER_MAX ? a : (size_t)-1);
        if (ls == (size_t)-1 || !dyad__boiler_sentence(t + ls, b - ls, ls == a, near_top))
            break;
        tail[ntail][0] = ls;
        tail[ntail][1] = b;
        ntail++;
        b = trim_right(t, a, ls);
        if (a >= b)
            break;
    }
    if (a < b) {
        if (!has_letter(t, a, b)) {
            if (add_seg(cl, a, b, DYAD_SEG_JUNK, first, NULL) != 0)
                return -1;
        } else if (seen_before(cl, t, a, b)) {
            if (add_seg(cl, a, b, DYAD_SEG_DUP, first, NULL) != 0)
                return -1;
        } else if (body(cl, t, a, b, ri, first) != 0) {
            return -1;
        }
        /* A paragraph whose TEXT follows boilerplate still starts a paragraph. */
        first = 0;
    }
    /* The footer sentences as one segment; a whole footer line starts its
     * paragraph. */
    if (ntail && add_seg(cl, tail[ntail - 1][0], tail[0][1], DYAD_SEG_BOILER,
                         tail[ntail - 1][0] == body_start && !k, NULL) != 0)
        return -1;
    return 0;
}

/* ---------------------------------------------------------------- entry */

int dyad__clean(dyad_cleaner *cl, const char *text, size_t len, dyad_arena *arena,
                dyad_clean *out, dyad_doc_stats *st)
{
    memset(out, 0, sizeof *out);
    if (len > (UINT32_MAX - 64) / 3)
        return -1; /* offsets would not fit in 32 bits */
    cl->na = cl->nrun = cl->npar = cl->nseg = cl->accented = 0;
    memset(cl->script_lang, 0, sizeof cl->script_lang);
    memset(cl->script_asked, 0, sizeof cl->script_asked);
    /* Worst case: every byte a U+FFFD (3 bytes) or NFC tripling. */
    char *t = dyad__arena_alloc(arena, len * 3 + 16);
    if (!t)
        return -1;
    size_t n = pass_chars(cl, (const uint8_t *)text, len, t, st);
    if (n == (size_t)-1)
        return -1;
    t[n] = '\0';
    if (pass_paragraphs(cl, t, n) != 0 || dup_table_ready(cl, cl->npar) != 0)
        return -1;
    size_t ri = 0;
    for (size_t p = 0; p < cl->npar; p++)
        if (segment_paragraph(cl, t, cl->par[p].start, cl->par[p].end, &ri, p < 3, p + 2 >= cl->npar) != 0)
            return -1;

    out->text = t;
    out->len = (uint32_t)n;
    out->nseg = (uint32_t)cl->nseg;
    out->seg = DYAD_ARENA_NEW(arena, dyad_segment, cl->nseg + 1);
    out->nmap = (uint32_t)cl->na;
    out->map_clean = DYAD_ARENA_NEW(arena, uint32_t, cl->na + 1);
    out->map_orig = DYAD_ARENA_NEW(arena, uint32_t, cl->na + 1);
    if (!out->seg || !out->map_clean || !out->map_orig)
        return -1;
    /* (an empty text has no segments and no anchors yet: their arrays are
     * still NULL, which memcpy must not get even for 0 bytes) */
    if (cl->nseg)
        memcpy(out->seg, cl->seg, cl->nseg * sizeof *cl->seg);
    if (cl->na) {
        memcpy(out->map_clean, cl->amc, cl->na * sizeof *cl->amc);
        memcpy(out->map_orig, cl->amo, cl->na * sizeof *cl->amo);
    }
    for (size_t i = 0; i < cl->nseg; i++) {
        st->segments++;
        switch (cl->seg[i].kind) {
        case DYAD_SEG_FOREIGN: st->skipped_lang++; break;
        case DYAD_SEG_BOILER:
        case DYAD_SEG_JUNK: st->skipped_boiler++; break;
        case DYAD_SEG_DUP: st->skipped_dup++; break;
        default: break;
        }
    }
    return 0;
}
