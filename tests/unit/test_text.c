/*
 * test_text.c -- the text stage on sentences written for these tests:
 * tokens (abbreviations, numbers, clitics, possessives, hyphens, quotes,
 * URLs, glued punctuation), sentence splitting, tags of ambiguous news
 * words in context, lemmas, chunks, appending segments, and tagging
 * accuracy on the hand-tagged sets in tests/data/.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/text.h"

static dyad_lex *g_lex;
static dyad_arena g_arena;
static dyad_text g_tx;
static const char *g_text;

static int setup(void **state)
{
    (void)state;
    dyad_err err;
    g_lex = dyad__lex_new(&err);
    if (!g_lex || dyad__lex_load_builtin(g_lex, &err) != 0)
        return -1;
    dyad__arena_init(&g_arena, 1 << 16);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    dyad__lex_free(g_lex);
    dyad__arena_free(&g_arena);
    return 0;
}

/* Analyses s (one segment) into g_tx. */
static void run(const char *s)
{
    dyad__arena_reset(&g_arena);
    memset(&g_tx, 0, sizeof g_tx);
    g_text = s;
    assert_int_equal(dyad__text_analyse(g_lex, s, 0, (uint32_t)strlen(s), &g_arena, &g_tx), 0);
}

/* The tokens of g_tx joined by '|'. */
static const char *toks(void)
{
    static char buf[4096];
    size_t n = 0;
    for (uint32_t i = 0; i < g_tx.ntok && n + 80 < sizeof buf; i++)
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%.*s", i ? "|" : "", g_tx.tok[i].len,
                              g_text + g_tx.tok[i].off);
    buf[n] = 0;
    return buf;
}

/* The tags of g_tx joined by ' '. */
static const char *tags(void)
{
    static char buf[4096];
    size_t n = 0;
    for (uint32_t i = 0; i < g_tx.ntok && n + 10 < sizeof buf; i++)
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s", i ? " " : "",
                              dyad__pos_name((dyad_pos)g_tx.tok[i].tag));
    buf[n] = 0;
    return buf;
}

/* Sentence k as text. */
static const char *sent(uint32_t k)
{
    static char buf[1024];
    assert_true(k < g_tx.nsent);
    snprintf(buf, sizeof buf, "%.*s", (int)g_tx.sent[k].len, g_text + g_tx.sent[k].off);
    return buf;
}

/* Index of the first token equal to w. */
static uint32_t at(const char *w)
{
    for (uint32_t i = 0; i < g_tx.ntok; i++)
        if (g_tx.tok[i].len == strlen(w) && memcmp(g_text + g_tx.tok[i].off, w, g_tx.tok[i].len) == 0)
            return i;
    fail_msg("no token '%s' in %s", w, toks());
    return 0;
}

static const char *tag_of(const char *w) { return dyad__pos_name((dyad_pos)g_tx.tok[at(w)].tag); }
static const char *lemma_of(const char *w) { return dyad__lex_str(g_lex, g_tx.tok[at(w)].lemma); }
static uint32_t id(const char *w) { return dyad__lex_find(g_lex, w, strlen(w)); }

/* ------------------------------------------------------------ tokens */

static void test_clitics_and_possessives(void **state)
{
    (void)state;
    run("Russia's army didn't move; they can't and won't, the soldiers' families said.");
    assert_string_equal(toks(), "Russia|'s|army|did|n't|move|;|they|ca|n't|and|wo|n't|,|the|soldiers|'|families|said|.");
    assert_string_equal(tag_of("'s"), "POS");
    assert_string_equal(tag_of("'"), "POS");
    assert_string_equal(tag_of("n't"), "RB");
    assert_string_equal(lemma_of("n't"), "not");
    assert_string_equal(lemma_of("ca"), "can");
    assert_string_equal(lemma_of("wo"), "will");
    /* the typographic apostrophe behaves the same */
    run("Russia\xE2\x80\x99s army didn\xE2\x80\x99t move.");
    assert_string_equal(toks(), "Russia|\xE2\x80\x99s|army|did|n\xE2\x80\x99t|move|.");
    assert_int_equal(g_tx.tok[1].form, id("'s"));
    assert_int_equal(g_tx.tok[4].form, id("n't"));
    /* it's = it is; O'Brien stays whole */
    run("It's O'Brien's turn, and we're sure they've gone.");
    assert_string_equal(toks(), "It|'s|O'Brien|'s|turn|,|and|we|'re|sure|they|'ve|gone|.");
    assert_string_equal(tag_of("'s"), "VBZ");
    assert_string_equal(lemma_of("'re"), "be");
    /* cannot is can not (in any case), and a longer word stays whole */
    run("Iran cannot accept it; CANNOT, Cannot. Cannotes.");
    assert_string_equal(toks(), "Iran|can|not|accept|it|;|CAN|NOT|,|Can|not|.|Cannotes|.");
    assert_string_equal(tag_of("can"), "MD");
    assert_string_equal(tag_of("not"), "RB");
}

static void test_abbreviations_and_numbers(void **state)
{
    (void)state;
    run("Gen. Zhang met U.S. and U.N. envoys in St. Petersburg on Jan. 5 at 11:00 a.m. with J. Smith of Acme Inc. and No. 10.");
    assert_string_equal(toks(), "Gen.|Zhang|met|U.S.|and|U.N.|envoys|in|St.|Petersburg|on|Jan.|5|at|11:00|a.m.|with|J.|Smith|of|Acme|Inc.|and|No.|10|.");
    assert_int_equal(g_tx.nsent, 1);
    assert_true(g_tx.tok[at("Gen.")].shape & DYAD_TS_ABBREV);
    assert_true(g_tx.tok[at("U.S.")].shape & DYAD_TS_ABBREV);
    assert_int_equal(g_tx.tok[at("U.S.")].form, id("u.s."));
    assert_int_equal(g_tx.tok[at("Gen.")].form, id("gen."));
    /* "no." is an abbreviation only before a number */
    run("He said no. The talks ended.");
    assert_string_equal(toks(), "He|said|no|.|The|talks|ended|.");
    assert_int_equal(g_tx.nsent, 2);
    run("Prices rose 3.5% to $1,000.50, or US$20 a share, in the 1980s and 2004-05.");
    assert_string_equal(toks(), "Prices|rose|3.5|%|to|$|1,000.50|,|or|US$|20|a|share|,|in|the|1980s|and|2004-05|.");
    assert_string_equal(tag_of("3.5"), "CD");
    assert_string_equal(tag_of("$"), "$");
    assert_string_equal(tag_of("US$"), "$");
    assert_string_equal(tag_of("%"), "NN");
    assert_true(g_tx.tok[at("1,000.50")].shape & DYAD_TS_DIGIT);
    /* a comma between numbers that is a list */
    run("They won 3,2 and 1, 200 people came.");
    assert_string_equal(toks(), "They|won|3|,|2|and|1|,|200|people|came|.");
}

static void test_hyphens_dashes_and_glue(void **state)
{
    (void)state;
    run("The U.S.-led and military-technical deals of al-Shabaab's 17-year-old fighter -- and others \xE2\x80\x94 ended in 2004\xE2\x80\x93" "05.");
    assert_string_equal(toks(), "The|U.S.-led|and|military-technical|deals|of|al-Shabaab|'s|17-year-old|fighter|--|and|others|\xE2\x80\x94|ended|in|2004|\xE2\x80\x93|05|.");
    assert_true(g_tx.tok[at("military-technical")].shape & DYAD_TS_HYPHEN);
    assert_string_equal(tag_of("17-year-old"), "JJ");
    assert_string_equal(tag_of("U.S.-led"), "JJ");
    assert_string_equal(tag_of("--"), ":");
    /* glued punctuation and glued sentences */
    run("Kidnappings on the Rise?Migrants fled(again),said officials.Police came.");
    assert_string_equal(toks(), "Kidnappings|on|the|Rise|?|Migrants|fled|(|again|)|,|said|officials|.|Police|came|.");
    assert_int_equal(g_tx.nsent, 3);
    /* but not a domain or a decimal */
    run("See example.com or 2.5 percent.");
    assert_string_equal(toks(), "See|example.com|or|2.5|percent|.");
}

static void test_quotes(void **state)
{
    (void)state;
    run("\"We will not accept this,\" he said. \xE2\x80\x9CNever,\xE2\x80\x9D she added.");
    assert_string_equal(toks(), "\"|We|will|not|accept|this|,|\"|he|said|.|\xE2\x80\x9C|Never|,|\xE2\x80\x9D|she|added|.");
    assert_string_equal(tags(), "`` PRP MD RB VB DT , '' PRP VBD . `` RB , '' PRP VBD .");
    assert_true(g_tx.tok[at("We")].shape & DYAD_TS_QUOTED);
    assert_true(g_tx.tok[at("this")].shape & DYAD_TS_QUOTED);
    assert_false(g_tx.tok[at("he")].shape & DYAD_TS_QUOTED);
    assert_true(g_tx.tok[at("Never")].shape & DYAD_TS_QUOTED);
    assert_false(g_tx.tok[at("added")].shape & DYAD_TS_QUOTED);
    /* single quotes and a lone quote mark between spaces */
    run("He called it 'a dastardly act' and left \" quietly \" today.");
    assert_string_equal(tags(), "PRP VBD PRP `` DT JJ NN '' CC VBD `` RB '' NN .");
    assert_true(g_tx.tok[at("dastardly")].shape & DYAD_TS_QUOTED);
    assert_false(g_tx.tok[at("left")].shape & DYAD_TS_QUOTED);
    assert_true(g_tx.tok[at("quietly")].shape & DYAD_TS_QUOTED);
    assert_false(g_tx.tok[at("today")].shape & DYAD_TS_QUOTED);
}

static void test_urls_and_shapes(void **state)
{
    (void)state;
    run("Read https://example.org/a?b=1, mail info@example.com (or www.example.net). NATO and Ávila agreed.");
    assert_string_equal(toks(), "Read|https://example.org/a?b=1|,|mail|info@example.com|(|or|www.example.net|)|.|NATO|and|Ávila|agreed|.");
    assert_true(g_tx.tok[1].hint & DYAD_TH_URL);
    assert_true(g_tx.tok[at("NATO")].shape & DYAD_TS_ALLCAP);
    assert_true(g_tx.tok[at("NATO")].shape & DYAD_TS_CAP);
    assert_true(g_tx.tok[at("NATO")].shape & DYAD_TS_START);
    assert_true(g_tx.tok[at("Ávila")].shape & DYAD_TS_CAP);
    assert_false(g_tx.tok[at("Ávila")].shape & DYAD_TS_ALLCAP);
    assert_true(g_tx.tok[at("(")].shape & DYAD_TS_PUNCT);
    assert_int_equal(g_tx.tok[at("agreed")].form, id("agreed"));
    assert_int_equal(g_tx.tok[at("Ávila")].form, 0);
    /* offsets point into the text */
    assert_int_equal(g_tx.tok[at("NATO")].off, (uint32_t)(strstr(g_text, "NATO") - g_text));
}

/* ------------------------------------------------------------ sentences */

static void test_sentence_split(void **state)
{
    (void)state;
    run("The ministers met in the U.S. The talks collapsed. Gen. Zhang arrived. He said Mr. Smith and J. R. Jones had left.");
    assert_int_equal(g_tx.nsent, 4);
    assert_string_equal(sent(0), "The ministers met in the U.S.");
    assert_string_equal(sent(1), "The talks collapsed.");
    assert_string_equal(sent(2), "Gen. Zhang arrived.");
    assert_string_equal(sent(3), "He said Mr. Smith and J. R. Jones had left.");
    /* an abbreviation that ends a sentence is no longer one */
    assert_false(g_tx.tok[at("U.S.")].shape & DYAD_TS_ABBREV);
    assert_true(g_tx.tok[at("Mr.")].shape & DYAD_TS_ABBREV);
    run("U.S. President Joe Biden met Acme Corp. officials. They agreed.");
    assert_int_equal(g_tx.nsent, 2);
    assert_string_equal(sent(0), "U.S. President Joe Biden met Acme Corp. officials.");
    /* quotes and brackets after the end belong to the sentence */
    run("He said: \"We will win.\" Then he left (quietly.) \"Why?\" she asked. Really?! Yes...");
    assert_int_equal(g_tx.nsent, 5);
    assert_string_equal(sent(0), "He said: \"We will win.\"");
    assert_string_equal(sent(1), "Then he left (quietly.)");
    assert_string_equal(sent(2), "\"Why?\" she asked.");
    assert_string_equal(sent(3), "Really?!");
    assert_string_equal(sent(4), "Yes...");
    /* ellipsis: a sentence end only before a clear start */
    run("He waited... and waited... The army never came.");
    assert_int_equal(g_tx.nsent, 2);
    /* START flags and token ranges */
    assert_true(g_tx.tok[g_tx.sent[1].tok].shape & DYAD_TS_START);
    assert_int_equal(g_tx.sent[0].tok + g_tx.sent[0].ntok, g_tx.sent[1].tok);
    assert_int_equal(g_tx.sent[1].tok + g_tx.sent[1].ntok, g_tx.ntok);
}

static void test_segments_append(void **state)
{
    (void)state;
    const char *s = "First segment. It has two sentences.\nSecond segment without end";
    dyad__arena_reset(&g_arena);
    memset(&g_tx, 0, sizeof g_tx);
    g_text = s;
    const char *nl = strchr(s, '\n');
    uint32_t l1 = (uint32_t)(nl - s);
    assert_int_equal(dyad__text_analyse(g_lex, s, 0, l1, &g_arena, &g_tx), 0);
    uint32_t n1 = g_tx.ntok;
    assert_int_equal(g_tx.nsent, 2);
    assert_int_equal(dyad__text_analyse(g_lex, s, l1 + 1, (uint32_t)strlen(s) - l1 - 1, &g_arena, &g_tx), 0);
    assert_int_equal(g_tx.nsent, 3);
    assert_int_equal(g_tx.sent[2].tok, n1);
    assert_int_equal(g_tx.sent[2].ntok, 4);
    assert_string_equal(sent(2), "Second segment without end");
    assert_true(g_tx.tok[n1].shape & DYAD_TS_START);
    /* many segments: indices keep counting */
    for (int k = 0; k < 200; k++)
        assert_int_equal(dyad__text_analyse(g_lex, s, 0, l1, &g_arena, &g_tx), 0);
    assert_int_equal(g_tx.nsent, 3 + 400);
    assert_int_equal(g_tx.sent[g_tx.nsent - 1].tok + g_tx.sent[g_tx.nsent - 1].ntok, g_tx.ntok);
    /* empty and blank segments add nothing */
    uint32_t nt = g_tx.ntok;
    assert_int_equal(dyad__text_analyse(g_lex, "   \n ", 0, 5, &g_arena, &g_tx), 0);
    assert_int_equal(dyad__text_analyse(g_lex, "", 0, 0, &g_arena, &g_tx), 0);
    assert_int_equal(g_tx.ntok, nt);
}

static void test_long_and_odd_input(void **state)
{
    (void)state;
    /* 6000 words without punctuation: cut into bounded sentences */
    size_t n = 6000 * 5;
    char *s = malloc(n + 1);
    for (size_t i = 0; i < n; i += 5)
        memcpy(s + i, "word ", 5);
    s[n] = 0;
    run(s);
    assert_int_equal(g_tx.ntok, 6000);
    uint32_t total = 0;
    for (uint32_t k = 0; k < g_tx.nsent; k++) {
        assert_true(g_tx.sent[k].ntok <= 400);
        total += g_tx.sent[k].ntok;
    }
    assert_int_equal(total, 6000);
    free(s);
    /* invalid bytes, control characters, lone marks: no crash, all covered */
    static const char odd[] = "\xff\xfe abc \x01\x02 \xe2\x80 \" ' ( ) -- ... \xc3";
    run(odd);
    assert_true(g_tx.ntok > 5);
    for (uint32_t i = 0; i < g_tx.ntok; i++)
        assert_true(g_tx.tok[i].off + g_tx.tok[i].len <= sizeof odd - 1);
    /* the public step functions */
    dyad_tok *t;
    uint32_t nt = dyad__tokenize(g_lex, "Mr. Smith left. He came back.", 0, 29, &g_arena, &t);
    assert_int_equal(nt, 8);
    dyad_sent *st;
    assert_int_equal(dyad__split(t, nt, "Mr. Smith left. He came back.", &g_arena, &st), 2);
    assert_int_equal(st[1].tok, 4);
}

/* The word cache (dyad_text.wc) answers as the lexicon does: every token
 * the same with and without it, on text that fills the tokenizer's queue
 * of lookups several times, puts the same word in it twice, and has URLs
 * and e-mail addresses replace plain words already queued. */
static void test_word_cache(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Read https://example.org/a?b=1, mail info@example.com (or www.example.net). NATO and Ávila agreed.",
        "The talks between the two sides resumed on Tuesday in Geneva, where the envoy said that "
        "both governments had agreed to a ceasefire, and the rebels said they would withdraw their "
        "troops from the northern province by the end of the month; the talks, the envoy said, "
        "would go on. Write to press office at contact@example.org or press@example.com today, "
        "said the envoy, whose office at www.un.example.org/geneva listed 1,000 names.",
    };
    dyad_wcache *wc = dyad__wcache_new();
    assert_non_null(wc);
    dyad_arena a2;
    dyad__arena_init(&a2, 1 << 16);
    for (size_t k = 0; k < sizeof texts / sizeof *texts; k++) {
        for (int round = 0; round < 2; round++) { /* a cold cache, then a warm one */
            run(texts[k]);
            dyad_text tx = {0};
            tx.wc = wc;
            dyad__arena_reset(&a2);
            assert_int_equal(dyad__text_analyse(g_lex, texts[k], 0, (uint32_t)strlen(texts[k]), &a2, &tx), 0);
            assert_int_equal(tx.ntok, g_tx.ntok);
            for (uint32_t i = 0; i < tx.ntok; i++) {
                const dyad_tok *x = &tx.tok[i], *y = &g_tx.tok[i];
                assert_int_equal(x->off, y->off);
                assert_int_equal(x->len, y->len);
                assert_int_equal(x->form, y->form);
                assert_int_equal(x->hint, y->hint);
                assert_int_equal(x->shape, y->shape);
                assert_int_equal(x->tag, y->tag);
                assert_int_equal(x->lemma, y->lemma);
            }
        }
    }
    assert_string_equal(toks(), "The|talks|between|the|two|sides|resumed|on|Tuesday|in|Geneva|,|where|the|envoy|said|that|"
                                "both|governments|had|agreed|to|a|ceasefire|,|and|the|rebels|said|they|would|withdraw|"
                                "their|troops|from|the|northern|province|by|the|end|of|the|month|;|the|talks|,|the|"
                                "envoy|said|,|would|go|on|.|Write|to|press|office|at|contact@example.org|or|"
                                "press@example.com|today|,|said|the|envoy|,|whose|office|at|www.un.example.org/geneva|"
                                "listed|1,000|names|.");
    dyad__arena_free(&a2);
    dyad__wcache_free(wc);
}

/* ------------------------------------------------------------ tags */

static void test_ambiguous_news_words(void **state)
{
    (void)state;
    run("Russia attacks Ukraine. The attacks continued. He talks to reporters. The talks collapsed.");
    assert_string_equal(tags(), "NNP VBZ NNP . DT NNS VBD . PRP VBZ TO NNS . DT NNS VBD .");
    run("Workers will strike on Monday. The strike ended. Police said the state will protest.");
    assert_string_equal(tags(), "NNS MD VB IN NNP . DT NN VBD . NNS VBD DT NN MD VB .");
    run("The visit was cancelled. He will visit Paris. The meeting ended. Leaders are meeting today.");
    assert_string_equal(tags(), "DT NN VBD VBN . PRP MD VB NNP . DT NN VBD . NNS VBP VBG NN .");
    run("She leads the party. Government forces fired tear gas. The army forces villagers to leave.");
    assert_string_equal(tags(), "PRP VBZ DT NN . NN NNS VBD NN NN . DT NN VBZ NNS TO VB .");
    run("The United Nations imposed sanctions. Sanctions harm the economy. Troops opened fire.");
    assert_string_equal(tags(), "DT NNP NNPS VBD NNS . NNS VBP DT NN . NNS VBD NN .");
    /* participle or past tense: the clause decides */
    run("The talks collapsed after the soldiers fired on protesters armed with stones.");
    assert_string_equal(tag_of("fired"), "VBD");
    assert_string_equal(tag_of("armed"), "VBN");
    run("There, smugglers meet the migrants. Rebels backed by Iran seized the town.");
    assert_string_equal(tag_of("smugglers"), "NNS");
    assert_string_equal(tag_of("meet"), "VBP");
    assert_string_equal(tag_of("backed"), "VBN");
    assert_string_equal(tag_of("seized"), "VBD");
    /* a hyphenated verb form can be the verb */
    run("North Korea test-fired a missile near the U.S.-led coalition's ships.");
    assert_string_equal(tag_of("test-fired"), "VBD");
    assert_string_equal(tag_of("U.S.-led"), "JJ");
    /* have/be (+ adverbs) + participle; a company name in <> before said */
    run("Reports have repeatedly underlined the risk. <Acme Corp> said it filed a claim.");
    assert_string_equal(tag_of("underlined"), "VBN");
    assert_string_equal(tag_of("said"), "VBD");
    run("Pushing, punching and throwing stones, counter-protesters clashed with them.");
    assert_string_equal(tag_of("counter-protesters"), "NNS");
    /* a known noun behind a prefix */
    run("The region is vulnerable to cybercrime, and counterattacks followed.");
    assert_string_equal(tag_of("cybercrime"), "NN");
    assert_string_equal(tag_of("counterattacks"), "NNS");
    /* acronyms are names unless the whole sentence shouts */
    run("US Warns Iran Over Missile Tests");
    assert_string_equal(tags(), "NNP VBZ NNP IN NN NNS");
    run("IT WAS A GOOD DAY FOR US");
    assert_string_equal(tag_of("US"), "PRP");
    /* six words in ten in capitals shout, however late they come */
    run("tell them WE SAW US");
    assert_string_equal(tag_of("US"), "PRP");
    run("tell them all WE SAW US");
    assert_string_equal(tag_of("US"), "NNP");
    /* May the month, may the modal; a capital that is not a name */
    run("The talks may resume in May. Attacks on Kurdish villages rose.");
    assert_string_equal(tag_of("may"), "MD");
    assert_string_equal(tag_of("May"), "NNP");
    assert_string_equal(tag_of("Attacks"), "NNS");
    assert_string_equal(tag_of("Kurdish"), "JJ");
}

static void test_lemmas(void **state)
{
    (void)state;
    run("The children went home and stood there while the attacks continued and Bush geotagged them.");
    assert_string_equal(lemma_of("children"), "child");
    assert_string_equal(lemma_of("went"), "go");
    assert_string_equal(lemma_of("stood"), "stand");
    assert_string_equal(lemma_of("attacks"), "attack");
    assert_string_equal(lemma_of("continued"), "continue");
    /* proper nouns keep their form */
    assert_int_equal(g_tx.tok[at("Bush")].lemma, g_tx.tok[at("Bush")].form);
    /* an unknown form without a known base: 0 */
    assert_int_equal(g_tx.tok[at("geotagged")].form, 0);
    assert_int_equal(g_tx.tok[at("geotagged")].lemma, 0);
    /* an unknown form with a known base */
    run("Rebels outflanked the army.");
    assert_int_equal(g_tx.tok[at("outflanked")].lemma, id("outflank"));
    /* a base verb tag keeps the base form (found a party / found a body) */
    run("They found a body. They will found a party.");
    assert_string_equal(lemma_of("found"), "find");
    assert_int_equal(g_tx.tok[7].lemma, id("found"));
    /* punctuation and function words: the form */
    run("Yes, the army.");
    assert_int_equal(g_tx.tok[at("the")].lemma, id("the"));
}

/* ------------------------------------------------------------ chunks */

/* Chunks as "[NP Russia 's army] [VP said] ..." */
static const char *chunks(void)
{
    static const char *const NAME[] = {"O", "NP", "VP", "PP", "ADJP", "ADVP", "?", "?"};
    static char buf[4096];
    size_t n = 0;
    int open = 0;
    for (uint32_t i = 0; i < g_tx.ntok && n + 80 < sizeof buf; i++) {
        const dyad_tok *t = &g_tx.tok[i];
        int type = t->chunk & DYAD_CH_TYPE;
        if (open && (type == DYAD_CH_O || (t->chunk & DYAD_CH_B))) {
            n += (size_t)snprintf(buf + n, sizeof buf - n, "]");
            open = 0;
        }
        if (i)
            buf[n++] = ' ';
        if (type != DYAD_CH_O && (t->chunk & DYAD_CH_B)) {
            n += (size_t)snprintf(buf + n, sizeof buf - n, "[%s ", NAME[type]);
            open = 1;
        }
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%.*s", t->len, g_text + t->off);
    }
    if (open)
        buf[n++] = ']';
    buf[n] = 0;
    return buf;
}

static void test_chunks(void **state)
{
    (void)state;
    run("Russia's foreign minister said on Tuesday that the two countries have not yet decided.");
    assert_string_equal(chunks(), "[NP Russia 's foreign minister] [VP said] [PP on] [NP Tuesday] that [NP the two countries] [VP have not yet decided] .");
    run("Rebels blew up a very large bridge and the army was very angry.");
    assert_string_equal(chunks(), "[NP Rebels] [VP blew up] [NP a very large bridge] and [NP the army] [VP was] [ADJP very angry] .");
    run("He wants to attack the city quickly.");
    assert_string_equal(chunks(), "[NP He] [VP wants to attack] [NP the city] [ADVP quickly] .");
    /* every chunk starts with a begin flag */
    for (uint32_t i = 0; i < g_tx.ntok; i++)
        if ((g_tx.tok[i].chunk & DYAD_CH_TYPE) != DYAD_CH_O && (i == 0 || (g_tx.tok[i - 1].chunk & DYAD_CH_TYPE) != (g_tx.tok[i].chunk & DYAD_CH_TYPE)))
            assert_true(g_tx.tok[i].chunk & DYAD_CH_B);
}

/* ------------------------------------------------------------ accuracy */

/* Tags a hand-tagged file (tests/data/pos-*.txt, format in the file) and
 * returns the share of tokens tagged as the gold says. */
static double accuracy(const char *name, unsigned *ntok)
{
    const char *dir = getenv("DYAD_TEST_DATA");
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir ? dir : "tests/data", name);
    FILE *f = fopen(path, "r");
    if (!f && !dir) { /* run by hand from build/ */
        snprintf(path, sizeof path, "../tests/data/%s", name);
        f = fopen(path, "r");
    }
    assert_non_null(f);
    char line[4096];
    unsigned tot = 0, ok = 0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || line[0] == '\n')
            continue;
        static char text[4096], gold[256][8], words[256][64];
        size_t tl = 0;
        int n = 0, nospace = 1;
        for (char *w = strtok(line, " \n"); w && n < 256; w = strtok(NULL, " \n")) {
            char *sl = strrchr(w, '/');
            assert_non_null(sl);
            *sl = 0;
            snprintf(gold[n], sizeof gold[n], "%s", sl + 1);
            snprintf(words[n], sizeof words[n], "%s", w);
            int closing = !strcmp(w, "\"") && !strcmp(gold[n], "''");
            int glue = nospace || closing || (strchr(",.;:?!)%", w[0]) && w[1] == 0);
            glue |= !strcmp(w, "'s") || !strcmp(w, "n't") || !strcmp(w, "'");
            if (!glue)
                text[tl++] = ' ';
            tl += (size_t)snprintf(text + tl, sizeof text - tl, "%s", w);
            nospace = (!strcmp(w, "\"") && !strcmp(gold[n], "``")) || !strcmp(w, "(") || !strcmp(w, "$");
            n++;
        }
        text[tl] = 0;
        run(text);
        assert_int_equal(g_tx.ntok, (uint32_t)n); /* tokenised as the gold */
        for (int i = 0; i < n; i++) {
            assert_int_equal(g_tx.tok[i].len, strlen(words[i]));
            tot++;
            ok += strcmp(gold[i], dyad__pos_name((dyad_pos)g_tx.tok[i].tag)) == 0;
        }
    }
    fclose(f);
    *ntok = tot;
    return tot ? (double)ok / tot : 0;
}

static void test_tagging_accuracy(void **state)
{
    (void)state;
    unsigned n1, n2;
    double a = accuracy("pos-gold.txt", &n1), b = accuracy("pos-heldout.txt", &n2);
    print_message("tagging accuracy: %.2f%% of %u tokens (pos-gold), %.2f%% of %u (pos-heldout)\n",
                  100 * a, n1, 100 * b, n2);
    assert_true(n1 > 500 && n2 > 200);
    assert_true(a >= 0.95);
    assert_true(b >= 0.95);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_clitics_and_possessives),
        cmocka_unit_test(test_abbreviations_and_numbers),
        cmocka_unit_test(test_hyphens_dashes_and_glue),
        cmocka_unit_test(test_quotes),
        cmocka_unit_test(test_urls_and_shapes),
        cmocka_unit_test(test_sentence_split),
        cmocka_unit_test(test_segments_append),
        cmocka_unit_test(test_long_and_odd_input),
        cmocka_unit_test(test_word_cache),
        cmocka_unit_test(test_ambiguous_news_words),
        cmocka_unit_test(test_lemmas),
        cmocka_unit_test(test_chunks),
        cmocka_unit_test(test_tagging_accuracy),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
