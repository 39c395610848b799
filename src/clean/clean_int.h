/*
 * clean_int.h -- what the parts of the cleaner share (clean.c, boiler.c,
 * lang.c); nothing outside src/clean/ includes it.
 *
 * boiler.c recognises boilerplate (breadcrumbs, date stamps, footers);
 * lang.c knows scripts, English function words and the textcat handle.
 * Both work on cleaned text (valid UTF-8) and keep no state of their own
 * beyond what the dyad_cleaner passed to them holds.
 */
#ifndef DYAD_CLEAN_INT_H
#define DYAD_CLEAN_INT_H

#include <stddef.h>
#include <stdint.h>

#include "../lex/lex.h"
#include "clean.h"

/* ------------------------------------------------------------ boiler.c */

/* Length of boilerplate at the start of p[0,n) (a "date 2023-11-10" or ISO
 * date stamp, a breadcrumb "Home » World »"), white space after it
 * included; 0 when none. `top`: p is near the top of the document, where
 * breadcrumbs without "Home" ("News » World »") are looked for too. */
size_t dyad__boiler_prefix(const char *p, size_t n, int top);

/* Is p[0,n) (one trimmed sentence, `whole` = it is the whole paragraph,
 * `top` = near the top of the document) boilerplate: a bare date or
 * breadcrumb, a "please visit ... website" or copyright or
 * share/subscribe/follow-us/click-here line, a wire signature? */
int dyad__boiler_sentence(const char *p, size_t n, int whole, int top);

/* Length of a date written at the start of p[0,n) ("2023-11-10",
 * "Monday, September 16, 2019", "10 November 2023", with an optional time),
 * 0 when none. */
size_t dyad__boiler_date(const char *p, size_t n);

/* -------------------------------------------------------------- lang.c */

/* Scripts of letters (DYAD_SCRIPT_NONE: not a letter, or a Latin one). */
enum {
    DYAD_SCRIPT_NONE = 0,
    DYAD_SCRIPT_LATIN,
    DYAD_SCRIPT_HAN,
    DYAD_SCRIPT_KANA,
    DYAD_SCRIPT_HANGUL,
    DYAD_SCRIPT_CYRILLIC,
    DYAD_SCRIPT_GREEK,
    DYAD_SCRIPT_ARABIC,
    DYAD_SCRIPT_HEBREW,
    DYAD_SCRIPT_INDIC,
    DYAD_SCRIPT_THAI,
    DYAD_SCRIPT_OTHER, /* another non-Latin script (Georgian, Armenian, Ethiopic, ...) */
};

/* Script of code point cp: NONE for non-letters (punctuation, digits,
 * symbols, marks, spaces), LATIN for Latin letters, else the script. */
int dyad__script_of(uint32_t cp);
/* Language guessed from a script alone ("zh", "ja", ...; "" if ambiguous). */
const char *dyad__script_lang(int script);

/* The function-word table: packed lower-case words of up to 8 letters. */
#define DYAD_FW_SLOTS 1024
typedef struct dyad_fwtab {
    uint64_t key[DYAD_FW_SLOTS]; /* 0 = empty */
    uint8_t flag[DYAD_FW_SLOTS]; /* DYAD_FW_* */
    uint64_t other_bits[16];     /* 1024-bit filter of the DYAD_FW_OTHER words */
} dyad_fwtab;

enum {
    DYAD_FW_EN = 1,      /* English function word */
    DYAD_FW_OTHER = 2,   /* function word of French, Spanish, German, Italian, Portuguese */
    DYAD_FW_PARTICLE = 4 /* name particle (de, van, al, mc, ...): never split "deX" */
};

void dyad__fw_init(dyad_fwtab *t);
/* Flags of the word p[0,n) (any case, ASCII letters); 0 if not in the table. */
int dyad__fw_find(const dyad_fwtab *t, const char *p, size_t n);

/* Is p[0,n) English? Counts function words over its first words. Returns
 * 1 English (or too short to tell), 0 not English, -1 undecided (ask
 * textcat). */
int dyad__lang_quick(const dyad_fwtab *t, const char *p, size_t n);

/* Percentage of English function words among the first 400 words. */
int dyad__lang_en_share(const dyad_fwtab *t, const char *p, size_t n);

/* textcat on p[0,n): writes the language ("fr") to lang[6]; returns 1 when
 * it is English or unknown, 0 when it is confidently another language.
 * *handle is loaded on the first call (NULL + *failed on failure: then
 * everything is English). */
int dyad__lang_textcat(void **handle, int *failed, const char *p, size_t n, char lang[6]);
void dyad__lang_textcat_free(void *handle);

#endif
