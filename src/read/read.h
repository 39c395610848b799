/*
 * read.h -- internal helpers of the document reader (the public interface,
 * dyad_reader_*, is in dyad.h; the decisions on bad input are documented
 * atop read.c).
 */
#ifndef DYAD_READ_H
#define DYAD_READ_H

#include "dyad.h"

/* 1 when the input is a gzip stream (inflated), 0 when it is read as is. */
int dyad__reader_is_gzip(const dyad_reader *r);

/* Bytes the reader's line buffer holds now (tests check that an over-long
 * line is skipped without being buffered whole). */
size_t dyad__reader_bufcap(const dyad_reader *r);

#endif
