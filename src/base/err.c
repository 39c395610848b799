/*
 * err.c -- status codes to text, error formatting (dyad_err in dyad.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "dyad.h"
#include "err.h"

static const char *const messages[DYAD_STATUS_COUNT] = {
    [DYAD_OK] = "success",
    [DYAD_ENOMEM] = "out of memory",
    [DYAD_EIO] = "input/output error",
    [DYAD_EJSON] = "malformed JSON",
    [DYAD_EUTF8] = "invalid UTF-8",
    [DYAD_ETOOBIG] = "input too large",
    [DYAD_EGZIP] = "corrupt or truncated gzip data",
    [DYAD_ENOTEXT] = "document has no text",
    [DYAD_EBINARY] = "binary data where text was expected",
    [DYAD_EDICT] = "dictionary error",
    [DYAD_EDB] = "event store error",
    [DYAD_EUSAGE] = "usage error",
    [DYAD_EDATE] = "bad date",
};

const char *dyad_strerror(dyad_status code)
{
    if ((int)code < 0 || code >= DYAD_STATUS_COUNT || !messages[code])
        return "unknown error";
    return messages[code];
}

void dyad__err_set(dyad_err *err, dyad_status code, const char *where, uint64_t line,
                   uint64_t offset, const char *fmt, ...)
{
    if (!err)
        return;
    err->code = code;
    err->line = line;
    err->offset = offset;
    snprintf(err->where, sizeof err->where, "%s", where ? where : "");
    if (fmt) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
    } else {
        snprintf(err->msg, sizeof err->msg, "%s", dyad_strerror(code));
    }
}

void dyad__err_clear(dyad_err *err)
{
    if (err)
        memset(err, 0, sizeof *err);
}

void dyad_err_format(const dyad_err *err, char *buf, size_t cap)
{
    if (!cap)
        return;
    char pos[64] = "";
    if (err->line)
        snprintf(pos, sizeof pos, ":%llu", (unsigned long long)err->line);
    snprintf(buf, cap, "%s%s%s%s (byte %llu)", err->where, pos, err->where[0] ? ": " : "",
             err->msg[0] ? err->msg : dyad_strerror(err->code), (unsigned long long)err->offset);
}
