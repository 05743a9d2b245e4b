package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRoute(t *testing.T) {
	dir := t.TempDir()
	draft := filepath.Join(dir, "草稿.docx")
	other := filepath.Join(dir, "说明")
	for _, p := range []string{draft, other} {
		if err := os.WriteFile(p, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	cases := []struct {
		name string
		args []string
		want Start
	}{
		{"no arguments opens the window", nil, Start{}},
		{"a draft opens the window on it", []string{draft}, Start{Open: draft}},
		{"--db before a draft", []string{"--db", "F.db", draft}, Start{DB: "F.db", Open: draft}},
		{"--db= before a draft", []string{"--db=F.db", draft}, Start{DB: "F.db", Open: draft}},
		{"--db alone opens the window with that log", []string{"--db", "F.db"}, Start{DB: "F.db"}},
		{"an existing file without extension", []string{other}, Start{Open: other}},
		{"a missing .docx still goes to the window", []string{"不存在.docx"}, Start{Open: "不存在.docx"}},
		{"a subcommand", []string{"mark", draft}, Start{CLI: true}},
		{"--db before a subcommand", []string{"--db", "F.db", "log"}, Start{CLI: true}},
		{"help", []string{"help"}, Start{CLI: true}},
		{"an unknown word", []string{"frobnicate"}, Start{CLI: true}},
		{"--db before an unknown word", []string{"--db", "F.db", "frobnicate"}, Start{CLI: true}},
		{"--db without a value", []string{"--db"}, Start{CLI: true}},
		{"an unknown flag", []string{"--verbose"}, Start{CLI: true}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Route(c.args); got != c.want {
				t.Errorf("Route(%q) = %+v, want %+v", c.args, got, c.want)
			}
		})
	}
}

func TestUnknownWordIsUsageError(t *testing.T) {
	var out, errb bytes.Buffer
	args := []string{"frobnicate"}
	if !Route(args).CLI {
		t.Fatal("an unknown word goes to the window")
	}
	if code := Run(args, &out, &errb); code != ExitUsage {
		t.Errorf("exit %d, want %d", code, ExitUsage)
	}
	if !strings.Contains(errb.String(), "未知命令") || !strings.Contains(errb.String(), "unknown command") {
		t.Errorf("stderr %q lacks the bilingual message", errb.String())
	}
}
