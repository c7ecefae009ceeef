#!/usr/bin/env bash
# Runs the test suite: typecheck, then every test/**/*.test.ts with node's test runner (through tsx).
# REELM_TEST_FULL=1 runs the heavy cases at full size (npm run test:full).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-test-tools.sh
npx --no-install tsc -p tsconfig.json --noEmit
mapfile -t files < <(find test -name '*.test.ts' | sort)
exec node --import tsx --test --test-concurrency=2 --test-reporter=spec "${files[@]}"
