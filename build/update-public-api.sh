#!/usr/bin/env bash
# Developer helper: records every public symbol the PublicApiAnalyzers report as undeclared (RS0016)
# in the package's PublicAPI.Unshipped.txt. Review the diff before committing: the API is deliberate.
# Usage: build/update-public-api.sh packages/Reqivo.Protocol [more package folders...]
set -euo pipefail
for dir in "$@"; do
  proj=$(ls "$dir"/*.csproj)
  log=$(mktemp)
  dotnet build "$proj" -nologo -clp:NoSummary -p:TreatWarningsAsErrors=false >"$log" 2>&1 || true
  grep -oE "RS0016: Symbol '.*' is not part of the declared public API" "$log" \
    | sed -E "s/^RS0016: Symbol '(.*)' is not part of the declared public API$/\1/" \
    | sort -u >>"$dir/PublicAPI.Unshipped.txt"
  { head -1 "$dir/PublicAPI.Unshipped.txt"; tail -n +2 "$dir/PublicAPI.Unshipped.txt" | sort -u; } >"$log.api"
  mv "$log.api" "$dir/PublicAPI.Unshipped.txt"
  rm -f "$log"
  echo "$dir: $(($(wc -l <"$dir/PublicAPI.Unshipped.txt") - 1)) unshipped symbols"
done
