/*
 * fuzz_reader.c -- libFuzzer target: the document reader and the cleaner
 * on arbitrary bytes (JSON Lines, gzip or not).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "dyad.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[] = "/tmp/dyad-fuzz-reader-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return 0;
    if (write(fd, data, size) != (ssize_t)size) {
        close(fd);
        unlink(path);
        return 0;
    }
    close(fd);
    dyad_err err;
    dyad_reader_opts o = {DYAD_READ_JSONL, 1 << 16, 0, NULL};
    dyad_reader *r = dyad_reader_open(path, &o, &err);
    if (r) {
        dyad_doc doc;
        int rc, guard = 0;
        while ((rc = dyad_reader_next(r, &doc, &err)) != 0 && guard++ < 100000)
            if (rc > 0 && doc.text_len && !doc.text)
                abort();
        dyad_reader_close(r);
    }
    unlink(path);
    return 0;
}
