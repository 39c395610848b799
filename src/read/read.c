/*
 * read.c -- STUB: JSON Lines from a plain file or stdin with cJSON.
 * Replaced by the real reader (gzip, text mode, size limits, errors).
 */
#include "read.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/err.h"

struct dyad_reader {
    FILE *f;
    char *line;
    size_t cap;
    uint64_t lineno, pos;
    cJSON *json;
    dyad_reader_opts o;
};

dyad_reader *dyad_reader_open(const char *path, const dyad_reader_opts *opts, dyad_err *err)
{
    dyad_reader *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    if (opts)
        r->o = *opts;
    r->f = (!path || !strcmp(path, "-")) ? stdin : fopen(path, "rb");
    if (!r->f) {
        dyad__err_set(err, DYAD_EIO, path, 0, 0, "cannot open");
        free(r);
        return NULL;
    }
    return r;
}

int dyad_reader_next(dyad_reader *r, dyad_doc *doc, dyad_err *err)
{
    ssize_t n = getline(&r->line, &r->cap, r->f);
    if (n < 0)
        return 0;
    r->lineno++;
    r->pos += (uint64_t)n;
    cJSON_Delete(r->json);
    r->json = cJSON_ParseWithLength(r->line, (size_t)n);
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(r->json, "id");
    const cJSON *text = cJSON_GetObjectItemCaseSensitive(r->json, "text");
    const cJSON *date = cJSON_GetObjectItemCaseSensitive(r->json, "date");
    if (!cJSON_IsString(id) || !cJSON_IsString(text)) {
        dyad__err_set(err, DYAD_EJSON, "stdin", r->lineno, r->pos, "bad record");
        return -1;
    }
    doc->id = id->valuestring;
    doc->id_len = strlen(id->valuestring);
    doc->text = text->valuestring;
    doc->text_len = strlen(text->valuestring);
    doc->date = cJSON_IsString(date) ? dyad_date_parse(date->valuestring, strlen(date->valuestring)) : 0;
    if (!doc->date)
        doc->date = r->o.default_date;
    return 1;
}

uint64_t dyad_reader_pos(const dyad_reader *r) { return r->pos; }
uint64_t dyad_reader_size(const dyad_reader *r) { (void)r; return 0; }
uint64_t dyad_reader_line(const dyad_reader *r) { return r->lineno; }

void dyad_reader_close(dyad_reader *r)
{
    if (!r)
        return;
    if (r->f && r->f != stdin)
        fclose(r->f);
    cJSON_Delete(r->json);
    free(r->line);
    free(r);
}
