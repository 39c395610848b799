/*
 * mem.c -- see mem.h.
 */
#define _DEFAULT_SOURCE /* madvise, MADV_HUGEPAGE, MAP_ANONYMOUS */
#include "mem.h"

#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

enum {
    HUGE_PAGE = 2u << 20,
    BIG_MIN = 1u << 20, /* tables from this size up get a mapping of their own */
};

/* The bytes of the mapping a table of `bytes` gets: whole huge pages, or 0
 * when it is calloc's. At most half of the last huge page is unused. */
static size_t big_span(size_t bytes)
{
    if (bytes < BIG_MIN || bytes > SIZE_MAX - HUGE_PAGE)
        return 0;
    return (bytes + HUGE_PAGE - 1) & ~(size_t)(HUGE_PAGE - 1);
}

void *dyad__big_calloc(size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        return NULL;
    size_t span = big_span(n * size);
    if (!span)
        return calloc(n, size);
    /* Map a huge page more than needed and cut off what lies before the
     * first huge-page boundary and after the span: the kernel backs only
     * aligned 2 MB ranges with huge pages. */
    char *m = mmap(NULL, span + HUGE_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                   -1, 0);
    if (m == MAP_FAILED)
        return NULL;
    uintptr_t a = ((uintptr_t)m + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1);
    char *p = (char *)a;
    size_t head = (size_t)(p - m);
    if (head)
        munmap(m, head);
    if (HUGE_PAGE - head)
        munmap(p + span, HUGE_PAGE - head);
#ifdef MADV_HUGEPAGE
    /* Advice only: without huge pages the table is in 4 KB pages. */
    (void)madvise(p, span, MADV_HUGEPAGE);
#endif
    return p;
}

size_t dyad__big_usable(size_t bytes)
{
    size_t span = big_span(bytes);
    return span ? span : bytes;
}

void *dyad__lazy_calloc(size_t bytes)
{
    void *p = mmap(NULL, bytes ? bytes : 1, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                   -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

void dyad__lazy_free(void *p, size_t bytes)
{
    if (p)
        munmap(p, bytes ? bytes : 1);
}

void dyad__drop_copied(const void *p, size_t n)
{
    uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
    uintptr_t a = ((uintptr_t)p + page - 1) & ~(page - 1), e = ((uintptr_t)p + n) & ~(page - 1);
    if (page && e > a)
        (void)madvise((void *)a, e - a, MADV_DONTNEED); /* advice: kept when refused */
}

void dyad__big_free(void *p, size_t n, size_t size)
{
    if (!p)
        return;
    size_t span = big_span(n * size);
    if (span)
        munmap(p, span);
    else
        free(p);
}

char *dyad__read_all(FILE *fp, size_t *n, int *oom)
{
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap + 1); /* + the NUL */
    *oom = 0;
    while (buf) {
        len += fread(buf + len, 1, cap - len, fp);
        if (len < cap)
            break;
        char *nb = realloc(buf, cap * 2 + 1);
        if (!nb) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = nb;
        cap *= 2;
    }
    if (!buf) {
        *oom = 1;
        return NULL;
    }
    if (ferror(fp)) {
        free(buf);
        return NULL;
    }
    buf[len] = '\0';
    *n = len;
    return buf;
}

char *dyad__read_file(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t len = 0;
    int oom;
    char *buf = dyad__read_all(f, &len, &oom);
    fclose(f);
    if (buf && n)
        *n = len;
    return buf;
}

int dyad__put_pad(FILE *f, size_t n)
{
    static const char zero[8];
    size_t pad = dyad__pad8(n) - n;
    return pad && fwrite(zero, 1, pad, f) != pad ? -1 : 0;
}

int dyad__put_padded(FILE *f, const void *p, size_t n)
{
    return (n && fwrite(p, 1, n, f) != n) ? -1 : dyad__put_pad(f, n);
}
