#!/usr/bin/env bash
# Scale figures of SPEC §10, written to .okcow/bench/results.json and printed as a table. Not part of .ci/run.
# Measured today: fund head bytes, largest batch bytes and royalty completion time at 1,000 and 10,000 holders (the
# bounds test on the embedded store, every holder subscribed through the saga, the royalty paid page by page).
# The embedded store's micro-benchmarks (bench/OkCow.Bench, BenchmarkDotNet, in process): appendRatio (event-store
# appends/s over raw single-row inserts/s of the same payload, 8 writers) and changeFeedRatio (change-feed events/s over
# a raw SELECT of the same rows), each measured side by side in one run. OKCOW_BENCH_QUICK=1 shortens them to a smoke run.
# Not measured yet (null in results.json): httpP99Ms, projectionLagP99Ms, reconciliationMs, navAtMs.
# Then the side-by-side run against Marten on PostgreSQL (build/bench-peer.sh), merged
# into results.json under "peer" (OKCOW_BENCH_PEER=0 skips it).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out=.okcow/bench
mkdir -p "$out"
dotnet build tests/OkCow.Application.Tests -c Release -nologo -clp:ErrorsOnly
dotnet build bench/OkCow.Bench -c Release -nologo -clp:ErrorsOnly

dotnet bench/OkCow.Bench/bin/Release/net10.0/OkCow.Bench.dll micro "$out/micro.json" > "$out/micro.log" 2>&1 \
  || { tail -40 "$out/micro.log"; exit 1; }
micro() { jq -r ".$1" "$out/micro.json"; }

declare -A head batch royalty
for holders in ${OKCOW_BENCH_HOLDERS:-1000 10000}; do
  log="$out/bounds-$holders.log"
  OKCOW_BOUNDS_HOLDERS=$holders dotnet test tests/OkCow.Application.Tests -c Release --no-build \
    --filter "FullyQualifiedName~Scale.BoundsTests" --logger "console;verbosity=detailed" > "$log" 2>&1
  line=$(grep -m1 -E "^ *$holders holders:" "$log")
  head[$holders]=$(sed -E 's/.*fund head ([0-9]+) B.*/\1/' <<< "$line")
  batch[$holders]=$(sed -E 's/.*largest append ([0-9]+) B.*/\1/' <<< "$line")
  royalty[$holders]=$(sed -E 's/.*royalty ([0-9.]+) s.*/\1/' <<< "$line")
done

json() { local -n map=$1; local first=1; printf '{'; for k in $(printf '%s\n' "${!map[@]}" | sort -n); do
  [[ $first == 1 ]] || printf ','; first=0; printf '"%s":%s' "$k" "${map[$k]}"; done; printf '}'; }
cat > "$out/results.json" <<JSON
{
  "appendRatio": $(micro appendRatio),
  "changeFeedRatio": $(micro changeFeedRatio),
  "micro": $(cat "$out/micro.json"),
  "httpP99Ms": null,
  "projectionLagP99Ms": null,
  "fundHeadBytes": $(json head),
  "largestBatchBytes": $(json batch),
  "royaltySeconds": $(json royalty),
  "reconciliationMs": null,
  "navAtMs": null
}
JSON
printf '%-18s %10s %24s\n' figure ratio 'store/s over raw/s'
printf '%-18s %10s %24s\n' appendRatio "$(micro appendRatio)" "$(micro appendsPerSecond) / $(micro rawInsertsPerSecond)"
printf '%-18s %10s %24s\n' changeFeedRatio "$(micro changeFeedRatio)" "$(micro changeFeedEventsPerSecond) / $(micro rawSelectRowsPerSecond)"
printf '%-10s %16s %20s %16s\n' holders fundHeadBytes largestBatchBytes royaltySeconds
for k in $(printf '%s\n' "${!head[@]}" | sort -n); do
  printf '%-10s %16s %20s %16s\n' "$k" "${head[$k]}" "${batch[$k]}" "${royalty[$k]}"
done
echo "written: $out/results.json"
if [ "${OKCOW_BENCH_PEER:-1}" != "0" ]; then
  OKCOW_BENCH_RESULTS="$out/results.json" bash build/bench-peer.sh
fi
