/*
 * actors.c -- STUB: finds nothing yet.
 */
#include "actors.h"

int dyad__actors_find(const dyad_kb *kb, const dyad_text *tx, const dyad_sent *s,
                      const char *text, int32_t date, dyad_arena *arena, dyad_mention **out,
                      uint32_t *n)
{
    (void)kb; (void)tx; (void)s; (void)text; (void)date; (void)arena;
    *out = NULL;
    *n = 0;
    return 0;
}
