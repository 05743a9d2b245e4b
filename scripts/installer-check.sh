#!/bin/sh
# installer-check.sh docattr-setup-VERSION.exe — list the NSIS installer
# with 7-Zip (Debian p7zip-full) and check that it installs both programs
# and writes an uninstaller. scripts/installer-run.sh runs it under Wine and
# checks the Start menu entry, the context menu and the uninstall
# registration it creates.
set -eu
exe=$1
list=$(7z l "$exe")
echo "$list" | grep -q 'SubType = NSIS-3 Unicode' || { echo "$exe: not a Unicode NSIS 3 installer" >&2; exit 1; }
for f in docattr.exe docattr-cli.exe uninstall.exe OFL.txt; do
	echo "$list" | grep -qE "[ /]$f\$" || { echo "$exe: does not install $f" >&2; exit 1; }
done
echo "$exe: installs docattr.exe, docattr-cli.exe, OFL.txt and an uninstaller"
