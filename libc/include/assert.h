/* No include guard: C requires assert.h to follow NDEBUG each time it is included. */
#undef assert

#ifdef NDEBUG
#define assert(e) ((void)0)
#else
#define assert(e) ((e) ? (void)0 : __assert_fail(#e, __FILE__, __LINE__, __func__))
#endif

#ifndef _ASSERT_H_DECL
#define _ASSERT_H_DECL
__attribute__((__noreturn__)) void __assert_fail(const char *expr, const char *file, int line,
						  const char *func);
#define static_assert _Static_assert
#endif
