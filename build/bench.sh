#!/usr/bin/env bash
# Scale figures of SPEC §10, written to .okcow/bench/results.json and printed as a table. Not part of .ci/run.
# Measured today: fund head bytes, largest batch bytes and royalty completion time at 1,000 and 10,000 holders (the
# bounds test on the embedded store, every holder subscribed through the saga, the royalty paid page by page).
# Not measured yet (null in results.json): appendRatio, changeFeedRatio, httpP99Ms, projectionLagP99Ms,
# reconciliationMs, navAtMs. Then the side-by-side run against Marten on PostgreSQL (build/bench-peer.sh), merged
# into results.json under "peer" (OKCOW_BENCH_PEER=0 skips it).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out=.okcow/bench
mkdir -p "$out"
dotnet build tests/OkCow.Application.Tests -c Release -nologo -clp:ErrorsOnly

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
  "appendRatio": null,
  "changeFeedRatio": null,
  "httpP99Ms": null,
  "projectionLagP99Ms": null,
  "fundHeadBytes": $(json head),
  "largestBatchBytes": $(json batch),
  "royaltySeconds": $(json royalty),
  "reconciliationMs": null,
  "navAtMs": null
}
JSON
printf '%-10s %16s %20s %16s\n' holders fundHeadBytes largestBatchBytes royaltySeconds
for k in $(printf '%s\n' "${!head[@]}" | sort -n); do
  printf '%-10s %16s %20s %16s\n' "$k" "${head[$k]}" "${batch[$k]}" "${royalty[$k]}"
done
echo "written: $out/results.json"
if [ "${OKCOW_BENCH_PEER:-1}" != "0" ]; then
  OKCOW_BENCH_RESULTS="$out/results.json" bash build/bench-peer.sh
fi
