/*
 * boiler.c -- recognising boilerplate in scraped news pages: date stamps,
 * breadcrumbs ("Home » World »"), footers ("please visit our website",
 * copyright, share/subscribe/follow-us/click-here lines, "Advertisement",
 * a wire signature such as "REUTER").
 *
 * The rules are conservative on purpose: a real news sentence must never be
 * dropped. Footer rules look at one sentence and mostly at its first words
 * ("Click here", "Follow us on"); single-word lines ("Advertisement",
 * "Share") only count when they are the whole paragraph.
 *
 * Owns nothing; pure functions over cleaned text. Never edits text.
 */
#include <string.h>

#include "clean_int.h"

static int lower(int c) { return (c >= 'A' && c <= 'Z') ? c | 0x20 : c; }
static int is_digit(int c) { return c >= '0' && c <= '9'; }
static int is_alpha(int c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
static int is_space(int c) { return c == ' ' || c == '\t' || c == '\n'; }

/* Does p[0,n) start with word w (case-insensitive), not followed by a letter? */
static size_t starts_word(const char *p, size_t n, const char *w)
{
    size_t k = strlen(w);
    if (k > n)
        return 0;
    for (size_t i = 0; i < k; i++)
        if (lower((unsigned char)p[i]) != w[i])
            return 0;
    if (k < n && is_alpha((unsigned char)p[k]) && is_alpha((unsigned char)w[k - 1]))
        return 0;
    return k;
}

/* Case-insensitive search of w (lower case) in p[0,n). */
static int contains(const char *p, size_t n, const char *w)
{
    size_t k = strlen(w);
    if (k > n)
        return 0;
    for (size_t i = 0; i + k <= n; i++) {
        if (lower((unsigned char)p[i]) != w[0])
            continue;
        size_t j = 1;
        while (j < k && lower((unsigned char)p[i + j]) == w[j])
            j++;
        if (j == k)
            return 1;
    }
    return 0;
}

static size_t skip_space(const char *p, size_t n, size_t i)
{
    while (i < n && is_space((unsigned char)p[i]))
        i++;
    return i;
}

/* ---------------------------------------------------------------- dates */

static const char *const months[] = {"january", "february", "march", "april", "may",
                                     "june", "july", "august", "september", "october",
                                     "november", "december"};
static const char *const weekdays[] = {"monday", "tuesday", "wednesday", "thursday",
                                       "friday", "saturday", "sunday"};

/* A month name, full or abbreviated to 3 (or "sept") letters with an
 * optional '.'; returns its length or 0. */
static size_t month_at(const char *p, size_t n)
{
    size_t k = 0;
    while (k < n && k < 10 && is_alpha((unsigned char)p[k]))
        k++;
    if (k < 3 || (k < n && is_alpha((unsigned char)p[k])))
        return 0;
    int c0 = lower((unsigned char)p[0]);
    for (int m = 0; m < 12; m++) {
        if (months[m][0] != c0)
            continue;
        size_t ml = strlen(months[m]);
        if (k != ml && k != 3 && !(m == 8 && k == 4))
            continue;
        if (k > ml)
            continue;
        size_t i = 0;
        while (i < k && lower((unsigned char)p[i]) == months[m][i])
            i++;
        if (i == k) {
            if (k < ml && k < n && p[k] == '.')
                k++;
            return k;
        }
    }
    return 0;
}

static size_t weekday_at(const char *p, size_t n)
{
    if (n < 3)
        return 0;
    int c0 = lower((unsigned char)p[0]);
    for (int d = 0; d < 7; d++) {
        if (weekdays[d][0] != c0)
            continue;
        size_t k = starts_word(p, n, weekdays[d]);
        if (k)
            return k;
        if (n >= 3 && lower((unsigned char)p[0]) == weekdays[d][0] &&
            lower((unsigned char)p[1]) == weekdays[d][1] &&
            lower((unsigned char)p[2]) == weekdays[d][2] && (n == 3 || !is_alpha((unsigned char)p[3])))
            return (n > 3 && p[3] == '.') ? 4 : 3;
    }
    return 0;
}

static size_t digits(const char *p, size_t n, size_t i, size_t lo, size_t hi)
{
    size_t k = 0;
    while (i + k < n && is_digit((unsigned char)p[i + k]))
        k++;
    return (k >= lo && k <= hi) ? k : 0;
}

/* An optional time after a date: ", 14:05", " 2:05 pm", "T14:05:00Z", " GMT". */
static size_t time_after(const char *p, size_t n, size_t i)
{
    size_t j = i;
    if (j < n && (p[j] == 'T' || p[j] == ','))
        j++;
    j = skip_space(p, n, j);
    size_t h = digits(p, n, j, 1, 2);
    if (!h || j + h >= n || p[j + h] != ':' || !digits(p, n, j + h + 1, 2, 2))
        return i;
    j += h + 3;
    if (j + 2 < n && p[j] == ':' && digits(p, n, j + 1, 2, 2))
        j += 3;
    if (j < n && p[j] == '.' && digits(p, n, j + 1, 1, 9))
        j += 1 + digits(p, n, j + 1, 1, 9);
    if (j < n && p[j] == 'Z')
        return j + 1;
    if (j + 5 < n + 0 && (p[j] == '+' || p[j] == '-') && digits(p, n, j + 1, 2, 2) && p[j + 3] == ':')
        return j + 6;
    size_t k = skip_space(p, n, j);
    if (k + 1 < n && (lower((unsigned char)p[k]) == 'a' || lower((unsigned char)p[k]) == 'p') &&
        (lower((unsigned char)p[k + 1]) == 'm' || p[k + 1] == '.')) {
        k += 2;
        while (k < n && (p[k] == '.' || lower((unsigned char)p[k]) == 'm'))
            k++;
        j = k;
        k = skip_space(p, n, j);
    }
    /* A time zone: two to four capitals ("GMT", "UTC", "EST"). */
    size_t z = 0;
    while (k + z < n && z < 5 && p[k + z] >= 'A' && p[k + z] <= 'Z')
        z++;
    if (z >= 2 && z <= 4 && (k + z == n || !is_alpha((unsigned char)p[k + z])))
        j = k + z;
    return j;
}

/* Can p start a weekday or month name? (Its first three letters.) */
static int name_prefix(const char *p, size_t n)
{
    static const char *const pre[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun",
                                      "jan", "feb", "mar", "apr", "may", "jun", "jul",
                                      "aug", "sep", "oct", "nov", "dec"};
    if (n < 3)
        return 0;
    char a = (char)lower((unsigned char)p[0]), b = (char)lower((unsigned char)p[1]),
         c = (char)lower((unsigned char)p[2]);
    for (size_t i = 0; i < sizeof pre / sizeof *pre; i++)
        if (pre[i][0] == a && pre[i][1] == b && pre[i][2] == c)
            return 1;
    return 0;
}

size_t dyad__boiler_date(const char *p, size_t n)
{
    size_t i = 0, k;
    if (n == 0 || (!is_digit((unsigned char)p[0]) && !name_prefix(p, n)))
        return 0;
    if ((k = weekday_at(p, n))) {
        i = k;
        if (i < n && p[i] == ',')
            i++;
        i = skip_space(p, n, i);
    }
    size_t y = digits(p, n, i, 4, 4);
    if (y && i + 10 <= n && (p[i + 4] == '-' || p[i + 4] == '/') && digits(p, n, i + 5, 1, 2)) {
        /* 2023-11-10, 2023/11/10 */
        size_t m = digits(p, n, i + 5, 1, 2), j = i + 5 + m;
        if (j < n && p[j] == p[i + 4] && digits(p, n, j + 1, 1, 2))
            return time_after(p, n, j + 1 + digits(p, n, j + 1, 1, 2));
        return 0;
    }
    size_t d = digits(p, n, i, 1, 2);
    if (d && i + d < n && (p[i + d] == '/' || p[i + d] == '.' || p[i + d] == '-')) {
        /* 10/11/2023, 10.11.2023 */
        char sep = p[i + d];
        size_t j = i + d + 1, m = digits(p, n, j, 1, 2);
        if (m && j + m < n && p[j + m] == sep && digits(p, n, j + m + 1, 4, 4))
            return time_after(p, n, j + m + 5);
        return 0;
    }
    if (d) {
        /* 10 November 2023 */
        size_t j = i + d;
        if (j + 1 < n && is_alpha((unsigned char)p[j]) && (k = starts_word(p + j, n - j, "st")))
            j += 2;
        else if (j + 1 < n && (starts_word(p + j, n - j, "nd") || starts_word(p + j, n - j, "rd") ||
                               starts_word(p + j, n - j, "th")))
            j += 2;
        j = skip_space(p, n, j);
        if (!(k = month_at(p + j, n - j)))
            return 0;
        j = skip_space(p, n, j + k);
        if (j < n && p[j] == ',')
            j = skip_space(p, n, j + 1);
        if (!digits(p, n, j, 4, 4))
            return 0;
        return time_after(p, n, j + 4);
    }
    if ((k = month_at(p + i, n - i))) {
        /* November 10, 2023 */
        size_t j = skip_space(p, n, i + k);
        size_t dd = digits(p, n, j, 1, 2);
        if (!dd)
            return 0;
        j += dd;
        if (j + 1 < n && (starts_word(p + j, n - j, "st") || starts_word(p + j, n - j, "nd") ||
                          starts_word(p + j, n - j, "rd") || starts_word(p + j, n - j, "th")))
            j += 2;
        if (j < n && p[j] == ',')
            j++;
        j = skip_space(p, n, j);
        if (!digits(p, n, j, 4, 4))
            return 0;
        return time_after(p, n, j + 4);
    }
    return 0;
}

/* ---------------------------------------------------------- breadcrumbs */

/* A breadcrumb separator at p[0,n): returns its length or 0. */
static size_t crumb_sep(const char *p, size_t n, int strong_only)
{
    if (n >= 2 && (unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xBB)
        return 2; /* » */
    if (n >= 3 && !memcmp(p, "\xE2\x80\xBA", 3))
        return 3; /* › */
    if (n >= 3 && !memcmp(p, "\xE2\x86\x92", 3))
        return 3; /* → */
    if (strong_only)
        return 0;
    if (n >= 2 && p[0] == '>' && p[1] == '>')
        return 2;
    if (n >= 2 && p[0] == ':' && p[1] == ':')
        return 2;
    if (n >= 1 && (p[0] == '>' || p[0] == '/' || p[0] == '|'))
        return 1;
    return 0;
}

#define CRUMB_ITEM 40 /* bytes at most in one breadcrumb item */

/* Breadcrumb at the start of p[0,n): "Home » World » Asia »", "Home > News".
 * Returns the length through the last separator (and following space), or
 * all of p when the line is nothing but a breadcrumb; 0 when none. */
static size_t breadcrumb(const char *p, size_t n)
{
    size_t i = 0, k;
    int strong = 1, nsep = 0;
    if ((k = starts_word(p, n, "home")) || (k = starts_word(p, n, "homepage")) ||
        (k = starts_word(p, n, "main page"))) {
        size_t j = skip_space(p, n, k);
        size_t s = crumb_sep(p + j, n - j, 0);
        if (!s)
            return 0;
        strong = crumb_sep(p + j, n - j, 1) != 0;
        i = skip_space(p, n, j + s);
        nsep = 2; /* "Home »" alone is enough */
    }
    size_t last = i;
    /* Further items: short, no sentence punctuation, then a separator. */
    for (int items = 0; items < 8 && i < n; items++) {
        size_t j = i;
        while (j < n && j - i <= CRUMB_ITEM && p[j] != '.' && p[j] != '!' && p[j] != '?' &&
               p[j] != '\n' && !crumb_sep(p + j, n - j, strong))
            j++;
        if (j >= n || j - i > CRUMB_ITEM || !crumb_sep(p + j, n - j, strong))
            break;
        if (j > i && is_space((unsigned char)p[j - 1]) == 0 && !strong && p[j] == '/')
            break; /* "and/or", "24/7": a slash inside a word */
        size_t s = crumb_sep(p + j, n - j, strong);
        i = skip_space(p, n, j + s);
        last = i;
        nsep++;
    }
    if (nsep < 2)
        return 0;
    /* The rest is one short item without sentence punctuation: all crumb. */
    size_t rest = n - last;
    if (rest <= CRUMB_ITEM) {
        size_t j = last;
        while (j < n && p[j] != '.' && p[j] != '!' && p[j] != '?')
            j++;
        if (j == n)
            return n;
    }
    return last;
}

/* Is there a byte that can start » › → in the first stretch of p? */
static int may_have_strong_sep(const char *p, size_t n)
{
    size_t lim = n < CRUMB_ITEM + 4 ? n : CRUMB_ITEM + 4; /* the first separator */
    return memchr(p, 0xC2, lim) || memchr(p, 0xE2, lim);
}

size_t dyad__boiler_prefix(const char *p, size_t n, int top)
{
    size_t i = 0;
    for (int round = 0; round < 4 && i < n; round++) {
        size_t k, j;
        const char *q = p + i;
        size_t m = n - i;
        int c0 = lower((unsigned char)q[0]);
        /* "date 2023-11-10", "Published: 10 Nov 2023", "Posted on ..." */
        if ((c0 == 'd' || c0 == 'p' || c0 == 'u') && ((k = starts_word(q, m, "date")) || (k = starts_word(q, m, "published")) ||
            (k = starts_word(q, m, "posted")) || (k = starts_word(q, m, "updated")))) {
            j = k;
            if (j < m && q[j] == ':')
                j++;
            j = skip_space(q, m, j);
            if ((k = starts_word(q + j, m - j, "on")))
                j = skip_space(q, m, j + k);
            if ((k = dyad__boiler_date(q + j, m - j))) {
                i += skip_space(q, m, j + k);
                continue;
            }
        }
        /* A date stamp. Numeric ones (2023-11-10, 10/11/2023) never start a
         * news sentence; written ones only go when a separator, a
         * breadcrumb or the end of the paragraph follows. */
        if ((is_digit(c0) || strchr("mtwfsjaond", c0)) && (k = dyad__boiler_date(q, m))) {
            int numeric = is_digit((unsigned char)q[0]) && m > 4 &&
                          (q[4] == '-' || q[4] == '/' || q[1] == '/' || q[2] == '/' ||
                           q[1] == '.' || q[2] == '.' || q[1] == '-' || q[2] == '-');
            j = skip_space(q, m, k);
            if (j < m && q[j] == ',')
                j = skip_space(q, m, j + 1);
            if (numeric || j >= m || breadcrumb(q + j, m - j)) {
                i += j;
                continue;
            }
            size_t s = crumb_sep(q + j, m - j, 0);
            if (!s && q[j] == '-')
                s = 1;
            if (!s && m - j >= 3 && (!memcmp(q + j, "\xE2\x80\x94", 3) || !memcmp(q + j, "\xE2\x80\x93", 3)))
                s = 3;
            if (s) {
                i += skip_space(q, m, j + s);
                continue;
            }
        }
        if ((c0 == 'h' || c0 == 'm' || (top && may_have_strong_sep(q, m))) && (k = breadcrumb(q, m))) {
            i += k;
            continue;
        }
        break;
    }
    return i;
}

/* ---------------------------------------------------------------- footers */

/* Does p[0,8) hold a v or V? (A zero byte of x ^ "vvvvvvvv" marks one.) */
static int has_v(const char *p)
{
    uint64_t x;
    memcpy(&x, p, 8);
    x = (x | 0x2020202020202020ull) ^ 0x7676767676767676ull; /* V and v -> 0 */
    return ((x - 0x0101010101010101ull) & ~x & 0x8080808080808080ull) != 0;
}

/* Whole-line boilerplate: the paragraph is just this word or phrase. */
static const char *const whole_lines[] = {
    "advertisement", "advertisements", "share", "share this", "share this article",
    "share this story", "share on facebook", "share on twitter", "tweet", "print", "email",
    "comments", "related", "related articles", "related stories", "related news", "read more",
    "recommended", "reuter", "reuters", "back to top", "top of page", "skip to content",
    "sponsored", "sponsored content", "see also", "more", "more news",
};

/* Footer sentences by their first words. */
static const char *const footer_starts[] = {
    "click here", "subscribe to our", "subscribe now", "subscribe for", "sign up for our",
    "sign up to our", "sign up for the", "follow us on", "follow us at", "follow us for",
    "like us on", "download our", "download the app", "join our newsletter",
    "get our newsletter", "to subscribe", "copyright", "\xC2\xA9", "(c) ", "all rights reserved",
    "share this article", "share this story", "read the full story", "read more at",
    "read more:", "for more news", "for more updates", "for more stories",
};

int dyad__boiler_sentence(const char *p, size_t n, int whole, int top)
{
    /* Trim punctuation and space around for the whole-line comparisons. */
    size_t a = 0, b = n;
    while (a < b && (is_space((unsigned char)p[a]) || p[a] == '-' || p[a] == '*'))
        a++;
    while (b > a && (is_space((unsigned char)p[b - 1]) || p[b - 1] == '.' || p[b - 1] == ':' ||
                     p[b - 1] == '|' || p[b - 1] == '-'))
        b--;
    if (a == b)
        return 0;
    const char *q = p + a;
    size_t m = b - a;
    if (whole) {
        /* A bare breadcrumb or date stamp; a bare written date only with
         * its weekday or near the top (else it may be a table's note). */
        if (m <= 64 && dyad__boiler_prefix(q, m, top) >= m &&
            (top || weekday_at(q, m) || !is_alpha((unsigned char)q[0]) ||
             starts_word(q, m, "home")))
            return 1;
        if (m <= 24) {
            for (size_t i = 0; i < sizeof whole_lines / sizeof *whole_lines; i++) {
                if (lower((unsigned char)q[0]) != whole_lines[i][0])
                    continue;
                size_t k = strlen(whole_lines[i]);
                if (k == m && starts_word(q, m, whole_lines[i]) == k)
                    return 1;
            }
        }
    }
    if (m > 250)
        return 0;
    int c0 = lower((unsigned char)q[0]);
    int may_start = (c0 >= 'a' && c0 <= 'z' && strchr("csfldjgtar", c0)) || c0 == 0xC2 || c0 == '(';
    for (size_t i = 0; may_start && i < sizeof footer_starts / sizeof *footer_starts; i++) {
        const char *w = footer_starts[i];
        if (lower((unsigned char)q[0]) != (unsigned char)w[0])
            continue;
        size_t k = starts_word(q, m, w);
        if (!k)
            continue;
        if (!strcmp(w, "copyright") && !(k < m && (q[k] == ' ' || q[k] == ':')))
            continue;
        if (!strcmp(w, "copyright") && !(contains(q, m, "\xC2\xA9") || contains(q, m, "(c)") ||
                                          contains(q, m, "reserved") || (k + 1 < m && is_digit((unsigned char)q[k + 1])) ||
                                          (k + 2 < m && is_digit((unsigned char)q[k + 2])) || whole))
            continue;
        if (!strcmp(w, "(c) ") && !(k < m && is_digit((unsigned char)q[k])))
            continue;
        if (!strncmp(w, "for more", 8) && !contains(q, m, "visit") && !contains(q, m, "follow") &&
            !contains(q, m, "click") && !contains(q, m, "subscribe"))
            continue;
        return 1;
    }
    /* "please visit", "visit our website", "all rights reserved": one scan
     * for the rare letter v (in "visit" and "reserved"), eight bytes at a
     * time. */
    for (size_t i = 0; i < m; i++) {
        while (i % 8 == 0 && i + 8 <= m && !has_v(q + i))
            i += 8;
        if (i >= m)
            break;
        if ((q[i] | 0x20) != 'v')
            continue;
        if (starts_word(q + i, m - i, "visit") && !(i > 0 && is_alpha((unsigned char)q[i - 1]))) {
            if (i >= 7 && starts_word(q + i - 7, 7, "please "))
                return 1;
            const char *r = q + i + 5;
            size_t rn = m - i - 5;
            if (starts_word(r, rn, " our website") || starts_word(r, rn, " our site") ||
                starts_word(r, rn, " our homepage") || starts_word(r, rn, " our web site"))
                return 1;
        } else if (i >= 15 && starts_word(q + i - 15, m - i + 15, "all rights reserved")) {
            return 1;
        }
    }
    return 0;
}
