#!/usr/bin/env bash
# A measurement, not a test: p99 latency of GET /api/mcpi while 50 clients register at once (SPEC 6: password hashing
# must not starve the service). Starts the local host on a scratch data folder with the real hashing cost
# (OkCow__Security__PasswordIterations, default 600000) and no sign-up rate limit, then prints the figures.
#   bash build/load-signup.sh [signups=200] [concurrency=50]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
signups=${1:-200}
concurrency=${2:-50}
port=${OKCOW_LOAD_PORT:-7391}
data=$(mktemp -d)
api="http://127.0.0.1:$port/api"
dotnet build src/OkCow.LocalHost -c Release -nologo -clp:ErrorsOnly >/dev/null
OKCOW_DATA_DIR=$data OKCOW_OPERATOR_PASSWORD=load-test-operator OkCow__Security__SignInPermitsPerMinute=0 \
  dotnet run --no-build -c Release --project src/OkCow.LocalHost -- --urls "http://127.0.0.1:$port" >"$data/host.log" 2>&1 &
host=$!
trap 'kill $host 2>/dev/null; rm -rf "$data"' EXIT
until curl -sf "$api/mcpi" >/dev/null; do sleep 0.2; done

probe() { # GET /api/mcpi every 20 ms until told to stop, one latency (ms) per line
  while [ ! -f "$data/stop" ]; do
    curl -s -o /dev/null -w '%{time_total}\n' "$api/mcpi" | awk '{ printf "%.1f\n", $1 * 1000 }'
    sleep 0.02
  done
}
probe >"$data/idle.txt" & p=$!; sleep 3; touch "$data/stop"; wait $p; rm "$data/stop"
probe >"$data/busy.txt" & p=$!
start=$(date +%s.%N)
seq "$signups" | xargs -P "$concurrency" -I{} curl -s -o /dev/null -w '%{http_code}\n' -X POST "$api/investors" \
  -H 'content-type: application/json' -d '{"name":"Load {}","loginId":"load_{}","password":"correct horse battery"}' >"$data/codes.txt"
end=$(date +%s.%N)
touch "$data/stop"; wait $p

p99() { sort -n "$1" | awk '{ a[NR] = $1 } END { i = int(NR * 0.99); if (i < 1) i = 1; printf "%s ms (n=%d, median %s ms)", a[i], NR, a[int((NR + 1) / 2)] }'; }
echo "GET /api/mcpi p99 idle:                          $(p99 "$data/idle.txt")"
echo "GET /api/mcpi p99 during $signups sign-ups x$concurrency: $(p99 "$data/busy.txt")"
echo "sign-ups: $(sort "$data/codes.txt" | uniq -c | tr '\n' ' ') in $(echo "$end - $start" | bc) s on $(nproc) cores"
