#!/bin/sh
# installer-run.sh docattr-setup-VERSION.exe — run the Windows installer
# silently (/S) under Wine in a throwaway prefix reporting Windows 10 and
# check what it did: both programs under Program Files, the Start menu entry
# 公文公开属性助手 pointing at docattr.exe, the Explorer context menu entry
# "用 docattr 标注" for .docx and the 应用和功能 registration (64-bit registry
# view). Then uninstall silently: programs, shortcut and keys gone, the data
# folder %LocalAppData%\docattr kept. Last, a prefix reporting Windows 7 must
# refuse the install with an error code and install nothing.
#
# The installer is a 64-bit NSIS program (Target amd64-unicode), so Debian's
# 64-bit-only wine64 runs it; no X server is needed for /S.
set -eu
exe=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
WINEPREFIX=$(mktemp -d)
export WINEPREFIX WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
unset DISPLAY WAYLAND_DISPLAY
trap 'wineserver -k 2>/dev/null || true; rm -rf "$WINEPREFIX"' EXIT
fail() { echo "installer-run: $*" >&2; exit 1; }
wine=$(command -v wine64 || command -v wine)
wineboot -i >/dev/null 2>&1
winecfg -v win10 >/dev/null 2>&1
c=$WINEPREFIX/drive_c
app="$c/Program Files/docattr"
lnk="$c/ProgramData/Microsoft/Windows/Start Menu/Programs/公文公开属性助手.lnk"
menu='HKLM\Software\Classes\SystemFileAssociations\.docx\shell\docattr'
uninst='HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall\docattr'
# reg KEY: the key exported as UTF-8 text (reg writes UTF-16), empty when absent.
reg() {
	"$wine" reg export "$1" "$WINEPREFIX/k.reg" /y >/dev/null 2>&1 || return 0
	iconv -f UTF-16 -t UTF-8 "$WINEPREFIX/k.reg" | tr -d '\r'
}
has() { printf '%s\n' "$1" | grep -qxF "$2" || fail "$3 lacks $2"; }

"$wine" "$exe" /S || fail "silent install exited with $?"
wineserver -w
for f in docattr.exe docattr-cli.exe OFL.txt uninstall.exe; do
	[ -f "$app/$f" ] || fail "no C:\\Program Files\\docattr\\$f"
done
[ -f "$lnk" ] || fail "no Start menu entry 公文公开属性助手.lnk"
strings -a "$lnk" | grep -qxF 'C:\Program Files\docattr\docattr.exe' || fail "the Start menu entry does not point at docattr.exe"
m=$(reg "$menu")
has "$m" '"MUIVerb"="用 docattr 标注"' "context menu entry"
has "$m" '@="\"C:\\Program Files\\docattr\\docattr.exe\" \"%1\""' "context menu command"
u=$(reg "$uninst")
has "$u" '"DisplayName"="公文公开属性助手"' "uninstall registration"
has "$u" '"UninstallString"="\"C:\\Program Files\\docattr\\uninstall.exe\""' "uninstall registration"
echo "installed: programs, Start menu entry, context menu 用 docattr 标注, uninstall registration"

local=$c/users/$(id -un)/AppData/Local
[ -d "$local" ] || fail "no %LocalAppData% at $local"
data=$local/docattr
mkdir -p "$data" && echo record >"$data/audit.db"
"$wine" "C:\\Program Files\\docattr\\uninstall.exe" /S || fail "silent uninstall exited with $?"
wineserver -w
[ ! -e "$app" ] || fail "uninstall left $(ls "$app")"
[ ! -e "$lnk" ] || fail "uninstall left the Start menu entry"
[ -z "$(reg "$menu")" ] || fail "uninstall left the context menu entry"
[ -z "$(reg "$uninst")" ] || fail "uninstall left the uninstall registration"
[ -f "$data/audit.db" ] || fail "uninstall removed the data folder"
echo "uninstalled: programs, entries and keys gone, data folder kept"

winecfg -v win7 >/dev/null 2>&1
if "$wine" "$exe" /S; then fail "installed on Windows 7"; fi
wineserver -w
[ ! -e "$app" ] || fail "a refused install left files"
echo "Windows 7: refused, nothing installed"
