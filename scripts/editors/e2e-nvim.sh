#!/usr/bin/env bash
# End-to-end test of the Neovim plugin in a real Neovim 0.10 (Debian trixie's
# build, installed under .cache/nvim by install-nvim.sh): opens the fixtures,
# waits for the client and its diagnostics, runs :checkhealth tlals and the
# commands the server offers. Exit 0 only on "TLALS-E2E VERDICT PASS".
set -euo pipefail
. "$(dirname "$0")/lib.sh"
start=$(date +%s)

NVIM=$("$ROOT/scripts/editors/install-nvim.sh" | tail -1)
[ -x "$NVIM" ] || die "install-nvim.sh did not provide nvim"
ensure_tlals

run=$CACHE/e2e-nvim
out=$CACHE/e2e-out
rm -rf "$run"; mkdir -p "$run/ws" "$run/home" "$out"
cp "$ROOT/editors/testdata/Broken.tla" "$run/ws/"
if [ -f "$ROOT/../shared/corpus/seed/Uploader.tla" ]; then
	cp "$ROOT/../shared/corpus/seed/Uploader.tla" "$ROOT/../shared/corpus/seed/Uploader.cfg" "$run/ws/"
fi
verdict=$out/nvim-verdict.txt
rm -f "$verdict"

# An isolated Neovim: no user config, state or data from this machine.
set +e
HOME=$run/home XDG_CONFIG_HOME=$run/home/.config XDG_DATA_HOME=$run/home/.local/share \
XDG_STATE_HOME=$run/home/.local/state XDG_CACHE_HOME=$run/home/.cache \
TLALS=$ROOT/bin/tlals WORKSPACE=$run/ws OUT=$verdict \
	with_timeout 300 "$NVIM" --headless -n -i NONE -u "$ROOT/editors/nvim/test/minimal_init.lua" \
	-c "luafile $ROOT/editors/nvim/test/e2e.lua" > "$run/nvim.log" 2>&1
rc=$?
set -e
[ -f "$verdict" ] || { cat "$run/nvim.log"; die "no verdict from Neovim (rc=$rc)"; }
cat "$verdict"
grep -q '^TLALS-E2E VERDICT PASS' "$verdict" || { cat "$run/nvim.log"; die "Neovim e2e failed; see $verdict"; }
[ "$rc" = 0 ] || { cat "$run/nvim.log"; die "Neovim exited with $rc"; }

# The model-checking side against the contract stub (needs node and the seed spec).
if [ -f "$run/ws/Uploader.tla" ]; then
	command -v node >/dev/null || die "node is needed for the contract stub"
	contract=$out/nvim-contract-verdict.txt
	rm -f "$contract"
	set +e
	HOME=$run/home XDG_CONFIG_HOME=$run/home/.config XDG_DATA_HOME=$run/home/.local/share \
	XDG_STATE_HOME=$run/home/.local/state XDG_CACHE_HOME=$run/home/.cache \
	STUB=$ROOT/editors/testdata/stub-server.mjs WORKSPACE=$run/ws OUT=$contract \
		with_timeout 120 "$NVIM" --headless -n -i NONE -u "$ROOT/editors/nvim/test/minimal_init.lua" \
		-c "luafile $ROOT/editors/nvim/test/contract.lua" > "$run/nvim-contract.log" 2>&1
	crc=$?
	set -e
	[ -f "$contract" ] || { cat "$run/nvim-contract.log"; die "no contract verdict from Neovim (rc=$crc)"; }
	cat "$contract"
	grep -q '^TLALS-E2E VERDICT PASS' "$contract" || { cat "$run/nvim-contract.log"; die "Neovim contract e2e failed"; }
fi
echo "e2e-nvim: $(( $(date +%s) - start ))s"
