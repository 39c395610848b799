/*
 * mem.h -- large zeroed tables.
 *
 * The dictionaries' hash tables and word arrays are megabytes each, filled
 * once at load and then read at random. Touched a 4 KB page at a time,
 * their first use costs a page fault per page (thousands at load), and
 * random reads across them miss the TLB. dyad__big_calloc asks the kernel
 * for transparent huge pages on them (2 MB pages: one fault instead of 512,
 * and the tables fit in few TLB entries). Where the kernel offers none, or
 * for small tables, it is plain calloc.
 */
#ifndef DYAD_MEM_H
#define DYAD_MEM_H

#include <stddef.h>

/* calloc(n, size); free with free(). */
void *dyad__big_calloc(size_t n, size_t size);

#endif
