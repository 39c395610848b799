/*
 * clean.h -- from raw document text to clean English segments.
 *
 * Web and wire text is messy as a rule: invalid UTF-8, hard-wrapped lines,
 * breadcrumbs and share/subscribe/"visit our website" lines, a paragraph
 * pasted twice, sentences glued without a space ("saying thatThe"), runs of
 * another language. dyad__clean turns a document's text into one cleaned
 * buffer (valid NFC UTF-8) cut into segments, each either English text to
 * analyse or a part skipped with a reason. It keeps a map from cleaned
 * offsets back to the original bytes, so that every event can point at the
 * text the user gave.
 *
 * Owns nothing but its cleaner (a language identifier); all output is carved
 * from the caller's arena. Knows nothing of sentences or actors.
 */
#ifndef DYAD_CLEAN_H
#define DYAD_CLEAN_H

#include <stddef.h>
#include <stdint.h>

#include "../base/arena.h"
#include "../lex/lex.h"
#include "dyad.h"

typedef enum dyad_seg_kind {
    DYAD_SEG_TEXT = 0,     /* English text: analyse it */
    DYAD_SEG_FOREIGN,      /* not English (language identified or script) */
    DYAD_SEG_BOILER,       /* boilerplate: breadcrumb, date line, share/visit line */
    DYAD_SEG_DUP,          /* a repeat of an earlier paragraph of the same document */
    DYAD_SEG_JUNK,         /* binary junk, control characters, no letters */
} dyad_seg_kind;

typedef struct dyad_segment {
    uint32_t off, len;     /* bytes in the cleaned text */
    uint8_t kind;          /* dyad_seg_kind */
    uint8_t para_start;    /* 1 when the segment starts a paragraph */
    char lang[6];          /* identified language ("en", "zh", ...) or "" */
} dyad_segment;

typedef struct dyad_clean {
    const char *text;      /* cleaned text, NUL-terminated (arena) */
    uint32_t len;
    dyad_segment *seg;     /* in text order */
    uint32_t nseg;
    uint32_t *map_clean;   /* offset map anchors: cleaned offset ...           */
    uint32_t *map_orig;    /* ... and the original byte offset it came from    */
    uint32_t nmap;         /* between anchors offsets advance one for one      */
} dyad_clean;

/* A cleaner holds what cleaning needs that is costly to build (the language
 * identifier). One per thread. */
typedef struct dyad_cleaner dyad_cleaner;

dyad_cleaner *dyad__cleaner_new(const dyad_lex *lex, dyad_err *err);
void dyad__cleaner_free(dyad_cleaner *cl);

/* Cleans text[0,len). Fills *out and adds to *st (segments, skipped_*,
 * utf8_repairs). Returns 0, or -1 when the arena runs out of memory. */
int dyad__clean(dyad_cleaner *cl, const char *text, size_t len, dyad_arena *arena,
                dyad_clean *out, dyad_doc_stats *st);

/* How many segments this cleaner has sent to textcat so far (the cheap
 * function-word test decides the others): for measurements. */
size_t dyad__cleaner_textcat_calls(const dyad_cleaner *cl);

/* Original byte offset of cleaned offset `off`. */
uint32_t dyad__clean_orig(const dyad_clean *c, uint32_t off);

#endif
