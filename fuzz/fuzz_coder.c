/*
 * fuzz_coder.c -- libFuzzer target: one document's text through the whole
 * coder (cleaning, sentences, tagging, actors, grammar) with the built-in
 * dictionaries.
 */
#include <stdint.h>
#include <stdlib.h>

#include "dyad.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static dyad_kb *kb;
static dyad_coder *coder;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!kb) {
        dyad_err err;
        kb = dyad_kb_load(NULL, &err);
        if (!kb)
            abort();
        coder = dyad_coder_new(kb, &err);
        if (!coder)
            abort();
    }
    dyad_doc doc = {"fuzz", 4, (const char *)data, size, 20231110};
    const dyad_result *r = dyad_code(coder, &doc);
    if (!r)
        abort();
    for (size_t i = 0; i < r->nevents; i++)
        if (r->events[i].code[0] == '\0')
            abort();
    return 0;
}
