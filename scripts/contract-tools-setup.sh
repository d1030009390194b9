#!/usr/bin/env bash
# Installs the tools of the contract checks (.ci/contract), pinned, into the project:
#   - Debian's chromium (apt; the browser test drives it with playwright-core),
#   - a Python venv at .tools/venv from tests/clients/requirements.txt (schemathesis,
#     openapi-spec-validator, openapi-python-client, which `cargo xtask clients` runs, the
#     setuptools that builds clients/python, and their dependencies, all pinned),
#   - npm packages in tests/clients/node_modules from tests/clients/package-lock.json
#     (@redocly/cli, playwright-core),
#   - the TypeScript SDK's npm packages in clients/typescript/node_modules from its
#     package-lock.json (openapi-typescript, which `cargo xtask clients` runs, openapi-fetch,
#     typescript 5).
# Both .tools/ and node_modules/ are gitignored. Re-running is cheap: what is there is kept.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "chromium is missing: sudo apt-get install chromium" >&2; exit 1
  fi
fi

req=tests/clients/requirements.txt
if [ ! -x .tools/venv/bin/python ]; then
  python3 -m venv .tools/venv
fi
if ! cmp -s "$req" .tools/venv/.installed 2>/dev/null; then
  .tools/venv/bin/pip install -q --disable-pip-version-check -r "$req"
  cp "$req" .tools/venv/.installed
fi

for dir in tests/clients clients/typescript; do
  lock=$dir/package-lock.json
  if ! cmp -s "$lock" "$dir/node_modules/.installed-lock" 2>/dev/null; then
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    cp "$lock" "$dir/node_modules/.installed-lock"
  fi
done
echo "contract tools ready: $(.tools/venv/bin/schemathesis --version), redocly $(cd tests/clients && npx redocly --version)"
