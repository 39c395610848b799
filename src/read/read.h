/*
 * read.h -- internal helpers of the document reader (the public interface,
 * dyad_reader_*, is in dyad.h).
 */
#ifndef DYAD_READ_H
#define DYAD_READ_H

#include "dyad.h"

/* 1 when the input is a gzip stream (inflated), 0 when it is read as is. */
int dyad__reader_is_gzip(const dyad_reader *r);

#endif
