#!/usr/bin/env bash
# Before/after figures for a change to the T5 engine, on one machine in one window: builds this checkout's
# benchmark twice, once with crosspt-engine-djl/src from each of two revisions, then runs
# `bench backbone --json` alternately (OLD, NEW, OLD, NEW, ...) so that both see the same drift of the machine.
#   crosspt-bench/compare-engines.sh OLD_REV NEW_REV [ROUNDS] [bench backbone options...]
#   crosspt-bench/compare-engines.sh 299f284 HEAD 3 --threads=2 --soak-steps=0 --base-steps=0
# Prints one JSON line per run, prefixed with the revision and round; compare the efficiency ratios.
set -euo pipefail
if [ $# -lt 2 ]; then
  sed -n '2,7p' "$0" >&2
  exit 2
fi
old="$1"; new="$2"; rounds="${3:-3}"; shift $(( $# < 3 ? $# : 3 ))
case "$rounds" in ''|*[!0-9]*) echo "compare-engines: ROUNDS expected a number, got '$rounds'" >&2; exit 2 ;; esac
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for rev in "$old" "$new"; do
  git -C "$root" rev-parse --verify --quiet "$rev^{commit}" > /dev/null \
    || { echo "compare-engines: '$rev' is not a revision of $root" >&2; exit 2; }
  dir="$work/$rev"
  mkdir -p "$dir"
  git -C "$root" archive HEAD | tar -x -C "$dir"
  rm -rf "$dir/crosspt-engine-djl/src"   # the engine with its own tests, which are compiled though not run
  git -C "$root" archive "$rev" crosspt-engine-djl/src | tar -x -C "$dir"
  echo "compare-engines: building with the engine of $rev ..." >&2
  (cd "$dir" && mvn -B -q -o -DskipTests -P cpu -pl crosspt-cli -am package) > "$work/build-$rev.log" 2>&1 \
    || { cat "$work/build-$rev.log" >&2; echo "compare-engines: the build with $rev's engine failed" >&2; exit 3; }
done
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}" MALLOC_MMAP_THRESHOLD_="${MALLOC_MMAP_THRESHOLD_:-65536}"
export MALLOC_TRIM_THRESHOLD_="${MALLOC_TRIM_THRESHOLD_:-131072}"
for round in $(seq 1 "$rounds"); do
  for rev in "$old" "$new"; do
    t="$work/$rev/crosspt-cli/target"
    echo -n "$rev round $round: "
    java -Xmx4g -Xmn64m -Dai.djl.offline=true -cp "$t/crosspt-cli.jar:$t/lib/*" dev.crosspt.cli.Main \
      bench backbone --json "$@" 2> "$work/run-$rev-$round.err" \
      || { cat "$work/run-$rev-$round.err" >&2; exit 1; }
  done
done
