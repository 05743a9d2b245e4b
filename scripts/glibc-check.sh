#!/bin/sh
# glibc-check.sh BINARY MAX — fail when BINARY needs a glibc symbol version
# newer than MAX (e.g. 2.28: UOS 20 and Kylin V10), read from objdump -T.
set -eu
bin=$1 max=$2
have=$(objdump -T "$bin" | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -n1)
if [ -z "$have" ]; then
	echo "$bin: no GLIBC symbol versions (objdump -T)" >&2
	exit 1
fi
top=$(printf '%s\n%s\n' "$have" "$max" | sort -V | tail -n1)
if [ "$top" != "$max" ]; then
	echo "$bin needs GLIBC_$have, more than GLIBC_$max" >&2
	exit 1
fi
echo "$bin: highest GLIBC version GLIBC_$have (limit GLIBC_$max)"
