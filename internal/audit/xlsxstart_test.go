package audit

import (
	"bytes"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"testing"
	"time"
)

// Every docattr process initialises excelize before main, whether it writes
// a workbook or not. Upstream compiles two dozen regular expressions and
// builds two large tables there (about 1 MB in 5,000 allocations, the
// largest part of a small mark's start); third_party/excelize defers them
// to their first use (decision 026). This child process only starts, and
// its init trace must show the deferred cost. The byte count, unlike a
// time, does not depend on the machine's load.
func TestExcelizeInitialisesLazily(t *testing.T) {
	if os.Getenv("DOCATTR_INITTRACE_CHILD") != "" {
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestExcelizeInitialisesLazily$")
	cmd.Env = append(os.Environ(), "DOCATTR_INITTRACE_CHILD=1", "GODEBUG=inittrace=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	m := regexp.MustCompile(`init github.com/xuri/excelize/v2 @[^,]*, [^,]*, (\d+) bytes, (\d+) allocs`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("no init trace of excelize in:\n%s", out)
	}
	bytes, _ := strconv.Atoi(string(m[1]))
	allocs, _ := strconv.Atoi(string(m[2]))
	// Deferred: ~36 KB in ~190 allocations; upstream: ~1 MB in ~5,000.
	if bytes > 200<<10 || allocs > 1000 {
		t.Errorf("excelize's initialisation allocates %d bytes in %d allocations; the lazy fork keeps it under 200 KB and 1,000 (is go.mod's replace of third_party/excelize gone?)", bytes, allocs)
	}
}

// The deferred patterns work once used. OOXML reads _xHHHH_ in a cell's
// text as an escaped character, so text that looks like one must be
// escaped on the way into the workbook (_x005F_) and comes back as it was
// only through both of lib.go's deferred patterns: a file named so that
// Excel would show it as "密.docx" must still read "_x5BC6_.docx".
func TestExcelizeDeferredPartsWork(t *testing.T) {
	l := openTemp(t)
	l.actor = zhang
	e := sample("D", zhang, time.Date(2025, 3, 9, 10, 30, 15, 0, cst))
	e.File = "_x5BC6_.docx"
	mustAppend(t, l, e)
	path, x := exportedXLSX(t, l, Filter{})
	if got, _ := x.GetCellValue(SheetName, "E9"); got != e.File {
		t.Errorf("file name cell reads %q, want %q", got, e.File)
	}
	raw, err := readZipPart(path, "xl/worksheets/sheet1.xml")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(raw, []byte("_x005F_x5BC6_.docx")) {
		t.Error("the sheet holds the file name unescaped: Excel would show 密.docx")
	}
}
