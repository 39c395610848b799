/*
 * grammar.c -- STUB: codes nothing yet.
 */
#include "grammar.h"

int dyad__grammar_code(dyad_gdoc *gd, uint32_t si, uint32_t m0, dyad_arena *arena,
                       dyad_gevent **ev, uint32_t *nev, uint32_t *cap)
{
    (void)gd; (void)si; (void)m0; (void)arena; (void)ev; (void)nev; (void)cap;
    return 0;
}
