#!/usr/bin/env bash
# Runs the whole system locally on http://localhost:7071: the same function classes over the embedded store (data in
# .okcow/data; OKCOW_DATA_DIR, OKCOW_STORE=cosmos and ASPNETCORE_URLS change that). Extra arguments go to the host.
# The same as `dotnet run --project src/OkCow.LocalHost`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
exec dotnet run --project src/OkCow.LocalHost -- "$@"
