#!/usr/bin/env bash
# Bootstraps the Cake build (a dotnet local tool) and runs one target: ./build.sh [target] [cake options]
# Targets: compile, test, conformance, interop, mutation, bench, bench-load, pack, demo (default: test).
set -euo pipefail
cd "$(dirname "$0")"
target="${1:-test}"
[ $# -gt 0 ] && shift
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet tool restore >/dev/null
exec dotnet dotnet-cake build/build.cake --target="$target" "$@"
