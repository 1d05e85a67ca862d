#!/usr/bin/env bash
# Punctual's benchmark suite (DESIGN.md §7, docs/performance.md).
#
#   bench/run.sh [--quick] [--store sqlite|postgres] [--repeat N] [--engine Option=Value]… [W1 … W6]
#
# Builds Release (into a cache under artifacts/, so concurrent builds of src/ are not disturbed), publishes the
# server, the sink and the driver into a private temporary directory, runs the named workloads (default: W1–W3
# with --quick, all available ones otherwise), prints one JSON line per workload run and appends them to
# bench/results/<UTC stamp>.jsonl. Everything it starts is stopped on exit, failure or signal included, and every
# step has a time limit. No standard input is read.
#
# Exit: 0 all ran; 1 a workload failed; 2 bad usage or build failure; 3 nothing requested is available yet;
# 124 the time limit was reached; 130 interrupted.
set -euo pipefail

usage() { sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; }

quick=0
repeat=1
store=sqlite
driver_args=()
while (($#)); do
  case "$1" in
    --quick) quick=1; driver_args+=(--quick) ;;
    --store) [[ $# -ge 2 ]] || { usage >&2; exit 2; }; store=$2; driver_args+=(--store "$2"); shift ;;
    --repeat) [[ $# -ge 2 && $2 =~ ^[1-9]$ ]] || { echo "--repeat takes 1..9" >&2; exit 2; }; repeat=$2; driver_args+=(--repeat "$2"); shift ;;
    --engine) [[ $# -ge 2 && $2 == *=* ]] || { echo "--engine takes Option=Value" >&2; exit 2; }; driver_args+=(--engine "$2"); shift ;;
    -h|--help) usage; exit 0 ;;
    [Ww][1-9]) driver_args+=("${1^^}") ;;
    *) echo "unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done
case "$store" in sqlite|postgres) ;; *) echo "--store must be sqlite or postgres" >&2; exit 2 ;; esac

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
results_dir="$repo/bench/results"
mkdir -p "$results_dir"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
partial="$results_dir/$stamp.jsonl.tmp"
final="$results_dir/$stamp.jsonl"
work=$(mktemp -d "${TMPDIR:-/tmp}/punctual-bench.XXXXXXXX")
# PostgreSQL runs as the `postgres` OS user (initdb refuses root): it must be able to reach $work/pg.
chmod 711 "$work"
driver_pid=

log() { printf '[run.sh %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

# Ends only what this run started: the driver, and the children it recorded in $work/pids, each checked to still
# be one of ours (its command line names our work directory) so a reused pid is never hit.
stop_started() {
  if [[ -n $driver_pid ]] && kill -0 "$driver_pid" 2>/dev/null; then
    kill -TERM "$driver_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$driver_pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$driver_pid" 2>/dev/null || true
  fi
  if [[ -f $work/pids ]]; then
    while read -r pid; do
      [[ $pid =~ ^[0-9]+$ ]] || continue
      if { tr '\0' ' ' <"/proc/$pid/cmdline"; } 2>/dev/null | grep -qF "$work"; then
        kill -TERM "$pid" 2>/dev/null || true
        sleep 1
        kill -KILL "$pid" 2>/dev/null || true
      fi
    done <"$work/pids"
  fi
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM HUP
  stop_started
  if [[ -s $partial ]]; then
    mv "$partial" "$final"
    log "results: ${final#"$repo"/}"
  else
    rm -f "$partial"
  fi
  # The throwaway PostgreSQL of --store postgres, should the driver not have stopped it.
  if [[ -f $work/pg/data/postmaster.pid ]]; then "$repo/scripts/postgres.sh" stop "$work/pg" >/dev/null 2>&1 || true; fi
  rm -rf "$work/stores" "$work/pg"
  if ((rc == 0)); then
    rm -rf "$work"
  else
    log "logs kept in $work"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

# Build and publish. The cache under artifacts/ keeps rebuilds incremental and apart from src/*/bin and obj.
log "building (Release)"
cache="$repo/artifacts/bench-build"
publish() {
  timeout 600 dotnet publish "$repo/$1" -c Release --nologo -v quiet --artifacts-path "$cache" -o "$work/bin/$2" </dev/null >"$work/build-$2.log" 2>&1 \
    || { cat "$work/build-$2.log" >&2; log "build of $1 failed"; exit 2; }
}
publish src/Punctual.Cli punctual
publish bench/Punctual.Bench.Sink sink
publish bench/Punctual.Bench driver

commit=$(git -C "$repo" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
if [[ -n $(git -C "$repo" status --porcelain -- src 2>/dev/null) ]]; then commit="$commit+uncommitted-src"; fi
sdk=$(timeout 60 dotnet --version </dev/null 2>/dev/null || echo unknown)

# The time limit of the whole measurement: --quick targets 5 minutes for W1–W3; a full round of W1, W2, W3 and W6
# targets 30 minutes. The limits are a little above the targets, per round.
if ((quick)); then budget=$((420 * repeat)); else budget=$((1800 * repeat)); fi
log "running (limit ${budget} s), work directory $work"
# Higher CPU and I/O priority where allowed (root): on a shared machine, builds and tests next door then disturb
# the measurement less. Everything measured, the limits included, runs at the same priority; recorded as "priority".
priority=()
if [[ $(id -u) == 0 ]]; then
  priority=(nice -n -10)
  if command -v ionice >/dev/null; then priority+=(ionice -c 2 -n 0); fi
fi
set +e
timeout --signal=TERM --kill-after=60 "$budget" \
  "${priority[@]}" "$work/bin/driver/punctual-bench" \
  --punctual "$work/bin/punctual/punctual" --sink "$work/bin/sink/Punctual.Bench.Sink" \
  --work "$work" --results "$partial" --sdk "$sdk" --commit "$commit" --priority "${priority[*]:-default}" \
  --postgres-script "$repo/scripts/postgres.sh" \
  "${driver_args[@]}" </dev/null &
driver_pid=$!
wait "$driver_pid"
rc=$?
set -e
driver_pid=
if ((rc == 124)); then log "time limit of ${budget} s reached"; fi
if [[ -s $partial ]] && ((repeat > 1)); then
  "$work/bin/driver/punctual-bench" --summarize "$partial" >&2 </dev/null || true
fi
exit "$rc"
