/*
 * deadline.h - time limits checked inside long loops (internal).
 *
 * A caller's limit in milliseconds (an options field) becomes an absolute
 * time on the monotonic clock when the call starts; the loops that can run
 * long (the matcher's candidates, the scanner's tokens) ask whether it has
 * passed, reading the clock only every few hundred iterations.  0 means no
 * limit, and then nothing reads the clock at all.
 */
#ifndef VG_COMMON_DEADLINE_H
#define VG_COMMON_DEADLINE_H

#include <stdbool.h>
#include <stdint.h>

/* Microseconds on CLOCK_MONOTONIC. */
uint64_t vg__now_us(void);

/* The deadline ms from now, or 0 (none) when ms is not positive. */
uint64_t vg__deadline_after_ms(double ms);

/* True when deadline (not 0) has passed; reads the clock only when
 * (i & mask) == 0, mask being one less than a power of two. */
static inline bool vg__deadline_passed(uint64_t deadline, uint64_t i, uint64_t mask)
{
	return deadline && (i & mask) == 0 && vg__now_us() > deadline;
}

#endif
