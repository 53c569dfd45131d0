# podpub - one non-recursive Makefile.
#
#   make publish   set up, build, then publish the show to its default target
#   make test      set up, build with AddressSanitizer + UBSan, run every test
#
# The two commands above install missing Debian packages first (as root) via
# scripts/deps.sh, then re-enter make, so pkg-config only runs once the
# libraries are there.

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
CFLAGS ?= -O2 -g
SAN_CFLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
	     -fno-sanitize-recover=undefined

PKGS = libavformat libavcodec libavutil libxml-2.0 libcurl yaml-0.1 libcmark \
       jansson uuid libcrypto
PODPUB_WARN = -std=c17 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Wshadow \
	      -Wstrict-prototypes -Wwrite-strings -Wformat-security -Werror
# Recursive (=) on purpose: evaluated when a recipe runs, after `deps`.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS = $(shell pkg-config --libs $(PKGS)) -lm

LIB_SRCS = $(filter-out src/main.c,$(wildcard src/*.c))
OBJS = $(LIB_SRCS:src/%.c=build/obj/%.o)
SAN_OBJS = $(LIB_SRCS:src/%.c=build/san/obj/%.o)
UNIT_TESTS = $(patsubst tests/unit/%.c,build/san/tests/%,$(wildcard tests/unit/test_*.c))
E2E_HELPERS = $(patsubst tests/e2e/%.c,build/san/tests/%,$(wildcard tests/e2e/*.c))

.PHONY: all deps test-deps feed publish test check bench fuzz fuzz-run install clean

all: build/podpub

deps:
	@sh scripts/deps.sh build

test-deps:
	@sh scripts/deps.sh test

feed: deps
	@$(MAKE) --no-print-directory all
	./build/podpub build

publish: deps
	@$(MAKE) --no-print-directory all
	./build/podpub publish

test: test-deps
	@$(MAKE) --no-print-directory check

check: build/san/podpub $(UNIT_TESTS) $(E2E_HELPERS)
	@sh tests/run.sh build/san

bench:
	@echo "bench: no benchmark yet (probe benchmark arrives with the probe issue)"

# libFuzzer runs of the parsers that read untrusted bytes; not part of
# `make test` (no timed tests). Needs clang and libclang-rt-14-dev.
FUZZ_SECONDS ?= 30
FUZZ_CFLAGS = -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
FUZZ_OBJ_CFLAGS = -g -O1 -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
FUZZERS = $(patsubst tests/fuzz/%.c,build/fuzz/%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_OBJS = $(LIB_SRCS:src/%.c=build/fuzz/obj/%.o)

fuzz:
	@sh scripts/deps.sh fuzz
	@$(MAKE) --no-print-directory fuzz-run

# A crash stops the run, shows libFuzzer's report and leaves the input that
# crashed in the current folder (crash-<sha1>).
fuzz-run: $(FUZZERS)
	@for f in $(FUZZERS); do \
		name=$$(basename $$f); mkdir -p build/fuzz/corpus/$$name; \
		echo "fuzz: $$name for $(FUZZ_SECONDS) s"; \
		$$f -max_total_time=$(FUZZ_SECONDS) build/fuzz/corpus/$$name \
			tests/fuzz/seeds/$$name >build/fuzz/$$name.log 2>&1 || \
			{ tail -n 40 build/fuzz/$$name.log; exit 1; }; \
		tail -n 1 build/fuzz/$$name.log; \
	done

build/fuzz/obj/%.o: src/%.c
	@mkdir -p $(@D)
	clang $(PODPUB_WARN) $(FUZZ_OBJ_CFLAGS) $(PKG_CFLAGS) -c -o $@ $<

build/fuzz/libpodpub.a: $(FUZZ_OBJS)
	$(AR) rcs $@ $^

build/fuzz/%: tests/fuzz/%.c build/fuzz/libpodpub.a
	@mkdir -p $(@D)
	clang $(PODPUB_WARN) $(FUZZ_CFLAGS) -Isrc $(PKG_CFLAGS) -o $@ $^ $(PKG_LIBS)

install: build/podpub
	install -d $(DESTDIR)$(BINDIR)
	install -m 755 build/podpub $(DESTDIR)$(BINDIR)/podpub

clean:
	rm -rf build

build/obj/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(PODPUB_WARN) $(CFLAGS) $(PKG_CFLAGS) -MMD -MP -c -o $@ $<

build/san/obj/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(PODPUB_WARN) $(SAN_CFLAGS) $(PKG_CFLAGS) -MMD -MP -c -o $@ $<

build/libpodpub.a: $(OBJS)
	$(AR) rcs $@ $^

build/san/libpodpub.a: $(SAN_OBJS)
	$(AR) rcs $@ $^

build/podpub: build/obj/main.o build/libpodpub.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

build/san/podpub: build/san/obj/main.o build/san/libpodpub.a
	$(CC) $(SAN_CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

# Unit tests link against the archive, so each pulls in only the modules it uses.
build/san/tests/%: tests/unit/%.c $(wildcard tests/unit/*.h) build/san/libpodpub.a
	@mkdir -p $(@D)
	$(CC) $(PODPUB_WARN) $(SAN_CFLAGS) -Isrc $(PKG_CFLAGS) -o $@ $< \
		build/san/libpodpub.a $(PKG_LIBS)

# Helpers the end-to-end tests use to read results back (feed checker, ...).
build/san/tests/%: tests/e2e/%.c build/san/libpodpub.a
	@mkdir -p $(@D)
	$(CC) $(PODPUB_WARN) $(SAN_CFLAGS) -Isrc $(PKG_CFLAGS) -o $@ $< \
		build/san/libpodpub.a $(PKG_LIBS)

-include $(OBJS:.o=.d) $(SAN_OBJS:.o=.d) build/obj/main.d build/san/obj/main.d
