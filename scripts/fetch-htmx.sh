#!/usr/bin/env bash
# Copy htmx from the npm package into the web UI's git-ignored vendor folder. The UI works
# without it (plain forms and links); htmx only makes search results and reviews swap in place.
set -euo pipefail
cd "$(dirname "$0")/.."
target=src/concord/web/static/vendor/htmx.min.js
if [ -s "$target" ]; then exit 0; fi
if ! command -v npm >/dev/null 2>&1; then
  echo "npm not found: the web UI runs without htmx (plain page loads)" >&2
  exit 0
fi
npm install --silent --no-save --no-package-lock --no-audit --no-fund --prefix var/npm "htmx.org@^2.0.0" \
  || { echo "could not install htmx.org: the web UI runs without it" >&2; exit 0; }
cp var/npm/node_modules/htmx.org/dist/htmx.min.js "$target"
echo "htmx $(node -p "require('./var/npm/node_modules/htmx.org/package.json').version" 2>/dev/null || echo '?') -> $target"
