# tests.mk - test programs and the test run (included by Makefile).

TESTBIN := unit random threads crash tunables
UNIT_SRC := unit_main.c unit_heap.c unit_api.c
src_of = $(if $(filter unit,$(1)),$(UNIT_SRC),$(1).c)

# -fno-builtin: GCC would otherwise delete malloc/free pairs it thinks
# unused, and the tests are about exactly those calls.
TESTCFLAGS += -fno-builtin

$(OUT)/include/malloc.h: ../../libc/include/malloc.h
	@mkdir -p $(@D)
	cp $< $@

# --whole-archive -rdynamic: a program on glibc must contain and export
# every allocator call, or glibc's
# own calls to calloc/realloc (thread setup does) would go to glibc's malloc
# and the blocks come back to our free.
define test_rules
$(OUT)/$(1)/$(2): $(call src_of,$(2)) unit.h $(OUT)/$(1)/libpwmalloc.a $(OUT)/include/malloc.h
	$(CC) -m$(1) $(TESTCFLAGS) -o $$@ $(call src_of,$(2)) -Wl,--whole-archive $(OUT)/$(1)/libpwmalloc.a -Wl,--no-whole-archive -lpthread -rdynamic
endef
$(foreach a,$(ARCHS),$(foreach t,$(TESTBIN),$(eval $(call test_rules,$(a),$(t)))))

# The allocator under its own names (pwt_malloc, ...) so that AddressSanitizer
# and valgrind, which bring their own malloc, check our code instead of
# replacing it.
RENAME := $(foreach f,malloc free calloc realloc reallocarray memalign \
	posix_memalign aligned_alloc valloc pvalloc malloc_usable_size mallopt \
	malloc_trim malloc_stats mallinfo mallinfo2,-D$(f)=pwt_$(f))
SAN := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

$(OUT)/san/%: $(LIBSRC) $(HDRS) $(UNIT_SRC) random.c unit.h $(OUT)/include/malloc.h
	@mkdir -p $(@D)
	$(CC) $(TESTCFLAGS) $(SAN) $(RENAME) -o $@ $(LIBSRC) $(call src_of,$*) -lpthread
$(OUT)/vg/%: $(LIBSRC) $(HDRS) $(UNIT_SRC) random.c unit.h $(OUT)/include/malloc.h
	@mkdir -p $(@D)
	$(CC) $(TESTCFLAGS) $(RENAME) -o $@ $(LIBSRC) $(call src_of,$*) -lpthread

# A 32-bit program on glibc's malloc, for LD_PRELOAD of the i386 library.
$(OUT)/32/random_glibc: random.c $(OUT)/include/malloc.h
	$(CC) -m32 $(TESTCFLAGS) -o $@ random.c

TEST_DEPS := libs $(foreach a,$(ARCHS),$(addprefix $(OUT)/$(a)/,$(TESTBIN))) \
	$(OUT)/san/unit $(OUT)/san/random $(OUT)/vg/unit $(OUT)/vg/random \
	$(OUT)/32/random_glibc

test: $(TEST_DEPS)
	./run_tests.sh $(OUT)
