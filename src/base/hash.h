/*
 * hash.h -- the one string hash used by every table in libdyad.
 *
 * 64-bit, seedless, fast on short keys (words): 8 bytes a step with a
 * multiply-xorshift mix. Not for adversarial inputs from the network; the
 * tables that use it grow by load factor, not by trust.
 */
#ifndef DYAD_HASH_H
#define DYAD_HASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

static inline uint64_t dyad__mix64(uint64_t x)
{
    x ^= x >> 32;
    x *= 0xd6e8feb86659fd93ULL;
    x ^= x >> 32;
    x *= 0xd6e8feb86659fd93ULL;
    x ^= x >> 32;
    return x;
}

static inline uint64_t dyad__hash(const void *data, size_t n)
{
    const unsigned char *p = data;
    uint64_t h = 0x9e3779b97f4a7c15ULL ^ (n * 0xff51afd7ed558ccdULL);
    while (n >= 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        h = (h ^ w) * 0x9fb21c651e98df25ULL;
        h ^= h >> 29;
        p += 8;
        n -= 8;
    }
    if (n) {
        uint64_t w = 0;
        memcpy(&w, p, n);
        h = (h ^ w) * 0x9fb21c651e98df25ULL;
        h ^= h >> 29;
    }
    return dyad__mix64(h);
}

/* Hash of a pair of 32-bit ids (trie edges, word bigrams). */
static inline uint64_t dyad__hash_pair(uint32_t a, uint32_t b)
{
    return dyad__mix64(((uint64_t)a << 32) | b);
}

#endif
