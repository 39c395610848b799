/*
 * emit.h -- events as JSON Lines, the `dyad code` output contract.
 *
 * One object a line with the fields of docs/output.md (doc_id, sentence,
 * date, source, target, code, root, quad, goldstein, plover, texts, spans,
 * pattern, rule, mentions). Writes into a dyad_buf; never allocates per field.
 */
#ifndef DYAD_EMIT_H
#define DYAD_EMIT_H

#include "../base/buf.h"
#include "dyad.h"

/* Appends one JSON line (with its '\n') for ev. with_sentence: include the
 * sentence text. */
void dyad__emit_event(dyad_buf *out, const dyad_doc *doc, const dyad_event *ev, int with_sentence);

#endif
