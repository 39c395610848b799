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
 *
 * Also: reading a whole file into memory (dictionaries, build tools).
 */
#ifndef DYAD_MEM_H
#define DYAD_MEM_H

#include <stddef.h>
#include <stdio.h>

/* calloc(n, size); free with free(). */
void *dyad__big_calloc(size_t n, size_t size);

/* Reads fp to its end into a malloc'ed buffer (free with free()) and sets
 * *n to its length; does not close fp. NULL when memory runs out (*oom set
 * to 1) or on a read error (*oom 0). */
char *dyad__read_all(FILE *fp, size_t *n, int *oom);

#endif
