#!/usr/bin/env bash
# Every benchmark in one command: `cargo bench` (divan: parse, lint, doubled lexicon,
# rendering, rule loading, re-lint of a 20 KB page), then the end-to-end runs of the release
# binary over the generated corpora (scripts/bench-e2e.sh --linear: 5, 50 and 500 MB, one
# small file), and the growth cases of issue 17 (benches/growth.rs, bench-e2e.sh --growth).
# docs/performance.md and docs/robustness.md say what each figure is measured against.
#
#   scripts/bench.sh          # about 10 minutes on 2 cores; needs ~750 MB free in target/
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== cargo bench"
cargo bench --bench lint
cargo bench --bench growth
echo
scripts/bench-e2e.sh --linear
echo
scripts/bench-e2e.sh --growth
