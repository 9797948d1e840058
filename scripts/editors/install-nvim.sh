#!/usr/bin/env bash
# Installs Debian trixie's Neovim 0.10 into .cache/nvim without touching the
# system's packages (a private apt sources list, then dpkg -x), and writes a
# wrapper .cache/nvim/bin/nvim that runs it through trixie's own loader.
# Idempotent: a second run only checks the wrapper. Prints the wrapper's path.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

d=$CACHE/nvim
wrapper=$d/bin/nvim
write_wrapper() {
	mkdir -p "$d/bin"
	cat > "$wrapper" <<'WRAP'
#!/bin/sh
# Runs the private Neovim 0.10 through its own loader and libraries. Its
# tree-sitter parsers (markdown for hovers, lua, vimdoc...) sit in
# usr/lib/nvim/parser, which the relocated binary does not look in by itself:
# without them K fails as it never would for a user ("no parser for
# 'markdown'").
L=$(cd "$(dirname "$0")/../root" && pwd)
export VIMRUNTIME=${VIMRUNTIME:-$L/usr/share/nvim/runtime}
exec "$L/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2" \
	--library-path "$L/usr/lib/x86_64-linux-gnu:$L/lib/x86_64-linux-gnu" \
	"$L/usr/bin/nvim" --cmd "lua vim.opt.runtimepath:append([[$L/usr/lib/nvim]])" "$@"
WRAP
	chmod +x "$wrapper"
}

# ready reports whether the wrapper runs Neovim 0.10+ with the markdown parser.
ready() {
	[ -x "$wrapper" ] && "$wrapper" --headless -u NONE -i NONE \
		+'lua io.stdout:write(vim.version().minor .. (pcall(vim.treesitter.language.add, "markdown") and "md" or ""))' +qa 2>/dev/null \
		| grep -q '^1[0-9]md$'
}
if ready; then
	echo "$wrapper"; exit 0
fi
if [ -x "$d/root/usr/bin/nvim" ]; then
	write_wrapper # an older wrapper
	ready && { echo "$wrapper"; exit 0; }
fi
command -v apt-get >/dev/null || die "apt-get is needed to fetch Neovim"
apt_install debian-archive-keyring
log "fetching Neovim 0.10 from Debian trixie into $d"
rm -rf "$d"
mkdir -p "$d/lists/partial" "$d/debs" "$d/root" "$d/bin"
# The machine's own Debian mirror, with the trixie suite instead of its own.
mirror=$(sed -n 's/^URIs: *\([^ ]*debian\)$/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -n 1)
[ -n "$mirror" ] || mirror=$(awk '$1=="deb" && $0 !~ /security/ {for(i=2;i<=NF;i++) if ($i ~ /^https?:/) {print $i; exit}}' /etc/apt/sources.list 2>/dev/null)
[ -n "$mirror" ] || die "no Debian mirror found in the apt sources"
echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror trixie main" > "$d/sources.list"
o=(-o "Dir::Etc::SourceList=$d/sources.list" -o Dir::Etc::SourceParts=/dev/null -o "Dir::State::Lists=$d/lists"
	-o "Dir::Cache::archives=$d/debs" -o APT::Sandbox::User=root)
as_root apt-get "${o[@]}" update -qq >&2 || die "apt-get update (trixie lists)"
(cd "$d/debs" && as_root apt-get "${o[@]}" download neovim neovim-runtime libc6 libluajit-5.1-2 libuv1t64 \
	libunibilium4 libvterm0 libmsgpack-c2 libtree-sitter0.22 lua-luv libutf8proc3 libgcc-s1 \
	libtermkey1 lua-lpeg >&2) || die "apt-get download neovim"
for f in "$d"/debs/*.deb; do dpkg -x "$f" "$d/root"; done
rm -rf "$d/lists"
write_wrapper
v=$("$wrapper" --headless -u NONE -i NONE +'lua io.stdout:write(vim.version().minor)' +qa 2>&1) || die "nvim does not run: $v"
[ "$v" -ge 10 ] 2>/dev/null || die "nvim minor version is '$v', want >= 10"
ready || die "nvim has no markdown parser (looked in $d/root/usr/lib/nvim/parser)"
log "Neovim 0.$v ready"
echo "$wrapper"
