#!/usr/bin/env bash
# The whole test suite, from a clean clone: checks prerequisites (installing what it can), builds everything in
# Release with warnings as errors, starts a throwaway PostgreSQL server in a temporary directory (exported to the
# tests as PUNCTUAL_TEST_POSTGRES, stopped and deleted at the end whatever happens), and runs every test project.
# Exits non-zero on any failure.
#
# Needs: the .NET 10 SDK. Installs when missing (as root, with apt-get): tzdata (IANA time zones), prometheus (for
# promtool, which lints /metrics) and, through scripts/postgres.sh, PostgreSQL 15+.
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 DOTNET_GENERATE_ASPNET_CERTIFICATE=false

if ! command -v dotnet >/dev/null 2>&1; then
  echo "error: the .NET 10 SDK is required (dotnet on PATH); see https://dot.net" >&2
  exit 1
fi

apt_install() {
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing $* with apt-get…"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else
    echo "error: $* is required; install it (e.g. apt-get install $*)" >&2
    exit 1
  fi
}

# Schedules are evaluated in IANA zones; the tests use Europe/Paris and America/New_York.
[ -f /usr/share/zoneinfo/Europe/Paris ] || apt_install tzdata
# The end-to-end metrics test pipes a real server's /metrics to `promtool check metrics`.
command -v promtool >/dev/null 2>&1 || apt_install prometheus

started=$(date +%s)
dotnet build Punctual.slnx -c Release -warnaserror -nologo -clp:ErrorsOnly

# The tests that need PostgreSQL (the driver's conformance suite among them) run against a real server. It is
# throwaway, so durability buys nothing: no fsync.
postgres_dir=$(mktemp -d)
stop_postgres() {
  local status=$?
  # On a failure, what the server itself complained about (refused connections, terminated backends) goes to the
  # log before the directory is deleted: CI keeps nothing else of it.
  if [ "$status" -ne 0 ] && [ -f "$postgres_dir/data/server.log" ]; then
    echo "PostgreSQL's own log, FATAL and PANIC lines (last 40):"
    grep -E "FATAL|PANIC" "$postgres_dir/data/server.log" | tail -40 || true
  fi
  scripts/postgres.sh stop "$postgres_dir" || true
  rm -rf "$postgres_dir"
}
trap stop_postgres EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
PUNCTUAL_TEST_POSTGRES=$(scripts/postgres.sh start "$postgres_dir" -c fsync=off -c synchronous_commit=off -c full_page_writes=off)
export PUNCTUAL_TEST_POSTGRES

dotnet test Punctual.slnx -c Release --no-build --nologo --logger "console;verbosity=minimal" "$@"
echo "All tests passed in $(( $(date +%s) - started ))s."
