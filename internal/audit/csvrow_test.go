package audit

import (
	"bytes"
	"encoding/csv"
	"testing"
)

// csvWant is what encoding/csv writes for fields, the format appendCSVRow
// must keep.
func csvWant(t testing.TB, fields []string) []byte {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	if err := w.Write(fields); err != nil {
		t.Fatal(err)
	}
	w.Flush()
	return buf.Bytes()
}

func TestAppendCSVRowWritesWhatEncodingCSVWrites(t *testing.T) {
	for _, fields := range [][]string{
		{""}, {"", ""}, {"plain", "中文", "12"},
		{"a,b", `say "hi"`, "two\nlines", "cr\r\nlf", "lone\rcr", `\.`, `\.x`},
		{" leading space", "\tleading tab", "\u3000全角空格", "\u00a0nbsp", "trailing ", "'=HYPERLINK()"},
		{"\xff\xfe", "\"", ",", "\n", "\r"},
	} {
		if got, want := appendCSVRow(nil, fields), csvWant(t, fields); !bytes.Equal(got, want) {
			t.Errorf("appendCSVRow(%q) = %q, want %q", fields, got, want)
		}
	}
}

func FuzzAppendCSVRow(f *testing.F) {
	f.Add("a", "b\"c")
	f.Add(" x", "y\r\nz")
	f.Fuzz(func(t *testing.T, a, b string) {
		fields := []string{a, b}
		if got, want := appendCSVRow(nil, fields), csvWant(t, fields); !bytes.Equal(got, want) {
			t.Fatalf("appendCSVRow(%q) = %q, want %q", fields, got, want)
		}
	})
}
