#!/usr/bin/env bash
# Interop peer: a python3-websockets server (build/interop/websockets-server.py, Debian package python3-websockets)
# on 127.0.0.1, run from artifacts/interop/websockets/ (pid, log, server.env).
# Usage: build/interop/websockets.sh start|stop|status
# Port: REQIVO_WEBSOCKETS_PORT (default 18095). See docs/interop.md for what the tests use it for.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
# shellcheck source-path=SCRIPTDIR source=apt.sh
source "$here/apt.sh"
# shellcheck source-path=SCRIPTDIR source=daemon.sh
source "$here/daemon.sh"

name=websockets
port=${REQIVO_WEBSOCKETS_PORT:-18095}
work="$root/artifacts/interop/websockets"
pid_file="$work/server.pid"
log="$work/server.log"
# Debian's modules live in the system interpreter; a python3 earlier on PATH (pyenv, venv) would not see them.
python=/usr/bin/python3

has_modules() {
  [[ -x $python ]] && "$python" -c 'import websockets' 2>/dev/null
}

ensure_websockets() {
  has_modules && return 0
  apt_install python3-websockets
  has_modules || { echo "error: websockets still not importable by $python" >&2; return 1; }
}

start() {
  mkdir -p "$work"
  if pid=$(running_pid); then
    echo "websockets already running (pid $pid) on 127.0.0.1:$(sed -n 's/^port=//p' "$work/server.env")"
    return 0
  fi
  ensure_websockets
  if port_answers "$port"; then
    echo "error: 127.0.0.1:$port is already in use; set REQIVO_WEBSOCKETS_PORT to a free port" >&2
    return 1
  fi
  rm -f "$work/server.env"
  nohup "$python" "$here/websockets-server.py" "$port" >>"$log" 2>&1 &
  echo $! >"$pid_file"
  wait_started
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if pid=$(running_pid); then echo "running (pid $pid)"; else echo "not running"; exit 1; fi ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
