#!/usr/bin/env bash
# Runs the whole system locally on http://localhost:7071: the same function classes over the embedded store (data in
# .okcow/data; OKCOW_DATA_DIR, OKCOW_STORE=cosmos and ASPNETCORE_URLS change that). Extra arguments go to the host.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mode=$(bash build/worker-mode.sh)
exec dotnet run --project src/OkCow.LocalHost "$mode" -- "$@"
