# vigil - the two commands of the README:
#   make demo   installs what is missing, builds, and runs the demo
#   make test   installs what is missing, builds, and runs the whole suite:
#               once normally, once under AddressSanitizer + UBSan, and every
#               fuzz target for a bounded time; builds with GCC and Clang at
#               -O3 with every hardening flag; builds the Debian packages and
#               installs them on a fresh Debian root
# Other targets: make build, make bench, make fuzz, make asan, make warnings,
# make deb, make deb-check, make install (cmake --install build), make clean.

DEBIAN_PACKAGES = build-essential cmake pkg-config clang python3 \
	libicu-dev libxml2-dev libjson-c-dev libmicrohttpd-dev \
	libcurl4-openssl-dev zlib1g-dev libxxhash-dev nettle-dev libcmocka-dev chromium time curl wrk \
	libsqlite3-dev libpq-dev postgresql \
	postgresql-server-dev-15 haproxy socat python3-jsonschema
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
SHARED ?= $(abspath ../shared)
FUZZ_SECONDS ?= 15
SANITIZER ?= address,undefined
# Our own builds treat warnings as errors; CMake's default (a packager's
# build) does not.
WERROR ?= ON

.PHONY: all deps build demo test test-unit warnings asan fuzz fuzz-build deb deb-check install bench clean

all: build

# Installs the Debian packages that are missing (as root), or says which
# ones to install.
deps:
	@missing=""; for p in $(DEBIAN_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "missing Debian packages:$$missing (run: sudo apt-get install$$missing)"; exit 1; \
	  fi; \
	fi

build: deps
	cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DVG_WERROR=$(WERROR) \
	  -DVG_SHARED_DIR=$(SHARED) >/dev/null
	cmake --build build -j $(JOBS)

test: build
	ctest --test-dir build --output-on-failure -j $(JOBS)
	$(MAKE) warnings
	$(MAKE) asan
	$(MAKE) fuzz
	$(MAKE) deb-check

test-unit: build
	ctest --test-dir build --output-on-failure -j $(JOBS)

asan: deps
	cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_FLAGS="-O1" \
	  -DVG_SANITIZE=$(SANITIZER) -DVG_WERROR=$(WERROR) -DVG_SHARED_DIR=$(SHARED) >/dev/null
	cmake --build build-asan -j $(JOBS)
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --test-dir build-asan --output-on-failure -j $(JOBS)

# A packager's build: GCC and Clang at -O3 -DNDEBUG (Release) with
# _FORTIFY_SOURCE=3 and all of Debian's hardening flags (dpkg-buildflags),
# here with warnings as errors.
# (-O2, the other half of the promise, is what `make build` compiles.)
warnings: deps
	@set -e; eval "$$(DEB_BUILD_MAINT_OPTIONS=hardening=+all dpkg-buildflags --export=sh)"; \
	for cc in gcc clang; do \
	  echo "warnings: $$cc -O3 -D_FORTIFY_SOURCE=3 + dpkg-buildflags hardening=+all"; \
	  CC=$$cc cmake -S . -B build-warn-$$cc -DCMAKE_BUILD_TYPE=None -DVG_WERROR=ON \
	    -DCMAKE_C_FLAGS="$$CFLAGS $$CPPFLAGS -O3 -DNDEBUG -U_FORTIFY_SOURCE -D_FORTIFY_SOURCE=3" \
	    -DCMAKE_EXE_LINKER_FLAGS="$$LDFLAGS" -DCMAKE_SHARED_LINKER_FLAGS="$$LDFLAGS" >/dev/null; \
	  cmake --build build-warn-$$cc -j $(JOBS) >build-warn-$$cc/build.log 2>&1 \
	    || { grep -E -A3 "warning|error" build-warn-$$cc/build.log | head -60; exit 1; }; \
	done

fuzz-build: deps
	CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_FLAGS="-O1 -g" \
	  -DVG_FUZZ=ON -DVG_TESTS=OFF -DVG_WERROR=$(WERROR) -DVG_SANITIZE=$(SANITIZER) >/dev/null
	cmake --build build-fuzz -j $(JOBS)

# Runs every fuzz target for FUZZ_SECONDS on its seed corpus (copied to a
# scratch folder so the repository's corpus is never touched).
fuzz: fuzz-build
	@set -e; for f in build-fuzz/fuzz/fuzz_*; do \
	  [ -x "$$f" ] || continue; n=$$(basename $$f); \
	  rm -rf build-fuzz/corpus/$$n; mkdir -p build-fuzz/corpus/$$n; \
	  if [ -d fuzz/corpus/$$n ]; then cp -r fuzz/corpus/$$n/. build-fuzz/corpus/$$n/; fi; \
	  echo "fuzz: $$n for $(FUZZ_SECONDS)s"; \
	  $$f -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -rss_limit_mb=2048 \
	    -artifact_prefix=build-fuzz/ build-fuzz/corpus/$$n >build-fuzz/$$n.log 2>&1 \
	    || { tail -40 build-fuzz/$$n.log; exit 1; }; \
	  grep -E "^Done|^#[0-9]+.*DONE" build-fuzz/$$n.log | tail -1; \
	done

# The Debian packages (vigil, libvigil0, libvigil-dev) from a copy of the
# tree, built by dpkg-buildpackage with Debian's flags, into build-deb/, and
# lintian on them (an error fails).  The test suite is not run again there.
DEB_TOOLS = debhelper dpkg-dev lintian
deb:
	@$(MAKE) --no-print-directory deps DEBIAN_PACKAGES="$(DEBIAN_PACKAGES) $(DEB_TOOLS)"
	rm -rf build-deb && mkdir -p build-deb/src
	tar --exclude='./build*' --exclude=./.git -cf - . | tar -C build-deb/src -xf -
	cd build-deb/src && DEB_BUILD_OPTIONS="nocheck $(DEB_BUILD_OPTIONS)" \
	  dpkg-buildpackage -us -uc -b -j$(JOBS) >../build.log 2>&1 \
	  || { tail -40 ../build.log; exit 1; }
	ls build-deb/*.deb
	lintian --fail-on error --info build-deb/*.changes

# make deb, then the packages on a fresh Debian 12 made by debootstrap
# (tests/deb_install.sh: apt install, vigil --version, man vigil, units,
# remove, purge).  build-debroot/ keeps the debootstrapped root between runs.
deb-check: deb
	@$(MAKE) --no-print-directory deps DEBIAN_PACKAGES="debootstrap systemd"
	bash tests/deb_install.sh build-deb build-debroot || [ $$? -eq 77 ]

# make install [PREFIX=/usr/local] [DESTDIR=/staging]: cmake --install of the
# build (cmake/install.cmake lists what goes where).
PREFIX ?= /usr/local
install: build
	DESTDIR="$(DESTDIR)" cmake --install build --prefix "$(PREFIX)"

bench: build
	bash bench/run.sh build $(SHARED)

demo: build
	bash examples/demo.sh build $(SHARED)

clean:
	rm -rf build build-asan build-fuzz build-warn-* build-deb build-debroot
