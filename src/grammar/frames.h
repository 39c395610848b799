/*
 * frames.h -- modality, negation and the verbs that govern an event:
 * "will", "vowed to", "threatened to", "refused to", "urged X to",
 * "demanded that", "did not". Tables only; the grammar finds the frames.
 */
#ifndef DYAD_FRAMES_H
#define DYAD_FRAMES_H

#include <stdint.h>
#include <stdio.h>

enum {
    DYAD_FRAME_NONE = 0,
    DYAD_FRAME_INTENT, /* will, plans to, pledged to, stands ready to -> 03x / 13x */
    DYAD_FRAME_THREAT, /* threatened to, warned it would -> 13x */
    DYAD_FRAME_REFUSE, /* refused to, declined to, failed to -> 12x */
    DYAD_FRAME_APPEAL, /* urged X to, called on X to -> 02x */
    DYAD_FRAME_DEMAND, /* demanded that X -> 10x */
    DYAD_FRAME_NEG,    /* did not, never -> suppressed */
    DYAD_FRAME_HOPE,   /* what someone else expects, hopes or fears -> suppressed */
    DYAD_FRAME_MAYBE,  /* may, might (not "may have done"): only possible -> suppressed */
    DYAD_FRAME_COUNT
};

/* Maps `code` under `frame` into out. Returns 1, or 0 when the event is to
 * be suppressed (negation; refusing to attack; ...). */
int dyad__frame_code(int frame, const char *code, char out[6]);
const char *dyad__frame_name(int frame);

/* The frame a governing word sets up (DYAD_FRAME_NONE if none), by lemma. */
int dyad__frame_of_verb(const char *lemma);   /* vow, plan, threaten, refuse ... + to */
int dyad__frame_of_appeal(const char *lemma); /* urge, call, ask, demand ... + X + to */
int dyad__frame_of_noun(const char *lemma);   /* plans, threat, call ... + to */
int dyad__frame_of_adj(const char *lemma);    /* ready, willing ... + to */
int dyad__frame_of_hope(const char *lemma);   /* hope, fear, expect ... + (that) X will */

#endif
