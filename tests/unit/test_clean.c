/*
 * test_clean.c -- the cleaner: characters (UTF-8 repair, NFC, odd spaces,
 * controls), glued sentences, wrapped wire copy, boilerplate, duplicate
 * paragraphs, other scripts and languages, the offset map.
 *
 * Every text here was written for these tests.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "clean/clean.h"
#include "lex/lex.h"

typedef struct fixture {
    dyad_cleaner *cl;
    dyad_arena arena;
    dyad_clean c;
    dyad_doc_stats st;
    const char *orig;
    size_t orig_len;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    dyad_err e;
    if (!f)
        return -1;
    f->cl = dyad__cleaner_new(NULL, &e);
    dyad__arena_init(&f->arena, 64 * 1024);
    *state = f;
    return f->cl ? 0 : -1;
}

static int teardown(void **state)
{
    fixture *f = *state;
    dyad__cleaner_free(f->cl);
    dyad__arena_free(&f->arena);
    free(f);
    return 0;
}

/* Offset map property: every cleaned byte that is not white space (and
 * not part of a changed character) comes from the same byte of the
 * original, an ASCII one NFC made from another character from that
 * character's first byte; the map never goes backwards and stays inside the original. */
static void check_map(const fixture *f)
{
    const dyad_clean *c = &f->c;
    uint32_t prev = 0;
    for (uint32_t i = 1; i < c->nmap; i++)
        assert_true(c->map_clean[i] > c->map_clean[i - 1]);
    for (uint32_t i = 0; i < c->len; i++) {
        uint32_t o = dyad__clean_orig(c, i);
        assert_true(o >= prev);
        assert_true(o <= f->orig_len);
        prev = o;
        unsigned char ch = (unsigned char)c->text[i];
        if (ch > ' ' && ch < 0x7F) {
            assert_true(o < f->orig_len);
            /* (';' that NFC made of U+037E maps to that character) */
            if (f->orig[o] != (char)ch && (unsigned char)f->orig[o] < 0x80)
                fail_msg("clean[%u]='%c' maps to orig[%u]='%c'", i, ch, o, f->orig[o]);
        }
    }
    /* Segments: in order, not overlapping, inside the text. */
    uint32_t end = 0;
    for (uint32_t i = 0; i < c->nseg; i++) {
        assert_true(c->seg[i].off >= end);
        assert_true(c->seg[i].len > 0);
        end = c->seg[i].off + c->seg[i].len;
        assert_true(end <= c->len);
    }
    assert_int_equal(c->text[c->len], '\0');
}

static void clean(fixture *f, const char *text, size_t len)
{
    dyad__arena_reset(&f->arena);
    memset(&f->st, 0, sizeof f->st);
    f->orig = text;
    f->orig_len = len;
    assert_int_equal(dyad__clean(f->cl, text, len, &f->arena, &f->c, &f->st), 0);
    check_map(f);
    /* The stats agree with the segments. */
    uint32_t lang = 0, boiler = 0, dup = 0;
    for (uint32_t i = 0; i < f->c.nseg; i++) {
        lang += f->c.seg[i].kind == DYAD_SEG_FOREIGN;
        boiler += f->c.seg[i].kind == DYAD_SEG_BOILER || f->c.seg[i].kind == DYAD_SEG_JUNK;
        dup += f->c.seg[i].kind == DYAD_SEG_DUP;
    }
    assert_int_equal(f->st.segments, f->c.nseg);
    assert_int_equal(f->st.skipped_lang, lang);
    assert_int_equal(f->st.skipped_boiler, boiler);
    assert_int_equal(f->st.skipped_dup, dup);
}

static void clean_str(fixture *f, const char *text) { clean(f, text, strlen(text)); }

static void expect_seg(const fixture *f, uint32_t i, int kind, int para_start, const char *text)
{
    if (i >= f->c.nseg)
        fail_msg("segment %u missing (%u segments)", i, f->c.nseg);
    const dyad_segment *s = &f->c.seg[i];
    if (s->kind != kind || strlen(text) != s->len || memcmp(f->c.text + s->off, text, s->len))
        fail_msg("segment %u: kind %d [%.*s], want kind %d [%s]", i, s->kind, (int)s->len,
                 f->c.text + s->off, kind, text);
    assert_int_equal(s->para_start, para_start);
}

/* Original bytes of cleaned segment i (via the map). */
static void expect_orig(const fixture *f, uint32_t i, const char *want)
{
    const dyad_segment *s = &f->c.seg[i];
    uint32_t a = dyad__clean_orig(&f->c, s->off);
    uint32_t b = dyad__clean_orig(&f->c, s->off + s->len - 1) + 1;
    assert_int_equal(b - a, strlen(want));
    assert_memory_equal(f->orig + a, want, b - a);
}

/* ----------------------------------------------------------------------- */

static void test_breadcrumb_and_date_stamp(void **state)
{
    fixture *f = *state;
    const char *t = " date 2024-03-05 Home \xC2\xBB Ministers from Chile and Peru signed a water "
                    "accord on Monday, ending a long dispute over the river.\n"
                    "The accord takes effect in June.\n";
    clean_str(f, t);
    assert_int_equal(f->c.nseg, 3);
    expect_seg(f, 0, DYAD_SEG_BOILER, 1, "date 2024-03-05 Home \xC2\xBB");
    expect_seg(f, 1, DYAD_SEG_TEXT, 1,
               "Ministers from Chile and Peru signed a water accord on Monday, ending a long "
               "dispute over the river.");
    expect_seg(f, 2, DYAD_SEG_TEXT, 1, "The accord takes effect in June.");
    expect_orig(f, 1, "Ministers from Chile and Peru signed a water accord on Monday, ending a "
                      "long dispute over the river.");
    assert_int_equal(f->st.skipped_boiler, 1);

    clean_str(f, "Home > World > Asia\nWednesday, March 6, 2024\n"
                 "Floods closed three highways in the north of the country.\n");
    assert_int_equal(f->c.nseg, 3);
    expect_seg(f, 0, DYAD_SEG_BOILER, 1, "Home > World > Asia");
    expect_seg(f, 1, DYAD_SEG_BOILER, 1, "Wednesday, March 6, 2024");
    expect_seg(f, 2, DYAD_SEG_TEXT, 1, "Floods closed three highways in the north of the country.");

    /* Not boilerplate: a sentence that mentions home, a date in a sentence,
     * a slash in a sentence. */
    clean_str(f, "Home owners in the city protested on 5 March 2024.\n"
                 "March 5, 2024 was the day the 24/7 curfew began.\n");
    assert_int_equal(f->c.nseg, 2);
    assert_int_equal(f->c.seg[0].kind, DYAD_SEG_TEXT);
    assert_int_equal(f->c.seg[1].kind, DYAD_SEG_TEXT);
}

static void test_duplicate_paragraph(void **state)
{
    fixture *f = *state;
    const char *t = "Home \xC2\xBB The two governments agreed to reopen the border crossing for trucks "
                    "carrying food and medicine.\n"
                    "Officials from both sides will meet again next month.\n"
                    "The two governments  agreed to reopen the border crossing for trucks carrying "
                    "food and medicine.\n"
                    "Yes.\nYes.\n";
    clean_str(f, t);
    assert_int_equal(f->c.nseg, 6);
    expect_seg(f, 0, DYAD_SEG_BOILER, 1, "Home \xC2\xBB");
    expect_seg(f, 1, DYAD_SEG_TEXT, 1,
               "The two governments agreed to reopen the border crossing for trucks carrying food "
               "and medicine.");
    expect_seg(f, 2, DYAD_SEG_TEXT, 1, "Officials from both sides will meet again next month.");
    expect_seg(f, 3, DYAD_SEG_DUP, 1,
               "The two governments  agreed to reopen the border crossing for trucks carrying "
               "food and medicine.");
    /* Short repeats are not called duplicates. */
    expect_seg(f, 4, DYAD_SEG_TEXT, 1, "Yes.");
    expect_seg(f, 5, DYAD_SEG_TEXT, 1, "Yes.");
    assert_int_equal(f->st.skipped_dup, 1);

    /* The same paragraph in the next document is not a duplicate. */
    clean_str(f, "Officials from both sides will meet again next month.\n");
    expect_seg(f, 0, DYAD_SEG_TEXT, 1, "Officials from both sides will meet again next month.");
}

static void test_inline_chinese(void **state)
{
    fixture *f = *state;
    const char *t = "The envoy praised the talks as a step toward calm.\xE5\x92\x8C\xE5\xB9\xB3\xE5\x8F\x91"
                    "\xE5\xB1\x95 (\xE5\x85\xB1\xE5\x90\x8C\xE7\xB9\x81\xE8\x8D\xA3)\xE3\x80\x82\xE2\x80\x9D"
                    "She added that trade between the neighbours would grow.";
    clean_str(f, t);
    assert_int_equal(f->c.nseg, 3);
    expect_seg(f, 0, DYAD_SEG_TEXT, 1, "The envoy praised the talks as a step toward calm.");
    expect_seg(f, 1, DYAD_SEG_FOREIGN, 0,
               "\xE5\x92\x8C\xE5\xB9\xB3\xE5\x8F\x91\xE5\xB1\x95 (\xE5\x85\xB1\xE5\x90\x8C\xE7\xB9"
               "\x81\xE8\x8D\xA3)\xE3\x80\x82\xE2\x80\x9D");
    assert_string_equal(f->c.seg[1].lang, "zh");
    expect_seg(f, 2, DYAD_SEG_TEXT, 0, "She added that trade between the neighbours would grow.");
    assert_string_equal(f->c.seg[2].lang, "en");
    assert_int_equal(f->st.skipped_lang, 1);

    /* A paragraph mostly in Russian is foreign as a whole; a lone Greek
     * letter in English is not. */
    clean_str(f, "\xD0\x9F\xD1\x80\xD0\xB5\xD0\xB7\xD0\xB8\xD0\xB4\xD0\xB5\xD0\xBD\xD1\x82 "
                 "\xD0\xBF\xD1\x80\xD0\xB8\xD0\xB5\xD1\x85\xD0\xB0\xD0\xBB NATO.\n"
                 "The \xCE\xB1 particle count rose.\n");
    assert_int_equal(f->c.nseg, 2);
    assert_int_equal(f->c.seg[0].kind, DYAD_SEG_FOREIGN);
    expect_seg(f, 1, DYAD_SEG_TEXT, 1, "The \xCE\xB1 particle count rose.");
}

static void test_glued_sentences(void **state)
{
    fixture *f = *state;
    const char *t = "The vote was delayed.Officials blamed the storm. He called the plan "
                    "\xE2\x80\x9C" "final.\xE2\x80\x9D" "Critics disagreed, warning thatThe army "
                    "would object.Was it legal?Nobody knew!Talks resume Monday.";
    clean_str(f, t);
    assert_int_equal(f->c.nseg, 1);
    expect_seg(f, 0, DYAD_SEG_TEXT, 1,
               "The vote was delayed. Officials blamed the storm. He called the plan "
               "\xE2\x80\x9C" "final.\xE2\x80\x9D Critics disagreed, warning that The army "
               "would object. Was it legal? Nobody knew! Talks resume Monday.");
    /* The inserted spaces map to the byte before them; the words keep
     * their original offsets (check_map checked every byte). */
    const char *c = f->c.text;
    uint32_t off = (uint32_t)(strstr(c, "Officials") - c);
    assert_int_equal(dyad__clean_orig(&f->c, off), strstr(t, "Officials") - t);
    off = (uint32_t)(strstr(c, "The army") - c);
    assert_int_equal(dyad__clean_orig(&f->c, off), strstr(t, "The army") - t);

    /* Names, abbreviations and initials stay whole. */
    const char *keep = "McDonald sold iPhone cases on YouTube and eBay; al-Assad joined LinkedIn. "
                       "The U.S. and U.N. envoys, e.g. Gen. Smith and J.K. Rowling, met at "
                       "St. Paul. The U.S.Navy and Mr.Brown agreed. DeSantis and deGaulle too.";
    clean_str(f, keep);
    expect_seg(f, 0, DYAD_SEG_TEXT, 1, keep);
}

static void test_glue_uses_the_lexicon(void **state)
{
    (void)state;
    dyad_err e;
    dyad_lex *lex = dyad__lex_new(&e);
    assert_non_null(lex);
    uint32_t id = dyad__lex_intern(lex, "ministry", 8);
    assert_true(id > 0);
    dyad__lex_word_mut(lex, id)->flags = DYAD_LW_TAGGED;
    id = dyad__lex_intern(lex, "kazakh", 6); /* a dictionary word only: not enough */
    dyad__lex_word_mut(lex, id)->flags = DYAD_LW_KB;
    dyad_cleaner *cl = dyad__cleaner_new(lex, &e);
    assert_non_null(cl);
    dyad_arena a;
    dyad__arena_init(&a, 4096);
    dyad_clean c;
    dyad_doc_stats st = {0};
    const char *t = "A statement by the ministryThe envoy, the kazakhGov office, and the visitNow page.";
    assert_int_equal(dyad__clean(cl, t, strlen(t), &a, &c, &st), 0);
    assert_int_equal(c.nseg, 1);
    assert_string_equal(c.text, "A statement by the ministry The envoy, the kazakhGov office, and "
                                "the visitNow page.");
    dyad__arena_free(&a);
    dyad__cleaner_free(cl);
    dyad__lex_free(lex);
}

static void test_footers(void **state)
{
    fixture *f = *state;
    const char *t = "Advertisement\n"
                    "Rebels freed four hostages near the border on Friday, the army said.\n"
                    "Follow us on Twitter for the latest news.\n"
                    "Talks will continue next week in the capital. For more stories on the region, "
                    "please visit our website.\n"
                    "Copyright 2024 Example News Ltd. All rights reserved.\n";
    clean_str(f, t);
    assert_int_equal(f->c.nseg, 6);
    expect_seg(f, 0, DYAD_SEG_BOILER, 1, "Advertisement");
    expect_seg(f, 1, DYAD_SEG_TEXT, 1,
               "Rebels freed four hostages near the border on Friday, the army said.");
    expect_seg(f, 2, DYAD_SEG_BOILER, 1, "Follow us on Twitter for the latest news.");
    expect_seg(f, 3, DYAD_SEG_TEXT, 1, "Talks will continue next week in the capital.");
    expect_seg(f, 4, DYAD_SEG_BOILER, 0, "For more stories on the region, please visit our website.");
    expect_seg(f, 5, DYAD_SEG_BOILER, 1, "Copyright 2024 Example News Ltd. All rights reserved.");
    assert_int_equal(f->st.skipped_boiler, 4);

    /* News sentences with the same words are kept. */
    const char *news = "The firm said in a newspaper advertisement that shareholders may subscribe "
                       "to the new issue.\nThe court ruled on the copyright dispute. Police said "
                       "they would visit the site again.\n";
    clean_str(f, news);
    assert_int_equal(f->c.nseg, 2);
    assert_int_equal(f->c.seg[0].kind, DYAD_SEG_TEXT);
    assert_int_equal(f->c.seg[1].kind, DYAD_SEG_TEXT);
    assert_int_equal(f->st.skipped_boiler, 0);
}

static void test_wrapped_wire_copy(void **state)
{
    fixture *f = *state;
    const char *t = "The central bank raised its main lending rate by half a\n"
                    "point on Tuesday, citing inflation that has stayed above its\n"
                    "target for most of the year, officials said.\n"
                    "    The decision was expected by most analysts, who said the\n"
                    "bank had little choice after the currency fell sharply in\n"
                    "recent weeks.\n"
                    "    Exports rose 4.5 pct in the quarter.\n"
                    " REUTER\n";
    clean_str(f, t);
    assert_int_equal(f->c.nseg, 4);
    expect_seg(f, 0, DYAD_SEG_TEXT, 1,
               "The central bank raised its main lending rate by half a point on Tuesday, citing "
               "inflation that has stayed above its target for most of the year, officials said.");
    expect_seg(f, 1, DYAD_SEG_TEXT, 1,
               "The decision was expected by most analysts, who said the bank had little choice "
               "after the currency fell sharply in recent weeks.");
    expect_seg(f, 2, DYAD_SEG_TEXT, 1, "Exports rose 4.5 pct in the quarter.");
    expect_seg(f, 3, DYAD_SEG_BOILER, 1, "REUTER");
    /* Joining lines changes no offset. */
    assert_int_equal(f->c.len, strlen(t));
    assert_int_equal(dyad__clean_orig(&f->c, f->c.seg[1].off), strstr(t, "The decision") - t);

    /* Web text with one paragraph a line is not joined. */
    clean_str(f, "Short line one.\nAnother line, also short\nA third line here.\n");
    assert_int_equal(f->c.nseg, 3);
}

static void test_invalid_utf8(void **state)
{
    fixture *f = *state;
    const char t[] = "Bad \xC3\x28 byte, \xFF\xFE pair, cut \xE2\x80 and \xED\xA0\x80 surrogate.";
    clean(f, t, sizeof t - 1);
    assert_int_equal(f->st.utf8_repairs, 7);
    expect_seg(f, 0, DYAD_SEG_TEXT, 1,
               "Bad \xEF\xBF\xBD( byte, \xEF\xBF\xBD\xEF\xBF\xBD pair, cut \xEF\xBF\xBD and "
               "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD surrogate.");
    const char *c = f->c.text;
    uint32_t off = (uint32_t)(strstr(c, "surrogate") - c);
    assert_int_equal(dyad__clean_orig(&f->c, off), strstr(t, "surrogate") - t);
    /* Inside a U+FFFD the map stays on the bad byte. */
    off = (uint32_t)(strstr(c, "\xEF\xBF\xBD(") - c);
    assert_int_equal(dyad__clean_orig(&f->c, off), 4);
    assert_int_equal(dyad__clean_orig(&f->c, off + 2), 4);
    assert_int_equal(dyad__clean_orig(&f->c, off + 3), 5);
}

static void test_nfc_after_repairs(void **state)
{
    fixture *f = *state;
    /* Bad bytes and characters NFC changes in one run of non-ASCII bytes:
     * the map stays right on each side of the repairs. U+037E (Greek
     * question mark) is ';' in NFC, U+2126 (Ohm sign) is U+03A9. */
    const char t[] = "Quote \xFF\xFF\xFF\xFF\xCD\xBE then Ohm \xE2\x84\xA6\xFF\xFF done.";
    clean(f, t, sizeof t - 1);
    expect_seg(f, 0, DYAD_SEG_TEXT, 1,
               "Quote \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD; then Ohm "
               "\xCE\xA9\xEF\xBF\xBD\xEF\xBF\xBD done.");
    const char *c = f->c.text;
    assert_int_equal(dyad__clean_orig(&f->c, (uint32_t)(strchr(c, ';') - c)), 10);
    assert_int_equal(dyad__clean_orig(&f->c, (uint32_t)(strstr(c, "then") - c)),
                     strstr(t, "then") - t);
    assert_int_equal(dyad__clean_orig(&f->c, (uint32_t)(strstr(c, "done") - c)),
                     strstr(t, "done") - t);
    /* the repairs after the Ohm sign map to their own bytes */
    uint32_t off = (uint32_t)(strstr(c, "\xCE\xA9") - c);
    assert_int_equal(dyad__clean_orig(&f->c, off + 2), strstr(t, "\xE2\x84\xA6") - t + 3);
}

static void test_nfc_spaces_controls(void **state)
{
    fixture *f = *state;
    /* e + combining acute -> e-acute; Angstrom sign -> A-ring. */
    const char *t = "The cafe\xCC\x81 in Orebro opened; 5 \xE2\x84\xAB wide.";
    clean_str(f, t);
    expect_seg(f, 0, DYAD_SEG_TEXT, 1, "The caf\xC3\xA9 in Orebro opened; 5 \xC3\x85 wide.");
    const char *c = f->c.text;
    uint32_t off = (uint32_t)(strstr(c, "in Orebro") - c);
    assert_int_equal(dyad__clean_orig(&f->c, off), strstr(t, "in Orebro") - t);
    off = (uint32_t)(strstr(c, "wide") - c);
    assert_int_equal(dyad__clean_orig(&f->c, off), strstr(t, "wide") - t);

    /* NBSP and thin space -> space; zero-width, soft hyphen, BOM, bell
     * dropped; CR LF and CR -> LF; tabs and curly quotes kept. */
    const char *u = "Aid\xC2\xA0workers\xE2\x80\x89left, said\xE2\x80\x8B the UN\xC2\xAD"
                    "HCR\xEF\xBB\xBF office.\x07\r\nThey \xE2\x80\x98returned\xE2\x80\x99\tlater.\rDone.";
    clean_str(f, u);
    assert_int_equal(f->c.nseg, 3);
    expect_seg(f, 0, DYAD_SEG_TEXT, 1, "Aid workers left, said the UNHCR office.");
    expect_seg(f, 1, DYAD_SEG_TEXT, 1, "They \xE2\x80\x98returned\xE2\x80\x99\tlater.");
    expect_seg(f, 2, DYAD_SEG_TEXT, 1, "Done.");
    expect_orig(f, 1, "They \xE2\x80\x98returned\xE2\x80\x99\tlater.");
}

/* Each kind of byte that ends a run of plain bytes (copied eight at a
 * time, and up to that byte at once), at every place of an eight-byte
 * window. */
static void test_plain_runs(void **state)
{
    fixture *f = *state;
    static const struct {
        const char *in, *out;
    } piece[] = {
        {"Q", "Q"}, {"\x01", ""}, {"\x1F", ""}, {"\t", "\t"}, {"\xC3\xA9", "\xC3\xA9"},
        {"\xE2\x80\x8B", ""}, {" delayed.Officials ", " delayed. Officials "},
        {" delayed.Alpha ", " delayed. Alpha "}, {" delayed.Zulu ", " delayed. Zulu "},
        {"@[`{~", "@[`{~"},
    };
    static const char plain[] = "ab cd ef gh ij kl mn op qr st uv wx";
    for (size_t k = 0; k < sizeof piece / sizeof *piece; k++)
        for (int at = 0; at <= 17; at++) {
            char in[128], want[128];
            snprintf(in, sizeof in, "%.*s%s%s", at, plain, piece[k].in, plain + at);
            snprintf(want, sizeof want, "%.*s%s%s", at, plain, piece[k].out, plain + at);
            clean_str(f, in);
            if (f->c.len != strlen(want) || memcmp(f->c.text, want, f->c.len))
                fail_msg("piece %zu at %d: [%.*s], want [%s]", k, at, (int)f->c.len, f->c.text, want);
        }
    /* A DEL is a control byte to the byte loop, which drops it; a window of
     * eight plain bytes takes it along (here the window of bytes 1-8). Both
     * as before the run was copied up to its end at once. */
    clean_str(f, "ab cd e\x7FQ f gh ij kl mn");
    assert_string_equal(f->c.text, "ab cd eQ f gh ij kl mn");
    clean_str(f, "ab cd ef\x7FQ gh ij kl mn");
    assert_string_equal(f->c.text, "ab cd ef\x7FQ gh ij kl mn");
}

static void test_other_languages(void **state)
{
    fixture *f = *state;
    const char *t =
        "The foreign ministers of both countries met in Lima on Tuesday to discuss trade.\n"
        "Le ministre des affaires \xC3\xA9trang\xC3\xA8res a d\xC3\xA9" "clar\xC3\xA9 que la France "
        "et le P\xC3\xA9rou vont renforcer leur coop\xC3\xA9ration dans le domaine de la s\xC3\xA9" "curit\xC3\xA9 "
        "et que les deux pays vont signer un accord avant la fin de l'ann\xC3\xA9" "e.\n"
        "El presidente del gobierno anunci\xC3\xB3 que el pa\xC3\xADs enviar\xC3\xA1 ayuda a las "
        "regiones afectadas por las lluvias y que los militares van a colaborar con la "
        "polic\xC3\xAD" "a en las zonas del norte.\n"
        "Caisse Nationale de Credit Agricole and Banque de France said on Monday they had agreed to "
        "the loan.\n";
    clean_str(f, t);
    assert_int_equal(f->c.nseg, 4);
    assert_int_equal(f->c.seg[0].kind, DYAD_SEG_TEXT);
    assert_int_equal(f->c.seg[1].kind, DYAD_SEG_FOREIGN);
    assert_string_equal(f->c.seg[1].lang, "fr");
    assert_int_equal(f->c.seg[2].kind, DYAD_SEG_FOREIGN);
    assert_string_equal(f->c.seg[2].lang, "es");
    /* French names inside an English sentence are English. */
    assert_int_equal(f->c.seg[3].kind, DYAD_SEG_TEXT);
    assert_int_equal(f->st.skipped_lang, 2);

    /* Wire-copy tables are not a language. */
    clean_str(f, "Shr 17 cts vs 13 cts\nNet 2.1 mln vs 1.03 mln\nRevs 15.6 mln vs 12 mln\n");
    for (uint32_t i = 0; i < f->c.nseg; i++)
        assert_int_equal(f->c.seg[i].kind, DYAD_SEG_TEXT);
}

static void test_junk_and_empty(void **state)
{
    fixture *f = *state;
    clean_str(f, "--- *** ---\n12/03/24 11/03/24\nTroops withdrew.\n\n\n");
    assert_int_equal(f->c.nseg, 3);
    assert_int_equal(f->c.seg[0].kind, DYAD_SEG_JUNK);
    assert_int_equal(f->c.seg[1].kind, DYAD_SEG_JUNK);
    expect_seg(f, 2, DYAD_SEG_TEXT, 1, "Troops withdrew.");
    clean(f, "", 0);
    assert_int_equal(f->c.nseg, 0);
    assert_int_equal(f->c.len, 0);
    clean_str(f, " \n\t\n");
    assert_int_equal(f->c.nseg, 0);
}

/* Random documents from messy pieces: the map and segment invariants hold
 * whatever the mix (check_map runs inside clean()). */
static void test_offset_map_random(void **state)
{
    fixture *f = *state;
    static const char *const pieces[] = {
        "The army said ", "talks ended.", "Officials met", ".Then ", "thatThe ", "\r\n", "\n\n",
        "\x01", "\xC2\xA0", "\xE2\x80\x8B", "\xC3\x28", "\xFF", "cafe\xCC\x81", "\xE2\x84\xAB",
        "\xE5\x92\x8C\xE5\xB9\xB3\xE5\x8F\x91", "\xE3\x80\x82\xE2\x80\x9D", "He ", "U.S. ",
        "\xE2\x80\x9CYes.\xE2\x80\x9DNo ", "    indented ", "Home \xC2\xBB ", "2024-01-02 ",
        "please visit our website.", "\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0 ",
        "\xF0\x9F\x98\x80", "\xED\xA0\x80", "\xE2\x80\xA8", "\t", "e\xCC\x81\xCC\xA3", "\xE2\x80",
    };
    size_t np = sizeof pieces / sizeof *pieces;
    char buf[4096];
    uint64_t rng = 12345;
    for (int iter = 0; iter < 3000; iter++) {
        size_t n = 0;
        int k = (int)(rng % 40) + 1;
        for (int j = 0; j < k; j++) {
            rng = rng * 6364136223846793005ull + 1442695040888963407ull;
            const char *p = pieces[(rng >> 33) % np];
            size_t l = strlen(p);
            if (n + l >= sizeof buf)
                break;
            memcpy(buf + n, p, l);
            n += l;
        }
        clean(f, buf, n);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_breadcrumb_and_date_stamp),
        cmocka_unit_test(test_duplicate_paragraph),
        cmocka_unit_test(test_inline_chinese),
        cmocka_unit_test(test_glued_sentences),
        cmocka_unit_test(test_glue_uses_the_lexicon),
        cmocka_unit_test(test_footers),
        cmocka_unit_test(test_wrapped_wire_copy),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_nfc_after_repairs),
        cmocka_unit_test(test_nfc_spaces_controls),
        cmocka_unit_test(test_plain_runs),
        cmocka_unit_test(test_other_languages),
        cmocka_unit_test(test_junk_and_empty),
        cmocka_unit_test(test_offset_map_random),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
