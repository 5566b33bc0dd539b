# Thin wrapper over meson/ninja. `make run` and `make test` are the two commands a newcomer
# needs (as root on Debian 12: missing packages are installed first).
NPROC := $(shell nproc 2>/dev/null || echo 2)
BUILD := build
ASAN_BUILD := build-asan

.PHONY: all deps build build-asan test test-main test-asan run clean

all: build

deps:
	./scripts/install-deps.sh

build: deps
	@test -f $(BUILD)/build.ninja || meson setup $(BUILD)
	ninja -C $(BUILD) -j $(NPROC)

# The sanitizer build: every suite again under AddressSanitizer + UBSan (b_lundef=false
# because the sanitizer runtimes resolve symbols at load time). -O0 (buildtype=debug):
# it compiles in a fraction of the time, gives exact stack traces, and avoids g++ 12's false
# -Wmaybe-uninitialized errors that -O2 plus instrumentation raises inside <regex> (Catch2).
# b_asneeded=false: libasan itself exports crypt_r (an interceptor), so with --as-needed the
# linker drops libcrypt and the interceptor then calls a null "real" crypt_r.
# An existing build-asan is reconfigured with the same options, so a checkout that changes
# them never keeps running with stale ones.
SANITIZER_SETUP := --buildtype=debug -Db_sanitize=address,undefined -Db_lundef=false -Db_asneeded=false
build-asan: deps
	@if [ -f $(ASAN_BUILD)/build.ninja ]; then meson configure $(ASAN_BUILD) $(SANITIZER_SETUP); \
	else meson setup $(ASAN_BUILD) $(SANITIZER_SETUP); fi
	ninja -C $(ASAN_BUILD) -j $(NPROC)

test-main: build
	meson test -C $(BUILD) --print-errorlogs --num-processes $(NPROC)

test-asan: build-asan
	meson test -C $(ASAN_BUILD) --print-errorlogs --num-processes $(NPROC)

test: test-main test-asan

run: build
	./scripts/run-demo.sh

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
