#!/usr/bin/env bash
# Scale benchmark for `kida render`: generates synthetic sites (kida generate-site) of 1,000, 10,000 and 50,000
# pages, renders each with a Release build under /usr/bin/time -v, and prints time per page and peak memory (max
# RSS). Pass: the rendering phase's time per page within 15% across the sizes, the cost of a page not growing with
# the site, and max RSS under 400 MB at the largest size.
#
# What is measured, per size:
#   - CPU (user + sys, /usr/bin/time) and wall time of the whole process: the totals a user waits for;
#   - "before": what the command reports before its batch (loading the site, compiling templates and planning, the
#     warm-up render of each template), and "rendering": the batch itself (building each page's context, rendering,
#     writing) — from the command's own summary, so process start, site loading and compilation are left out;
#   - rendering ms/page = rendering ÷ pages, and work ms/page = the template renders alone ÷ pages;
#   - marginal ms/page between consecutive sizes, (T(n) − T(m)) ÷ (n − m), of CPU and of rendering: every fixed
#     cost cancels out, including those a small run pays inside its rendering phase (the JIT replacing quickly
#     compiled code with optimized code during the first seconds). If a page's cost grew with the site (say a
#     navigation over every page), the later marginal cost would be the larger one.
# Each size runs RUNS times (default 5; rounds interleave the sizes) and the run with the least CPU time counts.
#
#   bench/site-scale.sh                          # 1000 10000 50000
#   bench/site-scale.sh 1000 5000                # other sizes
#   KIDA_BENCH_DIR=/tmp/kb KIDA_BENCH_OUT=/dev/shm/kida-bench RUNS=3 WORKERS=1 bench/site-scale.sh
#   KIDA_BENCH_BUILD=jit bench/site-scale.sh     # the JIT build instead of the native one (the default)
#
# WORKERS (default 1) is passed to --workers: the same code path at every size, so the figures compare; use
# WORKERS=auto to see what the command picks. KIDA_BENCH_OUT (default: under KIDA_BENCH_DIR) is where pages are
# written: on a disk shared with other work, writeback of tens of thousands of files can cost more than rendering
# them and varies by 10× from run to run; a tmpfs (/dev/shm) keeps the disk out of the measurement.
#
# Needs GNU time (`apt-get install time`) and, for the native build, a C toolchain (clang, or gcc). Sites are
# generated, never committed.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(1000 10000 50000)
runs="${RUNS:-5}"
workers="${WORKERS:-1}"
[ -x /usr/bin/time ] || { echo "GNU time is missing: apt-get install time" >&2; exit 2; }

work="${KIDA_BENCH_DIR:-$(mktemp -d)}"
out="${KIDA_BENCH_OUT:-$work}"
mkdir -p "$work" "$out"
# KIDA_BENCH_BUILD=native (default): the native build of the command (Native AOT, no JIT: what a page costs does not
# depend on how long the process has run). KIDA_BENCH_BUILD=jit: the framework-dependent build `dotnet run` uses, whose
# first seconds run quickly-compiled code (docs/cli.md, Scale).
build="${KIDA_BENCH_BUILD:-native}"
if [ "$build" = native ]; then
  case "$(uname -m)" in aarch64 | arm64) rid=linux-arm64 ;; *) rid=linux-x64 ;; esac
  linker=()
  command -v clang >/dev/null || linker=(-p:CppCompilerAndLinker=gcc)
  dotnet publish "$root/src/Kida.Cli" -c Release -r "$rid" -p:KidaNative=true "${linker[@]}" -o "$work/native" -v q -nologo >/dev/null
  kida="$work/native/Kida.Cli"
else
  dotnet build -c Release "$root/src/Kida.Cli" -v q -nologo >/dev/null
  kida="$root/src/Kida.Cli/bin/Release/net10.0/Kida.Cli"
fi

# One render of site-$1; records its figures under best_* if it used less CPU than the best so far.
declare -A best_cpu best_sys best_wall best_before best_render best_work best_pages best_workers best_rss
render_once() {
  local n=$1 c log="$work/render-$1.log"
  [ -d "$work/site-$n" ] || "$kida" generate-site "$work/site-$n" --pages "$n" >/dev/null
  rm -rf "$out/out-$n"
  /usr/bin/time -v "$kida" render "$work/site-$n" --out "$out/out-$n" --workers "$workers" --quiet >"$log" 2>"$work/time-$n.log"
  rm -rf "$out/out-$n"
  c=$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.2f", s }' "$work/time-$n.log")
  if [ -z "${best_cpu[$n]:-}" ] || awk -v a="$c" -v b="${best_cpu[$n]}" 'BEGIN { exit !(a < b) }'; then
    best_cpu[$n]=$c
    best_sys[$n]=$(awk -F': ' '/System time/ { printf "%.2f", $2 }' "$work/time-$n.log")
    best_wall[$n]=$(sed -n 's/^Time: \([0-9.]*\) s wall.*/\1/p' "$log")
    best_render[$n]=$(sed -n 's/^Time: [0-9.]* s wall, \([0-9.]*\) s rendering.*/\1/p' "$log")
    best_work[$n]=$(sed -n 's/^Time: .* rendering (\([0-9.]*\) s of work.*/\1/p' "$log")
    best_before[$n]=$(sed -n 's/^Before rendering: \([0-9.]*\) s loading the site, \([0-9.]*\) s compiling templates and planning, \([0-9.]*\) s warming up.*/\1 \2 \3/p' "$log" | awk '{ printf "%.2f", $1 + $2 + $3 }')
    best_pages[$n]=$(sed -n 's/^Rendered \([0-9]*\) pages.*/\1/p' "$log")
    best_workers[$n]=$(sed -n 's/^Workers: \([0-9]*\).*/\1/p' "$log")
    best_rss[$n]=$(sed -n 's/.*Maximum resident set size (kbytes): \([0-9]*\)/\1/p' "$work/time-$n.log" | awk '{ printf "%.0f", $1 / 1024 }')
  fi
}

# Rounds interleave the sizes, so a stretch of load from elsewhere hits every size rather than one.
for ((r = 0; r < runs; r++)); do
  for n in "${sizes[@]}"; do render_once "$n"; done
done

echo "build: $build; workers: $workers; pages written to $out; load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
printf '| pages | CPU s (sys) | wall s | before rendering s | rendering s | rendering ms/page | work ms/page | max RSS, MB | workers |\n'
printf '|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n'
for n in "${sizes[@]}"; do
  p=${best_pages[$n]}
  printf '| %s | %s (%s) | %s | %s | %s | %s | %s | %s | %s |\n' "$p" "${best_cpu[$n]}" "${best_sys[$n]}" "${best_wall[$n]}" "${best_before[$n]}" "${best_render[$n]}" \
    "$(awk -v t="${best_render[$n]}" -v p="$p" 'BEGIN { printf "%.3f", 1000 * t / p }')" \
    "$(awk -v t="${best_work[$n]}" -v p="$p" 'BEGIN { printf "%.3f", 1000 * t / p }')" "${best_rss[$n]}" "${best_workers[$n]}"
done
echo
printf '| from → to | marginal CPU ms/page | marginal rendering ms/page |\n'
printf '|---|---:|---:|\n'
prev="" first_margin="" last_margin=""
for n in "${sizes[@]}"; do
  if [ -n "$prev" ]; then
    dp=$(( ${best_pages[$n]} - ${best_pages[$prev]} ))
    mc=$(awk -v a="${best_cpu[$n]}" -v b="${best_cpu[$prev]}" -v d="$dp" 'BEGIN { printf "%.3f", 1000 * (a - b) / d }')
    mr=$(awk -v a="${best_render[$n]}" -v b="${best_render[$prev]}" -v d="$dp" 'BEGIN { printf "%.3f", 1000 * (a - b) / d }')
    printf '| %s → %s | %s | %s |\n' "${best_pages[$prev]}" "${best_pages[$n]}" "$mc" "$mr"
    [ -z "$first_margin" ] && first_margin=$mr
    last_margin=$mr
  fi
  prev=$n
done
echo

status=0
first="" worst=0
for n in "${sizes[@]}"; do
  ms=$(awk -v t="${best_render[$n]}" -v p="${best_pages[$n]}" 'BEGIN { printf "%.6f", t / p }')
  [ -z "$first" ] && first=$ms
  worst=$(awk -v a="$ms" -v b="$first" -v w="$worst" 'BEGIN { d = (a - b) / b * 100; if (d < 0) d = -d; print (d > w) ? d : w }')
done
rss=${best_rss[${sizes[-1]}]}
printf 'rendering time per page: largest deviation from the smallest site %.1f%% (limit 15%%)\n' "$worst"
awk -v d="$worst" 'BEGIN { exit (d > 15) }' || { echo "FAIL: rendering time per page varies more than 15%"; status=1; }
if [ -n "$last_margin" ]; then
  growth=$(awk -v a="$last_margin" -v b="$first_margin" 'BEGIN { printf "%.1f", (a - b) / b * 100 }')
  echo "marginal rendering cost per page, last step against the first: ${growth}% (limit +15%: a page must not cost more in a larger site)"
  awk -v g="$growth" 'BEGIN { exit (g > 15) }' || { echo "FAIL: a page costs more in a larger site"; status=1; }
fi
echo "peak memory at ${sizes[-1]} pages: ${rss} MB (limit 400 MB)"
awk -v r="$rss" 'BEGIN { exit (r >= 400) }' || { echo "FAIL: peak memory over 400 MB"; status=1; }
exit $status
