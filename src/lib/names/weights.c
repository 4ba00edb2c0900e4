/*
 * weights.c - the token-weight table (see weights.h).
 *
 * Provenance: set by hand when the comparator was written and checked on
 * the labelled pairs (../shared/data/eval/name-pairs.csv); the score
 * constants that turn weights into a score are refitted around them by
 * data/train_cv.py.  A number of 1.5 makes two different numbers outweigh
 * any one word (Fund 1 / Fund 2); initials and particles weigh little
 * because many names share them.
 */
#include "names/weights.h"

const vg__token_weights vg__tok_weights = {
	.kind = {
		[VG__TOK_WORD] = 1.0f,
		[VG__TOK_INITIAL] = 0.35f,
		[VG__TOK_PARTICLE] = 0.15f,
		[VG__TOK_GENERIC] = 0.3f,
		[VG__TOK_NUMBER] = 1.5f,
		[VG__TOK_ACRONYM] = 1.0f,
		[VG__TOK_PATRONYMIC] = 0.8f,
	},
	.two_letters = 0.7f,
	.very_common = 0.45f,
	.common = 0.7f,
	.generic_guess = 0.3f,
};

float vg__token_conflict_weight(const vg__token *t)
{
	if (t->kind == VG__TOK_GENERIC || t->kind >= VG__TOK_N_KINDS)
		return t->weight;
	if (t->kind == VG__TOK_WORD && t->len == 2)
		return vg__tok_weights.kind[VG__TOK_WORD] * vg__tok_weights.two_letters;
	return vg__tok_weights.kind[t->kind];
}
