// Package smapstest is test support: what /proc/self/smaps says of the
// mapping that holds an address (the prefault and hugeheap tests check
// which memory asks for huge pages).
package smapstest

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
)

// ErrNoSmaps: the system has no /proc/self/smaps; the caller skips.
var ErrNoSmaps = errors.New("smapstest: no /proc/self/smaps")

// VmFlags returns the VmFlags of the mapping that holds addr.
func VmFlags(addr uintptr) ([]string, error) {
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		return nil, ErrNoSmaps
	}
	defer f.Close()
	in := false
	for sc := bufio.NewScanner(f); sc.Scan(); {
		line := sc.Text()
		var lo, hi uintptr
		if n, _ := fmt.Sscanf(line, "%x-%x ", &lo, &hi); n == 2 { // a mapping's header line
			in = lo <= addr && addr < hi
		} else if in && strings.HasPrefix(line, "VmFlags:") {
			return strings.Fields(strings.TrimPrefix(line, "VmFlags:")), nil
		}
	}
	return nil, fmt.Errorf("smapstest: no mapping holds %#x", addr)
}

// Flags is VmFlags for a test: it skips the test where there is no
// /proc/self/smaps and fails it when no mapping holds addr.
func Flags(t testing.TB, addr uintptr) []string {
	t.Helper()
	f, err := VmFlags(addr)
	if errors.Is(err, ErrNoSmaps) {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	return f
}
