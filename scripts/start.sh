#!/usr/bin/env bash
# Sets everything up and starts the product locally:
#   the ARM emulator's demo preset on http://127.0.0.1:7071 (stands in for Azure),
#   the backend on http://localhost:7007 and the app on http://localhost:3000.
# Ctrl-C stops everything.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/bootstrap.sh"
bootstrap
cd "$REPO_ROOT"

EMULATOR_PORT="${EMULATOR_PORT:-7071}"
log "Starting the Azure Resource Manager emulator (demo preset) on http://127.0.0.1:$EMULATOR_PORT"
node packages/azure-arm-emulator/bin/azure-arm-emulator --port "$EMULATOR_PORT" --preset demo &
EMULATOR_PID=$!
trap 'kill "$EMULATOR_PID" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$EMULATOR_PORT/_emulator/health" >/dev/null 2>&1 && break
  kill -0 "$EMULATOR_PID" 2>/dev/null || die "the ARM emulator did not start (is port $EMULATOR_PORT taken? set EMULATOR_PORT)"
  sleep 0.2
done

log "Starting the backend (:7007) and the app (:3000)"
yarn start
