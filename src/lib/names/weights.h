/*
 * weights.h - how much a name part says about identity (internal): one
 * table, read by analysis (each token's weight) and by the comparator (what
 * a disagreement on a token costs).
 *
 * A token's weight is its kind's; an ordinary word's is then scaled down
 * when the word is common (data/name_freq.txt) or has two letters, and a
 * generic organisation word carries its own weight from
 * data/org_generic.txt.  In a conflict (two names disagreeing on a part)
 * only the kind counts: two different given names disagree however common
 * they are.
 */
#ifndef VG_NAMES_WEIGHTS_H
#define VG_NAMES_WEIGHTS_H

#include "names/name.h"

typedef struct {
	float kind[VG__TOK_N_KINDS]; /* per VG__TOK_*; GENERIC: when no word weight */
	float two_letters;           /* factor on a two-letter word */
	float very_common, common;   /* factor on a word of name_freq.txt class 1, 2 */
	float generic_guess;         /* a word taken as generic without being listed */
} vg__token_weights;

/* The one table (weights.c says where each figure came from). */
extern const vg__token_weights vg__tok_weights;

/* What a disagreement on token t costs: its kind's weight, not its rarity's. */
float vg__token_conflict_weight(const vg__token *t);

#endif
