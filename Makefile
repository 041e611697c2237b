# stipple — the two commands (`make run`, `make test`) and the developer targets.
# CMake does the building; this file only sequences steps. See README.md.

SHELL := /bin/bash
JOBS ?= $(shell nproc)
CLANG_FORMAT ?= clang-format
SOURCES = $(shell git ls-files -co --exclude-standard -- 'src/*.c' 'src/*.h' 'tests/*.c' 'tests/*.h' 'tools/*.c' 'bench/*.c' 2>/dev/null)

.PHONY: all deps build build-asan run test unit api e2e format format-check bench fuzz clean

all: build

deps:
	@bash scripts/deps.sh

build/release/Makefile: CMakeLists.txt
	cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release -DSTIPPLE_TESTS=OFF >/dev/null

# The release binary, left at build/stipple.
build: deps build/release/Makefile
	cmake --build build/release -j $(JOBS)
	@cp build/release/stipple build/stipple

build/asan/Makefile: CMakeLists.txt tests/unit/CMakeLists.txt
	cmake -S . -B build/asan -DCMAKE_BUILD_TYPE=Asan -DSTIPPLE_TESTS=ON >/dev/null

# The test build: AddressSanitizer + UndefinedBehaviorSanitizer, with the unit tests.
build-asan: deps build/asan/Makefile
	cmake --build build/asan -j $(JOBS)

# Install, build, create the demo database and serve it on http://127.0.0.1:8080.
run: build
	@build/stipple init --demo
	@echo "Open http://127.0.0.1:8080 and sign in with the login above. Ctrl-C stops."
	@exec build/stipple serve

unit: build-asan
	cd build/asan && ctest --output-on-failure -j $(JOBS)

api: build-asan
	bash tests/api/run.sh

e2e: build-asan
	bash tests/e2e/run.sh

# Every suite, each ending with its runner's summary line (the release binary is built too, so
# `make run` cannot break unseen: -O2 finds warnings the test build does not).
test: build-asan build format-check
	cd build/asan && ctest --output-on-failure -j $(JOBS)
	bash tests/api/run.sh
	bash tests/e2e/run.sh

format:
	$(CLANG_FORMAT) -i $(SOURCES)

format-check:
	@$(CLANG_FORMAT) --dry-run -Werror $(SOURCES) || { echo "Run 'make format'."; exit 1; }

bench: build
	bash bench/run.sh

fuzz: deps
	bash tests/fuzz/run.sh

clean:
	rm -rf build
