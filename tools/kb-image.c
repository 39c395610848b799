/*
 * kb-image.c -- writes gen/kb.bin: the built-in dictionaries as the kb's
 * loader leaves them in memory, so that dyad restores them at start-up
 * instead of parsing some 60,000 lines of data/ and gen/.
 *
 * Usage (run by CMakeLists.txt at build time, after lex-image):
 *     kb-image OUT/kb.bin
 *
 * Linked with the library's code and every embedded file but gen/kb.bin
 * (build/gen/embedded-tool.c), it loads the dictionaries from their text
 * with the library's own loader and writes them with dyad__kb_write_image
 * (src/kb/image.c), which also owns the format; an image that does not
 * match the binary's layout is refused at load time and the text is parsed
 * instead.
 */
#include <stdio.h>

#include "kb/kb.h"

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: kb-image OUT/kb.bin\n");
        return 2;
    }
    dyad_err err;
    dyad_kb *kb = dyad__kb_load_text(NULL, &err);
    if (!kb) {
        fprintf(stderr, "kb-image: %s:%llu: %s\n", err.where, (unsigned long long)err.line,
                err.msg);
        return 1;
    }
    FILE *f = fopen(argv[1], "wb");
    int rc = 1;
    if (f && dyad__kb_write_image(kb, f, &err) != 0) {
        fprintf(stderr, "kb-image: %s: %s\n", err.where, err.msg);
        fclose(f);
    } else if (!f || fclose(f) != 0) {
        fprintf(stderr, "kb-image: cannot write %s\n", argv[1]);
    } else {
        rc = 0;
    }
    dyad_kb_free(kb);
    return rc;
}
