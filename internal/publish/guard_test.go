package publish

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/docattr/docattr/internal/audit"
)

// installation makes a data folder with the files a real installation
// holds (a real bbolt audit log among them) and points DOCATTR_HOME at it.
func installation(t *testing.T) (data string, log *audit.Log) {
	t.Helper()
	root := t.TempDir()
	data = filepath.Join(root, "docattr")
	if err := os.MkdirAll(filepath.Join(data, "imported"), 0o700); err != nil {
		t.Fatal(err)
	}
	t.Setenv("DOCATTR_HOME", data)
	for _, f := range []string{"installation.key", "installation.pub", "settings.json", "keyring.json", "imported/office.jsonl"} {
		if err := os.WriteFile(filepath.Join(data, f), []byte("precious "+f), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	log, err := audit.Open(filepath.Join(data, "audit.db"), audit.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { log.Close() })
	return data, log
}

func TestTargetNeverLandsOnDataInputsOrLog(t *testing.T) {
	data, log := installation(t)
	work := t.TempDir()
	in := filepath.Join(work, "通知.docx")
	other := filepath.Join(work, "other.docx")
	for _, p := range []string{in, other} {
		os.WriteFile(p, []byte("input"), 0o644)
	}
	mustLink := func(err error) {
		if err != nil {
			t.Skip("links not supported here:", err)
		}
	}
	mustLink(os.Symlink(data, filepath.Join(work, "datalink")))
	mustLink(os.Symlink(filepath.Join(data, "installation.key"), filepath.Join(work, "key-symlink.docx")))
	mustLink(os.Link(filepath.Join(data, "installation.key"), filepath.Join(work, "key-hardlink.docx")))
	mustLink(os.Link(filepath.Join(data, "settings.json"), filepath.Join(work, "settings-hardlink.docx")))
	mustLink(os.Link(filepath.Join(data, "audit.db"), filepath.Join(work, "audit-hardlink.docx")))
	mustLink(os.Link(other, filepath.Join(work, "other-hardlink.docx")))
	mustLink(os.Symlink(filepath.Join(data, "imported"), filepath.Join(work, "sublink")))
	logElsewhere := filepath.Join(t.TempDir(), "office.db") // --db outside the data folder
	upper := filepath.Join(filepath.Dir(data), "DOCATTR")
	caseInsensitive := false
	if st, err := os.Stat(upper); err == nil && st.IsDir() {
		caseInsensitive = true
	}
	cases := []struct {
		name, out string
		want      error
	}{
		{"installation.key", filepath.Join(data, "installation.key"), ErrOutputPath},
		{"installation.pub", filepath.Join(data, "installation.pub"), ErrOutputPath},
		{"settings.json with ./", filepath.Join(data, ".", "settings.json"), ErrOutputPath},
		{"keyring.json through ..", data + "/imported/../keyring.json", ErrOutputPath},
		{"audit.db", filepath.Join(data, "audit.db"), ErrOutputPath},
		{"the log elsewhere", logElsewhere, ErrOutputPath},
		{"the imported logs beside it", filepath.Join(filepath.Dir(logElsewhere), "office.imported.db"), ErrOutputPath},
		{"a new file in the data folder", filepath.Join(data, "通知.docx"), ErrOutputPath},
		{"a subfolder of the data folder", filepath.Join(data, "imported", "x.docx"), ErrOutputPath},
		{"the data folder through a symlinked folder", filepath.Join(work, "datalink", "installation.key"), ErrOutputPath},
		{"a new file through a symlinked folder", filepath.Join(work, "datalink", "new.docx"), ErrOutputPath},
		{"a subfolder through a symlink to it", filepath.Join(work, "sublink", "x.docx"), ErrOutputPath},
		{"a symlink to installation.key", filepath.Join(work, "key-symlink.docx"), ErrOutputPath},
		{"a hard link to installation.key", filepath.Join(work, "key-hardlink.docx"), ErrOutputPath},
		{"a hard link to settings.json", filepath.Join(work, "settings-hardlink.docx"), ErrOutputPath},
		{"a hard link to the audit log", filepath.Join(work, "audit-hardlink.docx"), ErrOutputPath},
		{"the input", in, ErrSameFile},
		{"the input with ./", filepath.Join(work, ".", "通知.docx"), ErrSameFile},
		{"a folder", work, ErrOutputPath},
		{"a missing folder", filepath.Join(work, "no", "x.docx"), ErrOutputPath},
		{"empty", "", ErrOutputPath},
		{"a fine place", filepath.Join(work, "通知-已标注.docx"), nil},
	}
	if caseInsensitive {
		cases = append(cases, struct {
			name, out string
			want      error
		}{"the data folder in other case", filepath.Join(upper, "installation.key"), ErrOutputPath})
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g := NewGuard(log.Path(), in, other)
			if c.name == "the log elsewhere" || c.name == "the imported logs beside it" {
				g = NewGuard(logElsewhere, in, other)
			}
			got, err := g.Target(in, c.out, true)
			if c.want == nil {
				if err != nil || got != c.out {
					t.Fatalf("got %q, %v; want %q", got, err, c.out)
				}
				return
			}
			if !errors.Is(err, c.want) {
				t.Fatalf("got %q, %v; want %v", got, err, c.want)
			}
		})
	}
	// Another input of the run is never overwritten: it gets a new name.
	g := NewGuard(log.Path(), in, other)
	for _, want := range []string{other, filepath.Join(work, "other-hardlink.docx")} {
		got, err := g.Target(in, want, true)
		if err != nil || got == want {
			t.Errorf("output %s: got %q, %v; want a distinct name", filepath.Base(want), got, err)
		}
	}
	for _, f := range []string{"installation.key", "settings.json", "keyring.json", "installation.pub"} {
		if b, _ := os.ReadFile(filepath.Join(data, f)); string(b) != "precious "+f {
			t.Errorf("%s changed", f)
		}
	}
}

func TestClaimGivesDistinctNames(t *testing.T) {
	_, log := installation(t)
	dir := t.TempDir()
	existing := filepath.Join(dir, "通知-已标注.docx")
	os.WriteFile(existing, []byte("a user's file"), 0o644)
	cases := []struct {
		name      string
		wants     []string
		overwrite bool
		got       []string
	}{
		{"same name twice in one run", []string{"通知.docx", "通知.docx", "通知.docx"}, false, []string{"通知.docx", "通知(2).docx", "通知(3).docx"}},
		{"same name twice, overwrite", []string{"通知.docx", "通知.docx"}, true, []string{"通知.docx", "通知(2).docx"}},
		{"an existing file is kept", []string{"通知-已标注.docx"}, false, []string{"通知-已标注(2).docx"}},
		{"an existing file is replaced when asked", []string{"通知-已标注.docx"}, true, []string{"通知-已标注.docx"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g := NewGuard(log.Path())
			for i, w := range c.wants {
				if got := g.Claim(filepath.Join(dir, w), c.overwrite); got != filepath.Join(dir, c.got[i]) {
					t.Errorf("claim %d: got %s want %s", i, filepath.Base(got), c.got[i])
				}
			}
		})
	}
}
