# podpub - one non-recursive Makefile.
#
#   make publish   set up, build, then publish the show to its default target
#   make test      set up, build with AddressSanitizer + UBSan, run every test
#
# The two commands above install missing Debian packages first (as root) via
# scripts/deps.sh, then re-enter make, so pkg-config only runs once the
# libraries are there.

VERSION = 0.1.0
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
CFLAGS ?= -O2 -g
SAN_CFLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
	     -fno-sanitize-recover=undefined

PKGS = libavformat libavcodec libavfilter libavutil libxml-2.0 libxslt libcurl yaml-0.1 libcmark \
       jansson uuid libcrypto libmicrohttpd
# -Werror in the test, CI and fuzz builds, not in a producer's `make` or
# `make install`: a newer compiler's new warning must not stop someone
# installing a release. WERROR=1 adds it to the plain build too.
PODPUB_WARN = -std=c17 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Wshadow \
	      -Wstrict-prototypes -Wwrite-strings -Wformat-security \
	      $(if $(WERROR),-Werror) -Isrc -Ibuild/gen
STRICT_WARN = $(PODPUB_WARN) -Werror

# Short lines by default (CC src/feed.c); V=1 shows the full commands.
ifeq ($(V),1)
Q =
quiet = @true
else
Q = @
quiet = @printf '  %-6s %s\n'
endif
# Recursive (=) on purpose: evaluated when a recipe runs, after `deps`.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
# libav* are loaded by dlopen when a file is read, not linked: libavformat,
# libavcodec and libavutil by src/media/libav.c (some 150 libraries with
# theirs, ~20 ms of every run, a cached rebuild's included), libavfilter by
# src/media/loudness.c when a loudness is measured (13 ms more). Their
# headers are still needed (PKG_CFLAGS).
LIBAV_PKGS = libavformat libavcodec libavfilter libavutil
PKG_LIBS = $(shell pkg-config --libs $(filter-out $(LIBAV_PKGS),$(PKGS))) -lm

# The flat core, then one folder per layer or family (see docs/HACKING.md).
SRC_DIRS = src src/cli src/media src/lint src/target src/site src/import
LIB_SRCS = $(filter-out src/main.c,$(foreach d,$(SRC_DIRS),$(wildcard $(d)/*.c)))
OBJS = $(LIB_SRCS:src/%.c=build/obj/%.o)
VERSION_H = build/gen/version.h
# The site's default templates (site/ at the repository's root), built into
# the binary; a show's own site/ folder overrides them file by file.
SITE_DEFAULTS = site/site.xsl site/style.css
SITE_H = build/gen/site_defaults.h
SAN_OBJS = $(LIB_SRCS:src/%.c=build/san/obj/%.o)
UNIT_TESTS = $(patsubst tests/unit/%.c,build/san/tests/%,$(wildcard tests/unit/test_*.c))
E2E_HELPERS = $(patsubst tests/e2e/%.c,build/san/tests/%,$(wildcard tests/e2e/*.c))
TORTURE_TESTS = $(patsubst tests/torture/%.c,build/san/tests/%,$(wildcard tests/torture/test_*.c))

.PHONY: docs all deps test-deps feed validate publish test check bench bench-upload fuzz fuzz-run install clean

all: build/podpub build/podpub.bash

deps:
	@sh scripts/deps.sh build

test-deps:
	@sh scripts/deps.sh test

# The show. NOW=TIME runs as of TIME instead of the clock (podpub --now), so
# CI validates and publishes the same feed; TARGET=NAME|LOCATION publishes
# there instead of podcast.yaml's target; FORMAT=github gives validate's lint
# findings as GitHub Actions annotations. SHOW=DIR and PODPUB=BINARY point
# them at another show and another podpub (the CI jobs' test does): then
# nothing is installed or built first.
SHOW = .
PODPUB = ./build/podpub
SHOW_SETUP = $(if $(filter ./build/podpub,$(PODPUB)),deps)
NOW_FLAG = $(if $(NOW),--now '$(NOW)')
TARGET_FLAG = $(if $(TARGET),--target '$(TARGET)')

feed: $(SHOW_SETUP)
	$(if $(SHOW_SETUP),@$(MAKE) --no-print-directory all)
	$(PODPUB) build --repo '$(SHOW)' $(NOW_FLAG)

# Every episode valid, the feed built and linted with --strict, every
# enclosure's file present and committed: fast, and quiet on success.
validate: $(SHOW_SETUP)
	$(if $(SHOW_SETUP),@$(MAKE) --no-print-directory -s all)
	@NOW='$(NOW)' FORMAT='$(FORMAT)' sh scripts/validate.sh '$(PODPUB)' '$(SHOW)'

# make publish TARGET=webhotel publishes to one of podcast.yaml's targets.
publish: $(SHOW_SETUP)
	$(if $(SHOW_SETUP),@$(MAKE) --no-print-directory all)
	$(PODPUB) publish --repo '$(SHOW)' $(NOW_FLAG) $(TARGET_FLAG)

test: test-deps
	@$(MAKE) --no-print-directory check

check: build/san/podpub $(UNIT_TESTS) $(E2E_HELPERS) $(TORTURE_TESTS)
	@sh tests/run.sh build/san

# Generated documentation: the lint rules from their tables.
docs: build/podpub
	sh scripts/lint-rules-doc.sh build/podpub >docs/lint-rules.md.tmp
	mv docs/lint-rules.md.tmp docs/lint-rules.md

# podpub's probe and build beside ffprobe, ffmpeg, getID3 and the raw read
# (scripts/bench/bench.sh): installs the encoders and getID3, generates the
# corpus once under build/bench/, prints the figures; then the upload
# figures (scripts/bench/upload.sh, below). Not part of `make test`.
bench:
	@sh scripts/deps.sh bench
	@sh scripts/deps.sh servers
	@$(MAKE) --no-print-directory build/podpub build/bench-probe
	@bash scripts/bench/bench.sh build/podpub build/bench-probe
	@bash scripts/bench/upload.sh build/podpub

# Upload figures alone (scripts/bench/upload.sh): podpub beside curl, lftp
# and rclone to the test servers on 127.0.0.1; needs root and the servers'
# packages (scripts/deps.sh servers).
bench-upload:
	@sh scripts/deps.sh bench
	@sh scripts/deps.sh servers
	@$(MAKE) --no-print-directory build/podpub
	@bash scripts/bench/upload.sh build/podpub

build/bench-probe: scripts/bench/bench_probe.c build/libpodpub.a
	$(quiet) LINK $@
	$(Q)$(CC) $(PODPUB_WARN) $(CFLAGS) $(PKG_CFLAGS) -o $@ $< build/libpodpub.a $(PKG_LIBS)

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

build/fuzz/obj/%.o: src/%.c $(VERSION_H) $(SITE_H)
	@mkdir -p $(@D)
	$(quiet) CLANG $<
	$(Q)clang $(STRICT_WARN) $(FUZZ_OBJ_CFLAGS) $(PKG_CFLAGS) -c -o $@ $<

build/fuzz/libpodpub.a: $(FUZZ_OBJS)
	$(AR) rcs $@ $^

build/fuzz/%: tests/fuzz/%.c build/fuzz/libpodpub.a
	@mkdir -p $(@D)
	$(quiet) CLANG $<
	$(Q)clang $(STRICT_WARN) $(FUZZ_CFLAGS) $(PKG_CFLAGS) -o $@ $^ $(PKG_LIBS)

# The man page is written by hand (tests/e2e/manpage.sh checks it against the
# binary's tables); the bash completion is generated from those tables.
install: build/podpub build/podpub.bash
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(BASHCOMPDIR)
	install -m 755 build/podpub $(DESTDIR)$(BINDIR)/podpub
	install -m 644 docs/podpub.1 $(DESTDIR)$(MANDIR)/man1/podpub.1
	install -m 644 build/podpub.bash $(DESTDIR)$(BASHCOMPDIR)/podpub

clean:
	rm -rf build

$(VERSION_H): Makefile
	@mkdir -p $(@D)
	$(quiet) GEN $@
	$(Q)printf '/* Generated by the Makefile from VERSION. */\n#define PODPUB_VERSION "%s"\n' \
		'$(VERSION)' >$@.tmp && mv $@.tmp $@

$(SITE_H): $(SITE_DEFAULTS) scripts/embed.sh
	@mkdir -p $(@D)
	$(quiet) GEN $@
	$(Q)sh scripts/embed.sh $(SITE_DEFAULTS) >$@.tmp && mv $@.tmp $@

build/obj/%.o: src/%.c $(VERSION_H) $(SITE_H)
	@mkdir -p $(@D)
	$(quiet) CC $<
	$(Q)$(CC) $(PODPUB_WARN) $(CFLAGS) $(PKG_CFLAGS) -MMD -MP -c -o $@ $<

build/san/obj/%.o: src/%.c $(VERSION_H) $(SITE_H)
	@mkdir -p $(@D)
	$(quiet) CC $<
	$(Q)$(CC) $(STRICT_WARN) $(SAN_CFLAGS) $(PKG_CFLAGS) -MMD -MP -c -o $@ $<

build/libpodpub.a: $(OBJS)
	$(quiet) AR $@
	$(Q)$(AR) rcs $@ $^

build/san/libpodpub.a: $(SAN_OBJS)
	$(quiet) AR $@
	$(Q)$(AR) rcs $@ $^

build/podpub: build/obj/main.o build/libpodpub.a
	$(quiet) LINK $@
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

# The completion script comes from the just-built binary's own tables.
build/podpub.bash: build/podpub
	$(quiet) GEN $@
	$(Q)./build/podpub completion bash >$@.tmp && mv $@.tmp $@

build/san/podpub: build/san/obj/main.o build/san/libpodpub.a
	$(quiet) LINK $@
	$(Q)$(CC) $(SAN_CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

# Unit tests link against the archive, so each pulls in only the modules it uses.
build/san/tests/%: tests/unit/%.c $(wildcard tests/unit/*.h) build/san/libpodpub.a
	@mkdir -p $(@D)
	$(quiet) CC $<
	$(Q)$(CC) $(STRICT_WARN) $(SAN_CFLAGS) $(PKG_CFLAGS) -o $@ $< \
		build/san/libpodpub.a $(PKG_LIBS)

# Allocation-failure torture (curl's `runtests.pl -t`): the archive's calls
# to malloc and friends go to the test's counter through --wrap, and the
# test's yaml_malloc etc. take libyaml's place, so they are exported.
# --as-needed: LeakSanitizer checks go faster without libcurl and the rest;
# zlib draws the cover of the show it builds.
TORTURE_LDFLAGS = -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=strdup,--wrap=strndup \
	-Wl,--export-dynamic-symbol=yaml_malloc,--export-dynamic-symbol=yaml_realloc \
	-Wl,--export-dynamic-symbol=yaml_free,--export-dynamic-symbol=yaml_strdup
build/san/tests/%: tests/torture/%.c $(wildcard tests/unit/*.h) build/san/libpodpub.a
	@mkdir -p $(@D)
	$(quiet) CC $<
	$(Q)$(CC) $(STRICT_WARN) $(SAN_CFLAGS) $(PKG_CFLAGS) -Itests/unit -o $@ $< \
		-Wl,--as-needed build/san/libpodpub.a $(PKG_LIBS) -lz $(TORTURE_LDFLAGS)

# Helpers the end-to-end tests use to read results back (feed checker, ...).
build/san/tests/%: tests/e2e/%.c build/san/libpodpub.a
	@mkdir -p $(@D)
	$(quiet) CC $<
	$(Q)$(CC) $(STRICT_WARN) $(SAN_CFLAGS) $(PKG_CFLAGS) -o $@ $< \
		build/san/libpodpub.a $(PKG_LIBS)

-include $(OBJS:.o=.d) $(SAN_OBJS:.o=.d) build/obj/main.d build/san/obj/main.d
