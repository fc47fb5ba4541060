/* setjmp and longjmp: back through several frames, registers preserved. */
#include <setjmp.h>
#include "check.h"

static jmp_buf env;
static int depth;

static void dive(int n)
{
	volatile char pad[100];

	pad[0] = (char)n;
	depth = n + pad[0] - n;
	if (n == 10)
		longjmp(env, n);
	if (n < 10)
		dive(n + 1);
}

static void jump_zero(void)
{
	longjmp(env, 0);
}

int main(int argc, char **argv)
{
	volatile int count = 0;
	int r;
	register int kept = 1234;	/* callee-saved register, if gcc puts it in one */

	check_init(argc, argv);
	r = setjmp(env);
	count++;
	if (r == 0) {
		CHECK_EQ(count, 1);
		dive(0);
		CHECK(!"dive returned");
	}
	CHECK_EQ(r, 10);
	CHECK_EQ(depth, 10);
	CHECK_EQ(count, 2);
	CHECK_EQ(kept, 1234);
	/* longjmp(env, 0) makes setjmp return 1. */
	r = setjmp(env);
	if (r == 0)
		jump_zero();
	CHECK_EQ(r, 1);
	return check_done();
}
