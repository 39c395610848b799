/*
 * text_int.h -- internals shared by the files of the text stage (token.c,
 * split.c, tag.c, lemma.c, chunk.c, analyse.c). Not for other modules.
 */
#ifndef DYAD_TEXT_INT_H
#define DYAD_TEXT_INT_H

#include "text.h"

/* Token array that grows in the arena (doubling; old blocks stay in the
 * arena until it is reset). */
typedef struct dyad_tokbuf {
    dyad_tok *t;
    uint32_t n, cap;
    dyad_arena *arena;
    int oom;           /* set when an allocation failed */
    dyad_wcache *wc;   /* optional lookup cache (text.h) */
} dyad_tokbuf;

/* Tokenises text[off, off+len) onto the end of b. Returns 0, -1 on OOM. */
int dyad__tokenize_into(const dyad_lex *lex, const char *text, uint32_t off, uint32_t len,
                        dyad_tokbuf *b);

/* Sentence array, same growth. */
typedef struct dyad_sentbuf {
    dyad_sent *s;
    uint32_t n, cap;
    dyad_arena *arena;
} dyad_sentbuf;

/* Splits tok[0,ntok) (one segment) into sentences appended to b; token
 * indices are offset by base. Returns 0, -1 on OOM. */
int dyad__split_into(dyad_tok *tok, uint32_t ntok, uint32_t base, const char *text,
                     dyad_sentbuf *b);

/* Tags one sentence. */
void dyad__tag_sentence(const dyad_lex *lex, dyad_tok *tok, uint32_t n, const char *text);

/* Longest sentence the splitter lets through before it cuts (tokens). */
#define DYAD_SENT_MAXTOK 300

#endif
