# Sourced by the scripts in this folder. Makes Node 22+ and the repo's Yarn available, then
# installs the workspace's dependencies. Needs only Node (any version) with npm on the machine:
# when the machine's Node is older than 22, Node 22 comes from the npm registry (package
# `node@22`) into .tools/ (ignored by git), with its headers for native modules.

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TOOLS_DIR="$REPO_ROOT/.tools"

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

node_major() {
  command -v node >/dev/null 2>&1 || { echo 0; return; }
  node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0
}

ensure_node() {
  if [ "$(node_major)" -ge 22 ]; then
    # Build native modules against this Node's own headers (no download of headers).
    local prefix
    prefix="$(dirname "$(dirname "$(command -v node)")")"
    if [ -z "${npm_config_nodedir:-}" ] && [ -f "$prefix/include/node/node.h" ]; then
      export npm_config_nodedir="$prefix"
    fi
    return
  fi
  command -v npm >/dev/null 2>&1 || die "Node.js with npm is needed to fetch Node 22."
  local home="$TOOLS_DIR/node22"
  if [ ! -x "$home/node_modules/node/bin/node" ]; then
    log "Node $(node_major) is older than 22; fetching node@22 from the npm registry into .tools/"
    # prefer-offline reuses npm's cache (the package's own postinstall runs npm again, so the
    # setting goes through the environment).
    npm_config_prefer_offline=true \
      npm install --prefix "$home" --no-save --no-audit --no-fund --loglevel=error node@22 >&2 \
      || die "could not install node@22 from the npm registry"
  fi
  export PATH="$home/node_modules/node/bin:$PATH"
  local headers
  headers="$(ls -d "$home"/node_modules/node/node_modules/node-linux-* 2>/dev/null | head -n 1)"
  [ -n "$headers" ] && export npm_config_nodedir="$headers"
  [ "$(node_major)" -ge 22 ] || die "node@22 did not install correctly into $home"
}

ensure_yarn() {
  local release
  release="$(sed -n 's/^yarnPath: *//p' "$REPO_ROOT/.yarnrc.yml")"
  [ -f "$REPO_ROOT/$release" ] || die "the vendored Yarn release $release is missing"
  mkdir -p "$TOOLS_DIR/bin"
  printf '#!/bin/sh\nexec node "%s" "$@"\n' "$REPO_ROOT/$release" > "$TOOLS_DIR/bin/yarn"
  chmod +x "$TOOLS_DIR/bin/yarn"
  export PATH="$TOOLS_DIR/bin:$PATH"
}

install_dependencies() {
  log "Installing dependencies (yarn install --immutable)"
  (cd "$REPO_ROOT" && yarn install --immutable) >&2 \
    || die "yarn install failed; if you changed a package.json, run 'yarn install' and commit yarn.lock"
}

bootstrap() {
  ensure_node
  ensure_yarn
  export YARN_ENABLE_TELEMETRY=0
  install_dependencies
}
