/*
 * audit.c - the audit trail: append-only records, each chained to the one
 * before by a SHA-256 hash, checked by vg_cases_audit_verify and exported
 * for reviewers.
 *
 * How the chain works: record n carries prev_hash = hash of record n-1
 * (64 zeros for the first) and hash = SHA-256 of
 *     "vigil-audit-1\n" then, for seq, at, actor, action, object, detail
 *     and prev_hash in turn, "<length in bytes>:<bytes>\n"
 * so no two different records hash alike by moving bytes between fields.
 * audit_head (one row) holds the last sequence number and hash.  Editing a
 * record breaks its own hash; replacing it with a consistent one breaks
 * the next record's prev_hash; deleting one leaves a gap in seq; deleting
 * the last ones disagrees with the head.  What a chain cannot show is a
 * rewrite of every record after the edit and of the head: keep the head
 * hash that `vigil audit verify` prints somewhere else to rule that out.
 *
 * Invariant: records are appended only inside a write transaction, and
 * every write transaction starts by reading audit_head with a row lock
 * (PostgreSQL) or under the database's write lock (SQLite): writers take
 * their turns in one order, so the chain never forks and two writers never
 * wait for each other's rows (a run's batch and a decision on one of its
 * alerts would otherwise be able to deadlock).  The head and the records are kept for the
 * transaction and written once, before COMMIT (vg__cases_commit).
 */
#include "cases/cases_internal.h"
#include "common/alloc.h"
#include "common/error.h"
#include "update/sha256.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const vg__sql S_HEAD_GET = { "reading the audit head",
	"SELECT seq, hash FROM audit_head WHERE id = 1{FOR_UPDATE}" };
static const vg__sql S_HEAD_PUT = { "writing the audit head",
	"UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1" };

static void put_field(vg__sha256 *h, const char *s)
{
	char len[24];
	size_t n = strlen(s);
	snprintf(len, sizeof(len), "%zu:", n);
	vg__sha256_update(h, len, strlen(len));
	vg__sha256_update(h, s, n);
	vg__sha256_update(h, "\n", 1);
}

static void record_hash(char out[65], int64_t seq, const char *at, const char *actor,
			const char *action, const char *object, const char *detail,
			const char *prev)
{
	vg__sha256 h;
	char s[24];
	snprintf(s, sizeof(s), "%lld", (long long)seq);
	vg__sha256_init(&h);
	vg__sha256_update(&h, "vigil-audit-1\n", 14);
	put_field(&h, s);
	put_field(&h, at);
	put_field(&h, actor);
	put_field(&h, action);
	put_field(&h, object);
	put_field(&h, detail);
	put_field(&h, prev);
	vg__sha256_final_hex(&h, out);
}

int vg__cases_audit_lock(vg_cases *cs)
{
	vg__dbres r = VG__DBRES_INIT;
	int rc = vg__db_run(cs->db, &S_HEAD_GET, NULL, 0, &r);
	if (rc == 0 && (r.rows != 1 || !vg__dbres_get(&r, 0, 1) ||
			strlen(vg__dbres_get(&r, 0, 1)) != 64))
		rc = vg__error_set(VG_EDATA, "%s: the audit head is missing or damaged",
				   cs->db->where);
	if (rc == 0) {
		cs->head_seq = vg__dbres_int(&r, 0, 0);
		memcpy(cs->head_hash, vg__dbres_get(&r, 0, 1), 65);
		cs->head_loaded = true;
	}
	vg__dbres_dispose(&r);
	return rc;
}

static int queue_add(vg__audit_queue *q, int64_t seq, const char *const f[7])
{
	size_t k;
	if (vg__grow(&q->off, &q->cap, q->n + 1, sizeof(*q->off)))
		return VG_ENOMEM;
	if (!q->n)
		q->first_seq = seq;
	for (k = 0; k < 7; k++) {
		q->off[q->n][k] = q->text.size;
		if (vg_buf_puts(&q->text, f[k]) < 0 || vg_buf_put(&q->text, "", 1) < 0)
			return vg__error_oom();
	}
	q->n++;
	return 0;
}

int vg__cases_audit(vg_cases *cs, const char *at, const char *actor, const char *action,
		    const char *object, const char *detail)
{
	char hash[65];
	int64_t seq;
	int rc;
	if (!cs->head_loaded && (rc = vg__cases_audit_lock(cs)) < 0)
		return rc;
	seq = cs->head_seq + 1;
	record_hash(hash, seq, at, actor, action, object, detail, cs->head_hash);
	{
		const char *f[7] = { at, actor, action, object, detail, cs->head_hash, hash };
		if ((rc = queue_add(&cs->queue, seq, f)) < 0)
			return rc;
	}
	cs->head_seq = seq;
	memcpy(cs->head_hash, hash, 65);
	cs->head_dirty = true;
	return 0;
}

#define AUDIT_CHUNK 32

/* Cache keys of the multi-row INSERT, one per record count. */
static const char insert_keys[AUDIT_CHUNK + 1];

static int insert_chunk(vg_cases *cs, size_t from, size_t n)
{
	vg__audit_queue *q = &cs->queue;
	vg__dbp p[8 * AUDIT_CHUNK];
	size_t i, k;
	int rc = vg_buf_puts(&cs->sql, "INSERT INTO audit (seq, at, actor, action, object, detail,"
				       " prev_hash, hash) VALUES ") < 0;
	for (i = 0; i < n; i++) {
		rc |= vg_buf_printf(&cs->sql, "%s($%zu", i ? ", " : "", 8 * i + 1) < 0;
		for (k = 2; k <= 8; k++)
			rc |= vg_buf_printf(&cs->sql, ", $%zu", 8 * i + k) < 0;
		rc |= vg_buf_puts(&cs->sql, ")") < 0;
		p[8 * i] = VG__INT(q->first_seq + (int64_t)(from + i));
		for (k = 0; k < 7; k++)
			p[8 * i + 1 + k] = VG__TEXT(q->text.ptr + q->off[from + i][k]);
	}
	if (rc)
		return vg__error_oom();
	return vg__db_run_keyed(cs->db, cs->sql.ptr, &insert_keys[n], p, 8 * n, NULL);
}

int vg__cases_audit_flush(vg_cases *cs)
{
	vg__dbp p[] = { VG__INT(cs->head_seq), VG__TEXT(cs->head_hash) };
	size_t i;
	int rc;
	if (!cs->head_dirty)
		return 0;
	for (i = 0; i < cs->queue.n; i += AUDIT_CHUNK) {
		vg_buf_clear(&cs->sql);
		if ((rc = insert_chunk(cs, i, cs->queue.n - i < AUDIT_CHUNK ? cs->queue.n - i :
				       AUDIT_CHUNK)) < 0) {
			vg__error_prefix("appending to the audit trail");
			return rc;
		}
	}
	if ((rc = vg__db_run(cs->db, &S_HEAD_PUT, p, 2, NULL)) < 0)
		return rc;
	vg__cases_audit_forget(cs);
	return 0;
}

void vg__cases_audit_forget(vg_cases *cs)
{
	cs->head_loaded = cs->head_dirty = false;
	vg_buf_clear(&cs->queue.text);
	cs->queue.n = 0;
}

/* ---- verifying ---------------------------------------------------------- */

#define PAGE 2000

static const vg__sql S_AUDIT_PAGE = { "reading the audit trail",
	"SELECT seq, at, actor, action, object, detail, prev_hash, hash FROM audit"
	" WHERE seq > $1 ORDER BY seq LIMIT 2000" };
static const vg__sql S_HEAD_READ = { "reading the audit head",
	"SELECT seq, hash FROM audit_head WHERE id = 1" };

static bool broken(vg_cases_audit_report *rep, int64_t seq, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static bool broken(vg_cases_audit_report *rep, int64_t seq, const char *fmt, ...)
{
	va_list ap;
	rep->intact = false;
	rep->first_broken = (uint64_t)seq;
	va_start(ap, fmt);
	vsnprintf(rep->problem, sizeof(rep->problem), fmt, ap);
	va_end(ap);
	return true;
}

/* Checks one page of records; true when it found the first broken one. */
static bool check_page(vg_cases_audit_report *rep, const vg__dbres *r, int64_t *last,
		       char prev[65])
{
	size_t i;
	for (i = 0; i < r->rows; i++) {
		int64_t seq = vg__dbres_int(r, i, 0);
		const char *f[8];
		char hash[65];
		size_t k;
		for (k = 0; k < 8; k++)
			f[k] = vg__dbres_get(r, i, k) ? vg__dbres_get(r, i, k) : "";
		if (seq != *last + 1)
			return broken(rep, *last + 1, "record %lld is missing (deleted); the "
				      "chain resumes at record %lld (%.40s %.40s at %.32s)",
				      (long long)(*last + 1), (long long)seq, f[3], f[4], f[1]);
		if (strcmp(f[6], prev))
			return broken(rep, seq, "record %lld (%.40s %.40s at %.32s): its prev_hash "
				      "is not the hash of record %lld (one of the two was "
				      "replaced)", (long long)seq, f[3], f[4], f[1],
				      (long long)*last);
		record_hash(hash, seq, f[1], f[2], f[3], f[4], f[5], f[6]);
		if (strcmp(hash, f[7]))
			return broken(rep, seq, "record %lld (%.40s %.40s at %.32s): its content "
				      "does not match its hash (edited after it was written)",
				      (long long)seq, f[3], f[4], f[1]);
		memcpy(prev, f[7], 65);
		*last = seq;
		rep->records++;
	}
	return false;
}

static int verify(vg_cases_audit_report *rep, vg_cases *cs)
{
	vg__dbres r = VG__DBRES_INIT;
	char prev[65];
	int64_t last = 0;
	int rc;
	memset(prev, '0', 64);
	prev[64] = '\0';
	for (;;) {
		vg__dbp p[] = { VG__INT(last) };
		if ((rc = vg__db_run(cs->db, &S_AUDIT_PAGE, p, 1, &r)) < 0)
			goto done;
		if (check_page(rep, &r, &last, prev) || r.rows < PAGE)
			break;
	}
	memcpy(rep->head, prev, 65);
	if (!rep->intact)
		goto done;
	if ((rc = vg__db_run(cs->db, &S_HEAD_READ, NULL, 0, &r)) < 0)
		goto done;
	if (r.rows != 1 || vg__dbres_int(&r, 0, 0) != last ||
	    strcmp(vg__dbres_get(&r, 0, 1) ? vg__dbres_get(&r, 0, 1) : "", prev))
		broken(rep, last + 1, "the trail ends at record %lld but its head names record "
		       "%lld: the last records were deleted, or the head was altered",
		       (long long)last, (long long)(r.rows ? vg__dbres_int(&r, 0, 0) : -1));
done:
	vg__dbres_dispose(&r);
	return rc;
}

int vg_cases_audit_verify(vg_cases_audit_report *rep, vg_cases *cs)
{
	int rc;
	if (!rep || !cs)
		return vg__error_set(VG_EUSAGE, "vg_cases_audit_verify: NULL argument");
	memset(rep, 0, sizeof(*rep));
	rep->intact = true;
	pthread_mutex_lock(&cs->mu);
	/* one read transaction: a consistent snapshot of trail and head */
	if ((rc = vg__db_begin(cs->db, false, false)) == 0) {
		rc = verify(rep, cs);
		vg__db_rollback(cs->db);
	}
	pthread_mutex_unlock(&cs->mu);
	return rc;
}

/* ---- exporting ------------------------------------------------------------ */

/* Turns a date or time into the first time it covers ("2026-05-01" ->
 * "2026-05-01T00:00:00") and, with next, into the first time after it
 * ("2026-05-01" -> "2026-05-02T00:00:00"; "...T10:30" -> "...T10:31:00"). */
static int time_bound(char out[32], const char *in, bool next, const char *what)
{
	struct tm tm;
	int y, mo, d, h = 0, mi = 0, s = 0, n = 0, fields;
	time_t t;
	size_t len = strlen(in);
	if (len && in[len - 1] == 'Z')
		len--;
	fields = sscanf(in, "%4d-%2d-%2d%n", &y, &mo, &d, &n);
	if (fields == 3 && (size_t)n < len) {
		int m = 0;
		fields += sscanf(in + n, "T%2d:%2d%n", &h, &mi, &m) == 2 ? 2 : 0;
		n += m;
		if (fields == 5 && (size_t)n < len && sscanf(in + n, ":%2d%n", &s, &m) == 1) {
			fields++;
			n += m;
		}
	}
	if (fields < 3 || (size_t)n != len || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 ||
	    mi > 59 || s > 60)
		return vg__error_set(VG_EUSAGE, "%s: '%.40s' is not a date (YYYY-MM-DD) or a "
				     "time (YYYY-MM-DDTHH:MM[:SS]Z)", what, in);
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d + (next && fields == 3);
	tm.tm_hour = h;
	tm.tm_min = mi + (next && fields == 5);
	tm.tm_sec = s + (next && fields == 6);
	t = timegm(&tm);
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%S", &tm);
	return 0;
}

static int put_csv(vg_buf *b, const char *s)
{
	const char *p;
	if (!strpbrk(s, ",\"\r\n"))
		return vg_buf_puts(b, s);
	if (vg_buf_put(b, "\"", 1) < 0)
		return -1;
	for (p = s; *p; p++)
		if (vg_buf_put(b, p, 1) < 0 || (*p == '"' && vg_buf_put(b, "\"", 1) < 0))
			return -1;
	return vg_buf_put(b, "\"", 1);
}

/* Appends one record: a CSV row, or a JSON object.  detail stays a string
 * (of JSON) in both: the export shows what is stored, even when someone
 * stored something that is not JSON. */
static int put_record(vg_buf *b, const vg__dbres *r, size_t i, vg_cases_format fmt,
		      bool first)
{
	static const char *const names[] = { "seq", "at", "actor", "action", "object",
					     "detail", "prev_hash", "hash" };
	size_t k;
	int rc = 0;
	if (fmt == VG_CASES_JSON)
		rc |= vg_buf_puts(b, first ? "\n  {" : ",\n  {");
	for (k = 0; k < 8; k++) {
		const char *v = vg__dbres_get(r, i, k) ? vg__dbres_get(r, i, k) : "";
		if (fmt == VG_CASES_CSV) {
			rc |= k ? vg_buf_puts(b, ",") : 0;
			rc |= put_csv(b, v);
			continue;
		}
		rc |= vg_buf_printf(b, "%s\"%s\": ", k ? ", " : "", names[k]);
		if (k == 0)
			rc |= vg_buf_puts(b, v);
		else
			rc |= vg_buf_put_json_string(b, v, strlen(v));
	}
	rc |= vg_buf_puts(b, fmt == VG_CASES_CSV ? "\r\n" : "}");
	return rc ? vg__error_oom() : 0;
}

static const vg__sql S_AUDIT_RANGE = { "exporting the audit trail",
	"SELECT seq, at, actor, action, object, detail, prev_hash, hash FROM audit"
	" WHERE seq > $1 AND at{C} >= $2 AND at{C} < $3 ORDER BY seq LIMIT 2000" };

static int export_pages(vg_cases *cs, const char *lo, const char *hi, vg_cases_format fmt,
			vg_cases_write_cb write, void *ctx, vg_buf *b)
{
	vg__dbres r = VG__DBRES_INIT;
	int64_t last = 0;
	bool first = true;
	int rc = 0;
	for (;;) {
		vg__dbp p[] = { VG__INT(last), VG__TEXT(lo), VG__TEXT(hi) };
		size_t i;
		vg_buf_clear(b);
		if ((rc = vg__db_run(cs->db, &S_AUDIT_RANGE, p, 3, &r)) < 0)
			break;
		for (i = 0; i < r.rows && rc == 0; i++, first = false)
			rc = put_record(b, &r, i, fmt, first);
		if (rc == 0 && b->size && write(ctx, b->ptr, b->size))
			rc = vg__error_set(VG_EIO, "writing the export failed");
		if (rc < 0 || r.rows < PAGE)
			break;
		last = vg__dbres_int(&r, r.rows - 1, 0);
	}
	vg__dbres_dispose(&r);
	return rc;
}

int vg_cases_audit_export(vg_cases *cs, const char *from, const char *to,
			  vg_cases_format fmt, vg_cases_write_cb write, void *ctx)
{
	static const char header[] = "seq,at,actor,action,object,detail,prev_hash,hash\r\n";
	char lo[32] = "0000", hi[32] = "9999";
	vg_buf b = VG_BUF_INIT;
	int rc;
	if (!cs || !write)
		return vg__error_set(VG_EUSAGE, "vg_cases_audit_export: NULL argument");
	if ((from && (rc = time_bound(lo, from, false, "from")) < 0) ||
	    (to && (rc = time_bound(hi, to, true, "to")) < 0))
		return rc;
	if ((rc = write(ctx, fmt == VG_CASES_CSV ? header : "[",
			fmt == VG_CASES_CSV ? sizeof(header) - 1 : 1)))
		return vg__error_set(VG_EIO, "writing the export failed");
	pthread_mutex_lock(&cs->mu);
	if ((rc = vg__db_begin(cs->db, false, false)) == 0) {
		rc = export_pages(cs, lo, hi, fmt, write, ctx, &b);
		vg__db_rollback(cs->db);
	}
	pthread_mutex_unlock(&cs->mu);
	vg_buf_dispose(&b);
	if (rc == 0 && fmt == VG_CASES_JSON && write(ctx, "\n]\n", 3))
		rc = vg__error_set(VG_EIO, "writing the export failed");
	return rc;
}
