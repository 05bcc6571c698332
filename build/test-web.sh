#!/usr/bin/env bash
# The web app's tests: unit and screen tests (Vitest), the production build, and Playwright end to end against the
# real local host in Debian's Chromium (the SPEC 3 walk, axe, screenshots in .okcow/web-artifacts/). Installs what
# it needs: npm packages from the lock file, and Chromium through apt when /usr/bin/chromium is missing (browsers are
# never downloaded by Playwright). Expects the solution built in Release (build/test.sh does that first); builds the
# local host itself when it is not.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
web="$root/src/OkCow.Web"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 OKCOW_WEB_ARTIFACTS="$root/.okcow/web-artifacts"

chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  echo "Installing Chromium (apt)..."
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium fonts-nanum >/dev/null
fi
export CHROMIUM_PATH="$chromium"

if [ ! -f src/OkCow.LocalHost/bin/Release/net10.0/OkCow.LocalHost.dll ]; then
  dotnet build src/OkCow.LocalHost -c Release -nologo -clp:ErrorsOnly
fi

cd "$web"
npm ci --no-audit --no-fund --loglevel=error
npm run typecheck --silent
# JUnit reports beside the .NET ones, so the test command's closing line counts these tests too.
junit="${OKCOW_TEST_RESULTS:-$root/.okcow/test-results}"
mkdir -p "$junit"
npm test --silent -- --reporter=dot --reporter=junit --outputFile.junit="$junit/web-vitest.xml"
npm run build --silent
rm -rf "$OKCOW_WEB_ARTIFACTS"
PLAYWRIGHT_JUNIT_OUTPUT_FILE="$junit/web-playwright.xml" npx playwright test --reporter=list,junit
