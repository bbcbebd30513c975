#!/usr/bin/env bash
# Install the peer generators the benchmark compares against. Safe to run again.
#   Hugo:     Debian's package (`apt-get install hugo`; Debian 12 ships 0.111.3)
#   Eleventy: the version pinned in benchmarks/package-lock.json (`npm ci`)
set -euo pipefail
cd "$(dirname "$0")"

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

apt_install() {
  $SUDO apt-get update
  $SUDO apt-get install -y "$@"
}

if ! command -v hugo >/dev/null 2>&1; then
  apt_install hugo
fi
if ! command -v npm >/dev/null 2>&1; then
  apt_install nodejs npm
fi

# npm ci installs exactly package-lock.json into benchmarks/node_modules; skip it when an
# install newer than the lock file is already there (npm's hidden lockfile is its stamp).
if ! [ -x node_modules/.bin/eleventy ] \
   || ! [ node_modules/.package-lock.json -nt package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

echo "hugo:     $(hugo version)"
echo "eleventy: $(node_modules/.bin/eleventy --version) (node $(node --version))"

# Only for the row detente-compiled-md (benchmarks/compiled_markdown.py): a what-if, not a
# dependency of Detente.
python3 -m pip install --quiet "markdown-it-pyrs==0.4.0"
echo "markdown-it-pyrs: $(python3 -c 'import importlib.metadata as m; print(m.version("markdown-it-pyrs"))')"
