# Shared helpers for the editor install and e2e scripts. Source it.
# Everything fetched lives under $CACHE (git-ignored), so a second run is quick.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CACHE=${TLALS_CACHE:-$ROOT/.cache}
mkdir -p "$CACHE"

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "FAIL: $*"; exit 1; }

# as_root runs a command as root, through sudo when we are not root.
as_root() {
	if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
		die "need root (or sudo) to run: $*"
	fi
}

# apt_install installs Debian packages that are missing; apt-get update runs
# at most once per script run, and only when something is missing.
_apt_updated=
apt_install() {
	local missing=()
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	log "apt-get install ${missing[*]}"
	if [ -z "$_apt_updated" ]; then
		as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq || die "apt-get update"
		_apt_updated=1
	fi
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
		|| die "apt-get install ${missing[*]}"
}

# ensure_tlals builds bin/tlals when it is missing or older than the sources.
ensure_tlals() {
	local bin=$ROOT/bin/tlals
	if [ ! -x "$bin" ] || [ -n "$(find "$ROOT/cmd" "$ROOT/lsp" "$ROOT/analysis" "$ROOT/checker" "$ROOT/parser" \
		-name '*.go' -newer "$bin" -print -quit 2>/dev/null)" ]; then
		log "make build"
		(cd "$ROOT" && make build >&2) || die "make build"
	fi
}

# with_timeout SECONDS CMD...: bounded wait for a foreground command.
with_timeout() { local s=$1; shift; timeout --kill-after=10 "$s" "$@"; }

# seed_spec DIR puts the seed demo, translated by bin/tlals, into DIR and
# prints SPEC=Uploader. Without the shared corpus it rebuilds the seed from
# the checker's fixture, whose first 84 lines are the seed's but for the
# module name (the tests assert the seed's lines and names).
seed_spec() {
	local dir=$1 seed=$ROOT/../shared/corpus/seed fixture=$ROOT/checker/testdata/Uploader_translated
	ensure_tlals
	if [ -f "$seed/Uploader.tla" ]; then
		cp "$seed/Uploader.tla" "$seed/Uploader.cfg" "$dir/"
	else
		{ sed -n '1s/MODULE Uploader_translated /MODULE Uploader /;1,84p' "$fixture.tla"
		  echo '============================================================================='; } >"$dir/Uploader.tla"
		cp "$fixture.cfg" "$dir/Uploader.cfg"
	fi
	chmod u+w "$dir/Uploader.tla" "$dir/Uploader.cfg" # the corpus is read-only; the tests edit and save
	"$ROOT/bin/tlals" translate "$dir/Uploader.tla" >&2 || die "tlals translate Uploader.tla"
	grep -q 'BEGIN TRANSLATION' "$dir/Uploader.tla" || die "tlals translate wrote no translation"
	echo SPEC=Uploader
}

# tlc_jar prints the reference tla2tools.jar for the TLC engine's e2e steps:
# $TLC_JAR, else the shared tools beside the checkout (the tests skip the
# steps, saying so, when it or java is absent).
tlc_jar() { echo "${TLC_JAR:-$ROOT/../shared/tools/tla2tools.jar}"; }
