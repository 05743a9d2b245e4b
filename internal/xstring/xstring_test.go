package xstring

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestEscape(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", ""},
		{"国办发〔2025〕1号", "国办发〔2025〕1号"},
		{"_x5BC6_件", "_x005F_x5BC6_件"},
		{"a_x00e9_b_X0041_", "a_x005F_x00e9_b_X0041_"}, // lower-case hex escapes; _X does not
		{"_x0041__x0042_", "_x005F_x0041__x005F_x0042_"},
		{"_x_x0041_", "_x_x005F_x0041_"},
		{"_x004_", "_x004_"},
		{"_x0041", "_x0041"},
		{"_xGGGG_", "_xGGGG_"},
		{"_x005F_", "_x005F_x005F_"},
	} {
		if got := Escape(c.in); got != c.want {
			t.Errorf("Escape(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// What Escape writes, a spreadsheet reader gives back as it was typed: here
// excelize's own reader, which decodes _xHHHH_ as Excel does.
func TestEscapedTextReadsBackAsTyped(t *testing.T) {
	texts := []string{"_x5BC6_件", "a_x00e9_b", "_x0041__x0042_", "_x005F_", "普通文字"}
	x := excelize.NewFile()
	defer x.Close()
	for i, s := range texts {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := x.SetCellStr("Sheet1", cell, Escape(s)); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		t.Fatal(err)
	}
	y, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer y.Close()
	for i, s := range texts {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if got, _ := y.GetCellValue("Sheet1", cell); got != s {
			t.Errorf("%q came back as %q", s, got)
		}
	}
}

func FuzzEscape(f *testing.F) {
	f.Add("_x5BC6_件")
	f.Add("_x_x0041__x")
	f.Fuzz(func(t *testing.T, s string) {
		e := Escape(s)
		if find(s, 0) < 0 && e != s {
			t.Fatalf("changed text without an escape: %q → %q", s, e)
		}
		// Every escape found in the output is one this package wrote.
		for i := find(e, 0); i >= 0; i = find(e, i+1) {
			if e[i:i+7] != "_x005F_" && (i < 6 || e[i-6:i] != "_x005F") {
				t.Fatalf("unescaped %q left in %q (from %q)", e[i:i+7], e, s)
			}
		}
	})
}
