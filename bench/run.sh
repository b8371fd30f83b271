#!/usr/bin/env bash
# Runs the whole benchmark suite and writes bench/RESULTS.md: bash bench/run.sh [--quick] [--only NAME...]
# Builds in Release, installs wrk (the HTTP load tool) and the PostgreSQL server programs if missing; the suite starts
# its own throwaway PostgreSQL cluster and the portal as a separate process, on loopback only.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v initdb >/dev/null || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]}..."
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

dotnet build bench/Portal.Bench -c Release -nologo -clp:ErrorsOnly
exec dotnet exec bench/Portal.Bench/bin/Release/net10.0/Portal.Bench.dll "$@"
