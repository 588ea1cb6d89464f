#!/usr/bin/env bash
# Reference load generator for the loopback load harness: one wrk thread against one URL.
# Usage: build/interop/wrk.sh URL [CONNECTIONS=64] [SECONDS=10]
# stdout: the requests per second, alone on one line (for scripts). stderr: wrk's own report.
# Exit status 3 when wrk saw socket errors or non-2xx/3xx responses: such a run measures failures, not throughput.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=apt.sh
source "$here/apt.sh"

if [[ $# -lt 1 || $# -gt 3 ]]; then
  echo "usage: $0 URL [CONNECTIONS=64] [SECONDS=10]" >&2
  exit 2
fi
url=$1
connections=${2:-64}
seconds=${3:-10}
if [[ ! $connections =~ ^[1-9][0-9]*$ || ! $seconds =~ ^[1-9][0-9]*$ ]]; then
  echo "error: CONNECTIONS and SECONDS must be positive integers" >&2
  exit 2
fi
case $url in
  http://127.0.0.1[:/]* | https://127.0.0.1[:/]* | http://localhost[:/]* | https://localhost[:/]* | http://\[::1\]* | https://\[::1\]*) ;;
  *)
    echo "error: load runs target loopback only (127.0.0.1, ::1, localhost): $url" >&2
    exit 2
    ;;
esac

if ! wrk_bin=$(find_command wrk); then
  apt_install wrk
  wrk_bin=$(find_command wrk)
fi

report=$("$wrk_bin" -t1 -c"$connections" -d"${seconds}s" "$url")
printf '%s\n' "$report" >&2

rps=$(awk '/^Requests\/sec:/ { print $2 }' <<<"$report")
if [[ -z $rps ]]; then
  echo "error: wrk printed no Requests/sec line" >&2
  exit 1
fi
printf '%s\n' "$rps"

if grep -qE '^[[:space:]]*(Socket errors|Non-2xx or 3xx responses):' <<<"$report"; then
  echo "error: the run had socket errors or non-2xx/3xx responses" >&2
  exit 3
fi
