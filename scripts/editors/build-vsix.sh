#!/usr/bin/env bash
# Builds the VS Code extension: npm ci (pinned by package-lock.json), type
# check, unit tests, esbuild bundle, bin/tlals bundled under server/, and
# `vsce package`. Prints the .vsix path. Set SKIP_UNIT=1 to skip the unit tests.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

ext=$ROOT/editors/vscode
ensure_tlals
cd "$ext"
# npm ci only when the lock file changed since the last install.
if ! [ -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
	log "npm ci in editors/vscode"
	npm ci --no-audit --no-fund --loglevel=error >&2 || die "npm ci (editors/vscode)"
	touch node_modules/.package-lock.json
fi
npm run --silent typecheck >&2 || die "tsc"
if [ -z "${SKIP_UNIT:-}" ]; then
	npm test --silent >&2 || die "unit tests (editors/vscode)"
fi
npm run --silent bundle >&2 || die "esbuild"
rm -rf server && mkdir -p server && cp "$ROOT/bin/tlals" server/tlals
version=$(node -p 'require("./package.json").version')
out=$CACHE/vsix/tlals-$version.vsix
mkdir -p "$CACHE/vsix"
npx --no-install vsce package --no-dependencies --skip-license --allow-missing-repository --out "$out" >&2 || die "vsce package"
echo "$out"
