/*
 * datasets.c - the names of the datasets the list readers produce, and how
 * a name a user typed is matched against them.
 *
 * Dataset names are FollowTheMoney slugs ([a-z0-9_]).  For an official
 * list vigil reads itself, the name is the one OpenSanctions gives the same
 * list, so that include_dataset=us_ofac_sdn selects the same list in vigil
 * and in yente.  Before, vigil named them "ofac-sdn", "un-sc" and so on;
 * those names still select the same lists wherever a user types a dataset
 * (include_dataset, exclude_dataset, /match/{dataset}, match --dataset),
 * and an index built before the rename still answers to the new names.
 */
#include "sources/source.h"
#include "vigil/index.h"

#include <string.h>

static const struct {
	const char *name; /* OpenSanctions' name of the list */
	const char *old;  /* vigil's name until 2026-11 */
} datasets[] = {
	[VG__DS_OFAC_SDN] = { "us_ofac_sdn", "ofac-sdn" },
	[VG__DS_OFAC_CONS] = { "us_ofac_cons", "ofac-cons" },
	[VG__DS_UN_SC] = { "un_sc_sanctions", "un-sc" },
	[VG__DS_EU_FSF] = { "eu_fsf", "eu-fsf" },
	[VG__DS_UK_FCDO] = { "gb_fcdo_sanctions", "uk-fcdo" },
	[VG__DS_UK_HMT] = { "gb_hmt_sanctions", "uk-ofsi" },
	[VG__DS_US_CSL] = { "us_trade_csl", "us-csl" },
	[VG__DS_US_DPL] = { "us_bis_denied", "us-dpl" },
};

const char *vg__dataset_name(vg__dataset d)
{
	return datasets[d].name;
}

static char slug_char(char c)
{
	if (c >= 'A' && c <= 'Z')
		return (char)(c - 'A' + 'a');
	if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
		return c;
	return '_';
}

void vg__dataset_slug(char *out, size_t outsz, const char *s, size_t len)
{
	size_t i;
	if (!outsz)
		return;
	if (len > outsz - 1)
		len = outsz - 1;
	for (i = 0; i < len; i++)
		out[i] = slug_char(s[i]);
	out[len] = '\0';
}

/* s as a slug in buf, after the table's name for a former name when
 * `renamed`; NULL when it does not fit (no dataset name is that long). */
static const char *canonical(const char *s, int renamed, char buf[VG__DATASET_MAX])
{
	size_t i, len = strlen(s);
	for (i = 0; renamed && i < sizeof(datasets) / sizeof(datasets[0]); i++)
		if (!strcmp(s, datasets[i].old))
			return datasets[i].name;
	if (len >= VG__DATASET_MAX)
		return NULL;
	vg__dataset_slug(buf, VG__DATASET_MAX, s, len);
	return buf;
}

/* The same slug ("un-sc" for the un_sc of un-sc.ftm.jsonl), or the same
 * list under its former name ("un-sc" for un_sc_sanctions, either way). */
bool vg_dataset_matches(const char *dataset, const char *typed)
{
	char a[VG__DATASET_MAX], b[VG__DATASET_MAX];
	const char *ca, *cb;
	int renamed;
	if (!dataset || !typed)
		return false;
	if (!strcmp(dataset, typed))
		return true;
	for (renamed = 0; renamed < 2; renamed++) {
		ca = canonical(dataset, renamed, a);
		cb = canonical(typed, renamed, b);
		if (ca && cb && !strcmp(ca, cb))
			return true;
	}
	return false;
}

void vg__dataset_of_file(char out[VG__DATASET_MAX], const char *path)
{
	char stem[VG__DATASET_MAX];
	vg__file_stem(stem, sizeof(stem), path);
	vg__dataset_slug(out, VG__DATASET_MAX, stem, strlen(stem));
}
