#!/usr/bin/env bash
# Runs the WebSocket conformance server (conformance/Reqivo.WebSocketConformance) against a client driver and
# prints the summary: a third-party client (node, python) or Reqivo's own (reqivo, conformance/clients/reqivo).
# Installs what is missing: node/npm (Debian), npm ws (from the committed lockfile), python3-websockets (Debian).
#
# Usage: build/interop/ws-conformance.sh node|python|reqivo [--async] [--cases "1.*,2.*"] [--exclude "..."] [other server options]
# --async (reqivo only) drives Reqivo's async API (agent reqivo-async) instead of the sync one (agent reqivo).
# Default cases: groups 1-7 and 10 (247 cases). Reports: artifacts/ws-conformance/<agent>/ (summary.md, index.json,
# case_*.json). Port: REQIVO_WSCONF_PORT (default 9001; 0 picks a free one). Exit status: 1 when a case FAILED.
# See docs/websocket-conformance.md.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
# shellcheck source-path=SCRIPTDIR source=apt.sh
source "$here/apt.sh"

client=${1:-}
if [[ $client != node && $client != python && $client != reqivo ]]; then
  echo "usage: $0 node|python|reqivo [--async] [server options]" >&2
  exit 2
fi
shift
use_async=false
if [[ $client == reqivo && ${1:-} == --async ]]; then
  use_async=true
  shift
fi

port=${REQIVO_WSCONF_PORT:-9001}
report_dir="$root/artifacts/ws-conformance"
server_args=(--cases "1.*,2.*,3.*,4.*,5.*,6.*,7.*,10.*")
driver_suffix=()
if [[ $# -gt 0 ]]; then
  server_args=("$@")
fi

case $client in
  node)
    find_command node >/dev/null || apt_install nodejs
    find_command npm >/dev/null || apt_install npm
    client_dir="$root/conformance/clients/node"
    if [[ ! -d "$client_dir/node_modules/ws" ]]; then
      (cd "$client_dir" && npm ci --no-audit --no-fund >&2)
    fi
    agent="ws-$(node -p "require('$client_dir/node_modules/ws/package.json').version")"
    driver=(node "$client_dir/driver.js")
    ;;
  python)
    /usr/bin/python3 -c 'import websockets' 2>/dev/null || apt_install python3-websockets
    agent="websockets-$(/usr/bin/python3 -c 'import websockets.version as v; print(v.version)')"
    driver=(/usr/bin/python3 "$root/conformance/clients/python/driver.py")
    ;;
  reqivo)
    driver_project="$root/conformance/clients/reqivo"
    dotnet build "$driver_project" -c Release -v quiet -nologo >&2
    driver=(dotnet "$driver_project/bin/Release/net10.0/Reqivo.WebSocketConformance.Driver.dll")
    agent=reqivo
    if [[ $use_async == true ]]; then
      agent=reqivo-async
      driver_suffix=(--async)
    fi
    ;;
esac

project="$root/conformance/Reqivo.WebSocketConformance"
dotnet build "$project" -c Release -v quiet -nologo >&2
server_dll="$project/bin/Release/net10.0/Reqivo.WebSocketConformance.dll"

log=$(mktemp)
dotnet "$server_dll" --port "$port" --report-dir "$report_dir" --exit-after-report "${server_args[@]}" >"$log" 2>&1 &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null || true; rm -f "$log"' EXIT

# Wait for the "listening on PORT" line before starting the client.
for _ in $(seq 1 100); do
  grep -q '^listening on ' "$log" && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 0.1
done

# The server prints the port it listens on (REQIVO_WSCONF_PORT=0 picks a free one).
port=$(sed -n 's/^listening on \([0-9]*\).*/\1/p' "$log" | head -n 1)
"${driver[@]}" "ws://127.0.0.1:$port" "$agent" "${driver_suffix[@]}" >&2
# The server exits 1 when a case FAILED: the summary is printed either way and the status passed on.
status=0
wait "$server_pid" || status=$?
trap - EXIT
cat "$report_dir/$agent/summary.md"
rm -f "$log"
exit "$status"
