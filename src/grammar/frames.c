/*
 * frames.c -- how a governing word changes an event's code.
 *
 * "Russia will hold talks" is not a meeting but an intent to meet (036);
 * "Iran threatened to close the strait" is a threat (13x); "the rebels
 * refused to withdraw" a refusal (12x); "the UN urged both sides to
 * negotiate" an appeal (02x); "protesters demanded the release of" a demand
 * (10x). CAMEO gives each of these families a sub-code for what is intended,
 * threatened, refused, appealed for or demanded; this file maps an event's
 * own code into the family of its frame. It never turns an event into its
 * opposite: what has no sensible image under a frame is suppressed.
 */
#include "frames.h"

#include <string.h>

typedef struct map_row {
    const char *from;  /* code prefix the row applies to (longest prefix wins) */
    const char *to;    /* resulting code; "" = suppress the event; "=" = keep it */
} map_row;

/* Intent (will, plans to, pledged to, stands ready to, agreed to). For
 * conflict codes intent is a threat (CAMEO 13). */
static const map_row intent_rows[] = {
    {"01", "="},    {"02", "="},    {"03", "="},
    {"04", "036"},  {"045", "039"},
    {"05", "032"},  {"057", "030"},
    {"06", "031"},  {"061", "0311"}, {"062", "0312"}, {"063", "0313"}, {"064", "0314"},
    {"07", "033"},  {"071", "0331"}, {"072", "0332"}, {"073", "0333"}, {"074", "0334"},
    {"08", "035"},  {"081", "0351"}, {"082", "0352"}, {"083", "034"},  {"0831", "0341"},
    {"0832", "0342"}, {"0833", "0343"}, {"0834", "0344"}, {"084", "0353"}, {"085", "0354"},
    {"086", "0355"}, {"087", "0356"},
    {"09", "="},    {"10", "="},    {"11", "="},    {"12", "="},    {"13", "="},
    {"14", "133"},  {"15", "="},
    {"16", "131"},  {"161", "1313"}, {"162", "1311"}, {"163", "1312"}, {"164", "134"},
    {"165", "135"}, {"166", "136"},
    {"17", "137"},  {"172", "132"}, {"1721", "1321"}, {"1722", "1322"}, {"1723", "1323"},
    {"1724", "1324"},
    {"18", "1383"},
    {"19", "138"},  {"190", "1384"}, {"191", "1381"}, {"192", "1382"}, {"193", "1384"},
    {"194", "1384"}, {"195", "1384"},
    {"20", "1383"}, {"204", "1385"},
};

/* Threat (threatened to, warned it would): conflict as for intent; a
 * cooperative act "threatened" is a bare threat. */
static const map_row threat_rows[] = {
    {"01", "130"},  {"02", "130"},  {"03", "130"},  {"04", "130"},  {"05", "130"},
    {"06", "130"},  {"07", "130"},  {"08", "130"},  {"09", "130"},  {"10", "130"},
    {"11", "130"},  {"12", "130"},  {"13", "="},
    {"14", "133"},  {"15", "138"},
    {"16", "131"},  {"161", "1313"}, {"162", "1311"}, {"163", "1312"}, {"164", "134"},
    {"165", "135"}, {"166", "136"},
    {"17", "137"},  {"172", "132"}, {"1721", "1321"}, {"1722", "1322"}, {"1723", "1323"},
    {"1724", "1324"},
    {"18", "1383"},
    {"19", "138"},  {"190", "1384"}, {"191", "1381"}, {"192", "1382"}, {"193", "1384"},
    {"194", "1384"}, {"195", "1384"},
    {"20", "1383"}, {"204", "1385"},
};

/* Refusal (refused to, declined to, failed to). Refusing to attack is not
 * an event of its own: suppressed. */
static const map_row refuse_rows[] = {
    {"01", "011"},  {"02", "120"},  {"03", "120"},
    {"04", "125"},  {"045", "126"},
    {"05", "120"},  {"057", "127"},
    {"06", "121"},  {"061", "1211"}, {"062", "1212"},
    {"07", "122"},  {"071", "1221"}, {"072", "1222"}, {"073", "1223"}, {"074", "1224"},
    {"08", "124"},  {"081", "1241"}, {"082", "1242"}, {"083", "123"},  {"0831", "1231"},
    {"0832", "1232"}, {"0833", "1233"}, {"0834", "1234"}, {"084", "1243"}, {"085", "1244"},
    {"086", "1245"}, {"087", "1246"},
    {"09", "120"},  {"10", ""},     {"11", ""},     {"12", "="},    {"13", ""},
    {"14", ""},     {"15", ""},     {"16", ""},     {"17", ""},     {"18", ""},
    {"19", ""},     {"20", ""},
};

/* Appeal (urged X to, called on X to, asked X to). */
static const map_row appeal_rows[] = {
    {"01", "020"},  {"02", "="},    {"03", "020"},  {"037", "027"},
    {"04", "026"},  {"045", "028"},
    {"05", "022"},
    {"06", "021"},  {"061", "0211"}, {"062", "0212"}, {"063", "0213"}, {"064", "0214"},
    {"07", "023"},  {"071", "0231"}, {"072", "0232"}, {"073", "0233"}, {"074", "0234"},
    {"08", "025"},  {"081", "0251"}, {"082", "0252"}, {"083", "024"},  {"0831", "0241"},
    {"0832", "0242"}, {"0833", "0243"}, {"0834", "0244"}, {"084", "0253"}, {"085", "0254"},
    {"086", "0255"}, {"087", "0256"},
    {"09", "020"},  {"10", "020"},  {"11", "020"},  {"12", "020"},  {"13", "020"},
    {"14", "020"},  {"15", "020"},  {"16", "020"},  {"17", "020"},  {"18", "020"},
    {"19", "020"},  {"20", "020"},
};

/* Demand (demanded that X, insisted that X). */
static const map_row demand_rows[] = {
    {"01", "100"},  {"02", "100"},  {"03", "100"},  {"037", "107"},
    {"04", "106"},  {"045", "108"},
    {"05", "102"},
    {"06", "101"},  {"061", "1011"}, {"062", "1012"}, {"063", "1013"}, {"064", "1014"},
    {"07", "103"},  {"071", "1031"}, {"072", "1032"}, {"073", "1033"}, {"074", "1034"},
    {"08", "105"},  {"081", "1051"}, {"082", "1052"}, {"083", "104"},  {"0831", "1041"},
    {"0832", "1042"}, {"0833", "1043"}, {"0834", "1044"}, {"084", "1053"}, {"085", "1054"},
    {"086", "1055"}, {"087", "1056"},
    {"09", "101"},  {"10", "="},    {"11", "100"},  {"12", "100"},  {"13", "100"},
    {"14", "100"},  {"15", "100"},  {"16", "100"},  {"17", "100"},  {"18", "100"},
    {"19", "100"},  {"20", "100"},
};

static const struct {
    const map_row *rows;
    size_t n;
} tables[DYAD_FRAME_COUNT] = {
    [DYAD_FRAME_INTENT] = {intent_rows, sizeof intent_rows / sizeof intent_rows[0]},
    [DYAD_FRAME_THREAT] = {threat_rows, sizeof threat_rows / sizeof threat_rows[0]},
    [DYAD_FRAME_REFUSE] = {refuse_rows, sizeof refuse_rows / sizeof refuse_rows[0]},
    [DYAD_FRAME_APPEAL] = {appeal_rows, sizeof appeal_rows / sizeof appeal_rows[0]},
    [DYAD_FRAME_DEMAND] = {demand_rows, sizeof demand_rows / sizeof demand_rows[0]},
};

/* snprintf(out, 6, "%s", s) without snprintf's cost, which was most of
 * dyad__frame_code's: called for every event */
static void copy_code(char out[6], const char *s)
{
    size_t n = 0;
    while (n < 5 && s[n])
        n++;
    memcpy(out, s, n);
    out[n] = '\0';
}

int dyad__frame_code(int frame, const char *code, char out[6])
{
    if (frame == DYAD_FRAME_NONE || frame >= DYAD_FRAME_COUNT) {
        copy_code(out, code);
        return 1;
    }
    if (frame == DYAD_FRAME_NEG || frame == DYAD_FRAME_HOPE || frame == DYAD_FRAME_MAYBE)
        return 0;
    const map_row *best = NULL;
    size_t best_len = 0;
    for (size_t i = 0; i < tables[frame].n; i++) {
        const map_row *r = &tables[frame].rows[i];
        size_t l = strlen(r->from);
        if (l > best_len && strncmp(code, r->from, l) == 0) {
            best = r;
            best_len = l;
        }
    }
    if (!best || !strcmp(best->to, "="))
        copy_code(out, code);
    else if (!best->to[0])
        return 0;
    else
        copy_code(out, best->to);
    return 1;
}

const char *dyad__frame_name(int frame)
{
    static const char *const names[DYAD_FRAME_COUNT] = {
        "", "intent", "threat", "refusal", "appeal", "demand", "negation",
        "expected, hoped or feared by someone else", "only possible (may, might)"};
    return frame >= 0 && frame < DYAD_FRAME_COUNT ? names[frame] : "";
}

/* ------------------------------------------------------ governing words */

typedef struct gov_word {
    const char *lemma;
    uint8_t frame;
} gov_word;

/* Verbs that govern an infinitive: "X vowed to ...". */
static const gov_word verb_govs[] = {
    {"plan", DYAD_FRAME_INTENT},     {"intend", DYAD_FRAME_INTENT},
    {"pledge", DYAD_FRAME_INTENT},   {"promise", DYAD_FRAME_INTENT},
    {"vow", DYAD_FRAME_INTENT},      {"agree", DYAD_FRAME_INTENT},
    {"swear", DYAD_FRAME_INTENT},
    {"offer", DYAD_FRAME_INTENT},    {"hope", DYAD_FRAME_INTENT},
    {"want", DYAD_FRAME_INTENT},     {"wish", DYAD_FRAME_INTENT},
    {"seek", DYAD_FRAME_INTENT},     {"aim", DYAD_FRAME_INTENT},
    {"prepare", DYAD_FRAME_INTENT},  {"propose", DYAD_FRAME_INTENT},
    {"resolve", DYAD_FRAME_INTENT},  /* "decided to" is no frame: the decision is the act */
    {"undertake", DYAD_FRAME_INTENT},{"volunteer", DYAD_FRAME_INTENT},
    {"expect", DYAD_FRAME_INTENT},   {"stand", DYAD_FRAME_INTENT},
    {"commit", DYAD_FRAME_INTENT},   {"move", DYAD_FRAME_INTENT},
    {"look", DYAD_FRAME_INTENT},     {"strive", DYAD_FRAME_INTENT},
    {"threaten", DYAD_FRAME_THREAT}, {"warn", DYAD_FRAME_THREAT},
    {"refuse", DYAD_FRAME_REFUSE},   {"decline", DYAD_FRAME_REFUSE},
    {"fail", DYAD_FRAME_REFUSE},     {"reject", DYAD_FRAME_REFUSE},
};

/* Verbs that take an addressee and an infinitive: "X urged Y to ...". */
static const gov_word appeal_govs[] = {
    {"urge", DYAD_FRAME_APPEAL},     {"call", DYAD_FRAME_APPEAL},
    {"ask", DYAD_FRAME_APPEAL},      {"appeal", DYAD_FRAME_APPEAL},
    {"request", DYAD_FRAME_APPEAL},  {"invite", DYAD_FRAME_APPEAL},
    {"encourage", DYAD_FRAME_APPEAL},{"press", DYAD_FRAME_APPEAL},
    {"implore", DYAD_FRAME_APPEAL},  {"plead", DYAD_FRAME_APPEAL},
    {"exhort", DYAD_FRAME_APPEAL},   {"beg", DYAD_FRAME_APPEAL},
    {"demand", DYAD_FRAME_DEMAND},   {"order", DYAD_FRAME_DEMAND},
    {"insist", DYAD_FRAME_DEMAND},   {"warn", DYAD_FRAME_THREAT},
    {"want", DYAD_FRAME_APPEAL},     {"wish", DYAD_FRAME_APPEAL},
};

/* Verbs whose clause says what may happen: "Rwanda hopes France will
 * apologise", "France fears Russia could attack Moldova", "analysts
 * expect China to impose sanctions" (nobody did or pledged it). */
static const gov_word hope_govs[] = {
    {"hope", DYAD_FRAME_HOPE},       {"wish", DYAD_FRAME_HOPE},
    {"fear", DYAD_FRAME_HOPE},       {"expect", DYAD_FRAME_HOPE},
    {"predict", DYAD_FRAME_HOPE},    {"forecast", DYAD_FRAME_HOPE},
    {"anticipate", DYAD_FRAME_HOPE}, {"worry", DYAD_FRAME_HOPE},
};

/* Adjectives after "be": "stands ready to", "is willing to". */
static const char *const ready_adjs[] = {
    "ready", "willing", "prepared", "committed", "determined", "eager", "keen",
    "set", "poised", "going", "about", "likely", "unwilling", "reluctant", "important",
    "necessary", "essential", "vital", "crucial", "imperative",
};

/* Nouns that govern an infinitive: "announced plans to ...". */
static const gov_word noun_govs[] = {
    {"plan", DYAD_FRAME_INTENT},     {"pledge", DYAD_FRAME_INTENT},
    {"promise", DYAD_FRAME_INTENT},  {"offer", DYAD_FRAME_INTENT},
    {"decision", DYAD_FRAME_INTENT}, {"intention", DYAD_FRAME_INTENT},
    {"readiness", DYAD_FRAME_INTENT},{"willingness", DYAD_FRAME_INTENT},
    {"commitment", DYAD_FRAME_INTENT},{"proposal", DYAD_FRAME_INTENT},
    {"agreement", DYAD_FRAME_INTENT},{"bid", DYAD_FRAME_INTENT},
    {"threat", DYAD_FRAME_THREAT},   {"refusal", DYAD_FRAME_REFUSE},
    {"call", DYAD_FRAME_APPEAL},     {"appeal", DYAD_FRAME_APPEAL},
    {"demand", DYAD_FRAME_DEMAND},
};

/* The grammar asks for every word before an infinitive or an object: the
 * first letter spares most strcmp calls. */
static int lookup(const gov_word *w, size_t n, const char *lemma)
{
    for (size_t i = 0; i < n; i++)
        if (w[i].lemma[0] == lemma[0] && !strcmp(w[i].lemma, lemma))
            return w[i].frame;
    return DYAD_FRAME_NONE;
}

int dyad__frame_of_verb(const char *lemma)
{
    return lookup(verb_govs, sizeof verb_govs / sizeof verb_govs[0], lemma);
}

int dyad__frame_of_appeal(const char *lemma)
{
    return lookup(appeal_govs, sizeof appeal_govs / sizeof appeal_govs[0], lemma);
}

int dyad__frame_of_hope(const char *lemma)
{
    return lookup(hope_govs, sizeof hope_govs / sizeof hope_govs[0], lemma);
}

int dyad__frame_of_noun(const char *lemma)
{
    return lookup(noun_govs, sizeof noun_govs / sizeof noun_govs[0], lemma);
}

int dyad__frame_of_adj(const char *lemma)
{
    for (size_t i = 0; i < sizeof ready_adjs / sizeof ready_adjs[0]; i++)
        if (ready_adjs[i][0] == lemma[0] && !strcmp(ready_adjs[i], lemma))
            return (!strcmp(lemma, "unwilling") || !strcmp(lemma, "reluctant"))
                       ? DYAD_FRAME_REFUSE
                       : DYAD_FRAME_INTENT;
    return DYAD_FRAME_NONE;
}
