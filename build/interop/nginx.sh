#!/usr/bin/env bash
# Interop peer: a private nginx on 127.0.0.1, run from artifacts/interop/nginx/ (config, files, cert, logs, pid).
# Usage: build/interop/nginx.sh start|stop|status
# Ports: REQIVO_NGINX_HTTP_PORT (default 18080) and REQIVO_NGINX_HTTPS_PORT (default 18443).
# See docs/interop.md for the locations served and how tests trust the certificate.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
# shellcheck source-path=SCRIPTDIR source=apt.sh
source "$here/apt.sh"

http_port=${REQIVO_NGINX_HTTP_PORT:-18080}
https_port=${REQIVO_NGINX_HTTPS_PORT:-18443}
work="$root/artifacts/interop/nginx"
conf="$work/nginx.conf"
pid_file="$work/nginx.pid"
error_log="$work/error.log"
www="$work/www"

echo_module_name=ngx_http_echo_module.so

# Prints the path of the third-party echo module (Debian package libnginx-mod-http-echo) when it is installed.
echo_module_path() {
  local modules
  modules=$("$nginx_bin" -V 2>&1 | tr ' ' '\n' | sed -n 's/^--modules-path=//p')
  [[ -f "${modules:-/usr/lib/nginx/modules}/$echo_module_name" ]] || return 1
  printf '%s\n' "${modules:-/usr/lib/nginx/modules}/$echo_module_name"
}

ensure_nginx() {
  local packages=() nginx_package=''
  # The certificate is made by the openssl command-line tool, which minimal images (a CI container) lack.
  if ! find_command openssl >/dev/null; then packages+=(openssl); fi
  if nginx_bin=$(find_command nginx); then
    # nginx is there; only the echo module may be missing, and it is optional.
    if [[ ${#packages[@]} -eq 0 ]] && { echo_module_path >/dev/null || [[ $(id -u) -ne 0 ]]; }; then
      return 0
    fi
  else
    nginx_package=nginx-light
  fi
  if [[ $(id -u) -eq 0 ]]; then
    apt-get update -qq >&2
    _reqivo_apt_updated=1
    # nginx-light (bookworm) is the small build with TLS, gzip and SSI; later releases ship only nginx.
    if [[ -n $nginx_package ]] && ! apt_has_candidate nginx-light; then nginx_package=nginx; fi
    if [[ -n $nginx_package ]]; then packages+=("$nginx_package"); fi
    if apt_has_candidate libnginx-mod-http-echo; then packages+=(libnginx-mod-http-echo); fi
    if [[ ${#packages[@]} -eq 0 ]]; then return 0; fi
  fi
  apt_install "${packages[@]}"
  nginx_bin=$(find_command nginx)
}

# A running server keeps the ports it was started with, whatever the environment says now.
load_running_ports() {
  [[ -s $work/server.env ]] || return 0
  http_port=$(sed -n 's/^http_port=//p' "$work/server.env")
  https_port=$(sed -n 's/^https_port=//p' "$work/server.env")
}

running_pid() {
  [[ -s $pid_file ]] || return 1
  local pid
  pid=$(<"$pid_file")
  kill -0 "$pid" 2>/dev/null || return 1
  printf '%s\n' "$pid"
}

port_answers() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Static content. Each file is named by the path it is served at, so every location below is a plain static response.
write_content() {
  mkdir -p "$www/bytes" "$www/download" "$work/temp"
  printf 'hello' >"$www/small"
  printf 'close' >"$www/close"
  # 1 MiB of the test pattern: byte i is i % 251, as in tests/Reqivo.TestServers/TestPayload.cs.
  if [[ $(stat -c %s "$www/bytes/1m" 2>/dev/null || echo 0) -ne 1048576 ]]; then
    perl -e 'print map { chr($_ % 251) } 0 .. 1048575' >"$www/bytes/1m"
  fi
  # 256 MiB of zeros as a sparse file: no disk is used and nginx reads the holes as zeros.
  truncate -s 256M "$www/download/256m"
  # A text page for the SSI and gzip locations, big enough to come out in more than one chunk.
  if [[ ! -s $www/text ]]; then
    for i in $(seq 1 2048); do printf 'line %04d of the reqivo interop text page\n' "$i"; done >"$www/text"
  fi
}

write_certificate() {
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 30 \
    -subj "/CN=localhost" -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
    -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
  chmod 600 "$work/key.pem"
  local thumbprint
  # Upper-case hex without separators: the form X509Certificate2.GetCertHashString(HashAlgorithmName.SHA256) returns.
  thumbprint=$(openssl x509 -in "$work/cert.pem" -noout -fingerprint -sha256 | sed -e 's/^.*=//' -e 's/://g')
  printf 'path=%s\nsha256=%s\n' "$work/cert.pem" "$thumbprint" >"$work/cert.sha256"
}

write_server_env() {
  local echo_available=no
  if echo_module_path >/dev/null; then echo_available=yes; fi
  printf 'http_port=%s\nhttps_port=%s\necho=%s\n' "$http_port" "$https_port" "$echo_available" >"$work/server.env"
}

# The echo module gives nginx a real /echo; without it the location is simply not there (404).
echo_module_directive() {
  local path
  if path=$(echo_module_path); then printf 'load_module %s;\n' "$path"; fi
}

echo_location() {
  echo_module_path >/dev/null || return 0
  cat <<'LOCATION'
        # The request body, kept in memory up to the body limit, sent back (chunked, no Content-Type of its own).
        location = /echo {
            client_body_buffer_size 10m;
            echo_read_request_body;
            echo_request_body;
        }
LOCATION
}

# Temp paths for every module compiled in, so nginx never touches its default /var/lib/nginx directories.
temp_path_directives() {
  local built module
  built=$("$nginx_bin" -V 2>&1)
  printf '    client_body_temp_path %s/temp/body;\n' "$work"
  for module in proxy fastcgi uwsgi scgi; do
    if [[ $built != *"--without-http_${module}_module"* ]]; then
      printf '    %s_temp_path %s/temp/%s;\n' "$module" "$work" "$module"
    fi
  done
}

write_config() {
  local user_line=''
  # As root, workers would otherwise switch to an unprivileged user that may not reach files under the repository.
  if [[ $(id -u) -eq 0 ]]; then
    user_line="user $(id -un) $(id -gn);"
  fi
  cat >"$conf" <<CONF
# Generated by build/interop/nginx.sh; rewritten at every start.
$(echo_module_directive)
$user_line
worker_processes 1;
pid $pid_file;
error_log $error_log warn;

events {
    worker_connections 4096;
}

http {
    access_log off;
$(temp_path_directives)
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65s;
    keepalive_requests 100000;
    client_max_body_size 10m;
    server_tokens off;

    server {
        listen 127.0.0.1:$http_port;
        listen 127.0.0.1:$https_port ssl;
        server_name localhost;
        root $www;

        ssl_certificate $work/cert.pem;
        ssl_certificate_key $work/key.pem;
        ssl_protocols TLSv1.2 TLSv1.3;

        location = /small { default_type text/plain; }
        location = /bytes/1m { }
        location = /download/256m { }

        # SSI drops the length of the page it filters, so nginx frames this HTTP/1.1 response with chunked coding.
        location = /chunked {
            default_type text/plain;
            ssi on;
            ssi_types text/plain;
            try_files /text =404;
        }

        # gzip-encoded and chunked when the request accepts gzip, length-framed identity otherwise.
        location = /gzip {
            default_type text/plain;
            gzip on;
            gzip_min_length 0;
            gzip_types text/plain;
            try_files /text =404;
        }

        # The request body is read and discarded; bodies over client_max_body_size get 413.
        location = /post {
            # return runs in the rewrite phase, before limit_except would, so the method is checked here.
            if (\$request_method != POST) { return 405; }
            default_type text/plain;
            return 200 "posted";
        }

$(echo_location)

        location = /status/404 { return 404; }

        # keepalive_timeout 0 makes nginx answer with Connection: close and close after the response.
        location = /close {
            default_type text/plain;
            keepalive_timeout 0;
        }

        location / { return 404; }
    }
}
CONF
}

start() {
  ensure_nginx
  local pid
  if pid=$(running_pid); then
    load_running_ports
    echo "nginx already running (pid $pid): http=127.0.0.1:$http_port https=127.0.0.1:$https_port"
    return 0
  fi
  mkdir -p "$work"
  write_content
  write_certificate
  write_server_env
  write_config
  : >"$error_log"
  # -e: nginx opens its compiled-in error log (/var/log/nginx) before reading the config unless told otherwise.
  if ! "$nginx_bin" -c "$conf" -p "$work/" -e "$error_log"; then
    echo "error: nginx did not start; see $error_log" >&2
    return 1
  fi
  for _ in $(seq 1 100); do
    if port_answers "$http_port" && port_answers "$https_port"; then
      echo "nginx running (pid $(running_pid)): http=127.0.0.1:$http_port https=127.0.0.1:$https_port"
      echo "certificate: $work/cert.pem ($work/cert.sha256)"
      return 0
    fi
    sleep 0.1
  done
  echo "error: nginx did not answer on ports $http_port and $https_port within 10 s; see $error_log" >&2
  tail -n 20 "$error_log" >&2 || true
  stop >/dev/null || true
  return 1
}

stop() {
  local pid
  if ! pid=$(running_pid); then
    echo "nginx not running"
    return 0
  fi
  nginx_bin=$(find_command nginx)
  # Graceful first (finishes responses in flight), then fast, bounded at 10 s each.
  local signal
  for signal in quit stop; do
    "$nginx_bin" -c "$conf" -p "$work/" -e "$error_log" -s "$signal" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do
      if ! kill -0 "$pid" 2>/dev/null; then
        echo "nginx stopped"
        return 0
      fi
      sleep 0.1
    done
  done
  echo "error: nginx (pid $pid) did not stop" >&2
  return 1
}

status() {
  local pid
  if pid=$(running_pid); then
    load_running_ports
    local answering=no
    if port_answers "$http_port" && port_answers "$https_port"; then answering=yes; fi
    echo "nginx running (pid $pid): http=127.0.0.1:$http_port https=127.0.0.1:$https_port answering=$answering"
    return 0
  fi
  echo "nginx not running"
  # LSB: 3 means "not running".
  return 3
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *)
    echo "usage: $0 start|stop|status" >&2
    exit 2
    ;;
esac
