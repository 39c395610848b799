/*
 * hash.h -- the one string hash used by every table in libdyad.
 *
 * 64-bit, seedless, fast on short keys (words: two overlapping reads and
 * two 128-bit multiplies, in the manner of wyhash). Not for adversarial inputs from the network; the
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

/* 64x64 -> 128-bit multiply, folded: the mixing step of wyhash/mum hashes. */
static inline uint64_t dyad__mum(uint64_t a, uint64_t b)
{
    __extension__ typedef unsigned __int128 u128;
    u128 r = (u128)a * b;
    return (uint64_t)r ^ (uint64_t)(r >> 64);
}

static inline uint64_t dyad__read64(const unsigned char *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

static inline uint64_t dyad__read32(const unsigned char *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

static inline uint64_t dyad__hash(const void *data, size_t n)
{
    const unsigned char *p = data;
    uint64_t a, b, seed = 0xa0761d6478bd642fULL ^ (uint64_t)n;
    if (n <= 16) {
        /* words: two overlapping reads, no loop */
        if (n >= 8) {
            a = dyad__read64(p);
            b = dyad__read64(p + n - 8);
        } else if (n >= 4) {
            a = dyad__read32(p);
            b = dyad__read32(p + n - 4);
        } else if (n > 0) {
            a = ((uint64_t)p[0] << 16) | ((uint64_t)p[n >> 1] << 8) | p[n - 1];
            b = 0;
        } else {
            a = b = 0;
        }
    } else {
        size_t i = n;
        while (i > 16) {
            seed = dyad__mum(dyad__read64(p) ^ 0xe7037ed1a0b428dbULL,
                             dyad__read64(p + 8) ^ seed);
            p += 16;
            i -= 16;
        }
        a = dyad__read64(p + i - 16);
        b = dyad__read64(p + i - 8);
    }
    return dyad__mum(0x8ebc6af09c88c6e3ULL ^ (uint64_t)n,
                     dyad__mum(a ^ 0xe7037ed1a0b428dbULL, b ^ seed));
}

/* Hash of a pair of 32-bit ids (trie edges, word bigrams). */
static inline uint64_t dyad__hash_pair(uint32_t a, uint32_t b)
{
    return dyad__mix64(((uint64_t)a << 32) | b);
}

#endif
