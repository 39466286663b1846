#!/usr/bin/env bash
# End-to-end benchmark: build the release binary, generate the standard corpus into target/,
# lint it with every core, and print MB/s, files/s and peak memory.
#
#   scripts/bench-e2e.sh            # the 50 MB standard corpus, and a 5 MB one for comparison
#   scripts/bench-e2e.sh --linear   # also a 500 MB corpus: 10x the data should take <= 11x
#   RUNS=5 scripts/bench-e2e.sh     # best of 5 runs per corpus (default 3)
#
# Needs only cargo and GNU time (/usr/bin/time, for peak memory); uses hyperfine when it is
# installed only to print a second opinion on the timing.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-3}
SIZES=(5 50)
if [[ "${1:-}" == "--linear" ]]; then
    SIZES+=(500)
fi

echo "== building (release)"
cargo build --release --quiet --bin claimlint --example gen_corpus
BIN=target/release/claimlint
GEN=target/release/examples/gen_corpus

if [[ ! -x /usr/bin/time ]]; then
    echo "error: /usr/bin/time (GNU time) is needed for peak memory: apt-get install time" >&2
    exit 2
fi

cores=$(nproc)
echo "== machine: $cores cores, $(uname -sr)"
# Wall time is what the targets are about; CPU time (user + sys) is printed beside it
# because other work on the machine stretches wall time but hardly CPU time.
printf '%-8s %6s %9s %9s %9s %10s %9s %11s\n' corpus files MB seconds MB/s files/s "CPU s" "peak RSS"

for mb in "${SIZES[@]}"; do
    dir="target/bench-corpus/${mb}mb"
    # Regenerate only when missing: the same seed always writes the same bytes.
    if [[ ! -f "$dir/.complete" ]]; then
        rm -rf "$dir"
        "$GEN" "$dir" "$mb" >/dev/null
        touch "$dir/.complete"
    fi
    files=$(find "$dir" -type f \( -name '*.md' -o -name '*.txt' \) | wc -l)
    bytes=$(find "$dir" -type f \( -name '*.md' -o -name '*.txt' \) -print0 | du -cb --files0-from=- | tail -1 | cut -f1)
    # Warm the page cache so the first run does not measure the disk.
    cat $(find "$dir" -type f) >/dev/null
    best=""
    cpu=""
    peak=0
    for _ in $(seq "$RUNS"); do
        log=$(mktemp)
        # Exit code 1 means findings, which the corpus is full of; 2 would be an error.
        set +e
        /usr/bin/time -f '%e %M %U %S' -o "$log" "$BIN" check --no-config --color never "$dir" >/dev/null 2>&1
        code=$?
        set -e
        if [[ $code -gt 1 ]]; then
            echo "error: claimlint exited with $code on $dir" >&2
            exit 2
        fi
        read -r secs rss user sys < <(tail -n 1 "$log")
        rm -f "$log"
        used=$(awk "BEGIN{print $user + $sys}")
        if [[ -z "$best" ]] || awk "BEGIN{exit !($secs < $best)}"; then best=$secs; fi
        if [[ -z "$cpu" ]] || awk "BEGIN{exit !($used < $cpu)}"; then cpu=$used; fi
        if ((rss > peak)); then peak=$rss; fi
    done
    awk -v n="$mb" -v f="$files" -v b="$bytes" -v s="$best" -v c="$cpu" -v r="$peak" 'BEGIN {
        if (s <= 0) s = 0.001;
        printf "%-8s %6d %9.1f %9.3f %9.1f %10.0f %9.2f %8.1f MB\n", n "MB", f, b / 1e6, s, b / 1e6 / s, f / s, c, r / 1024
    }'
done

if command -v hyperfine >/dev/null; then
    echo "== hyperfine (50 MB corpus)"
    hyperfine --warmup 1 -N -i "$BIN check --no-config --color never target/bench-corpus/50mb" 2>&1 | sed -n '1,4p'
fi

echo "== one small file, whole process (20 runs)"
small=target/bench-corpus/small.txt
echo "Our magnesium supports a calm mood." >"$small"
log=$(mktemp)
/usr/bin/time -f '%e %U %S' -o "$log" bash -c \
    "for _ in \$(seq 20); do '$BIN' check --no-config '$small' >/dev/null 2>&1; done" || true
read -r secs user sys < <(tail -n 1 "$log")
rm -f "$log"
awk -v s="$secs" -v u="$user" -v y="$sys" 'BEGIN {
    printf "%.1f ms per run (CPU %.1f ms)\n", s / 20 * 1000, (u + y) / 20 * 1000
}'
