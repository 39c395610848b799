/*
 * when.c -- the date of an event from the words of its sentence.
 *
 * News dates events relative to the article: "on Tuesday", "yesterday",
 * "last week", "next month", "on March 3", "earlier this year". dyad__when
 * finds the temporal expression of a sentence closest to the event's words
 * and turns it into a yyyymmdd date, given the article date. Weekdays point
 * back (the most recent such day before the article, news being mostly about
 * the past) unless the verb is in the future ("will meet on Tuesday").
 * Expressions of a whole week, month or year give its first day relative to
 * the article ("last month" = the article's month minus one, day 1).
 */
#include "when.h"

#include <string.h>

static const char *const weekdays[] = {"monday", "tuesday", "wednesday", "thursday",
                                       "friday", "saturday", "sunday"};
static const char *const months[] = {"january", "february", "march",     "april",
                                     "may",     "june",     "july",      "august",
                                     "september", "october", "november", "december"};
static const char *const month_abbr[] = {"jan.", "feb.", "mar.", "apr.", "may", "jun.",
                                         "jul.", "aug.", "sep.", "oct.", "nov.", "dec."};

/* A token folded to lower case into buf (at most 10 bytes); 0 when it is
 * too long or too short to be a date word. */
static size_t fold_tok(const char *text, const dyad_tok *t, char buf[11])
{
    if (t->len < 3 || t->len > 10)
        return 0;
    for (uint32_t i = 0; i < t->len; i++) {
        char c = text[t->off + i];
        buf[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    buf[t->len] = '\0';
    return t->len;
}

static int in_list(const char *b, const char *const *list, int n)
{
    for (int i = 0; i < n; i++)
        if (b[0] == list[i][0] && !strcmp(b, list[i]))
            return i;
    return -1;
}

static int number_of(const char *text, const dyad_tok *t, int max)
{
    int v = 0;
    if (t->len == 0 || t->len > 4)
        return -1;
    for (uint32_t i = 0; i < t->len; i++) {
        char c = text[t->off + i];
        if (c < '0' || c > '9')
            return -1;
        v = v * 10 + (c - '0');
    }
    return v >= 1 && v <= max ? v : -1;
}

static int32_t make_date(int y, int m, int d)
{
    static const int dim[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1 || d > dim[m - 1])
        return 0;
    return y * 10000 + m * 100 + d;
}

static int32_t add_months(int32_t date, int k)
{
    int y = date / 10000, m = date / 100 % 100 - 1 + k;
    while (m < 0) {
        m += 12;
        y--;
    }
    y += m / 12;
    m %= 12;
    return y * 10000 + (m + 1) * 100 + 1;
}

int32_t dyad__when(const dyad_tok *tok, uint32_t n, const char *text, uint32_t anchor,
                   int32_t doc_date, int future, const char **what, const uint32_t *at,
                   uint32_t nat)
{
    if (!doc_date)
        return 0;
    int32_t best = 0;
    uint32_t best_dist = UINT32_MAX;
    const char *best_what = "";
    uint32_t from = 0; /* "last Monday" used the next token too */
    for (uint32_t k = 0; k < (at ? nat : n); k++) {
        uint32_t i = at ? at[k] : k;
        if (i < from || i >= n)
            continue;
        const dyad_tok *t = &tok[i];
        int32_t d = 0;
        char b[11];
        /* no date word is shorter or longer, or starts with another letter */
        if (!fold_tok(text, t, b) || !strchr("mtwfsylnjaod", b[0]))
            continue;
        const char *w = "";
        int wd = in_list(b, weekdays, 7);
        if (wd >= 0) {
            int today = dyad_date_weekday(doc_date);
            int back = (today - wd + 7) % 7;
            if (future)
                d = dyad_date_add_days(doc_date, back == 0 ? 0 : 7 - back);
            else
                d = dyad_date_add_days(doc_date, -back);
            w = "weekday";
        } else if (!strcmp(b, "yesterday")) {
            d = dyad_date_add_days(doc_date, -1);
            w = "yesterday";
        } else if (!strcmp(b, "today") || !strcmp(b, "tonight")) {
            d = doc_date;
            w = "today";
        } else if (!strcmp(b, "tomorrow")) {
            d = dyad_date_add_days(doc_date, 1);
            w = "tomorrow";
        } else if (i + 1 < n && (!strcmp(b, "last") || !strcmp(b, "next") || !strcmp(b, "this"))) {
            int dir = !strcmp(b, "last") ? -1 : !strcmp(b, "next") ? 1 : 0;
            const dyad_tok *u = &tok[i + 1];
            char ub[11];
            if (!fold_tok(text, u, ub))
                ub[0] = '\0';
            int uwd = in_list(ub, weekdays, 7);
            if (!strcmp(ub, "week")) {
                d = dyad_date_add_days(doc_date, 7 * dir);
                w = "week";
            } else if (!strcmp(ub, "month")) {
                d = add_months(doc_date, dir);
                w = "month";
            } else if (!strcmp(ub, "year")) {
                d = (doc_date / 10000 + dir) * 10000 + 101;
                w = "year";
            } else if (dir && uwd >= 0) {
                int today = dyad_date_weekday(doc_date);
                int back = (today - uwd + 7) % 7;
                d = dir < 0 ? dyad_date_add_days(doc_date, -(back ? back : 7))
                            : dyad_date_add_days(doc_date, back ? 7 - back : 7);
                w = "weekday";
                i++;
                from = i + 1;
            }
        } else {
            int mo = (t->shape & DYAD_TS_CAP) ? in_list(b, months, 12) : -1;
            if (mo < 0 && (t->shape & DYAD_TS_CAP)) {
                mo = in_list(b, month_abbr, 12);
                if (mo < 0 && !strcmp(b, "sept"))
                    mo = 8;
            }
            if (mo >= 0) {
                /* "March 3", "3 March", "March 3, 2022", "in March" */
                int day = -1, year = doc_date / 10000;
                if (i + 1 < n)
                    day = number_of(text, &tok[i + 1], 31);
                if (day < 0 && i > 0)
                    day = number_of(text, &tok[i - 1], 31);
                if (i + 3 < n && day > 0) {
                    int y = number_of(text, &tok[i + 3], 2100);
                    if (y >= 1900)
                        year = y;
                }
                if (day < 0) {
                    /* a month alone: only with "in" before it */
                    const dyad_tok *p = i ? &tok[i - 1] : NULL;
                    if (!p || p->len != 2 || (text[p->off] | 32) != 'i' || (text[p->off + 1] | 32) != 'n')
                        continue;
                    day = 1;
                }
                d = make_date(year, mo + 1, day);
                /* A month after the article's month, without a year, is last year's
                 * unless the verb is in the future. */
                if (d && !future && d > doc_date && year == doc_date / 10000)
                    d = make_date(year - 1, mo + 1, day);
                w = "calendar";
            }
        }
        if (!d)
            continue;
        uint32_t dist = i > anchor ? i - anchor : anchor - i;
        if (dist < best_dist) {
            best = d;
            best_dist = dist;
            best_what = w;
        }
    }
    if (what)
        *what = best_what;
    return best;
}
