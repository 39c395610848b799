/*
 * evread.c -- reading coded events (the JSON Lines `dyad code` writes)
 * back into dyad_event arrays, one document at a time, for
 * `dyad ingest --events`: events coded on other machines, or by another
 * tool that writes the same format, go into the store without their text.
 *
 * A document is a run of consecutive lines with the same doc_id (the order
 * `dyad code` writes). Its content hash covers its lines, so storing the
 * same file twice changes nothing, and a recoded document replaces the old.
 * Owns the parsed lines of the current document; never writes anything.
 */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "../base/hash.h"
#include "store_int.h"

struct dyad_evreader {
    gzFile gz;
    char name[192];          /* input name for messages */
    char *line;              /* current line buffer */
    size_t cap;
    uint64_t lineno;
    int eof;
    cJSON **docs;            /* parsed lines of the current document */
    dyad_event *ev;
    size_t n, capn;
    cJSON *next;             /* lookahead: first line of the next document */
    uint64_t next_hash;      /* hash of that line */
    uint64_t next_line;
    char *skip_id;           /* a document cut by a bad line: its later lines are dropped */
};

dyad_evreader *dyad_evreader_open(const char *path, dyad_err *err)
{
    dyad_evreader *r = calloc(1, sizeof *r);
    if (!r) {
        dyad__err_set(err, DYAD_ENOMEM, path ? path : "stdin", 0, 0, NULL);
        return NULL;
    }
    int stdin_ = !path || !strcmp(path, "-");
    snprintf(r->name, sizeof r->name, "%s", stdin_ ? "stdin" : path);
    r->gz = stdin_ ? gzdopen(dup(STDIN_FILENO), "rb") : gzopen(path, "rb");
    if (!r->gz) {
        dyad__err_set(err, DYAD_EIO, r->name, 0, 0, "cannot open");
        free(r);
        return NULL;
    }
    gzbuffer(r->gz, 1u << 17);
    return r;
}

void dyad_evreader_close(dyad_evreader *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n; i++)
        cJSON_Delete(r->docs[i]);
    cJSON_Delete(r->next);
    gzclose(r->gz);
    free(r->skip_id);
    free(r->docs);
    free(r->ev);
    free(r->line);
    free(r);
}

uint64_t dyad_evreader_pos(const dyad_evreader *r)
{
    z_off_t o = gzoffset(r->gz);
    return o > 0 ? (uint64_t)o : 0;
}

/* Reads one line (without its newline). 1, 0 at the end, -1 on error. */
static int read_line(dyad_evreader *r, size_t *len, dyad_err *err)
{
    size_t n = 0;
    for (;;) {
        if (r->cap - n < 2) {
            size_t cap = r->cap ? r->cap * 2 : 4096;
            char *p = realloc(r->line, cap);
            if (!p) {
                dyad__err_set(err, DYAD_ENOMEM, r->name, r->lineno + 1, 0, "line too long for memory");
                return -1;
            }
            r->line = p;
            r->cap = cap;
        }
        if (!gzgets(r->gz, r->line + n, (int)(r->cap - n > INT32_MAX ? INT32_MAX : r->cap - n))) {
            int zerr;
            const char *msg = gzerror(r->gz, &zerr);
            if (zerr != Z_OK && zerr != Z_BUF_ERROR) {
                dyad__err_set(err, DYAD_EGZIP, r->name, r->lineno + 1, dyad_evreader_pos(r),
                              "%s", msg);
                r->eof = 1;
                return -1;
            }
            if (!n) {
                r->eof = 1;
                return 0;
            }
            break;
        }
        n += strlen(r->line + n);
        if (n && r->line[n - 1] == '\n')
            break;
    }
    r->lineno++;
    while (n && (r->line[n - 1] == '\n' || r->line[n - 1] == '\r'))
        n--;
    r->line[n] = '\0';
    *len = n;
    return 1;
}

static const char *jstr(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) && v->valuestring ? v->valuestring : NULL;
}

static dyad_str jdstr(const cJSON *o, const char *key)
{
    const char *s = jstr(o, key);
    dyad_str d = {s ? s : "", s ? strlen(s) : 0};
    return d;
}

static double jnum(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsNumber(v) ? v->valuedouble : 0;
}

static int32_t jdate(const cJSON *o, const char *key)
{
    const char *s = jstr(o, key);
    return s ? dyad_date_parse(s, strlen(s)) : 0;
}

static dyad_span jspan(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    dyad_span sp = {0, 0};
    if (cJSON_IsArray(v) && cJSON_GetArraySize(v) == 2) {
        const cJSON *a = cJSON_GetArrayItem(v, 0), *b = cJSON_GetArrayItem(v, 1);
        if (cJSON_IsNumber(a) && cJSON_IsNumber(b) && a->valuedouble >= 0 && b->valuedouble >= 0) {
            sp.start = (uint32_t)a->valuedouble;
            sp.end = (uint32_t)b->valuedouble;
        }
    }
    return sp;
}

static int put_code(char *dst, size_t cap, const char *s)
{
    if (!s)
        s = "";
    size_t n = strlen(s);
    if (n >= cap)
        return -1;
    memcpy(dst, s, n + 1);
    return 0;
}

/* Parses one event line into e (strings point into o). */
static int parse_event(const cJSON *o, dyad_event *e, const char **why)
{
    memset(e, 0, sizeof *e);
    const char *code = jstr(o, "code");
    if (!code || !*code || strlen(code) > 4 || strspn(code, "0123456789") != strlen(code)) {
        *why = "no CAMEO event code (\"code\": 2 to 4 digits)";
        return -1;
    }
    if (put_code(e->code, sizeof e->code, code) || put_code(e->root, sizeof e->root, jstr(o, "root")) ||
        put_code(e->source, sizeof e->source, jstr(o, "source")) ||
        put_code(e->target, sizeof e->target, jstr(o, "target")) ||
        put_code(e->plover, sizeof e->plover, jstr(o, "plover"))) {
        *why = "a code field is too long";
        return -1;
    }
    double s = jnum(o, "sentence"), m = jnum(o, "mentions"), q = jnum(o, "quad");
    e->sentence = s > 0 && s < 4e9 ? (uint32_t)s : 0;
    e->mentions = m >= 1 && m < 4e9 ? (uint32_t)m : 1;
    e->quad = q >= 1 && q <= 4 ? (int)q : 0;
    e->goldstein = jnum(o, "goldstein");
    e->date = jdate(o, "date");
    e->doc_date = jdate(o, "doc_date");
    e->source_text = jdstr(o, "source_text");
    e->target_text = jdstr(o, "target_text");
    e->verb_text = jdstr(o, "verb_text");
    e->sentence_text = jdstr(o, "sentence_text");
    e->pattern = jdstr(o, "pattern");
    e->rule = jdstr(o, "rule");
    e->source_span = jspan(o, "source_span");
    e->target_span = jspan(o, "target_span");
    e->verb_span = jspan(o, "verb_span");
    return 0;
}

/* Reads and parses the next line into r->next. 1, 0 at the end, -1 bad line. */
static int read_next(dyad_evreader *r, dyad_err *err)
{
    size_t n;
    int rc = read_line(r, &n, err);
    if (rc <= 0)
        return rc;
    if (!n)
        return read_next(r, err); /* blank lines are allowed */
    cJSON *o = cJSON_ParseWithLength(r->line, n);
    const char *id = o ? jstr(o, "doc_id") : NULL;
    if (!o || !cJSON_IsObject(o) || !id || !*id) {
        dyad__err_set(err, DYAD_EJSON, r->name, r->lineno, dyad_evreader_pos(r),
                      o ? "an event without a doc_id" : "malformed JSON");
        cJSON_Delete(o);
        return -1;
    }
    r->next = o;
    r->next_hash = dyad__hash(r->line, n);
    r->next_line = r->lineno;
    return 1;
}

int dyad_evreader_next(dyad_evreader *r, dyad_store_doc *doc, const dyad_event **ev, size_t *nev,
                       dyad_err *err)
{
    for (size_t i = 0; i < r->n; i++)
        cJSON_Delete(r->docs[i]);
    r->n = 0;
    for (;;) {
        if (!r->next) {
            if (r->eof)
                return 0;
            int rc = read_next(r, err);
            if (rc <= 0)
                return rc;
        }
        if (!r->skip_id || strcmp(jstr(r->next, "doc_id"), r->skip_id) != 0)
            break;
        cJSON_Delete(r->next);
        r->next = NULL;
    }
    free(r->skip_id);
    r->skip_id = NULL;
    memset(doc, 0, sizeof *doc);
    const char *id = jstr(r->next, "doc_id");
    uint64_t h = 0x51ed270b27e1e3d5ULL;
    int bad = 0;
    while (r->next) {
        const char *nid = jstr(r->next, "doc_id");
        if (r->n && strcmp(nid, id) != 0)
            break;
        if (r->n == r->capn) {
            size_t cap = r->capn ? r->capn * 2 : 16;
            cJSON **d = realloc(r->docs, cap * sizeof *d);
            if (d)
                r->docs = d;
            dyad_event *e = realloc(r->ev, cap * sizeof *e);
            if (e)
                r->ev = e;
            if (!d || !e) {
                dyad__err_set(err, DYAD_ENOMEM, r->name, r->next_line, 0, NULL);
                return -1;
            }
            r->capn = cap;
        }
        const char *why = NULL;
        if (parse_event(r->next, &r->ev[r->n], &why) != 0) {
            dyad__err_set(err, DYAD_EJSON, r->name, r->next_line, 0, "document '%.100s': %s", id, why);
            bad = 1;
        }
        r->docs[r->n++] = r->next;
        h = dyad__mix64(h ^ r->next_hash) + r->n;
        r->next = NULL;
        if (r->eof)
            break;
        int rc = read_next(r, err);
        if (rc < 0) {
            /* A bad line cuts this document: it is skipped whole, with the
             * lines of it that follow. */
            r->skip_id = strdup(id);
            bad = 1;
            break;
        }
    }
    if (bad)
        return -1; /* the whole document is skipped: a partial one would be wrong */
    doc->id.p = id;
    doc->id.n = strlen(id);
    doc->date = r->ev[0].doc_date;
    doc->hash = h ? h : 1;
    *ev = r->ev;
    *nev = r->n;
    return 1;
}
