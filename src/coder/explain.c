/*
 * explain.c -- STUB: `dyad explain` output.
 */
#include "coder.h"

void dyad__explain(const dyad_coder *c, const dyad_doc *doc, const dyad_result *r, dyad_buf *out)
{
    (void)c; (void)doc; (void)r;
    dyad__buf_puts(out, "(explain not written yet)\n");
}
