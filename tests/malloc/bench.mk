# bench.mk - `make bench`: the workloads of bench.c on six allocators.

JE := /usr/lib/x86_64-linux-gnu/libjemalloc.so.2
MI := /usr/lib/x86_64-linux-gnu/libmimalloc.so.2
TC := /usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4

$(OUT)/bench: bench.c
	@mkdir -p $(@D)
	$(CC) -O2 $(WARN) -o $@ $<

# The allocator linked into the program instead of preloaded; built in one
# go with -flto, as the shared library is.
$(OUT)/bench-pagewise: bench.c $(LIBSRC) $(HDRS)
	@mkdir -p $(@D)
	$(CC) -O2 $(WARN) -flto -fno-builtin-malloc -fno-builtin-free -fno-builtin-calloc \
		-fno-builtin-realloc -o $@ bench.c $(LIBSRC) -lpthread

# musl's own malloc (mallocng), linked statically as musl-gcc does.
$(OUT)/bench-musl: bench.c
	@mkdir -p $(@D)
	musl-gcc -static -O2 -Wall -Wextra -o $@ $<

bench: $(OUT)/bench $(OUT)/bench-musl $(OUT)/bench-pagewise $(OUT)/64/libpwmalloc.so
	./bench.sh $(OUT) $(OUT)/64/libpwmalloc.so $(JE) $(MI) $(TC)
