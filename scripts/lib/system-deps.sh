# Sourced by test.sh. The test suite needs two Debian packages: chromium (end-to-end tests,
# never a downloaded browser) and postgresql-15 (database tests). Installs whichever is
# missing with apt-get when running as root or with sudo; otherwise says what to run.

ensure_system_packages() {
  local missing=()
  [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
  if [ -z "${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-}" ] && [ ! -x "${PG_BIN:-/usr/lib/postgresql/15/bin}/initdb" ]; then
    missing+=(postgresql-15)
  fi
  [ ${#missing[@]} -eq 0 ] && return 0

  local sudo=()
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null 2>&1 || die "missing Debian packages: ${missing[*]}. Install them: apt-get install ${missing[*]}"
    sudo=(sudo)
  fi
  log "Installing Debian packages: ${missing[*]}"
  "${sudo[@]}" apt-get update -qq >&2 || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2 \
    || die "could not install ${missing[*]} with apt-get"
}
