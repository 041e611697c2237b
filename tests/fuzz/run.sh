#!/usr/bin/env bash
# tests/fuzz/run.sh — `make fuzz`: builds the libFuzzer targets with clang (ASan + UBSan) and
# runs each for FUZZ_SECONDS (default 60). Crashes are kept in build/fuzz/artifacts/ and make
# the run fail. The corpus grows in build/fuzz/corpus/<target>/ across runs.
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_EACH=${FUZZ_SECONDS:-60}
CC=clang cmake -S . -B build/fuzz -DCMAKE_BUILD_TYPE=Fuzz -DSTIPPLE_TESTS=OFF -DSTIPPLE_FUZZ=ON >/dev/null
cmake --build build/fuzz -j "$(nproc)" --target fuzz_body fuzz_query fuzz_design fuzz_photo
mkdir -p build/fuzz/artifacts
for t in fuzz_body fuzz_query fuzz_design fuzz_photo; do
  max_len=4096
  [ "$t" = fuzz_photo ] && max_len=65536 # images need room; the seeds are small JPEGs and PNGs
  mkdir -p "build/fuzz/corpus/$t"
  [ -d "tests/fuzz/seeds/$t" ] && cp -n tests/fuzz/seeds/$t/* "build/fuzz/corpus/$t/" 2>/dev/null || true
  echo "== $t for ${SECONDS_EACH}s"
  "build/fuzz/$t" -max_total_time="$SECONDS_EACH" -max_len="$max_len" -timeout=5 \
    -artifact_prefix=build/fuzz/artifacts/ "build/fuzz/corpus/$t" 2>&1 | tail -3
done
echo "fuzz: no crashes"
