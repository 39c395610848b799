/*
 * err.h -- filling a dyad_err (the public struct is in dyad.h).
 */
#ifndef DYAD_ERR_H
#define DYAD_ERR_H

#include "dyad.h"

#if defined(__GNUC__)
#define DYAD_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define DYAD_PRINTF(f, a)
#endif

/* Sets every field of err (no-op when err is NULL). fmt NULL = the status text. */
void dyad__err_set(dyad_err *err, dyad_status code, const char *where, uint64_t line,
                   uint64_t offset, const char *fmt, ...) DYAD_PRINTF(6, 7);
void dyad__err_clear(dyad_err *err);

#endif
