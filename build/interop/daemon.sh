# shellcheck shell=bash
# Sourced by the interop scripts that run one background server (httpbin, websockets). The sourcing script sets
# name, work, pid_file, port and log before calling these.

# Prints the pid of the running server, or fails when none is running.
running_pid() {
  [[ -s $pid_file ]] || return 1
  local pid
  pid=$(<"$pid_file")
  kill -0 "$pid" 2>/dev/null || return 1
  printf '%s\n' "$pid"
}

# True when something accepts connections on 127.0.0.1:$1.
port_answers() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Waits up to 10 s for the started server to answer, then writes server.env (the tests' sign that it runs).
wait_started() {
  for _ in $(seq 1 100); do
    if port_answers "$port" && running_pid >/dev/null; then
      printf 'port=%s\n' "$port" >"$work/server.env"
      echo "$name started (pid $(running_pid)) on 127.0.0.1:$port"
      return 0
    fi
    sleep 0.1
  done
  echo "error: $name did not start on 127.0.0.1:$port; see $log" >&2
  return 1
}

# Stops the server: TERM, then KILL after 10 s; removes server.env so no test takes a stopped server for a live one.
stop() {
  local pid
  if ! pid=$(running_pid); then
    rm -f "$work/server.env"
    echo "$name not running"
    return 0
  fi
  kill -TERM "$pid"
  for _ in $(seq 1 100); do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$work/server.env" "$pid_file"
      echo "$name stopped"
      return 0
    fi
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$work/server.env" "$pid_file"
  echo "$name killed after 10 s"
}
