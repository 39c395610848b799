/*
 * date.c -- yyyymmdd dates: parsing, arithmetic, formatting (see dyad.h).
 */
#include "dyad.h"

static int is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int days_in_month(int y, int m)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : d[m - 1];
}

/* Days since 1970-01-01 (H. Hinnant's days_from_civil). */
static int64_t to_days(int y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void from_days(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

static int digits(const char *s, size_t n, size_t at, size_t count, int *out)
{
    int v = 0;
    if (at + count > n)
        return -1;
    for (size_t i = at; i < at + count; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

int32_t dyad_date_parse(const char *s, size_t n)
{
    int y, m, d;
    if (!s)
        return 0;
    if (digits(s, n, 0, 4, &y) != 0)
        return 0;
    if (n >= 10 && s[4] == '-' && s[7] == '-') {
        if (digits(s, n, 5, 2, &m) || digits(s, n, 8, 2, &d))
            return 0;
        if (n > 10 && s[10] != 'T' && s[10] != ' ' && s[10] != 't')
            return 0;
    } else if (n == 8) {
        if (digits(s, n, 4, 2, &m) || digits(s, n, 6, 2, &d))
            return 0;
    } else {
        return 0;
    }
    if (y < 1000 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
        return 0;
    return y * 10000 + m * 100 + d;
}

int32_t dyad_date_add_days(int32_t date, int32_t days)
{
    if (!date)
        return 0;
    int y, m, d;
    from_days(to_days(date / 10000, date / 100 % 100, date % 100) + days, &y, &m, &d);
    return y * 10000 + m * 100 + d;
}

int dyad_date_weekday(int32_t date)
{
    int64_t z = to_days(date / 10000, date / 100 % 100, date % 100);
    /* 1970-01-01 was a Thursday (3 when Monday is 0). */
    return (int)(((z % 7) + 7 + 3) % 7);
}

void dyad_date_format(int32_t date, char out[11])
{
    if (!date) {
        out[0] = '\0';
        return;
    }
    unsigned y = (unsigned)(date / 10000) % 10000u, m = (unsigned)(date / 100 % 100) % 100u,
             d = (unsigned)(date % 100) % 100u;
    out[0] = (char)('0' + y / 1000);
    out[1] = (char)('0' + y / 100 % 10);
    out[2] = (char)('0' + y / 10 % 10);
    out[3] = (char)('0' + y % 10);
    out[4] = '-';
    out[5] = (char)('0' + m / 10);
    out[6] = (char)('0' + m % 10);
    out[7] = '-';
    out[8] = (char)('0' + d / 10);
    out[9] = (char)('0' + d % 10);
    out[10] = '\0';
}
