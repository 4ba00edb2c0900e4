/*
 * vigil/vigil.h - the public API of libvigil, a watchlist screening engine.
 * Include this one header.
 */
#ifndef VIGIL_VIGIL_H
#define VIGIL_VIGIL_H

#include "cases.h"
#include "common.h"
#include "compare.h"
#include "csv.h"
#include "index.h"
#include "match.h"
#include "scan.h"
#include "update.h"
#include "json.h"
#include "model.h"

#endif
