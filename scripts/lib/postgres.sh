# Sourced by test.sh. Starts a throwaway PostgreSQL 15 cluster on loopback for the database
# tests, unless BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is already set.

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
PG_TMP=""
PG_AS=()

pg_free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

start_postgres() {
  if [ -n "${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-}" ]; then
    log "Using PostgreSQL from BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING"
    return
  fi
  [ -x "$PG_BIN/initdb" ] || die "PostgreSQL 15 is not installed ($PG_BIN/initdb). Install it: apt-get install postgresql-15"
  PG_TMP="$(mktemp -d /tmp/pavedai-pg.XXXXXX)"
  if [ "$(id -u)" = 0 ]; then
    # initdb refuses to run as root: run the cluster as the postgres user of Debian's package.
    id postgres >/dev/null 2>&1 || die "running as root needs the 'postgres' user (apt-get install postgresql-15)"
    chown postgres "$PG_TMP"
    local runuser
    runuser="$(PATH="$PATH:/usr/sbin:/sbin" command -v runuser)" || die "runuser (util-linux) is needed to run PostgreSQL as the postgres user"
    PG_AS=("$runuser" -u postgres --)
  fi
  local port
  port="$(pg_free_port)"
  log "Starting a throwaway PostgreSQL 15 cluster on 127.0.0.1:$port"
  "${PG_AS[@]}" "$PG_BIN/initdb" -D "$PG_TMP/data" -U postgres --auth=trust -E UTF8 >"$PG_TMP/initdb.log" 2>&1 \
    || { cat "$PG_TMP/initdb.log" >&2; die "initdb failed"; }
  "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $PG_TMP -c max_connections=200 -c fsync=off" start >/dev/null \
    || { cat "$PG_TMP/server.log" >&2; die "PostgreSQL did not start"; }
  export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="postgresql://postgres@127.0.0.1:$port"
}

stop_postgres() {
  [ -n "$PG_TMP" ] || return 0
  "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PG_TMP"
  PG_TMP=""
}
