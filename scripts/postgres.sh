#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests, in ./.pgdata, on 127.0.0.1 only.
#
#   scripts/postgres.sh start   # installs Debian's postgresql if absent, starts the cluster and
#                               # prints `export MAGDIT_TEST_DATABASE_URL=...` on stdout, so:
#                               #   eval "$(scripts/postgres.sh start)"
#   scripts/postgres.sh url     # prints the URL of the cluster (started or not)
#   scripts/postgres.sh stop    # stops it (the data stays in .pgdata; rm -rf .pgdata to reset)
#
# PostgreSQL refuses to run as root: as root, the cluster belongs to the `postgres` system user.
# The superuser `magdit` gets a random password (scram-sha-256); nothing listens on a unix socket.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
STATE="$ROOT/.pgdata"
CLUSTER="$STATE/cluster"
PGUSER_NAME=magdit
PGDB_NAME=magdit
DEFAULT_PORT="${MAGDIT_PG_PORT:-55432}"

say() { echo "postgres.sh: $*" >&2; }

find_bindir() {
    local candidate
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(readlink -f "$(command -v pg_ctl)")"
        return 0
    fi
    for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [[ -x "$candidate/initdb" && -x "$candidate/pg_ctl" ]]; then
            echo "$candidate"
            return 0
        fi
    done
    return 1
}

install_postgres() {
    if [[ "$(id -u)" -ne 0 ]]; then
        say "PostgreSQL is not installed and I am not root: run 'apt-get install postgresql' first."
        exit 1
    fi
    say "PostgreSQL not found: installing Debian's postgresql package"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    # The package's post-install creates a default cluster; we never start or use it.
    apt-get install -y -qq --no-install-recommends postgresql >&2
}

# run CMD... as the cluster's owner: `postgres` when we are root, ourselves otherwise
as_owner() {
    if [[ "$(id -u)" -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

port_in_use() {
    python3 - "$1" <<'EOF'
import socket, sys
with socket.socket() as s:
    sys.exit(0 if s.connect_ex(("127.0.0.1", int(sys.argv[1]))) == 0 else 1)
EOF
}

free_port() {
    local port="$DEFAULT_PORT"
    while port_in_use "$port"; do
        port=$((port + 1))
    done
    echo "$port"
}

url() {
    local password port
    password="$(cat "$STATE/password")"
    port="$(cat "$STATE/port")"
    echo "postgresql://$PGUSER_NAME:$password@127.0.0.1:$port/$PGDB_NAME"
}

init_cluster() {
    local bindir="$1" port password
    if [[ "$(id -u)" -eq 0 ]] && ! id postgres >/dev/null 2>&1; then
        useradd --system --home-dir /var/lib/postgresql --shell /usr/sbin/nologin postgres
    fi
    port="$(free_port)"
    password="$(python3 -c 'import secrets; print(secrets.token_urlsafe(24))')"
    rm -rf "$STATE"
    mkdir -p "$STATE"
    chmod 700 "$STATE"
    (umask 077 && echo "$password" >"$STATE/password")
    echo "$port" >"$STATE/port"
    if [[ "$(id -u)" -eq 0 ]]; then
        chown -R postgres: "$STATE"
    fi
    say "creating a throwaway cluster in $CLUSTER (port $port)"
    as_owner "$bindir/initdb" --pgdata="$CLUSTER" --username="$PGUSER_NAME" --pwfile="$STATE/password" \
        --auth=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >"$STATE/initdb.log" 2>&1 || {
        cat "$STATE/initdb.log" >&2
        exit 1
    }
    cat >>"$CLUSTER/postgresql.conf" <<EOF
# scripts/postgres.sh: a throwaway test cluster
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = ''
max_connections = 200
fsync = on
EOF
    # A fresh cluster's default database for the URL.
    start_server "$bindir"
    PGPASSWORD="$password" "$bindir/psql" -q -h 127.0.0.1 -p "$port" -U "$PGUSER_NAME" \
        -d postgres -c "CREATE DATABASE $PGDB_NAME" >&2
}

running() {
    local bindir="$1"
    [[ -f "$CLUSTER/postmaster.pid" ]] && as_owner "$bindir/pg_ctl" status --pgdata="$CLUSTER" >/dev/null 2>&1
}

start_server() {
    local bindir="$1"
    if [[ -f "$STATE/port" ]] && ! running "$bindir" && port_in_use "$(cat "$STATE/port")"; then
        local port
        port="$(free_port)"
        say "port $(cat "$STATE/port") is taken: moving the cluster to $port"
        sed -i "s/^port = .*/port = $port/" "$CLUSTER/postgresql.conf"
        echo "$port" >"$STATE/port"
    fi
    as_owner "$bindir/pg_ctl" start --pgdata="$CLUSTER" --log="$STATE/server.log" --wait --timeout=60 \
        --silent >&2 || {
        tail -n 30 "$STATE/server.log" >&2
        exit 1
    }
}

cmd_start() {
    local bindir
    bindir="$(find_bindir)" || {
        install_postgres
        bindir="$(find_bindir)"
    }
    if [[ ! -f "$CLUSTER/PG_VERSION" ]]; then
        init_cluster "$bindir"
    elif running "$bindir"; then
        say "already running on port $(cat "$STATE/port")"
    else
        start_server "$bindir"
    fi
    say "$("$bindir/postgres" --version) on 127.0.0.1:$(cat "$STATE/port")"
    echo "export MAGDIT_TEST_DATABASE_URL='$(url)'"
}

cmd_stop() {
    local bindir
    if ! bindir="$(find_bindir)" || [[ ! -f "$CLUSTER/PG_VERSION" ]]; then
        say "no cluster in $CLUSTER"
        return 0
    fi
    if running "$bindir"; then
        as_owner "$bindir/pg_ctl" stop --pgdata="$CLUSTER" --mode=fast --wait --silent >&2
        say "stopped"
    else
        say "not running"
    fi
}

case "${1:-}" in
start) cmd_start ;;
stop) cmd_stop ;;
url) url ;;
*)
    echo "usage: $0 start|stop|url" >&2
    exit 2
    ;;
esac
