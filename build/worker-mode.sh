#!/usr/bin/env bash
# Decides how src/OkCow.Functions is compiled and prints the MSBuild switch for it.
# Real build: the Azure Functions worker packages pinned in Directory.Packages.props.
# Stand-in build: only when those packages cannot be restored from the configured NuGet sources (or when
# OKCOW_WORKER_STANDIN=true asks for it); see src/OkCow.Functions.WorkerStandIn/README.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
log="$root/.okcow/worker-restore.log"
mkdir -p "$root/.okcow"

if [ "${OKCOW_WORKER_STANDIN:-}" = "true" ]; then
  echo "Functions build: compile-only worker stand-in (asked for with OKCOW_WORKER_STANDIN=true)" >&2
  echo "-p:OkCowWorkerStandIn=true"
  exit 0
fi

if dotnet restore "$root/src/OkCow.Functions/OkCow.Functions.csproj" -p:OkCowWorkerStandIn=false >"$log" 2>&1; then
  echo "Functions build: REAL Azure Functions worker packages" >&2
  echo "-p:OkCowWorkerStandIn=false"
else
  missing=$(grep -o "Unable to find package [A-Za-z0-9.]*" "$log" | sort -u | sed "s/Unable to find package //; s/\.$//" | sort -u | paste -sd, - || true)
  echo "Functions build: compile-only worker stand-in (the real worker packages could not be restored: ${missing:-see $log})" >&2
  echo "-p:OkCowWorkerStandIn=true"
fi
