#!/usr/bin/env bash
# Whole-process import measurements (issue 15): `jianggao mine` of a synthetic archive of
# 1,000 and 10,000 speeches against a whole-process jieba cut of the same files, then a
# re-import with 3 files changed and a load of the library, each under /usr/bin/time -v
# (wall time and peak RSS).
#
#   scripts/import-scale.sh [WORK_DIR] [SIZES…]      e.g. scripts/import-scale.sh /tmp/arc 1000 10000
#
# Builds the release binary and the two examples (gen_archive, jieba_cut) first unless
# NO_BUILD=1. Archives are generated once per size (seed 42) and reused.
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-/tmp/jianggao-import}
shift || true
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(1000 10000)
target=${CARGO_TARGET_DIR:-target}
if [ "${NO_BUILD:-0}" != 1 ]; then
  cargo build --release --bin jianggao --example gen_archive --example jieba_cut >&2
fi
bin=$target/release/jianggao
mkdir -p "$work"

# measure LABEL CMD… : runs CMD under time -v, prints "LABEL  wall s  peak MB", sets $wall.
measure() {
  local label=$1; shift
  local log="$work/time.log"
  /usr/bin/time -v "$@" >/dev/null 2>"$log" || { cat "$log" >&2; echo "失败：$label" >&2; exit 1; }
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$log")
  local rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$log")
  printf '%-34s %8.2f s %7s MB\n' "$label" "$wall" "$rss"
  # With JIANGGAO_TIMING set, mine's stage times (stderr lines that are not time's).
  [ -n "${JIANGGAO_TIMING:-}" ] && grep -v -P '^\t|Command (exited|terminated)' "$log" | sed 's/^/      /' || true
}

for n in "${sizes[@]}"; do
  corpus=$work/archive-$n
  [ -d "$corpus" ] || "$target/release/examples/gen_archive" "$corpus" "$n" >&2
  lib=$work/library-$n
  rm -rf "$lib"
  echo "== $n 篇（$(du -sh "$corpus" | cut -f1)）"
  measure "jieba cut（整个进程）" "$target/release/examples/jieba_cut" "$corpus"; base=$wall
  measure "jianggao mine（新库）" "$bin" mine "$corpus" --out "$lib"; mined=$wall
  awk -v a="$mined" -v b="$base" 'BEGIN {printf "%-34s %8.1f ×\n", "  与 jieba 之比", a/b}'
  measure "jianggao mine（未改动，再导入）" "$bin" mine "$corpus" --out "$lib"
  # Three files changed: a sentence appended to each.
  for f in $(find "$corpus" -name '*.txt' | sort | head -3); do
    cp "$f" "$f.orig"; printf '同志们，要把各项工作抓实抓好。\n' >> "$f"
  done
  measure "jianggao mine（改动 3 篇）" "$bin" mine "$corpus" --out "$lib"
  for f in $(find "$corpus" -name '*.txt.orig'); do mv "$f" "${f%.orig}"; done
  measure "jianggao library（载入）" "$bin" library "$lib"
  echo "  模板库：$(du -sh "$lib" | cut -f1)，$(find "$lib" -type f | wc -l) 个文件"
done
