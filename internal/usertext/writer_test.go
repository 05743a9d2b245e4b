package usertext

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func TestTerminalWriterKeepsLayoutAndEscapesControls(t *testing.T) {
	cases := []struct{ in, want string }{
		{"标题 / title:\t通知\n", "标题 / title:\t通知\n"},
		{"标题：\x1b]0;pwned\x07关于\x1b[2J\n", `标题：\x1b]0;pwned\x07关于\x1b[2J` + "\n"},
		{"a\rb", `a\rb`},
		{"x\u009b31my", `x\u009b31my`},
		{"abc\u202efdp.exe\n", "abc‹U+202E›fdp.exe\n"},
		{"bad\xff!", `bad\xff!`},
	}
	for _, c := range cases {
		var b bytes.Buffer
		w := NewTerminalWriter(&b)
		if n, err := w.Write([]byte(c.in)); err != nil || n != len(c.in) {
			t.Fatalf("Write = %d, %v", n, err)
		}
		w.Flush()
		if b.String() != c.want {
			t.Errorf("%q → %q, want %q", c.in, b.String(), c.want)
		}
	}
}

func TestWriterJoinsACharacterSplitAcrossWrites(t *testing.T) {
	in := []byte("张三\u202e李四")
	for cut := 1; cut < len(in); cut++ {
		var b bytes.Buffer
		w := NewTerminalWriter(&b)
		w.Write(in[:cut])
		w.Write(in[cut:])
		w.Flush()
		if b.String() != "张三‹U+202E›李四" {
			t.Errorf("cut at %d: %q", cut, b.String())
		}
	}
	var b bytes.Buffer
	w := NewTerminalWriter(&b)
	w.Write([]byte("末尾\xe4\xb8"))
	w.Flush()
	if b.String() != `末尾\xe4\xb8` {
		t.Errorf("a dangling partial character: %q", b.String())
	}
}

func TestJSONWriterKeepsTheValues(t *testing.T) {
	v := map[string]string{"title": "关于\x1b[2J\u009b\u202e\u2066\ufffe\uffff通知\t\n", "ok": "é😀"}
	var raw, b bytes.Buffer
	json.NewEncoder(&raw).Encode(v)
	w := NewJSONWriter(&b)
	w.Write(raw.Bytes())
	w.Flush()
	for _, r := range b.String() {
		if r >= 0x7f && r <= 0x9f || visibleCode(r) {
			t.Fatalf("JSON output holds %U raw: %q", r, b.String())
		}
	}
	var back map[string]string
	if err := json.Unmarshal(b.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if back["title"] != v["title"] || back["ok"] != v["ok"] {
		t.Errorf("values changed: %q", back)
	}
	if !strings.Contains(b.String(), `\u202e`) {
		t.Errorf("%s", b.String())
	}
}
