# shellcheck shell=bash
# Sourced by the interop scripts: installs a Debian package when its command is missing.
# Installing needs root; without it the scripts stop and print the command to run.

# apt-get update runs at most once per script run.
_reqivo_apt_updated=0

# True when the named Debian package has an install candidate in the configured sources.
apt_has_candidate() {
  local candidate
  candidate=$(apt-cache policy "$1" 2>/dev/null | awk '/Candidate:/ { print $2 }')
  [[ -n "$candidate" && "$candidate" != "(none)" ]]
}

# apt_install PACKAGE...: installs without recommends and without starting any service the packages ship.
apt_install() {
  if [[ $(id -u) -ne 0 ]]; then
    echo "error: $* not installed and not running as root; install with: sudo apt-get install -y --no-install-recommends $*" >&2
    return 1
  fi
  if [[ $_reqivo_apt_updated -eq 0 ]]; then
    apt-get update -qq >&2
    _reqivo_apt_updated=1
  fi
  # Debian packages such as nginx start their system service on install (as root, on port 80). The interop tier
  # never wants that, so a policy-rc.d that forbids starts is put in place for the install when none exists.
  local policy=/usr/sbin/policy-rc.d created_policy=0
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy"
    chmod 755 "$policy"
    created_policy=1
  fi
  local status=0
  # Progress goes to stderr: the callers' stdout carries results only.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2 || status=$?
  if [[ $created_policy -eq 1 ]]; then
    rm -f "$policy"
  fi
  return "$status"
}

# find_command NAME: prints the path of NAME, also looking in the sbin directories a non-root PATH may lack.
find_command() {
  local path
  path=$(PATH="$PATH:/usr/sbin:/sbin:/usr/local/sbin" command -v "$1" 2>/dev/null) || return 1
  printf '%s\n' "$path"
}
