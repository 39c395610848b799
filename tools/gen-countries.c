/*
 * gen-countries.c -- writes gen/countries.txt: one `country` line for each
 * of the 249 entries of ISO 3166-1, from Debian's iso-codes
 * (ISOCODES/iso_3166-1.json, parsed with cJSON).
 *
 * Usage (run by CMakeLists.txt at build time):
 *     gen-countries OUT.txt ISOCODES=/usr/share/iso-codes/json [OTHER=...]
 *
 * Each line gives the alpha-3 code and the entry's names: common_name,
 * name and official_name, in that order, without repeats. ISO writes some
 * names inverted ("Korea, Republic of", "Virgin Islands, British"); those
 * are turned round ("Republic of Korea", "British Virgin Islands") when the
 * part after the comma is a title ending in "of"/"of the" or one word, and
 * left out otherwise (the form with a comma is not how news writes a name),
 * except for a list of places ("Bonaire, Sint Eustatius and Saba"), kept
 * whole and with its first place ("Bonaire").
 * A parenthesised part at the end becomes a name of its own ("Holy See
 * (Vatican City State)" gives "Holy See" and "Vatican City State"), except
 * "(French part)" and the like; one in the middle is left out ("Cocos
 * (Keeling) Islands" gives "Cocos Islands"). The names people
 * actually use in news (demonyms, short forms, capitals) are written by hand
 * in data/actors/countries.txt, which loads after this file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>

#include "base/mem.h"

#define MAX_NAMES 8

typedef struct names {
    char v[MAX_NAMES][256];
    int n;
} names;

static void trim(char *s)
{
    size_t n = strlen(s), i = 0;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        s[--n] = '\0';
    while (s[i] == ' ' || s[i] == '\t')
        i++;
    memmove(s, s + i, n - i + 1);
}

static void add_name(names *ns, const char *s)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", s);
    trim(buf);
    if (!buf[0] || ns->n == MAX_NAMES)
        return;
    for (int i = 0; i < ns->n; i++)
        if (!strcasecmp(ns->v[i], buf))
            return;
    snprintf(ns->v[ns->n++], sizeof ns->v[0], "%s", buf);
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && !strcmp(s + n - m, suffix);
}

/* Adds a name, splitting off "(...)" and turning "X, Y of" round. */
static void add_iso_name(names *ns, const char *s)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", s);
    char *open = strchr(buf, '(');
    if (open) {
        char *close = strchr(open, ')');
        if (close && close[1] && close[1] != ' ')
            close = NULL;
        if (close && close[1]) {
            /* "Cocos (Keeling) Islands": the name without the part. */
            char out[520];
            *open = '\0';
            snprintf(out, sizeof out, "%s%s", buf, close + 2);
            add_iso_name(ns, out);
            return;
        }
        if (close) {
            /* "Holy See (Vatican City State)": both; not "(French part)". */
            *close = '\0';
            if (!ends_with(open + 1, " part"))
                add_iso_name(ns, open + 1);
        }
        *open = '\0';
    }
    trim(buf);
    char *comma = strstr(buf, ", ");
    if (!comma) {
        add_name(ns, buf);
        return;
    }
    *comma = '\0';
    const char *head = buf, *tail = comma + 2;
    char out[520];
    if (ends_with(tail, " of") || ends_with(tail, " of the") || !strchr(tail, ' ')) {
        snprintf(out, sizeof out, "%s %s", tail, head);
        add_name(ns, out);
    } else if (!strchr(tail, ' ') || strstr(tail, " and ")) {
        /* A list of places ("Saint Helena, Ascension and Tristan da Cunha"):
         * the whole, as written, and its first place. */
        snprintf(out, sizeof out, "%s, %s", head, tail);
        add_name(ns, out);
        add_name(ns, head);
    }
}

int main(int argc, char **argv)
{
    const char *dir = NULL;
    if (argc < 2) {
        fprintf(stderr, "usage: gen-countries OUT.txt ISOCODES=DIR\n");
        return 2;
    }
    for (int i = 2; i < argc; i++)
        if (!strncmp(argv[i], "ISOCODES=", 9))
            dir = argv[i] + 9;
    if (!dir) {
        fprintf(stderr, "gen-countries: ISOCODES=DIR is needed\n");
        return 2;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/iso_3166-1.json", dir);
    char *text = dyad__read_file(path, NULL);
    if (!text) {
        fprintf(stderr, "gen-countries: cannot read %s\n", path);
        return 1;
    }
    cJSON *root = cJSON_Parse(text);
    free(text);
    const cJSON *list = root ? cJSON_GetObjectItemCaseSensitive(root, "3166-1") : NULL;
    if (!cJSON_IsArray(list)) {
        fprintf(stderr, "gen-countries: %s: no \"3166-1\" array\n", path);
        cJSON_Delete(root);
        return 1;
    }
    FILE *out = fopen(argv[1], "w");
    if (!out) {
        fprintf(stderr, "gen-countries: cannot write %s\n", argv[1]);
        cJSON_Delete(root);
        return 1;
    }
    fprintf(out, "# gen/countries.txt -- generated by tools/gen-countries.c from Debian's\n"
                 "# iso-codes (ISO 3166-1). Do not edit: see data/actors/countries.txt.\n");
    int count = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, list)
    {
        const cJSON *a3 = cJSON_GetObjectItemCaseSensitive(e, "alpha_3");
        if (!cJSON_IsString(a3) || strlen(a3->valuestring) != 3)
            continue;
        names ns = {.n = 0};
        static const char *const keys[] = {"common_name", "name", "official_name"};
        for (int k = 0; k < 3; k++) {
            const cJSON *v = cJSON_GetObjectItemCaseSensitive(e, keys[k]);
            if (cJSON_IsString(v))
                add_iso_name(&ns, v->valuestring);
        }
        if (!ns.n)
            continue;
        fprintf(out, "country %s :", a3->valuestring);
        for (int i = 0; i < ns.n; i++) {
            fputs(i ? " | " : " ", out);
            for (const char *c = ns.v[i]; *c; c++) {
                if (*c == '#')
                    fputc('\\', out);
                fputc(*c == '|' ? '/' : *c, out);
            }
        }
        fputc('\n', out);
        count++;
    }
    cJSON_Delete(root);
    if (fclose(out) != 0) {
        fprintf(stderr, "gen-countries: cannot write %s\n", argv[1]);
        return 1;
    }
    fprintf(stderr, "gen-countries: %d countries\n", count);
    return count > 200 ? 0 : 1;
}
