#!/usr/bin/env bash
# A throwaway PostgreSQL server for tests and benchmarks, living entirely in one directory.
#
#   scripts/postgres.sh start DIR [-c name=value ...]   initdb in DIR, start on a free port (127.0.0.1 only),
#                                                      create database `punctual`, print its URL on stdout
#   scripts/postgres.sh stop DIR                        stop it (fast mode); harmless if already stopped
#   scripts/postgres.sh url DIR                         print the URL of a server started in DIR
#
# Uses the newest PostgreSQL 15+ found in /usr/lib/postgresql/*/bin (or on PATH); when there is none, installs
# Debian's `postgresql` with apt-get (as root), else fails saying what to install. Never uses or needs an existing
# cluster. Runs as the `postgres` OS user when started as root (initdb refuses root). The server trusts local
# connections, keeps its socket in DIR, and preloads pg_stat_statements (the benchmarks count SQL statements).
# Extra `-c name=value` settings are passed to the server. Every step is bounded by a timeout; needs no stdin.
set -euo pipefail

MIN_VERSION=15
DATABASE=punctual

die() {
  echo "postgres.sh: error: $*" >&2
  exit 1
}

log() {
  echo "postgres.sh: $*" >&2
}

usage() {
  echo "usage: $0 start DIR [-c name=value ...] | stop DIR | url DIR" >&2
  exit 2
}

# The bin directory of the newest PostgreSQL >= MIN_VERSION, or nothing.
find_bindir() {
  local dir version
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4 -V -r); do
    version=$(basename "$(dirname "$dir")")
    if [ "${version%%.*}" -ge "$MIN_VERSION" ] 2>/dev/null && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
      echo "$dir"
      return
    fi
  done

  if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
    dir=$(dirname "$(readlink -f "$(command -v pg_ctl)")")
    version=$("$dir/pg_ctl" --version 2>/dev/null | sed -E 's/.* ([0-9]+)(\.[0-9]+)?.*/\1/')
    if [ "${version:-0}" -ge "$MIN_VERSION" ] 2>/dev/null && [ -x "$dir/postgres" ]; then
      echo "$dir"
    fi
  fi
}

install_postgres() {
  if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
    die "PostgreSQL $MIN_VERSION or newer is required and was not found in /usr/lib/postgresql/*/bin or on PATH; install it (e.g. 'sudo apt-get install postgresql') or run this script as root to install it"
  fi

  log "PostgreSQL not found; installing it with apt-get…"
  export DEBIAN_FRONTEND=noninteractive
  timeout 300 apt-get update -qq </dev/null >/dev/null || die "apt-get update failed or timed out"
  timeout 600 apt-get install -y -qq --no-install-recommends postgresql </dev/null >/dev/null \
    || die "apt-get install postgresql failed or timed out"
}

# Runs a command as the server's OS user: `postgres` when we are root, ourselves otherwise.
as_owner() {
  if [ "$(id -u)" = "0" ]; then
    if command -v runuser >/dev/null 2>&1; then
      runuser -u postgres -- "$@"
    else
      su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
    fi
  else
    "$@"
  fi
}

ensure_postgres_user() {
  if [ "$(id -u)" = "0" ] && ! id postgres >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin postgres
  fi
}

# A TCP port nobody listens on now (the start retries with another one if it is taken meanwhile).
free_port() {
  local port tries
  for tries in $(seq 1 50); do
    port=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  die "no free TCP port found"
}

url_of() {
  echo "postgresql://postgres@127.0.0.1:$1/$DATABASE"
}

start() {
  local dir="$1"
  shift
  local settings=("$@")

  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  [ -e "$dir/data" ] && die "$dir/data already exists; stop and remove the old server first"

  local bindir
  bindir=$(find_bindir)
  if [ -z "$bindir" ]; then
    install_postgres
    bindir=$(find_bindir)
    [ -n "$bindir" ] || die "PostgreSQL was installed but no PostgreSQL $MIN_VERSION+ binaries were found"
  fi

  ensure_postgres_user
  mkdir -p "$dir/data" "$dir/socket"
  if [ "$(id -u)" = "0" ]; then
    chown -R postgres: "$dir"
  fi
  as_owner test -w "$dir/data" || die "the postgres OS user cannot write to $dir (is a parent directory private?); use a directory under /tmp"

  log "initdb with $bindir…"
  as_owner timeout 120 "$bindir/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C -N </dev/null >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; die "initdb failed"; }

  local port attempt
  for attempt in 1 2 3 4 5; do
    port=$(free_port)
    {
      echo "# Written by scripts/postgres.sh"
      echo "listen_addresses = '127.0.0.1'"
      echo "port = $port"
      echo "unix_socket_directories = '$dir/socket'"
      echo "shared_preload_libraries = 'pg_stat_statements'"
      echo "max_connections = 300"
      echo "logging_collector = off"
    } >"$dir/data/postgresql.auto.conf"
    if as_owner timeout 90 "$bindir/pg_ctl" -D "$dir/data" -l "$dir/data/server.log" -w -t 60 \
      -o "$(printf -- '%s ' "${settings[@]}")" start </dev/null >/dev/null 2>&1; then
      break
    fi

    log "start on port $port failed (attempt $attempt):"
    tail -n 5 "$dir/data/server.log" >&2 || true
    as_owner timeout 30 "$bindir/pg_ctl" -D "$dir/data" -m immediate -w -t 20 stop </dev/null >/dev/null 2>&1 || true
    port=""
  done
  [ -n "$port" ] || die "the server did not start; see $dir/data/server.log"

  echo "$bindir" >"$dir/bindir"
  echo "$port" >"$dir/port"
  local psql=(timeout 60 "$bindir/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir/socket" -p "$port" -U postgres)
  PGCONNECT_TIMEOUT=10 "${psql[@]}" -d postgres -c "CREATE DATABASE $DATABASE" </dev/null >/dev/null \
    || die "creating database $DATABASE failed"
  PGCONNECT_TIMEOUT=10 "${psql[@]}" -d "$DATABASE" -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" </dev/null >/dev/null \
    || die "creating extension pg_stat_statements failed"

  url_of "$port" | tee "$dir/url"
  log "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') running in $dir on 127.0.0.1:$port"
}

stop() {
  local dir="$1"
  [ -f "$dir/data/postmaster.pid" ] || return 0
  local bindir
  bindir=$(cat "$dir/bindir" 2>/dev/null || find_bindir)
  if ! as_owner timeout 60 "$bindir/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop </dev/null >/dev/null 2>&1; then
    # Still up after the fast shutdown's wait: make sure nothing is left behind.
    local pid
    pid=$(head -n 1 "$dir/data/postmaster.pid" 2>/dev/null || true)
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      log "fast shutdown timed out; killing the server (pid $pid)"
      kill -9 "$pid" 2>/dev/null || true
    fi
  fi
}

[ $# -ge 2 ] || usage
command="$1"
dir="$2"
shift 2
case "$command" in
  start) start "$dir" "$@" ;;
  stop) [ $# -eq 0 ] || usage; stop "$dir" ;;
  url) [ $# -eq 0 ] || usage; cat "$dir/url" ;;
  *) usage ;;
esac
