/*
 * lex-image.c -- writes gen/lexicon.bin: the built-in lexicon as it is in
 * memory once loaded, so that dyad uses it where it lies in the binary
 * instead of parsing gen/lexicon.txt (64,000 lines, a logarithm per tag)
 * at every start.
 *
 * Usage (run by CMakeLists.txt at build time, after gen-lexicon):
 *     lex-image IN/lexicon.txt OUT/lexicon.bin
 *
 * The lexicon is loaded by the library's own loader (src/lex/load.c) and
 * written by dyad__lex_write_image beside it, which also owns the format; an
 * image that does not match the binary's layout is refused at load time and
 * the text is parsed instead.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "kb/embedded.h"
#include "lex/lex.h"

/* The loader's built-in lookup is not used here: no embedded files. */
const dyad_embedded dyad__embedded[] = {{0, 0, 0}};
const size_t dyad__nembedded = 0;

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: lex-image IN/lexicon.txt OUT/lexicon.bin\n");
        return 2;
    }
    size_t n = 0;
    char *text = dyad__read_file(argv[1], &n);
    if (!text) {
        fprintf(stderr, "lex-image: cannot read %s\n", argv[1]);
        return 1;
    }
    dyad_err err;
    dyad_lex *lex = dyad__lex_new(&err);
    int rc = 1;
    if (!lex || dyad__lex_load_text(lex, text, n, "gen/lexicon.txt", &err) != 0) {
        fprintf(stderr, "lex-image: %s:%llu: %s\n", err.where, (unsigned long long)err.line,
                err.msg);
        goto out;
    }
    FILE *f = fopen(argv[2], "wb");
    if (!f) {
        fprintf(stderr, "lex-image: cannot write %s\n", argv[2]);
        goto out;
    }
    int bad = dyad__lex_write_image(lex, f) != 0;
    bad |= fclose(f) != 0;
    if (bad) {
        fprintf(stderr, "lex-image: cannot write %s\n", argv[2]);
        goto out;
    }
    rc = 0;
out:
    dyad__lex_free(lex);
    free(text);
    return rc;
}
