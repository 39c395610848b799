/*
 * words.c -- the grammar's closed word classes (see words.h).
 *
 * The lists are the grammar's knowledge of English function words; they
 * live here, together, so that a reader can see them all at once.
 */
#include "words.h"

#include "../kb/kb.h"

#include <stdlib.h>
#include <string.h>

typedef struct wlist {
    uint64_t bit;
    const char *const *words; /* NULL-terminated, folded forms (lemmas for verb classes) */
} wlist;

static const char *const subordinators[] = {
    "that", "which", "who", "whom", "whose", "because", "when", "while", "after", "before",
    "if", "although", "though", "since", "where", "whereas", "unless", "until", "as", NULL};
static const char *const speech_verbs[] = {
    "say", "tell", "add", "state", "declare", "announce", "stress", "note", "insist",
    "write", "emphasize", "emphasise", "explain", "reply", "respond", "claim", "affirm",
    "reiterate", "quote", "report", "confirm", "tweet", "post", "conclude", "argue", "warn",
    "assert", "maintain", "contend", "suggest", NULL};
static const char *const tell[] = {"tell", NULL};
static const char *const light_verbs[] = {
    "hold", "launch", "carry", "conduct", "stage", "make", "sign", "begin", "start", "continue",
    "resume", "announce", "mount", "step", "open", "pay", "give", "deliver", "provide",
    "offer", "reach", "conclude", "join", "have", "take", "host", "organize", "organise",
    "undertake", "perform", "commit", "order", "wage", "issue", "impose", "extend",
    /* verbs of doing more of it: "will expand military cooperation with" */
    "expand", "deepen", "strengthen", "boost", "enhance", "develop", "increase", "intensify",
    "escalate", "broaden", "promote", "pursue", "advance", "ramp", "renew", NULL};
static const char *const target_preps[] = {
    "with", "against", "on", "to", "at", "toward", "towards", "into", "upon", "onto", "over",
    "for", NULL};
static const char *const temporal_words[] = {
    "yesterday", "today", "tonight", "tomorrow", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "morning", "evening", "night", "afternoon", "weekend",
    "week", "month", "year", "day", "overnight", NULL};
/* Causes that are not actors: an event whose doer is a flood, a fire, a
 * crash or a disease is an accident or a disaster, not a political event. */
static const char *const natural_causes[] = {
    "flood", "floods", "flooding", "earthquake", "quake", "tremor", "tremors", "storm",
    "storms", "cyclone", "hurricane", "typhoon", "tornado", "landslide", "landslides",
    "mudslide", "mudslides", "avalanche", "drought", "heatwave", "lightning", "disease",
    "virus", "epidemic", "outbreak", "pandemic", "cholera", "ebola", "covid", "covid-19",
    "coronavirus", "tsunami", "eruption", "volcano", "wildfire", "wildfires", "bushfire",
    "fire", "fires", "blaze", "inferno", "rain", "rains", "downpour", "downpours", "snow",
    "snowstorm", "blizzard", "collapse", "derailment", "leak", "spill", "crash", "crashes",
    "collision", "accident", "accidents", "mishap", "fumes", "smoke", "heat", "famine",
    "malaria", "measles", "flu", "influenza", "weather", "waves", "current", "currents",
    "vehicle", "truck", "lorry", "bus", "train", "car", "boat", "ship", "carrier", "tanker",
    "plane", "aircraft", "helicopter", "overturn", "plunge", "collide", "derail", "capsize",
    "drown", "stampede", NULL};
/* ... of which these alone do not make a text about a disaster */
static const char *const vehicles[] = {
    "fire", "fires", "car", "vehicle", "boat", "ship", "plane", "aircraft", "helicopter", "bus",
    "train", "truck", "current", NULL};
static const char *const industrial[] = {
    "gas", "boiler", "chemical", "factory", "plant", "pipeline", "fuel", "tanker", "cylinder",
    "mining", "industrial", "fireworks", "firecracker", "transformer", "reactor",
    "furnace", "warehouse", "tank", "depot", "storage", "refinery", "pipe", "cooker", NULL};
static const char *const blasts[] = {"explosion", "explosions", "blast", "blasts", "explode",
                                     "exploded", NULL};
static const char *const quantities[] = {
    "at", "least", "most", "more", "less", "fewer", "than", "up", "to", "over", "about",
    "around", "nearly", "almost", "some", "roughly", "approximately", "only", "just", NULL};
static const char *const people[] = {
    "leaders", "leader", "officials", "official", "representatives", "delegations",
    "delegation", "heads", "head", "members", "envoys", "ministers", "presidents", "chiefs",
    "spokesman", "spokeswoman", "spokesperson", "group", "groups", "number", "team", "teams",
    "unit", "units", "band", "contingent", "contingents", "hundreds", "thousands", "dozens",
    "scores", "tens", "millions", "some", "many", "most", "all", "supporters", "families",
    "battalion", "battalions", "squad", "convoy", "column", "wave", "army", NULL};
/* Participles that after "be" are adjectives, not passives: "Russia is
 * committed to", "both sides are determined to". */
static const char *const adj_participles[] = {
    "committed", "determined", "prepared", "interested", "concerned", "engaged", "involved",
    "opposed", "dedicated", "devoted", "resolved", "pleased", "worried", "disappointed",
    "convinced", "satisfied", "united", "ready", "willing", "supposed", "scheduled",
    "expected", "poised", NULL};
static const char *const negations[] = {"not", "n't", "never", "neither", "nor", "no", NULL};
static const char *const must[] = {"must", NULL};
static const char *const should[] = {"should", "ought", NULL};
static const char *const will[] = {"will", "would", "shall", "'ll", "wo", NULL};
static const char *const w_comma[] = {",", NULL};
static const char *const w_and[] = {"and", NULL};
static const char *const w_or[] = {"or", NULL};
static const char *const w_amp[] = {"&", NULL};
static const char *const w_that[] = {"that", NULL};
static const char *const w_by[] = {"by", NULL};
static const char *const w_of[] = {"of", NULL};
static const char *const w_to[] = {"to", NULL};
static const char *const w_on[] = {"on", NULL};
static const char *const w_during[] = {"during", NULL};
static const char *const documents[] = {
    "report", "reports", "study", "studies", "survey", "surveys", "data", "figures", "figure",
    "statistics", "results", "findings", "forecast", "forecasts", "estimate", "estimates",
    "statement", "statements", "document", "documents", "paper", "papers", "video", "videos",
    "footage", "film", "films", "album", "book", "test", "tests", "poster", "posters", "list",
    "letter", "letters", "transcript", "recording", "tape", "tapes", "plan", "budget",
    "proposal", "details", "information", "funds", "fund", "money", "cash", "communique",
    "version", "product", "products", "earnings", "map", "image", "images", "photo", "photos",
    "picture", "pictures", "record", "records", "song", "material", "dossier", "guidelines",
    "draft", "text", "memo", "accounts", "tranche", "loan", "loans", "aid", "payment",
    "payments", "shares", "stock", "oil", "reserves", "water", "gas", NULL};
static const char *const w_upon[] = {"upon", NULL};
static const char *const w_between[] = {"between", "among", NULL};
static const char *const w_who[] = {"who", "which", NULL};
static const char *const w_going[] = {"going", NULL};
static const char *const datewords[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday",
    "today", "tonight", "tomorrow", "last", "next", "this", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept", "sept.", "oct.",
    "nov.", "dec.", NULL};

static const char *const expletive_adjs[] = {
    "important", "necessary", "essential", "vital", "crucial", "imperative", "possible",
    "impossible", "likely", "unlikely", "difficult", "hard", "easy", "clear", "time", "urgent",
    NULL};

static const wlist lists[] = {
    {G_EXPLETIVE, expletive_adjs},
    {G_SUBORD, subordinators}, {G_SPEECH, speech_verbs},  {G_TELL, tell},
    {G_LIGHT, light_verbs},    {G_TPREP, target_preps},   {G_TEMPORAL, temporal_words},
    {G_NATURAL, natural_causes}, {G_VEHICLE, vehicles},   {G_INDUSTRIAL, industrial},
    {G_BLAST, blasts},         {G_QUANT, quantities},     {G_PEOPLE, people},
    {G_ADJPART, adj_participles}, {G_NEG, negations},     {G_MUST, must},
    {G_SHOULD, should},        {G_WILL, will},            {G_COMMA, w_comma},
    {G_AND, w_and},            {G_OR, w_or},              {G_AMP, w_amp},
    {G_THAT, w_that},          {G_BY, w_by},              {G_OF, w_of},
    {G_TO, w_to},              {G_ON, w_on},              {G_UPON, w_upon},
    {G_BETWEEN, w_between},    {G_WHO, w_who},            {G_GOING, w_going},
    {G_DATEWORD, datewords},   {G_DURING, w_during},      {G_DOCUMENT, documents},
};

/* The words that anchor verb or noun patterns, and their patterns'
 * handles when they fit (see G_PAT_SHIFT). */
static void mark_anchor(void *ud, int kind, uint32_t lemma, uint32_t handle)
{
    dyad_gwords *gw = ud;
    if (lemma >= gw->n || (kind != DYAD_PK_VERB && kind != DYAD_PK_NOUN))
        return;
    int noun = kind == DYAD_PK_NOUN;
    gw->cls[lemma] |= noun ? (uint64_t)G_NOUNPAT : (uint64_t)G_VERBPAT;
    if (handle <= G_PAT_MAX)
        gw->cls[lemma] |= (uint64_t)handle << (G_PAT_SHIFT + (noun ? G_PAT_BITS : 0));
}

dyad_gwords *dyad__gwords_new(const dyad_lex *lex, const dyad_kb *kb)
{
    dyad_gwords *gw = calloc(1, sizeof *gw);
    if (!gw)
        return NULL;
    gw->n = dyad__lex_count(lex) + 1;
    gw->cls = calloc(gw->n, sizeof *gw->cls);
    gw->any = calloc((gw->n + 63) / 64, sizeof *gw->any);
    if (!gw->cls || !gw->any) {
        free(gw->cls);
        free(gw->any);
        free(gw);
        return NULL;
    }
    for (size_t l = 0; l < sizeof lists / sizeof lists[0]; l++)
        for (const char *const *w = lists[l].words; *w; w++) {
            uint32_t id = dyad__lex_find(lex, *w, strlen(*w));
            if (id && id < gw->n)
                gw->cls[id] |= lists[l].bit;
        }
    if (kb) /* the pattern index's keys, not a lookup per word */
        dyad__kb_each_anchor(kb, mark_anchor, gw);
    for (uint32_t id = 0; id < gw->n; id++)
        if (gw->cls[id])
            gw->any[id >> 6] |= 1ull << (id & 63);
    return gw;
}

void dyad__gwords_free(dyad_gwords *gw)
{
    if (!gw)
        return;
    free(gw->cls);
    free(gw->any);
    free(gw);
}
