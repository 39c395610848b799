/*
 * when.h -- event dates from temporal words ("on Tuesday", "last week").
 */
#ifndef DYAD_WHEN_H
#define DYAD_WHEN_H

#include <stdint.h>

#include "../text/text.h"

/* The date the sentence tok[0,n) gives for an event whose words start at
 * sentence token `anchor`, relative to doc_date (yyyymmdd); 0 when the
 * sentence has no temporal expression or there is no article date.
 * future: the verb is future ("will meet on Tuesday"). *what (may be NULL)
 * names the kind of expression used. at[0,nat), ascending, are the only
 * positions where a date expression may start (the caller knows its date
 * words); at == NULL: any position. */
int32_t dyad__when(const dyad_tok *tok, uint32_t n, const char *text, uint32_t anchor,
                   int32_t doc_date, int future, const char **what, const uint32_t *at,
                   uint32_t nat);

#endif
