#!/usr/bin/env bash
# tests/e2e/run.sh — the browser suite: node's test runner drives Debian's Chromium through the
# real UI of a real `stipple serve` (each test file starts its own, with the demo data).
# Screenshots are left in build/e2e-screens/.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -x /usr/bin/chromium ] || { echo "e2e: /usr/bin/chromium is missing (scripts/deps.sh installs it)"; exit 1; }
rm -rf build/e2e-screens
echo "=== stipple browser tests (Chromium $(/usr/bin/chromium --version 2>/dev/null | awk '{print $2}')) ==="
node --test --test-concurrency=1 tests/e2e/
echo "screenshots: build/e2e-screens/"
