#!/usr/bin/env bash
# The test command (README): build the whole solution warnings-as-errors and run every test project.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

mkdir -p .okcow
mode="$(bash build/worker-mode.sh 2>.okcow/worker-mode.txt)"
cat .okcow/worker-mode.txt
dotnet build OkCow.sln -c Release "$mode" -nologo -clp:ErrorsOnly

results="$root/.okcow/test-results"
rm -rf "$results"
status=0
dotnet test OkCow.sln -c Release "$mode" --no-build --nologo \
  --logger "console;verbosity=minimal" --logger "trx" --results-directory "$results" || status=$?

python3 build/summarize-tests.py "$results" "$(cat .okcow/worker-mode.txt)"
exit $status
