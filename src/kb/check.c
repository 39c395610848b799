/*
 * check.c -- `dyad dict check` and `dyad dict stats`: consistency checks
 * over a loaded knowledge base, and its counts.
 *
 * Checks (docs/dictionaries.md, "Checks"): syntax errors kept by a lenient
 * load, one name with two meanings in one file, overrides between files,
 * malformed or unknown code blocks, overlapping date ranges in one entry,
 * event codes missing from the CAMEO table, patterns that can never match,
 * duplicate patterns, drops that hit nothing. Findings come out sorted by
 * file and line. Reads the kb only; never changes it.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/hash.h"
#include "kbi.h"

#define ACTOR(kb, i) KB_VEC_AT((kb)->actors, dyad_actor, i)
#define ACTX(kb, i) KB_VEC_AT((kb)->actx, kb_actor_x, i)
#define PAT(kb, i) KB_VEC_AT((kb)->pats, dyad_pattern, i)
#define PATX(kb, i) KB_VEC_AT((kb)->patx, kb_pattern_x, i)

/* ---------------------------------------------------------------- stats */

void dyad__kb_stats(const dyad_kb *kb, dyad_kb_stats *st)
{
    memset(st, 0, sizeof *st);
    st->files = kb->files.n;
    /* Countries and regions count codes, not lines (gen/countries.txt and
     * data/actors/countries.txt both have a line for most countries). */
    uint8_t *seen = calloc(KB_NBLOCKS, 1);
    for (uint32_t i = 0; i < kb->actors.n; i++) {
        const dyad_actor *a = &ACTOR(kb, i);
        if (!ACTX(kb, i).nlive)
            continue;
        switch (a->kind) {
        case DYAD_AK_COUNTRY: {
            int b = a->nroles ? kb_block_index(a->roles[0].code) : -1;
            if (b >= 0 && seen) {
                if (seen[b])
                    break;
                seen[b] = 1;
            }
            if (a->nroles && (dyad__kb_block_type(kb, a->roles[0].code) & DYAD_CB_REGION))
                st->regions++;
            else
                st->countries++;
            break;
        }
        case DYAD_AK_ADJ: st->adjectives++; break;
        case DYAD_AK_CAPITAL: st->places++; st->capitals++; break;
        case DYAD_AK_CITY: st->places++; st->cities++; break;
        case DYAD_AK_PERSON: st->people++; break;
        case DYAD_AK_ORG: {
            st->organisations++;
            const char *code = a->nroles ? a->roles[a->nroles - 1].code : "";
            if (!strncmp(code, "IGO", 3))
                st->igos++;
            else if (!strncmp(code, "NGO", 3))
                st->ngos++;
            else if (!strncmp(code, "IMG", 3) || strstr(code + 3, "REB") || strstr(code + 3, "INS") ||
                     strstr(code + 3, "SEP") || strstr(code + 3, "UAF") || strstr(code + 3, "RAD"))
                st->armed_groups++;
            else if (strstr(code + 3, "PTY"))
                st->parties++;
            break;
        }
        case DYAD_AK_AGENT: st->agents++; break;
        default: break;
        }
    }
    free(seen);
    for (uint32_t t = 1; t < kb->terms.n; t++) {
        const kb_term *term = &KB_VEC_AT(kb->terms, kb_term, t);
        if (!term->dead && !term->nothe) {
            st->actors++;
            if (ACTOR(kb, term->actor).kind == DYAD_AK_AGENT)
                st->agent_names++;
        }
    }
    uint8_t *covered = calloc(KB_CAMEO_SLOTS, 1);
    for (uint32_t i = 0; i < kb->pats.n; i++) {
        const dyad_pattern *p = &PAT(kb, i);
        if (PATX(kb, i).dropped)
            continue;
        st->patterns++;
        if (p->code[0] == '-') {
            st->negatives++;
            continue;
        }
        const dyad_cameo_info *c = dyad_cameo_lookup(kb, p->code);
        if (c && covered) {
            size_t idx = (size_t)(c - (const dyad_cameo_info *)kb->cameo.p);
            if (!covered[idx]) {
                covered[idx] = 1;
                st->cameo_codes_covered++;
            }
        }
    }
    free(covered);
    for (uint32_t i = 0; i < kb->discards.n; i++)
        if (!KB_VEC_AT(kb->discards, kb_discard, i).dropped)
            st->discards++;
    st->cameo_codes = kb->cameo.n;
    st->words = dyad__lex_count(kb->lex);
    st->nodes = kb->nodes.n ? kb->nodes.n - 1 : 0;
    st->load_seconds = kb->load_seconds;
    st->bytes = kb->mem.reserved + (size_t)kb->files.cap * sizeof(kb_file) +
                (size_t)kb->findings.cap * sizeof(kb_finding) +
                (size_t)kb->actors.cap * sizeof(dyad_actor) +
                (size_t)kb->actx.cap * sizeof(kb_actor_x) + (size_t)kb->terms.cap * sizeof(kb_term) +
                (size_t)kb->nodes.cap * 4 + (size_t)kb->caps.cap * 2 +
                (size_t)kb->edges.cap * sizeof(kb_slot) + (size_t)kb->nroot * 4 +
                (size_t)kb->clashes.cap * sizeof(kb_clash) +
                (size_t)kb->pats.cap * sizeof(dyad_pattern) +
                (size_t)kb->patx.cap * sizeof(kb_pattern_x) + (size_t)kb->pindex.cap * sizeof(kb_slot) +
                (size_t)kb->discards.cap * sizeof(kb_discard) + (size_t)kb->dindex.cap * sizeof(kb_slot) +
                (size_t)kb->ndstart / 8 + (size_t)kb->cameo.cap * sizeof(dyad_cameo_info) +
                KB_CAMEO_SLOTS * 2 + KB_NBLOCKS + (size_t)kb->block_labels.cap * sizeof(kb_block_label);
}

/* -------------------------------------------------------------- findings */

typedef struct finding {
    int sev;
    uint32_t file, line;
    uint32_t seq;   /* order of discovery, to keep the sort stable */
    char *msg;
} finding;

typedef struct flist {
    finding *f;
    size_t n, cap;
    int oom;
} flist;

static void add(flist *l, int sev, uint32_t file, uint32_t line, const char *fmt, ...)
    DYAD_PRINTF(5, 6);

static void add(flist *l, int sev, uint32_t file, uint32_t line, const char *fmt, ...)
{
    if (l->n == l->cap) {
        size_t nc = l->cap ? l->cap * 2 : 64;
        finding *f = realloc(l->f, nc * sizeof *f);
        if (!f) {
            l->oom = 1;
            return;
        }
        l->f = f;
        l->cap = nc;
    }
    char buf[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    char *m = strdup(buf);
    if (!m) {
        l->oom = 1;
        return;
    }
    l->f[l->n] = (finding){sev, file, line, (uint32_t)l->n, m};
    l->n++;
}

static int cmp_finding(const void *a, const void *b)
{
    const finding *x = a, *y = b;
    if (x->file != y->file)
        return x->file < y->file ? -1 : 1;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* ---------------------------------------------------------------- codes */

static void roles_text(const dyad_actor *a, char *out, size_t cap)
{
    size_t o = 0;
    out[0] = '\0';
    for (uint32_t i = 0; i < a->nroles && o + 1 < cap; i++) {
        const dyad_role *r = &a->roles[i];
        char f[11], t[11];
        dyad_date_format(r->from, f);
        dyad_date_format(r->to, t);
        int w = (r->from || r->to)
                    ? snprintf(out + o, cap - o, "%s%s@%s..%s", i ? " " : "", r->code, f, t)
                    : snprintf(out + o, cap - o, "%s%s", i ? " " : "", r->code);
        if (w < 0)
            break;
        o += (size_t)w;
    }
}

static int overlap(const dyad_role *a, const dyad_role *b)
{
    int32_t af = a->from, at = a->to ? a->to : INT32_MAX;
    int32_t bf = b->from, bt = b->to ? b->to : INT32_MAX;
    return af <= bt && bf <= at;
}

/* Two entries give different codes for some common date. */
static int conflict(const dyad_actor *a, const dyad_actor *b)
{
    for (uint32_t i = 0; i < a->nroles; i++)
        for (uint32_t j = 0; j < b->nroles; j++)
            if (strcmp(a->roles[i].code, b->roles[j].code) != 0 &&
                overlap(&a->roles[i], &b->roles[j]))
                return 1;
    return 0;
}

static void check_code(const dyad_kb *kb, flist *l, uint32_t file, uint32_t line, int kind,
                       const char *code)
{
    size_t n = strlen(code);
    if (!kb_code_ok(code, n)) {
        add(l, KS_ERROR, file, line, "'%s' is not a well-formed code", code);
        return;
    }
    if (kind == DYAD_AK_AGENT) {
        if (n > 6)
            add(l, KS_WARNING, file, line, "agent sector '%s' has more than two role blocks", code);
        for (size_t i = 0; i < n; i += 3)
            if (!(dyad__kb_block_type(kb, code + i) & (DYAD_CB_ROLE | DYAD_CB_RELIGION))) {
                add(l, KS_ERROR, file, line, "agent sector '%s': '%.3s' is not a role code "
                    "(GOV, MIL, COP, REB, ...) or a religion; see docs/codes.md", code, code + i);
                return;
            }
        return;
    }
    unsigned t0 = dyad__kb_block_type(kb, code);
    if (!(t0 & (DYAD_CB_COUNTRY | DYAD_CB_ROOT | DYAD_CB_REGION))) {
        add(l, KS_ERROR, file, line, "code '%s': '%.3s' is neither a country (ISO 3166-1 "
            "alpha-3) nor a root such as IGO, NGO, IMG, MNC or ---", code, code);
        return;
    }
    for (size_t i = 3; i < n; i += 3)
        if (!dyad__kb_block_type(kb, code + i)) {
            add(l, KS_ERROR, file, line, "code '%s': unknown block '%.3s' (not a role, group, "
                "region, religion or country; see docs/codes.md)", code, code + i);
            return;
        }
    if ((kind == DYAD_AK_CITY || kind == DYAD_AK_ADJ || kind == DYAD_AK_COUNTRY) && n > 3)
        add(l, KS_WARNING, file, line, "a %s's code is a country: '%s' has more than one block",
            dyad__actor_kind_name(kind), code);
}

static void check_actors(const dyad_kb *kb, flist *l)
{
    for (uint32_t i = 0; i < kb->actors.n; i++) {
        const dyad_actor *a = &ACTOR(kb, i);
        uint32_t file = ACTX(kb, i).file;
        for (uint32_t r = 0; r < a->nroles; r++)
            check_code(kb, l, file, a->line, a->kind, a->roles[r].code);
        for (uint32_t r = 0; r < a->nroles; r++)
            for (uint32_t s = r + 1; s < a->nroles; s++) {
                const dyad_role *x = &a->roles[r], *y = &a->roles[s];
                if ((x->from || x->to) && (y->from || y->to) && overlap(x, y)) {
                    char fx[11], tx[11], fy[11], ty[11];
                    dyad_date_format(x->from, fx);
                    dyad_date_format(x->to, tx);
                    dyad_date_format(y->from, fy);
                    dyad_date_format(y->to, ty);
                    add(l, KS_WARNING, file, a->line,
                        "'%s': date ranges %s@%s..%s and %s@%s..%s overlap", a->name, x->code, fx,
                        tx, y->code, fy, ty);
                }
            }
    }
}

static void check_clashes(const dyad_kb *kb, flist *l)
{
    kb_map seen;
    if (kb_map_init(&seen, kb->clashes.n + 16) != 0) {
        l->oom = 1;
        return;
    }
    for (uint32_t i = 0; i < kb->clashes.n; i++) {
        const kb_clash *c = &KB_VEC_AT(kb->clashes, kb_clash, i);
        uint64_t key = ((uint64_t)c->older << 32) | c->newer;
        if (kb_map_get(&seen, key))
            continue;
        kb_map_put(&seen, key, 1);
        const dyad_actor *o = &ACTOR(kb, c->older), *n = &ACTOR(kb, c->newer);
        uint32_t of = ACTX(kb, c->older).file, nf = ACTX(kb, c->newer).file;
        int conf = conflict(o, n);
        char oc[160], nc[160];
        roles_text(o, oc, sizeof oc);
        roles_text(n, nc, sizeof nc);
        const char *kind = dyad__actor_kind_name(n->kind);
        if (c->override) {
            int user = KB_VEC_AT(kb->files, kb_file, nf).flags & KF_USER;
            if (user)
                add(l, KS_INFO, nf, n->line, "overrides %s '%s' of %s:%u (%s -> %s)", kind,
                    c->name, kb_file_name(kb, of), o->line, oc, nc);
            else if (conf)
                add(l, KS_WARNING, nf, n->line, "redefines %s '%s' of %s:%u (%s -> %s): the later "
                    "file wins", kind, c->name, kb_file_name(kb, of), o->line, oc, nc);
        } else if (conf) {
            add(l, n->kind == DYAD_AK_PERSON ? KS_WARNING : KS_ERROR, nf, n->line,
                "%s '%s' is %s here and %s at line %u", kind, c->name, nc, oc, o->line);
        }
    }
    kb_map_free(&seen);
}

/* ------------------------------------------------------------- patterns */

static int has_tag(const dyad_lex_word *w, int (*is)(int))
{
    for (int k = 0; k < w->ntags && k < DYAD_LEX_MAXTAGS; k++)
        if (is(w->tag[k]))
            return 1;
    return 0;
}

/* What the grammar looks up patterns at: verbs, and an adverb before a verb
 * ("sexually assaulted"); nouns, gerunds after a determiner ("a stabbing")
 * and a modifier before a noun ("fact-finding mission"). */
static int anchors_verb(int t) { return dyad__pos_is_verb(t) || t == DYAD_RB; }
static int anchors_noun(int t)
{
    return dyad__pos_is_noun(t) || t == DYAD_VBG || dyad__pos_is_adj(t);
}

static void check_patterns(const dyad_kb *kb, flist *l)
{
    kb_map seen;
    if (kb_map_init(&seen, kb->pats.n + 16) != 0) {
        l->oom = 1;
        return;
    }
    for (uint32_t i = 0; i < kb->pats.n; i++) {
        const dyad_pattern *p = &PAT(kb, i);
        uint32_t file = PATX(kb, i).file;
        if (PATX(kb, i).dropped)
            continue;
        if (p->code[0] != '-' && !dyad_cameo_lookup(kb, p->code))
            add(l, KS_ERROR, file, p->line, "event code %s is not in the CAMEO table", p->code);
        /* An anchor the lexicon knows, but never in the pattern's class. */
        const dyad_pelem *a = &p->elem[0];
        int known = 1, fits = 0;
        for (uint32_t k = 0; k < a->nalt; k++) {
            const dyad_lex_word *w = dyad__lex_word(kb->lex, a->alt[k]);
            /* a verb anchor is a lemma: WordNet knowing it as a verb is enough
             * ("pound" is tagged a noun, "pounded" a verb with lemma "pound") */
            uint16_t wn = p->kind == DYAD_PK_VERB ? DYAD_LW_WN_VERB : DYAD_LW_WN_NOUN;
            if (!w->ntags)
                known = 0;
            else if ((w->flags & wn) ||
                     has_tag(w, p->kind == DYAD_PK_VERB ? anchors_verb : anchors_noun))
                fits = 1;
        }
        if (a->nalt && known && !fits)
            add(l, KS_WARNING, file, p->line, "'%s' is never a %s in the lexicon: this pattern "
                "can never match", dyad__lex_str(kb->lex, a->alt[0]),
                p->kind == DYAD_PK_VERB ? "verb" : "noun");
        for (uint32_t k = 1; k < p->nelem; k++)
            if (p->elem[k].type == DYAD_PE_GAP &&
                (k + 1 == p->nelem || p->elem[k + 1].type == DYAD_PE_GAP)) {
                add(l, KS_WARNING, file, p->line, "'...' %s: it adds nothing",
                    k + 1 == p->nelem ? "at the end of a pattern" : "twice in a row");
                break;
            }
        uint64_t h = dyad__hash(p->text, strlen(p->text)) ^ p->kind;
        uint32_t prev = kb_map_get(&seen, h);
        if (prev && strcmp(PAT(kb, prev - 1).text, p->text) == 0 &&
            PAT(kb, prev - 1).kind == p->kind) {
            const dyad_pattern *q = &PAT(kb, prev - 1);
            if (strcmp(q->code, p->code) == 0)
                add(l, KS_WARNING, file, p->line, "the same pattern as %s:%u", q->file, q->line);
            else
                add(l, KS_WARNING, file, p->line, "the same pattern as %s:%u, which codes %s: this "
                    "later one wins", q->file, q->line, q->code);
        }
        kb_map_put(&seen, h, i + 1);
    }
    kb_map_free(&seen);
}

size_t dyad__kb_check(const dyad_kb *kb, dyad_kb_report_fn report, void *ud)
{
    flist l = {0};
    for (uint32_t i = 0; i < kb->findings.n; i++) {
        const kb_finding *f = &KB_VEC_AT(kb->findings, kb_finding, i);
        add(&l, f->severity, f->file, f->line, "%s", f->msg);
    }
    check_clashes(kb, &l);
    check_actors(kb, &l);
    check_patterns(kb, &l);
    size_t errors = 0;
    if (l.oom) {
        report(ud, "error", "dyad", 0, "out of memory while checking");
        errors++;
    }
    if (l.n)
        qsort(l.f, l.n, sizeof *l.f, cmp_finding);
    static const char *const sev[] = {"error", "warning", "info"};
    for (size_t i = 0; i < l.n; i++) {
        if (l.f[i].sev == KS_ERROR)
            errors++;
        report(ud, sev[l.f[i].sev], kb_file_name(kb, l.f[i].file), l.f[i].line, l.f[i].msg);
        free(l.f[i].msg);
    }
    free(l.f);
    return errors;
}
