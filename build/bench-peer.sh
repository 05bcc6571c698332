#!/usr/bin/env bash
# The benchmark against Marten on PostgreSQL (README "Benchmark against Marten"): starts a PostgreSQL cluster of its own
# in a temporary folder on a free loopback port (fsync and synchronous_commit left at their defaults), runs
# bench/OkCow.PeerBench against it and OkCow's embedded store, stops the cluster and removes the folder whatever happens.
# Writes .okcow/bench/peer.json and prints the table. OKCOW_BENCH_QUICK=1: tiny sizes, well under a minute.
# OKCOW_BENCH_NO_BUILD=1: use the Release build already there (build/bench.sh builds once for both benchmarks).
# OKCOW_BENCH_RESULTS=<file>: also merge the figures into that JSON file (results.json) as "peer" and "peer_environment".
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

pg_bin() {
  local dir
  for dir in /usr/lib/postgresql/15/bin $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [[ -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then
      echo "$dir"
      return 0
    fi
  done
  return 1
}

bin="$(pg_bin || true)"
if [[ -z "$bin" ]]; then
  echo "PostgreSQL server binaries not found; installing Debian's postgresql package (without its default cluster)." >&2
  mkdir -p /etc/postgresql-common
  echo "create_main_cluster = false" >>/etc/postgresql-common/createcluster.conf
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  bin="$(pg_bin)"
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/okcow-peer.XXXXXX")"
chmod 755 "$work"
mkdir -p "$work/pg" "$work/okcow"

# initdb refuses to run as root: the cluster then belongs to the postgres user, the benchmark itself stays as it is.
as_pg=()
if [[ "$(id -u)" == 0 ]]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown postgres "$work/pg"
  as_pg=(runuser -u postgres --)
fi

started=0
cleanup() {
  if [[ "$started" == 1 ]]; then
    "${as_pg[@]}" "$bin/pg_ctl" -D "$work/pg/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
"${as_pg[@]}" "$bin/initdb" -D "$work/pg/data" -U bench -A trust -E UTF8 --no-sync >"$work/initdb.log" 2>&1 \
  || { cat "$work/initdb.log" >&2; exit 1; }
started=1
"${as_pg[@]}" "$bin/pg_ctl" -D "$work/pg/data" -l "$work/pg/server.log" -w -t 60 start \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $work/pg -c max_connections=100" >/dev/null \
  || { cat "$work/pg/server.log" >&2; exit 1; }

if [[ "${OKCOW_BENCH_NO_BUILD:-0}" != 1 ]]; then
  dotnet build bench/OkCow.PeerBench -c Release -nologo -clp:ErrorsOnly >/dev/null
fi

mkdir -p .okcow/bench
OKCOW_PEER_POSTGRES="Host=127.0.0.1;Port=$port;Username=bench;Database=postgres;Maximum Pool Size=20" \
OKCOW_PEER_DATA="$work/okcow" \
OKCOW_PEER_OUTPUT="$root/.okcow/bench/peer.json" \
OKCOW_PEER_POSTGRES_VERSION="$("$bin/postgres" --version)" \
  dotnet bench/OkCow.PeerBench/bin/Release/net10.0/OkCow.PeerBench.dll

if [[ -n "${OKCOW_BENCH_RESULTS:-}" ]]; then
  python3 - "$OKCOW_BENCH_RESULTS" "$root/.okcow/bench/peer.json" <<'PY'
import json, os, sys
results_path, peer_path = sys.argv[1], sys.argv[2]
results = json.load(open(results_path)) if os.path.exists(results_path) else {}
peer = json.load(open(peer_path))
results["peer"] = peer["peer"]
results["peer_environment"] = peer["environment"]
with open(results_path, "w") as out:
    json.dump(results, out, indent=2)
    out.write("\n")
PY
  echo "merged into $OKCOW_BENCH_RESULTS"
fi
