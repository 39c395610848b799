/*
 * explain.c -- `dyad explain`: what the coder saw and why each event exists.
 *
 * While a document is coded with a trace buffer set (dyad__coder_set_trace),
 * the coder writes each sentence's tokens, tags, lemmas, chunks and actors
 * (dyad__explain_sentence, below) and the grammar writes the patterns it
 * matched and how it found each role. dyad__explain then frames that trace
 * with the cleaning summary and the final events.
 */
#include <string.h>

#include "../kb/kb.h"
#include "coder.h"

static const char *const seg_kinds[] = {"text", "foreign", "boilerplate", "duplicate", "junk"};

static const char *chunk_name(uint8_t ch)
{
    static const char *const names[] = {"O", "NP", "VP", "PP", "ADJP", "ADVP", "?", "?"};
    return names[ch & DYAD_CH_TYPE];
}

void dyad__explain_sentence(const dyad_kb *kb, const dyad_text *tx, uint32_t si,
                            const char *text, const dyad_mention *m, uint32_t nm,
                            uint32_t discard, dyad_buf *out)
{
    const dyad_lex *lex = dyad__kb_lex(kb);
    const dyad_sent *s = &tx->sent[si];
    dyad__buf_printf(out, "\nsentence %u: %.*s\n", (unsigned)si, (int)s->len, text + s->off);
    dyad__buf_puts(out, "  tokens (word, tag, lemma, chunk):\n   ");
    for (uint32_t i = s->tok; i < s->tok + s->ntok; i++) {
        const dyad_tok *t = &tx->tok[i];
        const char *lemma = t->lemma ? dyad__lex_str(lex, t->lemma) : "?";
        dyad__buf_printf(out, " %.*s/%s/%s/%s%s", (int)t->len, text + t->off,
                         dyad__pos_name((dyad_pos)t->tag), lemma,
                         (t->chunk & DYAD_CH_B) ? "B-" : "", chunk_name(t->chunk));
    }
    dyad__buf_putc(out, '\n');
    if (discard) {
        dyad__buf_printf(out, "  discarded: contains \"%s\" (not political news)\n",
                         dyad__kb_discard_text(kb, discard));
        return;
    }
    dyad__buf_puts(out, "  actors:\n");
    if (!nm)
        dyad__buf_puts(out, "    (none)\n");
    for (uint32_t k = 0; k < nm; k++) {
        const dyad_mention *x = &m[k];
        const dyad_tok *a = &tx->tok[x->tok], *z = &tx->tok[x->tok + x->ntok - 1];
        dyad__buf_printf(out, "    \"%.*s\" = %s", (int)(z->off + z->len - a->off), text + a->off,
                         x->code[0] ? x->code : "(unresolved)");
        if (x->actor)
            dyad__buf_printf(out, "  %s \"%s\" %s:%u", dyad__actor_kind_name(x->actor->kind),
                             x->actor->name, x->actor->file, (unsigned)x->actor->line);
        if (x->mod)
            dyad__buf_printf(out, "  + %s \"%s\" %s:%u", dyad__actor_kind_name(x->mod->kind),
                             x->mod->name, x->mod->file, (unsigned)x->mod->line);
        if (x->flags & DYAD_MF_REF)
            dyad__buf_puts(out, "  reference (resolved by the grammar)");
        if (x->flags & DYAD_MF_NOCOUNTRY)
            dyad__buf_puts(out, "  (no country)");
        if (x->acronym)
            dyad__buf_puts(out, "  (the acronym the article gave this name)");
        dyad__buf_putc(out, '\n');
    }
    dyad__buf_puts(out, "  events found:\n");
}

void dyad__explain(const dyad_coder *c, const dyad_doc *doc, const dyad_result *r,
                   const dyad_buf *trace, dyad_buf *out)
{
    dyad_coder_state st;
    dyad__coder_state(c, &st);
    dyad__buf_printf(out, "document %.*s", (int)doc->id_len, doc->id);
    if (doc->date) {
        char d[11];
        dyad_date_format(doc->date, d);
        dyad__buf_printf(out, ", dated %s", d);
    }
    dyad__buf_printf(out, ": %u segment(s), %u sentence(s)\n", (unsigned)st.clean->nseg,
                     (unsigned)st.tx->nsent);
    for (uint32_t i = 0; i < st.clean->nseg; i++) {
        const dyad_segment *sg = &st.clean->seg[i];
        if (sg->kind == DYAD_SEG_TEXT)
            continue;
        dyad__buf_printf(out, "  skipped %s segment%s%s: %.*s%s\n", seg_kinds[sg->kind % 5],
                         sg->lang[0] ? " in " : "", sg->lang,
                         (int)(sg->len > 80 ? 80 : sg->len), st.clean->text + sg->off,
                         sg->len > 80 ? "..." : "");
    }
    if (trace && trace->len)
        dyad__buf_add(out, trace->p, trace->len);
    dyad__buf_printf(out, "\nevents (%zu):\n", r->nevents);
    for (size_t i = 0; i < r->nevents; i++) {
        const dyad_event *e = &r->events[i];
        const dyad_cameo_info *ci = dyad_cameo_lookup(dyad__coder_kb(c), e->code);
        dyad__buf_printf(out, "  %s%s  %s -> %s  %s (%s)\n", i == 0 ? "* " : "  ",
                         e->code, e->source[0] ? e->source : "-", e->target[0] ? e->target : "-",
                         ci ? ci->label : "?", e->plover[0] ? e->plover : "no PLOVER type");
        dyad__buf_printf(out, "      source \"%.*s\"  target \"%.*s\"  words \"%.*s\"\n",
                         (int)e->source_text.n, e->source_text.p, (int)e->target_text.n,
                         e->target_text.p, (int)e->verb_text.n, e->verb_text.p);
        char d[11];
        dyad_date_format(e->date, d);
        dyad__buf_printf(out,
                         "      sentence %u, date %s, goldstein %.1f, quad %d, mentions %u\n"
                         "      pattern %.*s; rule: %.*s\n",
                         (unsigned)e->sentence, d[0] ? d : "-", e->goldstein, e->quad,
                         (unsigned)e->mentions, (int)e->pattern.n, e->pattern.p, (int)e->rule.n,
                         e->rule.p);
    }
    if (r->nevents)
        dyad__buf_puts(out, "  (* = the document's primary event)\n");
}
