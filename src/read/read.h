/*
 * read.h -- internal helpers of the document reader (the public interface,
 * dyad_reader_*, is in dyad.h).
 */
#ifndef DYAD_READ_H
#define DYAD_READ_H

#include "dyad.h"

#endif
