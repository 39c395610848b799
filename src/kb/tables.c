/*
 * tables.c -- the CAMEO event table (`event` lines of data/cameo.txt) and
 * the table of code blocks (`code` lines of data/codes.txt).
 *
 * dyad_cameo_lookup runs once per event, so codes map to a dense array:
 * a code of 2, 3 or 4 digits is a slot in 0..11099, no hashing, no string
 * compare. Code blocks ("GOV", "NAT") live in a byte per three-letter block
 * (36^3 of them). Never decides what an event or an actor is: it only
 * stores what the tables say.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "kbi.h"

#define CAMEO(kb, i) KB_VEC_AT((kb)->cameo, dyad_cameo_info, i)

/* Slot of a 2-4 digit code; -1 if the code is not one. */
static int cameo_slot(const char *s, size_t n)
{
    if (n < 2 || n > 4)
        return -1;
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return n == 2 ? v : n == 3 ? 100 + v : 1100 + v;
}

const dyad_cameo_info *dyad_cameo_lookup(const dyad_kb *kb, const char *code)
{
    if (!kb || !code || !kb->cameo_at)
        return NULL;
    size_t n = 0;
    while (n < 5 && code[n])
        n++;
    int slot = cameo_slot(code, n);
    if (slot < 0 || !kb->cameo_at[slot])
        return NULL;
    return &CAMEO(kb, kb->cameo_at[slot] - 1);
}

static int oom(dyad_kb *kb, const kb_line *ln, dyad_err *err)
{
    dyad__err_set(err, DYAD_ENOMEM, kb_file_name(kb, ln->file), ln->line, ln->offset, NULL);
    return -1;
}

/* `event CODE GOLDSTEIN QUAD PLOVER[/MODE][/CONTEXT] : LABEL` */
int kb_event_line(dyad_kb *kb, const kb_line *ln, dyad_err *err)
{
    if (ln->nfield != 4)
        return kb_line_error(kb, ln, err, "event: write 'event CODE GOLDSTEIN QUAD "
                             "PLOVER[/MODE][/CONTEXT] : LABEL'");
    int slot = cameo_slot(ln->field[0], ln->field_len[0]);
    if (slot < 0)
        return kb_line_error(kb, ln, err, "event: '%.*s' is not a CAMEO code (2 to 4 digits)",
                             (int)(ln->field_len[0] > 20 ? 20 : ln->field_len[0]), ln->field[0]);
    char num[32];
    size_t gn = ln->field_len[1] < sizeof num - 1 ? ln->field_len[1] : sizeof num - 1;
    memcpy(num, ln->field[1], gn);
    num[gn] = '\0';
    char *end;
    double g = strtod(num, &end);
    if (end == num || *end || !isfinite(g) || g < -10 || g > 10)
        return kb_line_error(kb, ln, err, "event: Goldstein value '%s' is not a number from -10 "
                             "to 10", num);
    if (ln->field_len[2] != 1 || ln->field[2][0] < '1' || ln->field[2][0] > '4')
        return kb_line_error(kb, ln, err, "event: QuadClass '%.*s' is not 1, 2, 3 or 4",
                             (int)(ln->field_len[2] > 20 ? 20 : ln->field_len[2]), ln->field[2]);
    /* PLOVER[/MODE][/CONTEXT]; "-" = none. */
    const char *p = ln->field[3], *pe = p + ln->field_len[3];
    const char *part[3] = {"", "", ""};
    size_t plen[3] = {0, 0, 0};
    int np = 0;
    if (!(pe - p == 1 && *p == '-')) {
        const char *s = p;
        while (s <= pe) {
            const char *sl = memchr(s, '/', (size_t)(pe - s));
            const char *e = sl ? sl : pe;
            if (np == 3)
                return kb_line_error(kb, ln, err, "event: PLOVER field has more than "
                                     "TYPE/MODE/CONTEXT");
            part[np] = s;
            plen[np] = (size_t)(e - s);
            np++;
            s = e + 1;
        }
        if (!plen[0])
            return kb_line_error(kb, ln, err, "event: the PLOVER type is empty (write - for none)");
        for (size_t i = 0; i < plen[0]; i++)
            if (part[0][i] < 'A' || part[0][i] > 'Z')
                return kb_line_error(kb, ln, err, "event: PLOVER type '%.*s' is not upper-case",
                                     (int)plen[0], part[0]);
    }
    dyad_cameo_info *c;
    if (kb->cameo_at[slot]) {
        c = &CAMEO(kb, kb->cameo_at[slot] - 1); /* a later line redefines the code */
    } else {
        c = kb_vec_push(&kb->cameo, sizeof *c);
        if (!c)
            return oom(kb, ln, err);
        kb->cameo_at[slot] = (uint16_t)kb->cameo.n;
    }
    c->code = kb_strdup(kb, ln->field[0], ln->field_len[0]);
    c->label = kb_strdup(kb, ln->rest, ln->rest_len);
    c->plover = kb_strdup(kb, part[0], plen[0]);
    c->plover_mode = kb_strdup(kb, part[1], plen[1]);
    c->plover_context = kb_strdup(kb, part[2], plen[2]);
    c->goldstein = g;
    c->quad = ln->field[2][0] - '0';
    if (!c->code || !c->label || !c->plover || !c->plover_mode || !c->plover_context)
        return oom(kb, ln, err);
    return 0;
}

/* `code TYPE BLOCK : LABEL`, TYPE one of root, role, group, region, religion. */
int kb_code_line(dyad_kb *kb, const kb_line *ln, dyad_err *err)
{
    static const struct {
        const char *name;
        uint8_t type;
    } types[] = {{"root", DYAD_CB_ROOT},     {"role", DYAD_CB_ROLE},
                 {"group", DYAD_CB_GROUP},   {"region", DYAD_CB_REGION},
                 {"religion", DYAD_CB_RELIGION}, {"country", DYAD_CB_COUNTRY}};
    if (ln->nfield != 2)
        return kb_line_error(kb, ln, err, "code: write 'code TYPE BLOCK : LABEL'");
    uint8_t type = 0;
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (strlen(types[i].name) == ln->field_len[0] &&
            memcmp(types[i].name, ln->field[0], ln->field_len[0]) == 0)
            type = types[i].type;
    if (!type)
        return kb_line_error(kb, ln, err, "code: unknown type '%.*s' (root, role, group, region, "
                             "religion or country)",
                             (int)(ln->field_len[0] > 20 ? 20 : ln->field_len[0]), ln->field[0]);
    int b = ln->field_len[1] == 3 ? kb_block_index(ln->field[1]) : -1;
    int dashes = ln->field_len[1] == 3 && memcmp(ln->field[1], "---", 3) == 0;
    if (b < 0 && !dashes)
        return kb_line_error(kb, ln, err, "code: '%.*s' is not a block of three capital letters "
                             "or digits",
                             (int)(ln->field_len[1] > 20 ? 20 : ln->field_len[1]), ln->field[1]);
    if (b >= 0)
        kb->blocks[b] |= type;
    kb_block_label *l = kb_vec_push(&kb->block_labels, sizeof *l);
    if (!l)
        return oom(kb, ln, err);
    memcpy(l->block, ln->field[1], 3);
    l->block[3] = '\0';
    l->type = type;
    l->file = ln->file;
    l->line = ln->line;
    l->label = kb_strdup(kb, ln->rest, ln->rest_len);
    return l->label ? 0 : oom(kb, ln, err);
}
