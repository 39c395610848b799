/*
 * lang.c -- is this segment English? Scripts of letters, a table of English
 * (and a few other languages') function words for a cheap first test, and
 * libexttextcat for the segments that test cannot decide.
 *
 * Owns nothing itself: the function-word table and the textcat handle live
 * in the caller's dyad_cleaner (one per thread). Never decides what to do
 * with a foreign segment (clean.c does).
 */
#include <libexttextcat/textcat.h>
#include <stdio.h>
#include <string.h>

#include "clean_int.h"

#ifndef DYAD_TEXTCAT_DIR
#define DYAD_TEXTCAT_DIR "/usr/share/libexttextcat"
#endif

/* ------------------------------------------------------------- scripts */

int dyad__script_of(uint32_t cp)
{
    if (cp < 0x80)
        return ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') ? DYAD_SCRIPT_LATIN : DYAD_SCRIPT_NONE;
    if (cp < 0x0370) {
        if (cp >= 0xC0 && cp != 0xD7 && cp != 0xF7 && cp < 0x2B0)
            return DYAD_SCRIPT_LATIN;
        return DYAD_SCRIPT_NONE; /* Latin-1 symbols, spacing modifiers, combining marks */
    }
    if (cp < 0x0400)
        return (cp >= 0x0386 && cp != 0x0387) ? DYAD_SCRIPT_GREEK : DYAD_SCRIPT_NONE;
    if (cp < 0x0530)
        return (cp >= 0x0483 && cp <= 0x0489) ? DYAD_SCRIPT_NONE : DYAD_SCRIPT_CYRILLIC;
    if (cp < 0x0590)
        return DYAD_SCRIPT_OTHER; /* Armenian */
    if (cp < 0x0600)
        return (cp >= 0x05D0 && cp <= 0x05F2) ? DYAD_SCRIPT_HEBREW : DYAD_SCRIPT_NONE;
    if (cp < 0x0700) {
        if ((cp >= 0x0620 && cp <= 0x064A) || (cp >= 0x066E && cp <= 0x06D3) || cp >= 0x06FA ||
            (cp >= 0x06D5 && cp <= 0x06D5))
            return DYAD_SCRIPT_ARABIC;
        return DYAD_SCRIPT_NONE; /* marks, digits, punctuation */
    }
    if (cp < 0x0750)
        return DYAD_SCRIPT_OTHER; /* Syriac */
    if (cp < 0x0780 || (cp >= 0x08A0 && cp < 0x0900))
        return DYAD_SCRIPT_ARABIC;
    if (cp < 0x0900)
        return DYAD_SCRIPT_OTHER; /* Thaana, NKo, ... */
    if (cp < 0x0E00) {
        if (cp == 0x0964 || cp == 0x0965 || (cp >= 0x0966 && cp <= 0x096F))
            return DYAD_SCRIPT_NONE; /* danda, digits */
        return DYAD_SCRIPT_INDIC;
    }
    if (cp < 0x0F00)
        return (cp >= 0x0E50 && cp <= 0x0E59) ? DYAD_SCRIPT_NONE : DYAD_SCRIPT_THAI;
    if (cp < 0x1100)
        return DYAD_SCRIPT_OTHER; /* Tibetan, Myanmar, Georgian */
    if (cp < 0x1200)
        return DYAD_SCRIPT_HANGUL;
    if (cp < 0x1E00)
        return (cp >= 0x1AB0 && cp < 0x1B00) || (cp >= 0x1DC0) ? DYAD_SCRIPT_NONE
                                                                : DYAD_SCRIPT_OTHER;
    if (cp < 0x1F00)
        return DYAD_SCRIPT_LATIN;
    if (cp < 0x2000)
        return DYAD_SCRIPT_GREEK;
    if (cp < 0x2C00)
        return DYAD_SCRIPT_NONE; /* punctuation, symbols, arrows, ... */
    if (cp >= 0x2C60 && cp < 0x2C80)
        return DYAD_SCRIPT_LATIN;
    if (cp >= 0x2DE0 && cp < 0x2E00)
        return DYAD_SCRIPT_CYRILLIC;
    if (cp < 0x2E80)
        return DYAD_SCRIPT_NONE;
    if (cp < 0x3000)
        return DYAD_SCRIPT_HAN; /* radicals */
    if (cp < 0x3040)
        return (cp >= 0x3005 && cp <= 0x3007) ? DYAD_SCRIPT_HAN : DYAD_SCRIPT_NONE;
    if (cp < 0x3100)
        return (cp == 0x30FB) ? DYAD_SCRIPT_NONE : DYAD_SCRIPT_KANA;
    if (cp < 0x3190)
        return (cp >= 0x3130) ? DYAD_SCRIPT_HANGUL : DYAD_SCRIPT_HAN; /* bopomofo as Han */
    if (cp < 0x3400)
        return DYAD_SCRIPT_NONE; /* enclosed CJK, compatibility */
    if (cp < 0xA000)
        return (cp >= 0x4DC0 && cp < 0x4E00) ? DYAD_SCRIPT_NONE : DYAD_SCRIPT_HAN;
    if (cp >= 0xA640 && cp < 0xA6A0)
        return DYAD_SCRIPT_CYRILLIC;
    if (cp >= 0xA720 && cp < 0xA800)
        return DYAD_SCRIPT_LATIN;
    if (cp >= 0xAC00 && cp < 0xD7B0)
        return DYAD_SCRIPT_HANGUL;
    if (cp >= 0xF900 && cp < 0xFB00)
        return DYAD_SCRIPT_HAN;
    if (cp >= 0xFB00 && cp < 0xFB07)
        return DYAD_SCRIPT_LATIN; /* ligatures ff, fi */
    if (cp >= 0xFB1D && cp < 0xFB50)
        return DYAD_SCRIPT_HEBREW;
    if ((cp >= 0xFB50 && cp < 0xFE00) || (cp >= 0xFE70 && cp < 0xFF00))
        return DYAD_SCRIPT_ARABIC;
    if (cp >= 0xFF00 && cp < 0xFFF0) {
        if ((cp >= 0xFF21 && cp <= 0xFF3A) || (cp >= 0xFF41 && cp <= 0xFF5A))
            return DYAD_SCRIPT_LATIN;
        if (cp >= 0xFF66 && cp <= 0xFF9F)
            return DYAD_SCRIPT_KANA;
        if (cp >= 0xFFA0 && cp <= 0xFFDC)
            return DYAD_SCRIPT_HANGUL;
        return DYAD_SCRIPT_NONE; /* full-width punctuation and digits */
    }
    if (cp >= 0x20000 && cp < 0x32000)
        return DYAD_SCRIPT_HAN;
    if (cp >= 0x10000 && cp < 0x1F000)
        return DYAD_SCRIPT_OTHER; /* historic scripts; symbols and emoji above */
    return DYAD_SCRIPT_NONE;
}

const char *dyad__script_lang(int script)
{
    switch (script) {
    case DYAD_SCRIPT_HAN: return "zh";
    case DYAD_SCRIPT_KANA: return "ja";
    case DYAD_SCRIPT_HANGUL: return "ko";
    case DYAD_SCRIPT_GREEK: return "el";
    case DYAD_SCRIPT_HEBREW: return "he";
    case DYAD_SCRIPT_THAI: return "th";
    default: return ""; /* Cyrillic, Arabic, Indic: several languages share them */
    }
}

/* ------------------------------------------------------ function words */

/* English closed-class words and very frequent news words; a share of them
 * among a segment's words tells English from other Latin-script text. */
static const char *const en_words[] = {
    "the", "of", "and", "to", "a", "in", "is", "that", "for", "on", "with", "as", "by",
    "was", "at", "from", "he", "it", "be", "are", "has", "have", "had", "its", "an", "will",
    "were", "not", "this", "which", "but", "or", "they", "their", "his", "who", "been",
    "would", "after", "also", "than", "we", "i", "you", "she", "her", "there", "said",
    "says", "about", "into", "over", "against", "between", "during", "before", "these",
    "those", "them", "our", "what", "when", "where", "while", "could", "should", "may",
    "can", "did", "does", "do", "no", "if", "more", "most", "some", "any", "all", "other",
    "such", "only", "being", "because", "since", "so", "up", "out", "then", "him", "my",
    "your", "how", "why", "both", "each", "under", "through", "until", "told", "per",
    "new", "one", "two", "last", "year", "week", "people", "government", "saying", "added",
    "us", "it's", "just", "very", "many", "much", "now", "first", "again", "without",
    "however", "whether", "among", "within", "across", "around", "including", "there's",
};

/* Function words of French, Spanish, Italian, Portuguese, German that are
 * not English words. */
static const char *const other_words[] = {
    "de", "la", "le", "les", "des", "du", "et", "est", "une", "un", "au", "aux", "sur",
    "pour", "dans", "qui", "que", "pas", "par", "ce", "il", "elle", "nous", "vous", "ont",
    "el", "los", "las", "y", "del", "con", "por", "para", "una", "es", "lo", "se", "su",
    "sus", "como", "pero", "fue", "muy", "der", "die", "das", "und", "ist", "von", "zu",
    "den", "mit", "sich", "dem", "nicht", "ein", "eine", "auf", "auch", "wird", "di", "che",
    "della", "dei", "gli", "il", "sono", "da", "dos", "em", "na", "os", "um", "uma", "ao",
    "mais", "foi", "ele",
};

/* Name particles: "deGaulle", "vanDyke", "alAssad" are never glue. */
static const char *const particles[] = {
    "de", "da", "di", "du", "la", "le", "van", "von", "der", "den", "mc", "mac", "al", "el",
    "bin", "ibn", "abu", "dos", "das", "del", "della", "st", "o",
};

static uint64_t pack(const char *p, size_t n)
{
    uint64_t k = 0;
    if (n == 0 || n > 8)
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c >= 'A' && c <= 'Z')
            c |= 0x20;
        else if (!((c >= 'a' && c <= 'z') || c == '\''))
            return 0;
        k |= (uint64_t)c << (8 * i);
    }
    return k;
}

static size_t slot(uint64_t k)
{
    k *= 0x9E3779B97F4A7C15ull;
    return (size_t)(k >> 54) & (DYAD_FW_SLOTS - 1);
}

/* Bit of the other-language filter for key k (another hash than slot()). */
static size_t bit_of(uint64_t k)
{
    k *= 0xC2B2AE3D27D4EB4Full;
    return (size_t)(k >> 54) & 1023;
}

static void add(dyad_fwtab *t, const char *w, int flag)
{
    uint64_t k = pack(w, strlen(w));
    if (!k)
        return;
    size_t i = slot(k);
    while (t->key[i] && t->key[i] != k)
        i = (i + 1) & (DYAD_FW_SLOTS - 1);
    t->key[i] = k;
    t->flag[i] |= (uint8_t)flag;
    if (flag == DYAD_FW_OTHER) {
        size_t b = bit_of(k);
        t->other_bits[b >> 6] |= 1ull << (b & 63);
    }
}

void dyad__fw_init(dyad_fwtab *t)
{
    memset(t, 0, sizeof *t);
    for (size_t i = 0; i < sizeof en_words / sizeof *en_words; i++)
        add(t, en_words[i], DYAD_FW_EN);
    for (size_t i = 0; i < sizeof other_words / sizeof *other_words; i++)
        add(t, other_words[i], DYAD_FW_OTHER);
    for (size_t i = 0; i < sizeof particles / sizeof *particles; i++)
        add(t, particles[i], DYAD_FW_PARTICLE);
}

static int find_key(const dyad_fwtab *t, uint64_t k)
{
    size_t i = slot(k);
    while (t->key[i]) {
        if (t->key[i] == k)
            return t->flag[i];
        i = (i + 1) & (DYAD_FW_SLOTS - 1);
    }
    return 0;
}

int dyad__fw_find(const dyad_fwtab *t, const char *p, size_t n)
{
    uint64_t k = pack(p, n);
    return k ? find_key(t, k) : 0;
}

/* ------------------------------------------------------------ the tests */

#define QUICK_WORDS 12 /* words looked at */
#define QUICK_MIN 8    /* fewer words: English by default */

/* The words of p[0,n): calls back with each word's packed key (0 when it
 * is longer than 8 letters or has non-ASCII letters) and its first byte. */
typedef struct quick_count {
    unsigned words, en, other, accented;
} quick_count;

/* Byte classes for the word scan: 1 ASCII letter or apostrophe, 2 a byte
 * of a non-ASCII character, 0 anything else. */
static const uint8_t qclass[256] = {
    ['\''] = 1,
    ['A' ... 'Z'] = 1,
    ['a' ... 'z'] = 1,
    [0x80 ... 0xFF] = 2,
};

static void quick_scan(const dyad_fwtab *t, const char *p, size_t n, int with_en, quick_count *qc)
{
    const unsigned char *u = (const unsigned char *)p;
    int pending = 0; /* the word before was another language's function word */
    size_t i = 0;
    memset(qc, 0, sizeof *qc);
    while (qc->words < QUICK_WORDS) {
        while (i < n && !qclass[u[i]])
            i++;
        if (i >= n)
            break;
        size_t s = i;
        while (i < n && qclass[u[i]] == 1)
            i++;
        int ascii = 1;
        if (i < n && qclass[u[i]] == 2) {
            ascii = 0;
            while (i < n && qclass[u[i]])
                i++;
        }
        qc->words++;
        /* "de la", "de los": another language's function word counts when
         * a lower-case word follows it ("Caisse de France" is a name). */
        if (pending && u[s] >= 'a')
            qc->other++;
        pending = 0;
        if (!ascii || u[s] >= 0x80) {
            qc->accented++;
            continue;
        }
        size_t len = i - s;
        if (len > 8)
            continue;
        uint64_t key;
        if (s + 8 <= n) {
            memcpy(&key, u + s, 8);
            uint64_t mask = len == 8 ? ~0ull : (1ull << (8 * len)) - 1;
            key = (key | 0x2020202020202020ull) & mask; /* lower case; ' stays ' */
        } else {
            key = 0;
            for (size_t k = 0; k < len; k++)
                key |= (uint64_t)(u[s + k] | 0x20) << (8 * k);
        }
        if (with_en) {
            int f = find_key(t, key);
            qc->en += (f & DYAD_FW_EN) != 0;
            pending = (f & DYAD_FW_OTHER) != 0;
        } else {
            size_t b = bit_of(key);
            if ((t->other_bits[b >> 6] >> (b & 63)) & 1)
                pending = (find_key(t, key) & DYAD_FW_OTHER) != 0;
        }
    }
}

int dyad__lang_quick(const dyad_fwtab *t, const char *p, size_t n)
{
    quick_count qc;
    quick_scan(t, p, n, 0, &qc);
    if (qc.words < QUICK_MIN)
        return 1;
    /* Another language needs positive evidence: its own function words
     * (de, la, und, ...) or accented words. Text without either (tables,
     * lists of names) stays English without counting more. */
    unsigned foreign = qc.other + qc.accented / 2;
    if (foreign * 100 < qc.words * 12)
        return 1;
    quick_scan(t, p, n, 1, &qc);
    foreign = qc.other + qc.accented / 2;
    if (foreign * 100 >= qc.words * 12 && foreign > 2 * qc.en && qc.en * 100 < qc.words * 10)
        return -1;
    return 1;
}

int dyad__lang_en_share(const dyad_fwtab *t, const char *p, size_t n)
{
    unsigned words = 0, en = 0;
    size_t i = 0;
    while (i < n && words < 400) {
        unsigned char c = (unsigned char)p[i];
        if (!qclass[c]) {
            i++;
            continue;
        }
        size_t s = i;
        while (i < n && qclass[(unsigned char)p[i]])
            i++;
        words++;
        en += (dyad__fw_find(t, p + s, i - s) & DYAD_FW_EN) != 0;
    }
    return words ? (int)(en * 100 / words) : 100;
}

int dyad__lang_textcat(void **handle, int *failed, const char *p, size_t n, char lang[6])
{
    lang[0] = '\0';
    if (!*handle && !*failed) {
        *handle = special_textcat_Init(DYAD_TEXTCAT_DIR "/fpdb.conf", DYAD_TEXTCAT_DIR "/");
        if (!*handle)
            *failed = 1;
    }
    if (!*handle)
        return 1;
    if (n > 2000)
        n = 2000;
    const char *r = textcat_Classify(*handle, p, n);
    if (!r || r[0] != '[')
        return 1; /* UNKNOWN or SHORT: keep it */
    /* "[fr--utf8][it--utf8]": English anywhere among the candidates keeps it. */
    if (strstr(r, "[en-"))
        return 1;
    size_t k = 0;
    for (const char *q = r + 1; *q && *q != '-' && *q != ']' && k < 5; q++)
        lang[k++] = *q;
    lang[k] = '\0';
    return 0;
}

void dyad__lang_textcat_free(void *handle)
{
    if (handle)
        textcat_Done(handle);
}
