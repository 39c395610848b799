/*
 * dyad.h -- the public interface of libdyad, a political event coder.
 *
 * News text goes in (dyad_doc); events come out (dyad_event): who did what
 * to whom, coded in CAMEO and PLOVER, each traced to its sentence, its
 * character offsets and the dictionary pattern that fired.
 *
 * Typical use:
 *
 *     dyad_err err;
 *     dyad_kb *kb = dyad_kb_load(NULL, &err);          // default dictionaries
 *     dyad_coder *c = dyad_coder_new(kb, &err);        // one per thread
 *     dyad_doc doc = { "id1", 3, text, strlen(text), dyad_date_parse("2023-11-10", 10) };
 *     const dyad_result *r = dyad_code(c, &doc);
 *     for (size_t i = 0; i < r->nevents; i++) use(&r->events[i]);
 *     dyad_coder_free(c);
 *     dyad_kb_free(kb);
 *
 * Ownership: a dyad_kb is immutable once loaded and may be shared by any
 * number of coders and threads. A dyad_coder is single-threaded; everything
 * a dyad_result points at lives until the next dyad_code() call on the same
 * coder. Strings in results are not NUL-terminated unless said so: they come
 * with a length.
 *
 * Everything public is dyad_* / DYAD_*; internal symbols are dyad__* or static.
 */
#ifndef DYAD_H
#define DYAD_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define DYAD_VERSION "0.1.0"

/* ---------------------------------------------------------------- errors */

typedef enum dyad_status {
    DYAD_OK = 0,
    DYAD_ENOMEM,     /* allocation failed */
    DYAD_EIO,        /* read or write failed (errno in the message) */
    DYAD_EJSON,      /* malformed JSON */
    DYAD_EUTF8,      /* invalid UTF-8 (repaired where possible) */
    DYAD_ETOOBIG,    /* a line or document over the size limit */
    DYAD_EGZIP,      /* corrupt or truncated gzip stream */
    DYAD_ENOTEXT,    /* a document without usable text */
    DYAD_EBINARY,    /* binary junk where text was expected */
    DYAD_EDICT,      /* a dictionary file has an error */
    DYAD_EDB,        /* the event store failed */
    DYAD_EUSAGE,     /* bad arguments from the caller */
    DYAD_EDATE,      /* a date that does not parse */
    DYAD_STATUS_COUNT
} dyad_status;

/* An error with its position. `where` names the input (file name, "stdin",
 * or a document id); line is 1-based (0 = not applicable); offset is the
 * byte offset in that input (or in the document for per-document errors). */
typedef struct dyad_err {
    dyad_status code;
    uint64_t line;
    uint64_t offset;
    char where[192];
    char msg[320];
} dyad_err;

/* A short, constant description of a status code ("malformed JSON"). */
const char *dyad_strerror(dyad_status code);

/* Formats an error as "WHERE:LINE: MSG (byte OFFSET)" into buf. */
void dyad_err_format(const dyad_err *err, char *buf, size_t cap);

/* ----------------------------------------------------------------- dates */

/* Dates are int32 yyyymmdd (20231110); 0 means unknown. They compare
 * correctly with < and >. */
int32_t dyad_date_parse(const char *s, size_t n); /* ISO 8601 prefix; 0 if bad */
int32_t dyad_date_add_days(int32_t date, int32_t days);
int dyad_date_weekday(int32_t date);              /* 0 = Monday .. 6 = Sunday */
void dyad_date_format(int32_t date, char out[11]); /* "2023-11-10" or "" */

/* ------------------------------------------------------ knowledge base */

typedef struct dyad_kb dyad_kb;

typedef struct dyad_kb_opts {
    const char *const *files; /* user dictionary files, loaded after the defaults */
    size_t nfiles;
    int no_defaults;          /* 1: do not load the built-in dictionaries */
} dyad_kb_opts;

/* Loads the built-in dictionaries and then `opts->files` (which extend or
 * override them). NULL opts = defaults only. Returns NULL and fills err on
 * failure (err names the file and line). */
dyad_kb *dyad_kb_load(const dyad_kb_opts *opts, dyad_err *err);
void dyad_kb_free(dyad_kb *kb);

/* ---------------------------------------------------------------- coding */

typedef struct dyad_doc {
    const char *id;
    size_t id_len;
    const char *text;  /* UTF-8 (invalid bytes are repaired and reported) */
    size_t text_len;
    int32_t date;      /* publication date, yyyymmdd, 0 = unknown */
} dyad_doc;

/* A half-open range of character (code point) offsets into the document's
 * original text. start == end == 0 when absent. */
typedef struct dyad_span {
    uint32_t start;
    uint32_t end;
} dyad_span;

/* A pointer+length string that points into the document, the coder or the
 * knowledge base; see the ownership note at the top. */
typedef struct dyad_str {
    const char *p;
    size_t n;
} dyad_str;

typedef struct dyad_event {
    uint32_t sentence;      /* 0-based index of the sentence in the document */
    int32_t date;           /* event date (from the text, else the article) */
    int32_t doc_date;       /* the article's date */
    char source[24];        /* CAMEO actor code, "" when absent (NUL-terminated) */
    char target[24];
    char code[6];           /* CAMEO event code with its leading zero, NUL-terminated */
    char root[3];           /* first two digits of code */
    char plover[16];        /* PLOVER-2021 type, "" for CAMEO 01/02 */
    int quad;               /* QuadClass 1..4 */
    double goldstein;       /* Goldstein scale value of `code` */
    dyad_str source_text;   /* the words of the source mention */
    dyad_str target_text;
    dyad_str verb_text;     /* the words of the event (verb phrase or event noun) */
    dyad_str sentence_text; /* the whole sentence, as cleaned */
    dyad_span source_span;  /* character offsets in the original text */
    dyad_span target_span;
    dyad_span verb_span;
    dyad_str pattern;       /* id of the dictionary pattern: "file:line" */
    dyad_str rule;          /* grammar rule that assigned the roles ("svo", "passive", ...) */
    uint32_t mentions;      /* how many times the document reports this event */
} dyad_event;

/* Per-document counts. */
typedef struct dyad_doc_stats {
    uint32_t sentences;      /* sentences coded */
    uint32_t segments;       /* text segments (paragraphs) seen */
    uint32_t skipped_lang;   /* segments skipped as not English */
    uint32_t skipped_boiler; /* boilerplate lines dropped */
    uint32_t skipped_dup;    /* repeated paragraphs dropped */
    uint32_t utf8_repairs;   /* invalid UTF-8 sequences replaced */
} dyad_doc_stats;

typedef struct dyad_result {
    const dyad_event *events; /* primary event first, then in text order */
    size_t nevents;
    dyad_doc_stats stats;
    dyad_status status;       /* DYAD_OK, or why the document was not coded */
    dyad_err err;             /* details when status != DYAD_OK (also for repairs) */
} dyad_result;

typedef struct dyad_coder dyad_coder;

dyad_coder *dyad_coder_new(const dyad_kb *kb, dyad_err *err);
void dyad_coder_free(dyad_coder *c);

/* Codes one document. Never fails on bad text: a problem is reported in
 * result->status/err and whatever could be coded is returned. Returns NULL
 * only when memory runs out. */
const dyad_result *dyad_code(dyad_coder *c, const dyad_doc *doc);

/* --------------------------------------------------------------- reading */

/* Reads documents from a file or stdin: JSON Lines ({"id","text","date"},
 * other fields ignored), gzip-compressed or not (detected by its magic
 * bytes), or one plain-text article per file. Bad records are reported one
 * at a time and skipped; reading goes on after them. */
typedef struct dyad_reader dyad_reader;

typedef enum dyad_read_mode {
    DYAD_READ_JSONL = 0, /* one JSON object a line */
    DYAD_READ_TEXT = 1,  /* the whole input is one article */
} dyad_read_mode;

typedef struct dyad_reader_opts {
    dyad_read_mode mode;
    size_t max_doc_bytes;   /* longer lines/documents are skipped and reported; 0 = 64 MiB */
    int32_t default_date;   /* date for documents without one (0 = none) */
    const char *text_id;    /* DYAD_READ_TEXT: the document id (default: the file name) */
} dyad_reader_opts;

/* path NULL or "-" reads stdin. NULL opts = JSONL defaults. Returns NULL and
 * fills err when the input cannot be opened. */
dyad_reader *dyad_reader_open(const char *path, const dyad_reader_opts *opts, dyad_err *err);

/* Next document: returns 1 and fills *doc (valid until the next call),
 * 0 at the end of input, -1 when a record was bad: err says where (input
 * name, line, byte offset) and why; call again to continue with the next
 * record. An unrecoverable input error (truncated gzip, read error) returns
 * -1 once and then 0. When it returns 1, err->code is DYAD_OK or a warning
 * about a document that is still returned (no "id": coded as "LINE-<n>";
 * a "date" that does not parse: default_date used). */
int dyad_reader_next(dyad_reader *r, dyad_doc *doc, dyad_err *err);

/* Bytes consumed so far from the underlying input (compressed bytes for
 * gzip), and its total size when known (0 otherwise): for progress bars. */
uint64_t dyad_reader_pos(const dyad_reader *r);
uint64_t dyad_reader_size(const dyad_reader *r);
uint64_t dyad_reader_line(const dyad_reader *r);

void dyad_reader_close(dyad_reader *r);

/* --------------------------------------------------------------- tables */

typedef struct dyad_cameo_info {
    const char *code;     /* "0312" */
    const char *label;    /* "Express intent to cooperate militarily" */
    const char *plover;   /* "AGREE", "" for 01/02 */
    const char *plover_mode;    /* "" when none */
    const char *plover_context; /* "" when none */
    double goldstein;
    int quad;
} dyad_cameo_info;

/* Looks up a CAMEO event code; NULL when the code is unknown. */
const dyad_cameo_info *dyad_cameo_lookup(const dyad_kb *kb, const char *code);

#ifdef __cplusplus
}
#endif
#endif /* DYAD_H */
