/*
 * mem.c -- see mem.h.
 */
#define _DEFAULT_SOURCE /* madvise, MADV_HUGEPAGE */
#include "mem.h"

#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>

enum { HUGE_PAGE = 2u << 20 };

void *dyad__big_calloc(size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        return NULL;
    size_t bytes = n * size;
    void *p = calloc(n, size);
#ifdef MADV_HUGEPAGE
    /* A table this large is mapped on its own by malloc and not touched
     * yet; the advice covers the whole huge pages inside it. Advice only:
     * failure changes nothing. */
    if (p && bytes >= (size_t)HUGE_PAGE) {
        uintptr_t a = ((uintptr_t)p + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1);
        uintptr_t e = ((uintptr_t)p + bytes) & ~(uintptr_t)(HUGE_PAGE - 1);
        if (e > a)
            (void)madvise((void *)a, e - a, MADV_HUGEPAGE);
    }
#endif
    return p;
}

char *dyad__read_all(FILE *fp, size_t *n, int *oom)
{
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap);
    *oom = 0;
    while (buf) {
        len += fread(buf + len, 1, cap - len, fp);
        if (len < cap)
            break;
        char *nb = realloc(buf, cap * 2);
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
    *n = len;
    return buf;
}
