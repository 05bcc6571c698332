#!/usr/bin/env bash
# The test command (README): build the whole solution warnings-as-errors and run every test project.
# Its first line says which Azure Functions pieces are real packages and which are the compile-only stand-in.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

mkdir -p .okcow
# The first restore also decides where the CosmosDB extension comes from (build/CosmosExtension.targets).
dotnet restore OkCow.sln -nologo >.okcow/restore.log 2>&1 || { cat .okcow/restore.log >&2; exit 1; }
python3 build/worker-pieces.py | tee .okcow/worker-pieces.txt
dotnet build OkCow.sln -c Release --no-restore -nologo -clp:ErrorsOnly

results="$root/.okcow/test-results"
rm -rf "$results"
status=0
dotnet test OkCow.sln -c Release --no-build --nologo \
  --logger "console;verbosity=minimal" --logger "trx" --results-directory "$results" || status=$?

# The web app: Vitest, the production build and the Playwright walk against the real local host (build/test-web.sh).
OKCOW_TEST_RESULTS="$results" bash "$root/build/test-web.sh" || status=$?

python3 build/summarize-tests.py "$results" "$(cat .okcow/worker-pieces.txt)"
exit $status
