#!/usr/bin/env bash
# Interop peer: httpbin (Debian package python3-httpbin) under gunicorn on 127.0.0.1, run from
# artifacts/interop/httpbin/ (pid, log, server.env).
# Usage: build/interop/httpbin.sh start|stop|status
# Port: REQIVO_HTTPBIN_PORT (default 18090). See docs/interop.md for what the tests use it for.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
# shellcheck source-path=SCRIPTDIR source=apt.sh
source "$here/apt.sh"
# shellcheck source-path=SCRIPTDIR source=daemon.sh
source "$here/daemon.sh"

name=httpbin
port=${REQIVO_HTTPBIN_PORT:-18090}
work="$root/artifacts/interop/httpbin"
pid_file="$work/gunicorn.pid"
log="$work/gunicorn.log"
# Debian's modules live in the system interpreter; a python3 earlier on PATH (pyenv, venv) would not see them.
python=/usr/bin/python3

has_modules() {
  [[ -x $python ]] && "$python" -c 'import httpbin, gunicorn' 2>/dev/null
}

ensure_httpbin() {
  has_modules && return 0
  # python3-brotli lets httpbin serve /brotli; it is a dependency of python3-httpbin on Debian, named here so a
  # minimal install has it too.
  apt_install python3-httpbin gunicorn python3-brotli
  has_modules || { echo "error: httpbin or gunicorn still not importable by $python" >&2; return 1; }
}

start() {
  mkdir -p "$work"
  if pid=$(running_pid); then
    echo "httpbin already running (pid $pid) on 127.0.0.1:$(sed -n 's/^port=//p' "$work/server.env")"
    return 0
  fi
  ensure_httpbin
  if port_answers "$port"; then
    echo "error: 127.0.0.1:$port is already in use; set REQIVO_HTTPBIN_PORT to a free port" >&2
    return 1
  fi
  rm -f "$work/server.env"
  # Two sync workers: the tests send concurrent requests, and one slow response must not stall the others.
  "$python" -m gunicorn --daemon --bind "127.0.0.1:$port" --workers 2 --pid "$pid_file" \
    --error-logfile "$log" --access-logfile "$work/access.log" --chdir "$work" httpbin:app
  wait_started
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if pid=$(running_pid); then echo "running (pid $pid)"; else echo "not running"; exit 1; fi ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
