/*
 * kb.h -- the knowledge base: dictionaries compiled for lookup.
 *
 * Reads dyad's dictionary files (docs/dictionaries.md): the built-in ones,
 * embedded in the binary at build time, then the user's (--dict FILE).
 * Compiles actor names into a trie over lexicon word ids (longest match,
 * case-aware), event patterns into element arrays indexed by their anchor
 * lemma, and the CAMEO tables into a code lookup. Immutable after
 * dyad_kb_load: share one kb between all coders and threads.
 *
 * Owns its lexicon (lex.h): every dictionary word is interned there, so
 * matching compares ids. Knows nothing of sentences beyond token arrays.
 */
#ifndef DYAD_KB_H
#define DYAD_KB_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "../lex/lex.h"
#include "../text/text.h"
#include "dyad.h"

#define DYAD_CODE_MAX 24 /* actor code buffer, NUL included */

/* ------------------------------------------------------------- actors */

typedef enum dyad_actor_kind {
    DYAD_AK_NONE = 0,
    DYAD_AK_COUNTRY,   /* country RUS */
    DYAD_AK_ADJ,       /* adj RUS: Russian */
    DYAD_AK_CAPITAL,   /* capital RUSGOV: Moscow, the Kremlin */
    DYAD_AK_CITY,      /* city RUS: Novosibirsk */
    DYAD_AK_PERSON,    /* person RUSGOV@...: Putin */
    DYAD_AK_ORG,       /* org IGOUNO: United Nations */
    DYAD_AK_AGENT,     /* agent MIL: troops */
    DYAD_AK_COUNT
} dyad_actor_kind;

const char *dyad__actor_kind_name(int kind); /* "country", "adj", ... */

typedef struct dyad_role {
    char code[DYAD_CODE_MAX]; /* RUSGOV; for agents the sector alone: MIL */
    int32_t from, to;         /* yyyymmdd; 0 = open */
} dyad_role;

typedef struct dyad_actor {
    uint8_t kind;             /* dyad_actor_kind */
    uint8_t nroles;
    const dyad_role *roles;   /* in file order */
    const char *name;         /* the first name of the entry, as written */
    const char *file;         /* dictionary file ("actors/people-rus.txt") */
    uint32_t line;            /* line in that file */
} dyad_actor;

/* Longest actor name starting at tok[i] (of the n tokens of one sentence),
 * honouring case rules. Returns the number of tokens matched and sets *out,
 * or returns 0. When several entries share the longest name, the one loaded
 * last (a user's override) wins. */
uint32_t dyad__kb_match_actor(const dyad_kb *kb, const dyad_tok *tok, uint32_t n, uint32_t i,
                              const char *text, const dyad_actor **out);

/* The words that start actor names, two bits per lexicon word (of *nwords),
 * read with dyad__kb_start_bits(): DYAD_START_ANY when some name starts with
 * the word, DYAD_START_LOWER when one of those need not begin with a capital
 * letter (no capital required at its first letter). dyad__kb_match_actor
 * returns 0 at a token whose word has no DYAD_START_ANY, and at one with
 * DYAD_START_ANY alone whose first byte is ASCII and not a capital letter:
 * a caller scanning every token can skip those without the call. NULL when
 * no name was loaded. */
enum { DYAD_START_ANY = 1, DYAD_START_LOWER = 2 };
static inline unsigned dyad__kb_start_bits(const uint64_t *starts, uint32_t w)
{
    return (unsigned)(starts[w >> 5] >> ((w & 31) * 2)) & 3u;
}
const uint64_t *dyad__kb_actor_starts(const dyad_kb *kb, uint32_t *nwords);

/* The code an actor has on `date` (yyyymmdd, 0 = unknown); see
 * docs/dictionaries.md, "Dates". Never NULL. */
const char *dyad__actor_code(const dyad_actor *a, int32_t date);
/* The same for a person named after a title of `sector` ("President":
 * "GOV"): with no article date, the role of that sector held longest,
 * when the person has one ("US President Donald Trump" is USAGOV, not the
 * businessman he was longest). */
const char *dyad__actor_code_titled(const dyad_actor *a, int32_t date, const char *sector);

/* All entries whose name is exactly `name` (tokenised and folded like text),
 * for `dyad dict find`. Returns how many were written to out (up to cap). */
size_t dyad__kb_find_name(const dyad_kb *kb, const char *name, const dyad_actor **out, size_t cap);

/* ----------------------------------------------------------- patterns */

typedef enum dyad_pattern_kind { DYAD_PK_VERB = 1, DYAD_PK_NOUN = 2 } dyad_pattern_kind;

typedef enum dyad_pelem_type {
    DYAD_PE_WORD = 0,  /* one of alt[]: lemma ids (or form ids when exact) */
    DYAD_PE_TARGET,    /* + */
    DYAD_PE_SOURCE,    /* $ */
    DYAD_PE_GAP,       /* ... */
} dyad_pelem_type;

typedef struct dyad_pelem {
    uint8_t type;          /* dyad_pelem_type */
    uint8_t optional;      /* written in parentheses */
    uint8_t exact;         /* =word: compare folded forms, not lemmas */
    uint8_t nalt;          /* alternatives in alt[] */
    uint32_t sig;          /* bit dyad__word_bit(id) & 31 of each alternative: a token
                              whose form and lemma hit none of them matches none */
    const uint32_t *alt;   /* lexicon ids */
} dyad_pelem;

typedef struct dyad_pattern {
    uint8_t kind;          /* dyad_pattern_kind */
    uint8_t nelem;
    char code[6];          /* CAMEO code, or "---" for a negative pattern */
    const dyad_pelem *elem;/* elem[0] is the anchor (verb or noun lemma) */
    const char *text;      /* the pattern as written */
    const char *file;
    uint32_t line;
    uint16_t nwords;       /* word elements that are not optional: specificity */
} dyad_pattern;

/* The bit a word id sets in a sentence's word filter: 0..DYAD_WORD_BITS-1
 * (see dyad_pfilter). */
#define DYAD_WORD_BITS 1024
static inline uint32_t dyad__word_bit(uint32_t id) { return (id * 2654435761u) >> 22; }

/* What a pattern needs of a sentence, kept beside the pattern list so that
 * the grammar can pass over patterns without reading them: bit[0..nbit)
 * the word bits of required elements that have a single alternative, orbit
 * those of the first with several. */
typedef struct dyad_pfilter {
    const uint16_t *orbit; /* word bits of the alternatives of the first required element
                              with several (one of them must be seen), then a 0 */
    uint8_t nor;           /* alternatives in orbit[], the 0 not counted */
    uint8_t nbit;
    uint8_t flags;         /* DYAD_PF_* */
    uint16_t bit[3];       /* unused ones are 0: the grammar sets bit 0 always */
} dyad_pfilter;

enum {
    DYAD_PF_EMPTY = 1, /* the pattern has no elements: never matches */
    DYAD_PF_PLAIN = 2, /* "VERB +": the anchor and a target */
    DYAD_PF_MORE = 4,  /* required elements the filter does not cover: see pattern.mask */
};
enum {
    DYAD_PF_MAXOR = 32, /* alternatives an OR group of the filter holds at most */
};

/* Patterns of `kind` whose anchor lemma is `lemma`, most specific first.
 * Sets *n, *filt (if not NULL) to their filters, in the same order, and
 * *plain (if not NULL) to 1 + the index of the last DYAD_PF_PLAIN pattern
 * among them (0: none); returns NULL when there are none. */
const dyad_pattern *const *dyad__kb_patterns(const dyad_kb *kb, int kind, uint32_t lemma,
                                              uint32_t *n, const dyad_pfilter **filt,
                                              uint32_t *plain);

/* The same for the handle of (kind, lemma) that dyad__kb_each_anchor()
 * gave: no hash probe. */
const dyad_pattern *const *dyad__kb_patterns_at(const dyad_kb *kb, uint32_t handle, uint32_t *n,
                                                 const dyad_pfilter **filt, uint32_t *plain);

/* Calls fn once for every (kind, lemma) under which dyad__kb_patterns()
 * finds patterns, in no particular order, with its handle (1, 2, ...) for
 * dyad__kb_patterns_at(). */
void dyad__kb_each_anchor(const dyad_kb *kb,
                          void (*fn)(void *ud, int kind, uint32_t lemma, uint32_t handle),
                          void *ud);

/* Index+1 of a discard phrase that occurs in tok[0,n), else 0. */
uint32_t dyad__kb_discard(const dyad_kb *kb, const dyad_tok *tok, uint32_t n);
/* The discard phrase with that index+1, for explain. */
const char *dyad__kb_discard_text(const dyad_kb *kb, uint32_t id);

/* ------------------------------------------------------------- general */

const dyad_lex *dyad__kb_lex(const dyad_kb *kb);

typedef struct dyad_kb_stats {
    uint32_t files;          /* dictionary files loaded */
    uint32_t countries;      /* countries and territories: distinct codes of country entries */
    uint32_t people;
    uint32_t organisations;  /* org entries: igos + ngos + armed_groups + parties + others */
    uint32_t igos;           /* ... with an IGO code */
    uint32_t ngos;           /* ... with an NGO code */
    uint32_t armed_groups;   /* ... armed non-state groups (IMG, or a REB/INS/SEP/UAF/RAD role) */
    uint32_t parties;        /* ... with a PTY role */
    uint32_t agent_names;    /* role nouns and titles (names of agent entries) */
    uint32_t agents;
    uint32_t places;         /* capitals, metonyms and cities */
    uint32_t adjectives;
    uint32_t actors;         /* all actor name variants */
    uint32_t patterns;       /* verb + noun patterns, negatives included */
    uint32_t negatives;      /* --- patterns */
    uint32_t discards;
    uint32_t cameo_codes;    /* codes in the CAMEO table */
    uint32_t cameo_codes_covered; /* table codes with at least one pattern */
    uint32_t words;          /* lexicon size */
    uint32_t cities;         /* city entries (part of places) */
    uint32_t capitals;       /* capital entries (part of places) */
    uint32_t regions;        /* distinct region codes (AFR, MEA...) of country lines, not in countries */
    uint32_t nodes;          /* actor trie nodes */
    double load_seconds;
    size_t bytes;            /* memory held by the kb */
} dyad_kb_stats;

void dyad__kb_stats(const dyad_kb *kb, dyad_kb_stats *st);

/* Runs the consistency checks of `dyad dict check`; calls report once per
 * finding (severity "error" or "warning"). Returns the number of errors. */
typedef void (*dyad_kb_report_fn)(void *ud, const char *severity, const char *file,
                                  uint32_t line, const char *msg);
size_t dyad__kb_check(const dyad_kb *kb, dyad_kb_report_fn report, void *ud);

/* Like dyad_kb_load, but a line with a syntax error is skipped and kept as a
 * finding for dyad__kb_check instead of failing the load (`dyad dict check`
 * uses it to report every problem, not just the first). An unreadable file
 * still fails. */
dyad_kb *dyad__kb_load_lenient(const dyad_kb_opts *opts, dyad_err *err);

/* The built-in dictionaries compiled (image.c): dyad_kb_load restores the
 * kb from gen/kb.bin, embedded, when no user dictionary is given, instead
 * of parsing them (copying what holds pointers, using the rest in place).
 *
 * dyad__kb_write_image writes a kb loaded from the built-in dictionaries
 * alone as such an image (tools/kb-image.c, at build time): 0, or -1 with
 * err filled. dyad__kb_load_text loads from the text, never from the image;
 * dyad__kb_load_image from the image data[0, len) alone (NULL with err
 * filled when it is not one this binary can use); data must outlive the kb.
 * Both for the image's writer and tests. */
int dyad__kb_write_image(const dyad_kb *kb, FILE *f, dyad_err *err);
dyad_kb *dyad__kb_load_text(const dyad_kb_opts *opts, dyad_err *err);
dyad_kb *dyad__kb_load_image(const char *data, size_t len, dyad_err *err);

/* What a three-letter code block is (a bit mask; 0 = unknown): countries are
 * the codes of `country` lines; groups also the last block of `org` codes
 * (IGOSCO defines SCO); the rest come from `code` lines in data/codes.txt
 * (docs/codes.md). "---" is DYAD_CB_ROOT. */
enum {
    DYAD_CB_COUNTRY = 1,   /* RUS, XKX: a state or territory */
    DYAD_CB_ROOT = 2,      /* IGO NGO IMG MNC ...: an actor that is not a state */
    DYAD_CB_ROLE = 4,      /* GOV MIL COP REB ...: sector / role */
    DYAD_CB_GROUP = 8,     /* UNO NAT EEC SCO ...: a known group */
    DYAD_CB_REGION = 16,   /* AFR MEA WST ...: a region */
    DYAD_CB_RELIGION = 32, /* MOS CHR SHI ...: a religion */
};
unsigned dyad__kb_block_type(const dyad_kb *kb, const char *block);

#endif
