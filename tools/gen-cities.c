/*
 * gen-cities.c -- writes gen/cities.txt: `city ISO3 : Name` lines for the
 * cities of Debian's libgeonames (the GeoNames dump of places with at
 * least 15,000 people), so that "Novosibirsk police" can be coded RUSCOP
 * and "in Mosul" gives an event its country.
 *
 * Usage (run by CMakeLists.txt at build time):
 *     gen-cities OUT.txt ISOCODES=DIR LINGUA=DIR WORDNET=DIR DATA=DIR
 *
 * A city name is news evidence only when it cannot mean something else, so
 * names are left out when they are
 *   short:    fewer than three letters ("Bo", "Ho");
 *   country:  equal to a name of a country, a capital, a demonym or an
 *             organisation in DATA/actors/ (data/actors/countries.txt has
 *             those, with better codes) or in ISO 3166-1 ("Djibouti");
 *   word:     one word that English writes in lower case: it occurs in lower
 *             case in Lingua::EN::Tagger's word list (LINGUA/words.yml),
 *             unless the city has a million people ("Mobile", "Split",
 *             "Reading", "Nice", "Bath", "Of" go; "Mecca" stays);
 *   person:   a name WordNet (WORDNET/index.noun, data.noun) knows as a
 *             person at least as often as a place, unless the city has a
 *             million people ("Jackson", "Lincoln" go; "Houston" stays); a
 *             word of a person's name in DATA/actors/ ("Obama", a city in
 *             Japan, goes when the people dictionaries know Barack Obama),
 *             unless the city has three million people ("Lagos" stays,
 *             though Ricardo Lagos was Chile's president: his full name is
 *             the longer match);
 *             and the few names in `famous_people` below;
 *   state:    the name of a state or province of another country ("Florida"
 *             in Uruguay is not the US state), or the last word of such a
 *             name after North, South, ..., British or District of ("Carolina"
 *             in Puerto Rico: North Carolina; "Columbia" in the US: British
 *             Columbia), unless the city has a million people;
 *   prefix:   one word that begins three or more other city names ("San" in
 *             Mali: San Diego, San José, ...);
 *   shared:   the name of cities in different countries, unless the most
 *             populous is four times any other ("Birmingham" stays British,
 *             "Valencia" of Spain and of Venezuela goes).
 * A name with diacritics also gets its plain ASCII form ("Zürich | Zurich").
 *
 * States and provinces (the first-level divisions the dump gives each
 * city: "Texas", "Helmand Province", "Idlib Governorate") are written too,
 * so that "police in Texas" is coded USACOP. Their name as the dump has it
 * stays ("Helmand Province"), and the bare name ("Helmand", with "State
 * of", "Province", "Governorate", "Oblast", ... taken off) goes through the
 * same filters as a city's, with the population of its cities, except
 * that a state is never big enough to keep a word or a person's name
 * ("Delta", "Rivers", "Guerrero" go), and a bare name that is a division
 * of two countries goes ("Punjab", "Amazonas"). Regions that two states
 * claim ("Kashmir", "Crimea") are left out whatever the dump says.
 * The tool prints how many cities each filter took and how many remain.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cjson/cJSON.h>
#include <geonames.h>
#include <glib.h>
#include <utf8proc.h>

#include "base/mem.h"

#define MIN_POPULATION 15000
#define BIG_CITY 1000000   /* a city this big keeps a name that is also a word or a person */
#define SHARED_RATIO 4     /* a shared name goes to the biggest city if it is this much bigger */

/* Surnames of newsmakers that are also towns in the dump, in case the people
 * dictionaries are not there when this runs. */
static const char *const famous_people[] = {"Obama", "Kennedy", "Nixon", "Reagan", "Clinton",
                                            "Carter", "Trump", "Lenin", "Castro"};

static char *fold(const char *s) { return g_utf8_casefold(s, -1); }

/* ------------------------------------------------------------- inputs */

/* alpha-2 -> alpha-3; ISO names (folded) into `names`. */
static GHashTable *load_iso(const char *dir, GHashTable *names)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/iso_3166-1.json", dir);
    char *text = dyad__read_file(path, NULL);
    if (!text)
        return NULL;
    cJSON *root = cJSON_Parse(text);
    free(text);
    const cJSON *list = root ? cJSON_GetObjectItemCaseSensitive(root, "3166-1") : NULL;
    if (!cJSON_IsArray(list)) {
        cJSON_Delete(root);
        return NULL;
    }
    GHashTable *m = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    const cJSON *e;
    cJSON_ArrayForEach(e, list)
    {
        const cJSON *a2 = cJSON_GetObjectItemCaseSensitive(e, "alpha_2");
        const cJSON *a3 = cJSON_GetObjectItemCaseSensitive(e, "alpha_3");
        if (cJSON_IsString(a2) && cJSON_IsString(a3))
            g_hash_table_insert(m, g_strdup(a2->valuestring), g_strdup(a3->valuestring));
        static const char *const keys[] = {"name", "common_name", "official_name"};
        for (int k = 0; k < 3; k++) {
            const cJSON *v = cJSON_GetObjectItemCaseSensitive(e, keys[k]);
            if (cJSON_IsString(v))
                g_hash_table_add(names, fold(v->valuestring));
        }
    }
    cJSON_Delete(root);
    return m;
}

/* Lower-case words of the tagger's lexicon. */
static GHashTable *load_words(const char *dir)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/words.yml", dir);
    char *text = dyad__read_file(path, NULL);
    if (!text)
        return NULL;
    GHashTable *w = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        char key[256];
        size_t n = 0;
        const char *p = line;
        if (*p == '"') {
            p++;
            while (*p && *p != '"' && n < sizeof key - 1)
                key[n++] = *p++;
        } else {
            while (*p && *p != ':' && n < sizeof key - 1)
                key[n++] = *p++;
        }
        key[n] = '\0';
        if (n && key[0] >= 'a' && key[0] <= 'z')
            g_hash_table_add(w, g_strdup(key));
    }
    free(text);
    return w;
}

typedef struct wordnet {
    char *index, *data;
    size_t ndata;
    GHashTable *lemmas; /* lemma -> its index.noun line */
} wordnet;

static int load_wordnet(const char *dir, wordnet *wn)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/index.noun", dir);
    wn->index = dyad__read_file(path, NULL);
    snprintf(path, sizeof path, "%s/data.noun", dir);
    wn->data = dyad__read_file(path, &wn->ndata);
    if (!wn->index || !wn->data)
        return -1;
    wn->lemmas = g_hash_table_new(g_str_hash, g_str_equal);
    for (char *line = strtok(wn->index, "\n"); line; line = strtok(NULL, "\n")) {
        if (line[0] == ' ')
            continue; /* licence header */
        char *sp = strchr(line, ' ');
        if (!sp)
            continue;
        *sp = '\0';
        g_hash_table_insert(wn->lemmas, line, sp + 1);
    }
    return 0;
}

/* Senses of a name as a person (noun.person, lexicographer file 18) and as
 * a place (noun.location, 15). */
static void wordnet_senses(const wordnet *wn, const char *name, int *person, int *place)
{
    *person = *place = 0;
    char *lemma = fold(name);
    for (char *c = lemma; *c; c++)
        if (*c == ' ')
            *c = '_';
    const char *rest = g_hash_table_lookup(wn->lemmas, lemma);
    g_free(lemma);
    if (!rest)
        return;
    /* pos synset_cnt p_cnt [ptr...] sense_cnt tagsense_cnt offsets... */
    gchar **tok = g_strsplit(rest, " ", -1);
    int nt = (int)g_strv_length(tok);
    if (nt >= 3) {
        int nsyn = atoi(tok[1]), np = atoi(tok[2]);
        for (int k = 0; k < nsyn && 3 + np + 2 + k < nt; k++) {
            long off = atol(tok[3 + np + 2 + k]);
            if (off < 0 || (size_t)off + 12 >= wn->ndata)
                continue;
            int lexfile = atoi(wn->data + off + 9); /* "OFFSET## LEXFILE ..." */
            if (lexfile == 18)
                (*person)++;
            else if (lexfile == 15)
                (*place)++;
        }
    }
    g_strfreev(tok);
}

/* Names in DATA/actors/ (recursively): country, adj, capital and org names
 * into `names`; person names and each of their words into `people`. */
static void load_data_names(const char *dir, GHashTable *names, GHashTable *people)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat st;
        if (stat(path, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode)) {
            load_data_names(path, names, people);
            continue;
        }
        size_t n = strlen(e->d_name);
        if (n < 4 || strcmp(e->d_name + n - 4, ".txt"))
            continue;
        char *text = dyad__read_file(path, NULL);
        if (!text)
            continue;
        for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
            char *hash = strchr(line, '#');
            if (hash)
                *hash = '\0';
            char *sep = strstr(line, " : ");
            if (!sep)
                continue;
            int person = !strncmp(line, "person", 6);
            if (!person && strncmp(line, "country", 7) && strncmp(line, "adj", 3) &&
                strncmp(line, "capital", 7) && strncmp(line, "org", 3))
                continue;
            gchar **parts = g_strsplit(sep + 3, "|", -1);
            for (gchar **p = parts; *p; p++) {
                char *name = g_strstrip(*p);
                if (!*name)
                    continue;
                if (person) {
                    g_hash_table_add(people, fold(name));
                    gchar **words = g_strsplit(name, " ", -1);
                    for (gchar **w = words; *w; w++)
                        if (**w)
                            g_hash_table_add(people, fold(*w));
                    g_strfreev(words);
                } else {
                    g_hash_table_add(names, fold(name));
                    /* "the Kremlin" also as "Kremlin". */
                    if (!g_ascii_strncasecmp(name, "the ", 4))
                        g_hash_table_add(names, fold(name + 4));
                }
            }
            g_strfreev(parts);
        }
        free(text);
    }
    closedir(d);
}

/* --------------------------------------------------------------- cities */

typedef struct city {
    char *name;      /* as in the dump, or its ASCII form */
    int group;       /* index of the place in the dump: both forms share it */
    int ascii;       /* 1: the ASCII form of a name with diacritics */
    int state;       /* 1: a state or province ("Texas"), 2: its bare name ("Helmand") */
    char *key;       /* folded */
    char a3[4];
    unsigned pop;
    int dropped;     /* index of the filter that took it, 0 = kept */
} city;

enum { KEEP = 0, F_SHORT, F_COUNTRY, F_WORD, F_PERSON, F_STATE, F_PREFIX, F_SHARED, F_NFILTERS };
static const char *const filter_names[F_NFILTERS] = {"kept",  "short",  "country", "word",
                                                     "person", "state", "prefix",  "shared"};

static int cmp_city(const void *a, const void *b)
{
    const city *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    if (c)
        return c;
    return x->pop < y->pop ? 1 : x->pop > y->pop ? -1 : 0;
}

static int cmp_group(const void *a, const void *b)
{
    const city *x = a, *y = b;
    return x->group != y->group ? (x->group < y->group ? -1 : 1) : x->ascii - y->ascii;
}

static int cmp_out(const void *a, const void *b)
{
    const city *x = a, *y = b;
    int c = strcmp(x->a3, y->a3);
    return c ? c : x->group != y->group ? strcmp(x->name, y->name) : x->ascii - y->ascii;
}

static char *ascii_form(const char *s)
{
    utf8proc_uint8_t *out = NULL;
    if (utf8proc_map((const utf8proc_uint8_t *)s, 0, &out,
                     UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_DECOMPOSE |
                         UTF8PROC_STRIPMARK) < 0)
        return NULL;
    for (const utf8proc_uint8_t *c = out; *c; c++)
        if (*c >= 128) {
            free(out);
            return NULL;
        }
    return (char *)out;
}

/* Adds place `name` (and its ASCII form, when it differs) to cs. */
static void add_place(city *cs, size_t *nc, int group, const char *name, const char *a3,
                      unsigned pop, int state)
{
    char *variants[2] = {g_strdup(name), ascii_form(name)};
    if (variants[1] && !strcmp(variants[1], name)) {
        free(variants[1]);
        variants[1] = NULL;
    }
    for (int v = 0; v < 2; v++) {
        if (!variants[v])
            continue;
        city *x = &cs[(*nc)++];
        x->group = group;
        x->ascii = v;
        x->state = state;
        x->name = v ? g_strdup(variants[v]) : variants[v];
        if (v)
            free(variants[v]);
        x->key = fold(x->name);
        memcpy(x->a3, a3, 4);
        x->pop = pop;
    }
}

/* The bare name of a state: "State of Uttar Pradesh" -> "Uttar Pradesh",
 * "Idlib Governorate" -> "Idlib"; NULL when there is nothing to take off. */
static char *bare_state(const char *state)
{
    static const char *const heads[] = {"Free and Sovereign State of ", "Free State of ",
                                        "Free and Hanseatic City of ", "State of ",
                                        "Canton of ", "Departamento de ", "Muhafazat ",
                                        "Republic of ", "Province of "};
    static const char *const tails[] = {" Province", " Governorate", " Region", " Oblast",
                                        " Department", " Prefecture", " Republic",
                                        " Voivodeship", " Krai", " Kray", " State"};
    const char *b = state;
    size_t n = strlen(state);
    for (size_t h = 0; h < sizeof heads / sizeof heads[0]; h++)
        if (!strncmp(b, heads[h], strlen(heads[h]))) {
            b += strlen(heads[h]);
            n -= strlen(heads[h]);
            break;
        }
    for (size_t t = 0; t < sizeof tails / sizeof tails[0]; t++) {
        size_t k = strlen(tails[t]);
        if (n > k && !strcmp(b + n - k, tails[t])) {
            n -= k;
            break;
        }
    }
    return b == state && n == strlen(state) ? NULL : g_strndup(b, n);
}

/* Notes that `name` names a division of country a3; "*" once divisions
 * of two countries have it. */
static void note_division(GHashTable *division_of, const char *name, const char *a3)
{
    char *k = fold(name);
    const char *old = g_hash_table_lookup(division_of, k);
    g_hash_table_insert(division_of, k,
                        old && strncmp(old, a3, 3) ? g_strdup("*") : g_strndup(a3, 3));
}

/* Do divisions of two countries have the name? */
static int shared_division(GHashTable *division_of, const char *name)
{
    char *k = fold(name);
    const char *a3 = g_hash_table_lookup(division_of, k);
    g_free(k);
    return a3 && !strcmp(a3, "*");
}

/* Regions two states claim, or whose name spans a border: never coded as
 * one country from the dump's say-so. */
static int contested(const char *name)
{
    static const char *const parts[] = {"Kashmir", "Kurdistan", "Balochistan", "Baluchistan",
                                        "Punjab",  "Crimea",    "Sevastopol",  "Abkhaz",
                                        "Ossetia", "Golan",     "Gaza",        "West Bank",
                                        "Western Sahara", "Nagorno", "Transnistr"};
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
        if (strstr(name, parts[i]))
            return 1;
    return 0;
}

/* Names of states that news uses for something else more often than for
 * the state: companies ("Meta", "Santander"), surnames ("Guerrero",
 * "Harari"), regions wider than the state ("Sahel", "Lapland", "Ulster"),
 * a city elsewhere ("Brest", "Saint-Louis") or a plain word in French or
 * Spanish ("Sud", "Valle", "Litoral"). */
static const char *const not_states[] = {
    "Est", "Sud", "Ouest", "Centrale", "Maritime", "Sahel", "Midlands", "Cascades", "Mono",
    "Sal", "Sava", "Vas", "Mie", "Zou", "Bie", "Lori", "Lara", "Shan", "Meta", "Santander",
    "Guerrero", "Morelos", "Harari", "Falcon", "Brest", "Ulster", "Zambezi", "Lapland",
    "Tanganyika", "Ruse", "Valverde", "Barahona", "Clarendon", "Westmoreland", "Chuy",
    "Portuguesa", "Nacional", "Litoral", "Valle", "O'Higgins", "Chaco", "Soriano",
    "Lavalleja", "Lacs", "Collines", "Montagnes", "Lagunes", "Saint Michael",
    "Saint Anthony", "Saint Catherine", "Saint-Louis", "River Nile", "Distrito Federal",
    "Black River", "English River", "Grand Port", "Judea and Samaria Area"};

/* Is a state's name one news uses for something else, or made of words
 * that name no place by themselves ("North West", "Upper East", "Province
 * 1", "Northern State")? */
static int not_a_state_name(const char *name)
{
    static const char *const generic[] = {
        "North",    "South",   "East",     "West",   "Northern", "Southern", "Eastern",
        "Western",  "Central", "Upper",    "Lower",  "Middle",   "Far",      "Greater",
        "Province", "Region",  "Area",     "Division", "Highlands", "The",   "and",
        "Valley",   "River",   "Bank",     "Borders", "State",   "Territory", "Capital",
        "National", "Coast",   "City",     "New"};
    for (size_t i = 0; i < sizeof not_states / sizeof not_states[0]; i++)
        if (!strcmp(name, not_states[i]))
            return 1;
    char *copy = g_strdup(name);
    int all_generic = 1;
    for (char *w = strtok(copy, " -"); w && all_generic; w = strtok(NULL, " -")) {
        int g = strspn(w, "0123456789IVX") == strlen(w);
        for (size_t i = 0; !g && i < sizeof generic / sizeof generic[0]; i++)
            g = !strcmp(w, generic[i]);
        all_generic = g;
    }
    g_free(copy);
    return all_generic;
}

int main(int argc, char **argv)
{
    const char *iso = NULL, *lingua = NULL, *wordnet_dir = NULL, *data = NULL;
    if (argc < 2) {
        fprintf(stderr, "usage: gen-cities OUT.txt ISOCODES=DIR LINGUA=DIR WORDNET=DIR DATA=DIR\n");
        return 2;
    }
    for (int i = 2; i < argc; i++) {
        if (!strncmp(argv[i], "ISOCODES=", 9))
            iso = argv[i] + 9;
        else if (!strncmp(argv[i], "LINGUA=", 7))
            lingua = argv[i] + 7;
        else if (!strncmp(argv[i], "WORDNET=", 8))
            wordnet_dir = argv[i] + 8;
        else if (!strncmp(argv[i], "DATA=", 5))
            data = argv[i] + 5;
    }
    if (!iso || !lingua || !wordnet_dir || !data) {
        fprintf(stderr, "gen-cities: ISOCODES=, LINGUA=, WORDNET= and DATA= are needed\n");
        return 2;
    }
    GHashTable *names = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    GHashTable *people = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    GHashTable *a2to3 = load_iso(iso, names);
    GHashTable *words = load_words(lingua);
    wordnet wn = {0};
    if (!a2to3 || !words || load_wordnet(wordnet_dir, &wn) != 0) {
        fprintf(stderr, "gen-cities: cannot read %s\n",
                !a2to3 ? "the iso-codes JSON" : !words ? "words.yml" : "WordNet");
        return 1;
    }
    char actors[4096];
    snprintf(actors, sizeof actors, "%s/actors", data);
    load_data_names(actors, names, people);
    for (size_t i = 0; i < sizeof famous_people / sizeof famous_people[0]; i++)
        g_hash_table_add(people, fold(famous_people[i]));

    /* The dump. States: folded state name -> country of that state. */
    int n = geonames_get_n_cities();
    /* a city and its ASCII form; a state's two names, each with its ASCII form */
    city *cs = calloc((size_t)n * 6 + 1, sizeof *cs);
    /* "ISO3\tstate" -> population of its cities, group of its first city */
    GHashTable *state_pop = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    GHashTable *state_group = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    GHashTable *states = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    GHashTable *state_words = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    GHashTable *prefixes = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    size_t nc = 0;
    for (int i = 0; i < n; i++) {
        GeonamesCity *c = geonames_get_city(i);
        const char *name = geonames_city_get_name(c), *cc = geonames_city_get_country_code(c);
        const char *state = geonames_city_get_state(c);
        unsigned pop = geonames_city_get_population(c);
        const char *a3 = cc ? g_hash_table_lookup(a2to3, cc) : NULL;
        if (a3 && state && *state) {
            g_hash_table_insert(states, fold(state), g_strdup(a3));
            char *sk = g_strconcat(a3, "\t", state, NULL);
            if (!g_hash_table_contains(state_group, sk))
                g_hash_table_insert(state_group, g_strdup(sk), GINT_TO_POINTER(i));
            g_hash_table_insert(state_pop, sk,
                                GUINT_TO_POINTER(GPOINTER_TO_UINT(g_hash_table_lookup(state_pop, sk)) +
                                                 pop));
            /* "Carolina" of "North Carolina", "Columbia" of "British Columbia". */
            static const char *const heads[] = {"North ",    "South ",    "East ",
                                                "West ",     "Northern ", "Southern ",
                                                "Eastern ",  "Western ",  "Central ",
                                                "British ",  "District of "};
            for (size_t h = 0; h < sizeof heads / sizeof heads[0]; h++)
                if (!strncmp(state, heads[h], strlen(heads[h])) && state[strlen(heads[h])] &&
                    !strchr(state + strlen(heads[h]), ' ')) {
                    char *k = fold(state + strlen(heads[h]));
                    const char *old = g_hash_table_lookup(state_words, k);
                    g_hash_table_insert(state_words, k,
                                        g_strdup(old && strcmp(old, a3) ? "*" : a3));
                }
        }
        if (a3 && name && strchr(name, ' ')) { /* "San" of "San Diego" */
            char *first = g_strndup(name, (gsize)(strchr(name, ' ') - name));
            char *k = fold(first);
            g_free(first);
            g_hash_table_insert(prefixes, k,
                                GINT_TO_POINTER(GPOINTER_TO_INT(g_hash_table_lookup(prefixes, k)) + 1));
        }
        if (a3 && name && *name && pop >= MIN_POPULATION && !strpbrk(name, "|#:\\"))
            add_place(cs, &nc, i, name, a3, pop, 0);
        geonames_city_free(c);
    }
    /* States: a name (whole or bare) that divisions of two countries have goes. */
    GHashTable *division_of = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    GHashTableIter it;
    gpointer skey, val;
    g_hash_table_iter_init(&it, state_pop);
    while (g_hash_table_iter_next(&it, &skey, &val)) {
        const char *a3 = skey, *state = strchr(skey, '\t') + 1;
        char *bare = bare_state(state);
        note_division(division_of, state, a3); /* "Central Region" of Ghana and of Uganda */
        if (bare)
            note_division(division_of, bare, a3);
        g_free(bare);
    }
    size_t nstates = 0;
    g_hash_table_iter_init(&it, state_pop);
    while (g_hash_table_iter_next(&it, &skey, &val)) {
        char a3[4];
        memcpy(a3, skey, 3);
        a3[3] = '\0';
        const char *state = strchr(skey, '\t') + 1;
        if (contested(state) || strpbrk(state, "|#:\\"))
            continue;
        unsigned pop = GPOINTER_TO_UINT(val);
        /* groups after the dump's: one for the whole name, one for the bare */
        int g = n + 2 * GPOINTER_TO_INT(g_hash_table_lookup(state_group, skey));
        char *bare = bare_state(state);
        int shared = shared_division(division_of, bare ? bare : state);
        int full_shared = shared_division(division_of, state);
        if (bare) {
            if (!full_shared && !not_a_state_name(state))
                add_place(cs, &nc, g, state, a3, pop, 1);
            if (!shared && !not_a_state_name(bare))
                add_place(cs, &nc, g + 1, bare, a3, pop, 2);
        } else if (!shared && !not_a_state_name(state)) {
            add_place(cs, &nc, g, state, a3, pop, 2);
        }
        g_free(bare);
        nstates++;
    }
    g_hash_table_destroy(division_of);
    g_hash_table_destroy(state_pop);
    g_hash_table_destroy(state_group);

    /* Filters on each name. */
    for (size_t i = 0; i < nc; i++) {
        city *x = &cs[i];
        int single = !strchr(x->name, ' ') && !strchr(x->name, '-');
        int person = 0, place = 0;
        wordnet_senses(&wn, x->name, &person, &place);
        const char *state_of = g_hash_table_lookup(states, x->key);
        if (g_utf8_strlen(x->name, -1) < 3)
            x->dropped = F_SHORT;
        else if (g_hash_table_contains(names, x->key))
            x->dropped = F_COUNTRY;
        else if (single && (x->pop < BIG_CITY || x->state == 2) &&
                 g_hash_table_contains(words, x->key))
            x->dropped = F_WORD;
        else if ((g_hash_table_contains(people, x->key) &&
                  (x->pop < BIG_CITY * 3 || x->state == 2)) ||
                 ((x->pop < BIG_CITY || x->state == 2) && person > 0 && person >= place))
            x->dropped = F_PERSON;
        else if (x->state)
            ; /* a state is not left out for being a state */
        else if (state_of && strcmp(state_of, x->a3) != 0)
            x->dropped = F_STATE;
        else if (single && x->pop < BIG_CITY &&
                 (state_of = g_hash_table_lookup(state_words, x->key)) &&
                 strcmp(state_of, x->a3) != 0)
            x->dropped = F_STATE;
        else if (single && GPOINTER_TO_INT(g_hash_table_lookup(prefixes, x->key)) >= 3)
            x->dropped = F_PREFIX;
    }
    /* Shared names: sort by name, then population. */
    qsort(cs, nc, sizeof *cs, cmp_city);
    for (size_t i = 0; i < nc;) {
        size_t j = i;
        while (j < nc && !strcmp(cs[j].key, cs[i].key))
            j++;
        /* cs[i] is the biggest; `other` the biggest of another country. */
        unsigned long other = 0;
        for (size_t k = i + 1; k < j; k++)
            if (strcmp(cs[k].a3, cs[i].a3) != 0 && cs[k].pop > other)
                other = cs[k].pop;
        int top_keeps = (unsigned long)cs[i].pop >= other * SHARED_RATIO;
        for (size_t k = i; other && k < j; k++)
            if (!cs[k].dropped && !(top_keeps && !strcmp(cs[k].a3, cs[i].a3)))
                cs[k].dropped = F_SHARED;
        i = j;
    }

    /* A place whose ASCII form was left out goes too ("Ārt" with "Art"). */
    qsort(cs, nc, sizeof *cs, cmp_group);
    for (size_t i = 0; i + 1 < nc; i++)
        if (cs[i].group == cs[i + 1].group && cs[i + 1].ascii && cs[i + 1].dropped &&
            !cs[i].dropped)
            cs[i].dropped = cs[i + 1].dropped;

    /* Output: one line per place, its ASCII form beside it; a name a country
     * already has on another line is not repeated. */
    qsort(cs, nc, sizeof *cs, cmp_out);
    FILE *out = fopen(argv[1], "w");
    if (!out) {
        fprintf(stderr, "gen-cities: cannot write %s\n", argv[1]);
        return 1;
    }
    fprintf(out, "# gen/cities.txt -- generated by tools/gen-cities.c from Debian's libgeonames\n"
                 "# (places of %d people or more), filtered as its top comment says.\n"
                 "# Do not edit: drop or add names in data/ instead.\n",
            MIN_POPULATION);
    int count[F_NFILTERS] = {0};
    GHashTable *written = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    size_t lines = 0, names_out = 0;
    int open_group = -1;
    for (size_t i = 0; i < nc; i++) {
        city *x = &cs[i];
        if (!x->ascii)
            count[x->dropped]++;
        if (x->dropped)
            continue;
        char *key = g_strconcat(x->a3, ":", x->key, NULL);
        if (g_hash_table_contains(written, key)) {
            g_free(key);
            continue;
        }
        g_hash_table_add(written, key);
        if (x->group == open_group) {
            fprintf(out, " | %s", x->name);
        } else {
            if (open_group >= 0)
                fputc('\n', out);
            fprintf(out, "city %s : %s", x->a3, x->name);
            open_group = x->group;
            lines++;
        }
        names_out++;
    }
    if (open_group >= 0)
        fputc('\n', out);
    if (fclose(out) != 0) {
        fprintf(stderr, "gen-cities: cannot write %s\n", argv[1]);
        return 1;
    }
    for (size_t i = 0; i < nc; i++) {
        g_free(cs[i].name);
        g_free(cs[i].key);
    }
    free(cs);
    g_hash_table_destroy(written);
    g_hash_table_destroy(states);
    g_hash_table_destroy(state_words);
    g_hash_table_destroy(prefixes);
    g_hash_table_destroy(names);
    g_hash_table_destroy(people);
    g_hash_table_destroy(a2to3);
    g_hash_table_destroy(words);
    g_hash_table_destroy(wn.lemmas);
    free(wn.index);
    free(wn.data);
    fprintf(stderr, "gen-cities: %d places, %d of 15,000 people or more; left out:", n,
            count[0] + count[F_SHORT] + count[F_COUNTRY] + count[F_WORD] + count[F_PERSON] +
                count[F_STATE] + count[F_PREFIX] + count[F_SHARED]);
    for (int f = 1; f < F_NFILTERS; f++)
        fprintf(stderr, " %s %d,", filter_names[f], count[f]);
    fprintf(stderr, " kept %zu cities and states (%zu names; %zu states looked at)\n", lines,
            names_out, nstates);
    return lines > 1000 ? 0 : 1;
}
