/*
 * embedded.h -- the data files compiled into the binary.
 *
 * CMakeLists.txt writes build/gen/embedded.c, which includes every file under
 * data/ and every generated file under build/gen/ with the assembler's
 * .incbin, in name order. Each file is followed by a NUL byte (not counted).
 */
#ifndef DYAD_EMBEDDED_H
#define DYAD_EMBEDDED_H

#include <stddef.h>

typedef struct dyad_embedded {
    const char *name;  /* path below data/ ("actors/countries.txt") or "gen/NAME.txt" */
    const char *data;  /* first byte */
    const char *end;   /* one past the last byte (points at the NUL) */
} dyad_embedded;

extern const dyad_embedded dyad__embedded[]; /* terminated by {0, 0, 0} */
extern const size_t dyad__nembedded;

/* The embedded file with this name, or NULL. */
const dyad_embedded *dyad__embedded_find(const char *name);

#endif
