#!/usr/bin/env bash
# Regenerates packages/Reqivo.Sessions/Cookies/public_suffix_list.txt, the compact Public Suffix List embedded in
# Reqivo.Sessions (the cookie jar refuses public suffixes as a cookie Domain, RFC 6265 §5.3 step 5).
# Source: Debian's `publicsuffix` package when installed, else the pinned copy among the test vectors.
# Output: one rule per line as written in the list (Unicode labels kept; the runtime maps them to punycode with the
# same IdnMapping it applies to hosts), comments and blank lines removed, ICANN and private sections both kept.
# Usage: build/generate-public-suffix.sh [path/to/public_suffix_list.dat]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/packages/Reqivo.Sessions/Cookies/public_suffix_list.txt"
src=${1:-}
if [[ -z "$src" ]]; then
  if [[ -f /usr/share/publicsuffix/public_suffix_list.dat ]]; then
    src=/usr/share/publicsuffix/public_suffix_list.dat
  else
    src="${REQIVO_VECTORS:-$root/../shared/vectors}/psl/public_suffix_list.dat"
  fi
fi
[[ -f "$src" ]] || { echo "public suffix list not found: $src" >&2; exit 1; }
sum=$(sha256sum "$src" | cut -d' ' -f1)
version=$(dpkg-query -W -f='${Version}' publicsuffix 2>/dev/null || true)
{
  echo "// Public Suffix List (https://publicsuffix.org/), licensed under the Mozilla Public License 2.0 (https://mozilla.org/MPL/2.0/)."
  echo "// Derived from $(basename "$src")${version:+ (Debian publicsuffix $version)}, sha256 $sum, by build/generate-public-suffix.sh: comments removed."
  # A rule is the first whitespace-free run of a line (the list's own definition); '//' lines are comments.
  sed -e 's/\r$//' -e 's/^[[:space:]]*//' -e 's/[[:space:]].*$//' "$src" | grep -v -e '^//' -e '^$'
} >"$out"
echo "$out: $(($(wc -l <"$out") - 2)) rules from $src"
