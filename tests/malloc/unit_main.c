/*
 * unit_main.c - runs the allocator's unit tests; prints "N passed, N failed".
 *
 * Order matters: the heap tests start from a fresh heap (the scenario of
 * the seed articles needs A, B, C, D to be the first blocks) and the
 * segment test blocks brk for good, so it runs last.
 */
#include <stdint.h>
#include <stdio.h>

#include "unit.h"

int unit_passed, unit_failed;
volatile size_t unit_huge = SIZE_MAX;

int main(void)
{
	unit_heap();
	unit_api();
	unit_segment();
	printf("%d passed, %d failed\n", unit_passed, unit_failed);
	return unit_failed != 0;
}
