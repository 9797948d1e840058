#!/usr/bin/env bash
# End-to-end test of the Neovim plugin in a real Neovim 0.10 (Debian trixie's
# build, installed under .cache/nvim by install-nvim.sh): opens the fixtures,
# waits for the client and its diagnostics, runs :checkhealth tlals, saves the
# translated seed spec (the server checks it) and steps through the trace,
# checks it again with the TLC engine (skipped, saying so, without Java or
# tla2tools.jar: see tlc_jar in lib.sh), then draws the screen (test/screen.lua attaches as a UI) into a PNG with
# Chromium. Exit 0 only on "TLALS-E2E VERDICT PASS".
set -euo pipefail
. "$(dirname "$0")/lib.sh"
start=$(date +%s)

NVIM=$("$ROOT/scripts/editors/install-nvim.sh" | tail -1)
[ -x "$NVIM" ] || die "install-nvim.sh did not provide nvim"
ensure_tlals
apt_install chromium fonts-dejavu-core

run=$CACHE/e2e-nvim
out=$CACHE/e2e-out
rm -rf "$run"; mkdir -p "$run/ws" "$run/home" "$out"
cp "$ROOT/editors/testdata/Broken.tla" "$run/ws/"
# The specs of the coverage lenses and of the simulation on save (e2e12).
cp "$ROOT"/editors/testdata/{Lamp,Odometer}.{tla,cfg} "$run/ws/"
spec_env=$(seed_spec "$run/ws") || die "the seed spec could not be prepared"
eval "$spec_env"
verdict=$out/nvim-verdict.txt
shot=$out/nvim-screen
# The screen's size in cells; screen.lua draws each 9×19 px, plus 6 px around.
cols=120 rows=48
rm -f "$out/nvim-trace.txt" "$out/nvim-trace.png" "$shot".* "$verdict"

# An isolated Neovim: no user config, state or data from this machine.
set +e
HOME=$run/home XDG_CONFIG_HOME=$run/home/.config XDG_DATA_HOME=$run/home/.local/share \
XDG_STATE_HOME=$run/home/.local/state XDG_CACHE_HOME=$run/home/.cache \
TLALS=$ROOT/bin/tlals WORKSPACE=$run/ws SPEC=$SPEC OUT=$verdict CAPTURE=$out/nvim-trace.txt TLC_JAR=$(tlc_jar) \
NVIM_BIN=$NVIM SCREEN=${cols}x$rows SHOT=$shot \
	with_timeout 480 "$NVIM" --headless -n -i NONE -u "$ROOT/editors/nvim/test/minimal_init.lua" \
	-c "luafile $ROOT/editors/nvim/test/e2e.lua" > "$run/nvim.log" 2>&1
rc=$?
set -e
[ -f "$verdict" ] || { cat "$run/nvim.log"; die "no verdict from Neovim (rc=$rc)"; }
cat "$verdict"
grep -q '^TLALS-E2E VERDICT PASS' "$verdict" || { cat "$run/nvim.log"; die "Neovim e2e failed; see $verdict"; }
[ "$rc" = 0 ] || { cat "$run/nvim.log"; die "Neovim exited with $rc"; }

# The screenshot and the trace buffer's text, for the README.
[ -f "$out/nvim-trace.txt" ] || die "no trace buffer capture"
[ -f "$shot.html" ] || die "no screen capture"
# Chromium's exit status says little here; the PNG it writes is what counts.
with_timeout 120 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
	--user-data-dir="$run/chromium" --window-size=$((cols * 9 + 12)),$((rows * 19 + 12)) \
	--screenshot="$out/nvim-trace.png" "file://$shot.html" > "$run/chromium.log" 2>&1 || true
[ "$(head -c 8 "$out/nvim-trace.png" 2>/dev/null | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] \
	|| { cat "$run/chromium.log"; die "Chromium wrote no PNG"; }
mkdir -p "$ROOT/editors/screenshots"
cp "$out/nvim-trace.txt" "$out/nvim-trace.png" "$ROOT/editors/screenshots/"
echo "e2e-nvim: $(( $(date +%s) - start ))s"
