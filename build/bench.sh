#!/usr/bin/env bash
# Scale figures of SPEC §10, written to .okcow/bench/results.json and printed as a table. Not part of .ci/run.
# Growth (the bounds test on the embedded store, read side included): fund head bytes, largest batch bytes, largest
# read-model document bytes, royalty completion time and the median time of a subscription, a redemption and a trade
# (command to settled state) at 1,000 / 10,000 / 100,000 holders, every holder subscribed through the saga.
# The embedded store's micro-benchmarks (bench/OkCow.Bench, BenchmarkDotNet, in process): appendRatio (event-store
# appends/s over raw single-row inserts/s of the same payload, 8 writers) and changeFeedRatio (change-feed events/s over
# a raw SELECT of the same rows), each measured side by side in one run. OKCOW_BENCH_QUICK=1 shortens them to a smoke run.
# HTTP (a local host it starts on a free port over a scratch folder): deposit latency p50/p99 at 200 requests/s
# open-loop for 15 s, projection lag p50/p99 (deposit answered until the portfolio shows it) and httpKneeRps, the first
# rate of 400, 600, ... 1600/s whose p99 passes 100 ms.
# The read side (bench/OkCow.ReadSideBench): projectionEventsPerSecond (every projection fed by the dispatcher in pages
# of 100 over a 100,000-event log, beside the same fed one event per batch), reconciliationMs and navAtMs (median ms of
# the running totals and of the checkpointed nav?at, the full folds beside them) at 10,000 / 100,000 / 1,000,000 events;
# OKCOW_BENCH_EVENTS="10000 100000" leaves out the million (about 5 minutes more on a quiet 2-core machine).
# Then the side-by-side run against Marten on PostgreSQL (build/bench-peer.sh), merged
# into results.json under "peer" (OKCOW_BENCH_PEER=0 skips it).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out=.okcow/bench
mkdir -p "$out"
dotnet build tests/OkCow.Application.Tests -c Release -nologo -clp:ErrorsOnly
dotnet build bench/OkCow.Bench -c Release -nologo -clp:ErrorsOnly
dotnet build bench/OkCow.ReadSideBench -c Release -nologo -clp:ErrorsOnly

OKCOW_BENCH_EVENTS="${OKCOW_BENCH_EVENTS:-10000 100000 1000000}" \
  dotnet bench/OkCow.ReadSideBench/bin/Release/net10.0/OkCow.ReadSideBench.dll "$out/readside.json" | tee "$out/readside.log"
readside() { jq -c ".$1" "$out/readside.json"; }

dotnet bench/OkCow.Bench/bin/Release/net10.0/OkCow.Bench.dll micro "$out/micro.json" > "$out/micro.log" 2>&1 \
  || { tail -40 "$out/micro.log"; exit 1; }
micro() { jq -r ".$1" "$out/micro.json"; }

# HTTP: a local host on a free loopback port over a scratch data folder (fast password hashing, no sign-in limit),
# driven by the load generator (bench/OkCow.Bench http), stopped and removed whatever happens.
dotnet build src/OkCow.LocalHost -c Release -nologo -clp:ErrorsOnly
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
scratch=$(mktemp -d "${TMPDIR:-/tmp}/okcow-bench-http.XXXXXX")
OKCOW_DATA_DIR="$scratch" OKCOW_OPERATOR_PASSWORD=bench-operator-password OkCow__Security__SignInPermitsPerMinute=0 \
  OkCow__Security__PasswordIterations=1000 Logging__LogLevel__Default=Warning \
  dotnet src/OkCow.LocalHost/bin/Release/net10.0/OkCow.LocalHost.dll --urls "http://127.0.0.1:$port" > "$out/http-host.log" 2>&1 &
host=$!
trap 'kill $host 2>/dev/null || true; wait $host 2>/dev/null || true; rm -rf "$scratch"' EXIT
for _ in $(seq 300); do curl -sf "http://127.0.0.1:$port/api/mcpi" > /dev/null && break; sleep 0.2; done
dotnet bench/OkCow.Bench/bin/Release/net10.0/OkCow.Bench.dll http "http://127.0.0.1:$port" "$out/http.json" > "$out/http.log" 2>&1 \
  || { tail -40 "$out/http.log"; exit 1; }
kill $host; wait $host 2>/dev/null || true
httpf() { jq -r ".$1" "$out/http.json"; }

declare -A head batch document royalty subscription redemption trade
for holders in ${OKCOW_BENCH_HOLDERS:-1000 10000 100000}; do
  log="$out/bounds-$holders.log"
  OKCOW_BOUNDS_HOLDERS=$holders dotnet test tests/OkCow.Application.Tests -c Release --no-build \
    --filter "FullyQualifiedName~Scale.BoundsTests" --logger "console;verbosity=detailed" > "$log" 2>&1 \
    || { tail -40 "$log"; exit 1; }
  line=$(grep -m1 -E "^ *$holders holders:" "$log")
  head[$holders]=$(sed -E 's/.*fund head ([0-9]+) B.*/\1/' <<< "$line")
  batch[$holders]=$(sed -E 's/.*largest append ([0-9]+) B.*/\1/' <<< "$line")
  document[$holders]=$(sed -E 's/.*largest document ([0-9]+) B.*/\1/' <<< "$line")
  royalty[$holders]=$(sed -E 's/.*royalty ([0-9.]+) s.*/\1/' <<< "$line")
  subscription[$holders]=$(sed -E 's/.*subscription ([0-9.]+) ms.*/\1/' <<< "$line")
  redemption[$holders]=$(sed -E 's/.*redemption ([0-9.]+) ms.*/\1/' <<< "$line")
  trade[$holders]=$(sed -E 's/.*trade ([0-9.]+) ms.*/\1/' <<< "$line")
done

json() { local -n map=$1; local first=1; printf '{'; for k in $(printf '%s\n' "${!map[@]}" | sort -n); do
  [[ $first == 1 ]] || printf ','; first=0; printf '"%s":%s' "$k" "${map[$k]}"; done; printf '}'; }
cat > "$out/results.json" <<JSON
{
  "appendRatio": $(micro appendRatio),
  "changeFeedRatio": $(micro changeFeedRatio),
  "micro": $(cat "$out/micro.json"),
  "httpP99Ms": $(httpf httpP99Ms),
  "projectionLagP99Ms": $(httpf projectionLagP99Ms),
  "http": $(cat "$out/http.json"),
  "fundHeadBytes": $(json head),
  "largestBatchBytes": $(json batch),
  "largestDocumentBytes": $(json document),
  "royaltySeconds": $(json royalty),
  "subscriptionMs": $(json subscription),
  "redemptionMs": $(json redemption),
  "tradeMs": $(json trade),
  "reconciliationMs": $(readside reconciliationMs),
  "navAtMs": $(readside navAtMs),
  "projectionEventsPerSecond": $(readside projectionEventsPerSecond),
  "readSide": $(cat "$out/readside.json")
}
JSON
printf '%-18s %10s %24s\n' figure ratio 'store/s over raw/s'
printf '%-18s %10s %24s\n' appendRatio "$(micro appendRatio)" "$(micro appendsPerSecond) / $(micro rawInsertsPerSecond)"
printf '%-18s %10s %24s\n' changeFeedRatio "$(micro changeFeedRatio)" "$(micro changeFeedEventsPerSecond) / $(micro rawSelectRowsPerSecond)"
printf '%-22s %10s %10s\n' 'deposits at 200/s' p50 p99
printf '%-22s %10s %10s\n' 'HTTP latency ms' "$(httpf httpP50Ms)" "$(httpf httpP99Ms)"
printf '%-22s %10s %10s\n' 'projection lag ms' "$(httpf projectionLagP50Ms)" "$(httpf projectionLagP99Ms)"
echo "rate where HTTP p99 passes 100 ms: $(httpf httpKneeRps) requests/s (null: not within the steps tried)"
printf '%-8s %13s %17s %20s %14s %14s %12s %7s\n' holders fundHeadBytes largestBatchBytes largestDocumentBytes \
  royaltySeconds subscriptionMs redemptionMs tradeMs
for k in $(printf '%s\n' "${!head[@]}" | sort -n); do
  printf '%-8s %13s %17s %20s %14s %14s %12s %7s\n' "$k" "${head[$k]}" "${batch[$k]}" "${document[$k]}" "${royalty[$k]}" \
    "${subscription[$k]}" "${redemption[$k]}" "${trade[$k]}"
done
echo "written: $out/results.json"
if [ "${OKCOW_BENCH_PEER:-1}" != "0" ]; then
  OKCOW_BENCH_RESULTS="$out/results.json" bash build/bench-peer.sh
fi
