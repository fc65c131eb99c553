#!/usr/bin/env bash
# Scale benchmark for `kida render`: generates synthetic sites (kida generate-site) of 1,000, 10,000 and 50,000
# pages, renders each with a Release build under /usr/bin/time -v, and prints time per page and peak memory (max
# RSS). Pass: time per page within 15% across the sizes, and max RSS under 400 MB at the largest size.
#
# "Time per page" is the marginal cost: (time − fixed) ÷ pages, where "fixed" is the same command on a 1-page site
# of the same shape (start-up, JIT, template compilation, the batch renderer's first measurements) — paid once,
# whatever the size. It is computed for two clocks:
#   - CPU time (user + system, from /usr/bin/time): what the pass/fail check uses, because on a shared machine the
#     wall clock measures the other processes as much as this one, while CPU time does not;
#   - wall time (the command's own clock, from argument parsing to the summary), printed alongside with the
#     share of a processor the process actually got.
# Each size runs RUNS times (default 3; rounds interleave the sizes) and the run with the least CPU time counts.
#
#   bench/site-scale.sh                          # 1000 10000 50000
#   bench/site-scale.sh 1000 5000                # other sizes
#   KIDA_BENCH_DIR=/tmp/kb RUNS=3 bench/site-scale.sh
#
# Needs GNU time (`apt-get install time`). Sites are generated, never committed.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(1000 10000 50000)
runs="${RUNS:-3}"
[ -x /usr/bin/time ] || { echo "GNU time is missing: apt-get install time" >&2; exit 2; }

dotnet build -c Release "$root/src/Kida.Cli" -v q -nologo >/dev/null
kida="$root/src/Kida.Cli/bin/Release/net10.0/Kida.Cli"
work="${KIDA_BENCH_DIR:-$(mktemp -d)}"
mkdir -p "$work"

# One render of site-$1; records its CPU, wall, etc. under best_* if it used less CPU than the best so far.
declare -A best_cpu best_wall best_share best_pages best_workers best_rss
render_once() {
  local n=$1 c
  [ -d "$work/site-$n" ] || "$kida" generate-site "$work/site-$n" --pages "$n" >/dev/null
  rm -rf "$work/out-$n"
  /usr/bin/time -v "$kida" render "$work/site-$n" --out "$work/out-$n" --quiet >"$work/render-$n.log" 2>"$work/time-$n.log"
  c=$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.2f", s }' "$work/time-$n.log")
  if [ -z "${best_cpu[$n]:-}" ] || awk -v a="$c" -v b="${best_cpu[$n]}" 'BEGIN { exit !(a < b) }'; then
    best_cpu[$n]=$c
    best_wall[$n]=$(sed -n 's/^Time: \([0-9.]*\) s wall.*/\1/p' "$work/render-$n.log")
    best_share[$n]=$(sed -n 's/.*Percent of CPU this job got: \([0-9]*\)%.*/\1/p' "$work/time-$n.log")
    best_pages[$n]=$(sed -n 's/^Rendered \([0-9]*\) pages.*/\1/p' "$work/render-$n.log")
    best_workers[$n]=$(sed -n 's/^Workers: \([0-9]*\)\..*/\1/p' "$work/render-$n.log")
    best_rss[$n]=$(sed -n 's/.*Maximum resident set size (kbytes): \([0-9]*\)/\1/p' "$work/time-$n.log" | awk '{ printf "%.0f", $1 / 1024 }')
  fi
}

# Rounds interleave the sizes, so a stretch of load from elsewhere hits every size rather than one.
for ((r = 0; r < runs; r++)); do
  for n in 1 "${sizes[@]}"; do render_once "$n"; done
done

fixed_cpu=${best_cpu[1]}
fixed_wall=${best_wall[1]}
echo "fixed cost (1-page site): ${fixed_cpu} s CPU, ${fixed_wall} s wall, ${best_rss[1]} MB max RSS; load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
printf '| pages | CPU s | CPU ms/page (marginal) | wall s | wall ms/page (marginal) | CPU share | pages/s (wall) | max RSS, MB | workers |\n'
printf '|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n'
first=""
worst=0
for n in "${sizes[@]}"; do
  cpu=${best_cpu[$n]} wall=${best_wall[$n]} pages=${best_pages[$n]} rss=${best_rss[$n]}
  ms=$(awk -v c="$cpu" -v f="$fixed_cpu" -v p="$pages" 'BEGIN { printf "%.3f", 1000 * (c - f) / p }')
  wms=$(awk -v w="$wall" -v f="$fixed_wall" -v p="$pages" 'BEGIN { printf "%.3f", 1000 * (w - f) / p }')
  pps=$(awk -v w="$wall" -v p="$pages" 'BEGIN { printf "%.0f", p / w }')
  printf '| %s | %s | %s | %s | %s | %s%% | %s | %s | %s |\n' "$pages" "$cpu" "$ms" "$wall" "$wms" "${best_share[$n]}" "$pps" "$rss" "${best_workers[$n]}"
  [ -z "$first" ] && first=$ms
  worst=$(awk -v a="$ms" -v b="$first" -v w="$worst" 'BEGIN { d = (a - b) / b * 100; if (d < 0) d = -d; print (d > w) ? d : w }')
done
echo
status=0
printf 'CPU time per page: largest deviation from the smallest site %.1f%% (limit 15%%)\n' "$worst"
echo "peak memory at ${sizes[-1]} pages: ${rss} MB (limit 400 MB)"
awk -v d="$worst" 'BEGIN { exit (d > 15) }' || { echo "FAIL: time per page varies more than 15%"; status=1; }
awk -v r="$rss" 'BEGIN { exit (r >= 400) }' || { echo "FAIL: peak memory over 400 MB"; status=1; }
exit $status
