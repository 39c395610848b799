/*
 * embedded.c -- lookup in the table of embedded data files (embedded.h).
 */
#include "embedded.h"

#include <string.h>

const dyad_embedded *dyad__embedded_find(const char *name)
{
    for (size_t i = 0; i < dyad__nembedded; i++)
        if (strcmp(dyad__embedded[i].name, name) == 0)
            return &dyad__embedded[i];
    return NULL;
}
