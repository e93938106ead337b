#!/usr/bin/env bash
# Sets everything up and starts the product locally:
#   app on http://localhost:3000, backend on http://localhost:7007.
# Ctrl-C stops everything.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/bootstrap.sh"
bootstrap
cd "$REPO_ROOT"

log "Starting the backend (:7007) and the app (:3000)"
exec yarn start
