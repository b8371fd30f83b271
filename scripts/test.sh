#!/usr/bin/env bash
# Command 2 of the README: runs the whole test suite on a fresh Debian machine with the .NET SDK and Node.
# It installs what is missing (Chromium, the PostgreSQL server programs, npm packages through the build); the tests
# start their own throwaway PostgreSQL cluster. Ends with one line: "Tests: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_updated=""
apt_install() {
  [ -n "$apt_updated" ] || { as_root apt-get update -qq; apt_updated=1; }
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

[ -x /usr/bin/chromium ] || { echo "Installing Chromium for the browser tests..."; apt_install chromium; }
command -v wrk >/dev/null || { echo "Installing wrk for the benchmark harness test..."; apt_install wrk; }
if ! command -v initdb >/dev/null && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "Installing the PostgreSQL server programs..."; apt_install postgresql
fi

results="artifacts/test-results"
rm -rf "$results"; mkdir -p "$results"
export PORTAL_TEST_ARTIFACTS="$PWD/artifacts/screenshots"

echo "Building..."
if ! dotnet build Portal.sln -nologo -clp:ErrorsOnly > "$results/build.log" 2>&1; then
  cat "$results/build.log"
  echo "Tests: 0 passed, 1 failed"
  exit 1
fi

passed=0; failed=0
for project in tests/Portal.Core.Tests tests/Portal.TrafficGen.Tests tests/Portal.Tests tests/Portal.BrowserTests tests/Portal.Bench.Tests; do
  name=$(basename "$project")
  echo "== $name"
  dotnet test "$project" --no-build -nologo --logger "trx;LogFileName=$name.trx" --results-directory "$results" 2>&1 | tee "$results/$name.log" \
    | grep -E '^\s+(Failed|Skipped) |^(Passed|Failed)!|Error Message|^\s{3}\S' | head -200
  summary=$(grep -E '^(Passed|Failed)!' "$results/$name.log" | tail -1)
  if [ -z "$summary" ]; then
    echo "$name: no test summary (the test host crashed?); counted as one failure"
    failed=$((failed + 1)); continue
  fi
  p=$(sed -E 's/.*Passed: +([0-9]+).*/\1/' <<<"$summary")
  f=$(sed -E 's/.*Failed: +([0-9]+), Passed.*/\1/' <<<"$summary")
  passed=$((passed + p)); failed=$((failed + f))
done

echo "Tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
