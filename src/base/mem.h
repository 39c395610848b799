/*
 * mem.h -- large zeroed tables.
 *
 * The dictionaries' hash tables and word arrays are megabytes each, filled
 * once at load and then read at random. Touched a 4 KB page at a time,
 * their first use costs a page fault per page (thousands at load), and
 * random reads across them miss the TLB. dyad__big_calloc maps them on
 * their own, aligned to 2 MB, and asks the kernel for transparent huge
 * pages on them (one fault instead of 512, and the tables fit in few TLB
 * entries). On the virtual machines dyad is measured on, a 4 KB fault
 * costs 10-20 us, and start-up took 5,700 of them. (Earlier this was
 * calloc and advice on the 2 MB pages that happened to lie inside the
 * block: about half of the tables' bytes.) Where the kernel offers no huge pages it is 4 KB pages;
 * for small tables, plain calloc.
 *
 * Also: reading a whole file into memory (dictionaries, build tools).
 */
#ifndef DYAD_MEM_H
#define DYAD_MEM_H

#include <stddef.h>
#include <stdio.h>

/* calloc(n, size) for a table of a megabyte or more: a mapping of its own,
 * whole 2 MB pages aligned to 2 MB (a table of 1.2 MB holds 2 MB once
 * touched). Smaller tables are calloc's. Free with dyad__big_free and the
 * same n and size. NULL when out of memory. */
void *dyad__big_calloc(size_t n, size_t size);
void dyad__big_free(void *p, size_t n, size_t size);
/* The bytes dyad__big_calloc(1, bytes) really provides (at least bytes). */
size_t dyad__big_usable(size_t bytes);

/* Zeroed memory of its own mapping, page-aligned, for a table that is
 * filled as it is used (a coder's word cache): its pages are zeroed by the
 * kernel when first touched, by the thread that touches them, rather than
 * all at once by whoever makes the table. Free with dyad__lazy_free and
 * the same bytes. NULL when out of memory. */
void *dyad__lazy_calloc(size_t bytes);
void dyad__lazy_free(void *p, size_t bytes);

/* Gives back the pages wholly inside [p, p + n) of data embedded in the
 * binary (read-only, mapped from its file) that has been copied and will
 * not be read again: the parts of the built-in kb's image that are
 * copied, 10 MB, would otherwise stay in the process's memory (its
 * resident size) for nothing. Read again,
 * they would come back from the file. Never for other memory, which this
 * would clear. */
void dyad__drop_copied(const void *p, size_t n);

/* Images (the lexicon's, the kb's, a string table's) are written as
 * sections padded to 8 bytes, so that each can be used in place. */
static inline size_t dyad__pad8(size_t n) { return (n + 7) & ~(size_t)7; }
/* Writes the zeros that pad a section of n bytes, already written, to 8. */
int dyad__put_pad(FILE *f, size_t n);
/* Writes p[0, n) and its padding. 0, or -1 on a write error. */
int dyad__put_padded(FILE *f, const void *p, size_t n);

/* Reads fp to its end into a malloc'ed buffer (free with free()), with a
 * NUL after the last byte read, and sets *n to its length; does not close
 * fp. NULL when memory runs out (*oom set to 1) or on a read error (*oom 0). */
char *dyad__read_all(FILE *fp, size_t *n, int *oom);
/* The same for the file at path (n may be NULL); NULL when it cannot be
 * opened, read, or memory runs out. For the build tools. */
char *dyad__read_file(const char *path, size_t *n);

#endif
