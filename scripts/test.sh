#!/usr/bin/env bash
# Sets everything up and runs the whole test suite, in order: lint, type-check, unit and
# integration tests (with the database tests on SQLite and on a throwaway PostgreSQL 15),
# then end-to-end tests in Debian's headless Chromium against the real backend and the built
# app. Ends with one line "N passed, N failed" and exits non-zero if anything failed.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/bootstrap.sh"
source "$(dirname "${BASH_SOURCE[0]}")/lib/postgres.sh"
source "$(dirname "${BASH_SOURCE[0]}")/lib/system-deps.sh"
set -e
ensure_system_packages
bootstrap
set +e
cd "$REPO_ROOT"

REPORTS="$REPO_ROOT/.tmp/reports"
rm -rf "$REPORTS"
mkdir -p "$REPORTS"
CHECKS=()

check() {
  local name="$1"
  shift
  log "$name"
  if "$@"; then
    CHECKS+=("{\"name\":\"$name\",\"ok\":true}")
  else
    CHECKS+=("{\"name\":\"$name\",\"ok\":false}")
    printf '\033[31mFAILED: %s\033[0m\n' "$name" >&2
  fi
}

trap stop_postgres EXIT

check "Backstage versions (one release)" node scripts/check-backstage-versions.mjs
check "Formatting (prettier)" yarn prettier --check --loglevel warn .
check "Lint (backstage-cli repo lint)" yarn backstage-cli repo lint
check "Type-check (tsc)" yarn tsc
# The committed report.api.md / report.sql.md files against the public API and the audit's
# migrations (`yarn build:api-reports` refreshes them). --tsc: a fresh full tsc, as when they were
# generated, since the order tsc prints inferred types in depends on how it was run.
check "API reports (backstage-repo-tools api-reports --ci)" yarn build:api-reports --ci
# Every config file against every package's config.d.ts (the golden-path policy included).
config_check() {
  yarn backstage-cli config:check --lax --strict --config app-config.yaml \
    --config app-config.e2e.yaml &&
    yarn backstage-cli config:check --lax --strict --config app-config.yaml \
      --config app-config.production.yaml
}
check "Config schema (app-config files)" config_check
# The stricter example policy's predicted impact on the demo fleet's evidence, as a reviewer sees it.
check "Golden-path impact (examples/candidate-policy.yaml)" yarn golden-path:impact --policy examples/candidate-policy.yaml --evidence examples/demo-evidence.json --expect examples/candidate-policy.expected.json

# No Docker here: PostgreSQL comes from the cluster above, and the tests must not skip it.
export BACKSTAGE_TEST_DISABLE_DOCKER=1 PAVEDAI_REQUIRE_POSTGRES=1
start_postgres
log "Unit, integration and database tests (SQLite and PostgreSQL 15)"
# CI=true: every test of every package, not only those related to changed files.
CI=true yarn backstage-cli repo test --ci --json --outputFile="$REPORTS/jest.json"
stop_postgres

log "Building the app for the end-to-end tests"
if yarn workspace app build; then
  [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || die "Chromium is missing: apt-get install chromium"
  log "End-to-end tests (Playwright, headless Chromium)"
  yarn playwright test
else
  printf '\033[31mFAILED: app build\033[0m\n' >&2
fi

(IFS=,; printf '[%s]\n' "${CHECKS[*]}") > "$REPORTS/checks.json"
echo
node scripts/lib/summarize-tests.mjs "$REPORTS/checks.json" "$REPORTS/jest.json" "$REPORTS/e2e.json"
