/*
 * deadline.c - the monotonic clock behind time limits (see deadline.h).
 */
#include "deadline.h"

#include <time.h>

uint64_t vg__now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

uint64_t vg__deadline_after_ms(double ms)
{
	if (!(ms > 0))
		return 0;
	if (ms > 1e12)
		ms = 1e12;
	return vg__now_us() + (uint64_t)(ms * 1000.0) + 1;
}
