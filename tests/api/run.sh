#!/usr/bin/env bash
# run.sh — the HTTP API suite, twice: on SQLite, then on a throwaway PostgreSQL cluster that
# this script creates and always removes. Exits non-zero when either run fails.
#
#   bash tests/api/run.sh                 # both databases
#   STIPPLE_BIN=build/debug/stipple bash tests/api/run.sh
#   STIPPLE_API_DBS=sqlite bash tests/api/run.sh      # one database only (sqlite|postgresql)
#   STIPPLE_TEST_CONCURRENCY=2 bash tests/api/run.sh  # test files at once (default 1)
set -u

cd "$(dirname "$0")/../.."
root=$PWD
export STIPPLE_BIN=${STIPPLE_BIN:-$root/build/asan/stipple}
case $STIPPLE_BIN in /*) ;; *) STIPPLE_BIN=$root/$STIPPLE_BIN ;; esac
concurrency=${STIPPLE_TEST_CONCURRENCY:-1}
dbs=${STIPPLE_API_DBS:-sqlite postgresql}

if [ ! -x "$STIPPLE_BIN" ]; then
    echo "tests/api/run.sh: $STIPPLE_BIN is missing; build it first (make build-asan)" >&2
    exit 2
fi
if [ ! -d node_modules/yaml ]; then
    npm ci --no-audit --no-fund >&2 || exit 2
fi

# Sanitizer reports go to the server's stderr; lib.mjs fails the file when it finds one.
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}

run_suite() {
    node --test --test-concurrency="$concurrency" --test-reporter=spec tests/api/
}

# Every temporary file of the run (SQLite databases, backups, the PostgreSQL cluster) lives
# under one directory that is removed at the end, whatever happens to the test processes.
run_tmp=$(mktemp -d "${TMPDIR:-/tmp}/stipple-api-run.XXXXXX") || exit 2
chmod 755 "$run_tmp"
export TMPDIR=$run_tmp

pgdir=
pgbin=
as_postgres() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}
stop_pg() {
    if [ -n "$pgdir" ] && [ -d "$pgdir" ]; then
        if [ -f "$pgdir/data/postmaster.pid" ]; then
            as_postgres "$pgbin/pg_ctl" -D "$pgdir/data" -m immediate -w stop >/dev/null 2>&1
        fi
        rm -rf "$pgdir"
    fi
    pgdir=
}
cleanup() {
    stop_pg
    rm -rf "$run_tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

start_pg() {
    pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
    if [ -z "$pgbin" ] || [ ! -x "$pgbin/initdb" ]; then
        echo "tests/api/run.sh: PostgreSQL server binaries not found under /usr/lib/postgresql" >&2
        return 1
    fi
    pgdir=$(mktemp -d "$run_tmp/pg.XXXXXX") || return 1
    if [ "$(id -u)" = 0 ]; then
        chown postgres: "$pgdir" || return 1
    fi
    as_postgres "$pgbin/initdb" -D "$pgdir/data" -A trust -U postgres >"$pgdir/initdb.log" 2>&1 || {
        cat "$pgdir/initdb.log" >&2
        return 1
    }
    as_postgres "$pgbin/pg_ctl" -D "$pgdir/data" -l "$pgdir/server.log" \
        -o "-k $pgdir -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        -w start >/dev/null || {
        cat "$pgdir/server.log" >&2
        return 1
    }
    export STIPPLE_TEST_PG=$pgdir
}

failed=0
for db in $dbs; do
    case $db in
    sqlite)
        echo "=== stipple API tests on SQLite ($STIPPLE_BIN) ==="
        unset STIPPLE_TEST_PG
        run_suite || failed=1
        ;;
    postgresql)
        echo "=== stipple API tests on PostgreSQL ($STIPPLE_BIN) ==="
        if start_pg; then
            "$pgbin/postgres" --version
            run_suite || failed=1
        else
            echo "tests/api/run.sh: could not start a PostgreSQL cluster" >&2
            failed=1
        fi
        stop_pg
        unset STIPPLE_TEST_PG
        ;;
    *)
        echo "tests/api/run.sh: unknown database '$db' in STIPPLE_API_DBS" >&2
        failed=1
        ;;
    esac
done

if [ "$failed" = 0 ]; then
    echo "=== stipple API tests: all runs passed ==="
else
    echo "=== stipple API tests: FAILED ===" >&2
fi
exit "$failed"
