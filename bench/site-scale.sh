#!/usr/bin/env bash
# Scale benchmark for `kida render`: generates synthetic sites (kida generate-site) of 1,000, 10,000 and 50,000
# pages, renders each with a Release build under /usr/bin/time -v, and prints a table of time per page and peak
# memory (max RSS). Pass: time per page within 15% across the sizes, max RSS under 400 MB at the largest size.
#
#   bench/site-scale.sh                 # 1000 10000 50000
#   bench/site-scale.sh 1000 5000       # other sizes
#   KIDA_BENCH_DIR=/tmp/kb bench/site-scale.sh   # keep the generated sites and outputs there
#
# Needs GNU time (`apt-get install time`). Sites are generated, never committed.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(1000 10000 50000)
[ -x /usr/bin/time ] || { echo "GNU time is missing: apt-get install time" >&2; exit 2; }

dotnet build -c Release "$root/src/Kida.Cli" -v q -nologo >/dev/null
kida="$root/src/Kida.Cli/bin/Release/net10.0/Kida.Cli"
work="${KIDA_BENCH_DIR:-$(mktemp -d)}"
mkdir -p "$work"

printf '| pages | wall s | rendering s | ms/page (wall) | pages/s | max RSS MB | workers |\n'
printf '|---:|---:|---:|---:|---:|---:|---:|\n'
first_ms=""
worst=0
status=0
for n in "${sizes[@]}"; do
  site="$work/site-$n"
  out="$work/out-$n"
  [ -d "$site" ] || "$kida" generate-site "$site" --pages "$n" >/dev/null
  rm -rf "$out"
  /usr/bin/time -v "$kida" render "$site" --out "$out" --quiet >"$work/render-$n.log" 2>"$work/time-$n.log"
  wall=$(sed -n 's/^Time: \([0-9.]*\) s wall, \([0-9.]*\) s rendering.*/\1/p' "$work/render-$n.log")
  rendering=$(sed -n 's/^Time: \([0-9.]*\) s wall, \([0-9.]*\) s rendering.*/\2/p' "$work/render-$n.log")
  pages=$(sed -n 's/^Rendered \([0-9]*\) pages.*/\1/p' "$work/render-$n.log")
  workers=$(sed -n 's/^Workers: \([0-9]*\)\..*/\1/p' "$work/render-$n.log")
  rss_kb=$(sed -n 's/.*Maximum resident set size (kbytes): \([0-9]*\)/\1/p' "$work/time-$n.log")
  ms=$(awk -v w="$wall" -v p="$pages" 'BEGIN { printf "%.3f", 1000 * w / p }')
  pps=$(awk -v w="$wall" -v p="$pages" 'BEGIN { printf "%.0f", p / w }')
  rss=$(awk -v k="$rss_kb" 'BEGIN { printf "%.0f", k / 1024 }')
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$pages" "$wall" "$rendering" "$ms" "$pps" "$rss" "$workers"
  if [ -z "$first_ms" ]; then first_ms=$ms; fi
  dev=$(awk -v a="$ms" -v b="$first_ms" 'BEGIN { d = (a - b) / b * 100; if (d < 0) d = -d; printf "%.1f", d }')
  worst=$(awk -v a="$dev" -v b="$worst" 'BEGIN { print (a > b) ? a : b }')
  last_rss=$rss
done
echo
echo "time per page: largest deviation from the smallest site ${worst}% (limit 15%)"
echo "peak memory at ${sizes[-1]} pages: ${last_rss} MB (limit 400 MB)"
awk -v d="$worst" 'BEGIN { exit (d > 15) }' || { echo "FAIL: time per page varies more than 15%"; status=1; }
awk -v r="$last_rss" 'BEGIN { exit (r >= 400) }' || { echo "FAIL: peak memory over 400 MB"; status=1; }
exit $status
