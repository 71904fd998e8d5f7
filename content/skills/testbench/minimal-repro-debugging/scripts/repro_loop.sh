#!/usr/bin/env bash
# Run a command repeatedly to measure how often it fails and keep the logs
# of failing runs.
#
# Usage: repro_loop.sh [-n RUNS] [-o OUTDIR] [-s] -- command args...
#   -n RUNS   number of runs (default 20)
#   -o DIR    where to keep logs of failing runs (default ./repro-logs)
#   -s        stop at the first failure
set -uo pipefail

runs=20
outdir="./repro-logs"
stop_first=0

while getopts ":n:o:s" opt; do
  case "$opt" in
    n) runs="$OPTARG" ;;
    o) outdir="$OPTARG" ;;
    s) stop_first=1 ;;
    *) echo "usage: $0 [-n RUNS] [-o OUTDIR] [-s] -- command args..." >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[[ "${1:-}" == "--" ]] && shift
if [[ $# -eq 0 ]]; then
  echo "usage: $0 [-n RUNS] [-o OUTDIR] [-s] -- command args..." >&2
  exit 2
fi

mkdir -p "$outdir"
failures=0
first_log=""
declare -A codes=()
start_all=$(date +%s)

for ((i = 1; i <= runs; i++)); do
  log="$outdir/run-$i.log"
  t0=$(date +%s.%N)
  "$@" >"$log" 2>&1
  rc=$?
  t1=$(date +%s.%N)
  dur=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
  if [[ $rc -eq 0 ]]; then
    rm -f "$log"
    printf 'run %3d  ok    %6ss\n' "$i" "$dur"
  else
    failures=$((failures + 1))
    [[ -z "$first_log" ]] && first_log="$log"
    codes[$rc]=$(( ${codes[$rc]:-0} + 1 ))
    printf 'run %3d  FAIL  %6ss  exit=%d  log=%s\n' "$i" "$dur" "$rc" "$log"
    if [[ $stop_first -eq 1 ]]; then
      runs=$i
      break
    fi
  fi
done

elapsed=$(( $(date +%s) - start_all ))
echo "----"
echo "command : $*"
echo "runs    : $runs in ${elapsed}s"
echo "failures: $failures ($(awk -v f="$failures" -v r="$runs" 'BEGIN { printf "%.1f", 100 * f / r }')%)"
for code in "${!codes[@]}"; do
  echo "  exit $code: ${codes[$code]} time(s)"
done
if [[ $failures -gt 0 ]]; then
  echo "first failing log: $first_log"
  echo "---- last 15 lines ----"
  tail -n 15 "$first_log"
  exit 1
fi
exit 0
