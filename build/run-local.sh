#!/usr/bin/env bash
# Runs the whole system locally on http://localhost:7071: the same function classes over the embedded store (data in
# .okcow/data; OKCOW_DATA_DIR, OKCOW_STORE=cosmos and ASPNETCORE_URLS change that). Extra arguments go to the host.
# The web app (src/OkCow.Web) is served at /; it is built first when its built files are missing or older than its
# sources (npm is needed for that step only). OKCOW_WEB_DIR points the host at other built files and skips the build.
# Otherwise the same as `dotnet run --project src/OkCow.LocalHost`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

web=src/OkCow.Web
if [ -z "${OKCOW_WEB_DIR:-}" ]; then
  stale=$(find "$web/src" "$web/public" "$web/index.html" "$web/package.json" "$web/package-lock.json" "$web/vite.config.ts" "$web/tsconfig.json" \
    -newer "$web/dist/index.html" -print -quit 2>/dev/null || echo missing)
  if [ ! -f "$web/dist/index.html" ] || [ -n "$stale" ]; then
    if command -v npm >/dev/null 2>&1; then
      echo "Building the web app ($web/dist)..."
      (cd "$web" && npm ci --no-audit --no-fund --loglevel=error && npm run build --silent)
    else
      echo "npm is not installed: the API runs, but / has no web app until $web is built (npm ci && npm run build)." >&2
    fi
  fi
fi

exec dotnet run --project src/OkCow.LocalHost -- "$@"
