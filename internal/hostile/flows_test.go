package hostile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docattr/docattr/internal/attr"
	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/clean"
	"github.com/docattr/docattr/internal/docx"
	"github.com/docattr/docattr/internal/marker"
	"github.com/docattr/docattr/internal/msg"
	"github.com/docattr/docattr/internal/scan"
	"github.com/docattr/docattr/internal/settings"
)

var actor = settings.Actor{Name: "测试员", OSUser: "tester", Machine: "pc1"}

// outcome is what the three real flows did with one package.
type outcome struct {
	inspect, mark, clean error
	doc                  *docx.Document // inspect's reading, closed; nil when refused
	markOut, cleanOut    string         // outputs, set when written
}

// openLog opens a real bbolt audit log that lives as long as t.
func openLog(t testing.TB) *audit.Log {
	t.Helper()
	l, err := audit.Open(filepath.Join(t.TempDir(), "audit.db"), audit.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

// runFlows runs inspect (docx.Open, Analyze, scan.Check), mark
// (marker.Mark) and clean (clean.Run) on data and checks what must hold
// for every input: an error is a clear refusal (a *msg.Error), a refused
// flow leaves no output, and every output written verifies.
func runFlows(t testing.TB, log *audit.Log, data []byte, ext string) outcome {
	t.Helper()
	dir := t.TempDir()
	in := filepath.Join(dir, "in"+ext)
	if err := os.WriteFile(in, data, 0o644); err != nil {
		t.Fatal(err)
	}
	var o outcome
	if d, err := docx.Open(in); err != nil {
		o.inspect = err
	} else {
		d.Analyze()
		scan.Check(d)
		d.Close()
		o.doc = d
	}
	markOut := filepath.Join(dir, "marked"+ext)
	res := marker.Mark(log, []marker.Job{{Input: in, Output: markOut}},
		marker.Request{Decision: attr.Decision{Attribute: attr.Public}, Actor: actor, Version: "hostile"}, nil)
	o.mark = res[0].Err
	cleanOut := filepath.Join(dir, "cleaned"+ext)
	_, o.clean = clean.Run(log, in, cleanOut, clean.All(), actor, "hostile")
	for _, f := range []struct {
		name string
		err  error
		out  string
		set  *string
	}{{"inspect", o.inspect, "", nil}, {"mark", o.mark, markOut, &o.markOut}, {"clean", o.clean, cleanOut, &o.cleanOut}} {
		if f.err != nil {
			var me *msg.Error
			if !errors.As(f.err, &me) {
				t.Errorf("%s: refusal is not a clear message: %v", f.name, f.err)
			}
			if f.out != "" {
				if _, err := os.Stat(f.out); err == nil {
					t.Errorf("%s refused (%v) but wrote %s", f.name, f.err, f.out)
				}
			}
			continue
		}
		if f.out == "" {
			continue
		}
		if err := Verify(f.out); err != nil {
			t.Errorf("%s wrote a damaged package: %v", f.name, err)
		}
		*f.set = f.out
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
	if got, err := os.ReadFile(in); err != nil || string(got) != string(data) {
		t.Errorf("the input was modified")
	}
	return o
}

// refusedWith says whether every flow refused with kind.
func (o outcome) refusedWith(kind error) []string {
	var bad []string
	for _, f := range []struct {
		name string
		err  error
	}{{"inspect", o.inspect}, {"mark", o.mark}, {"clean", o.clean}} {
		if !errors.Is(f.err, kind) {
			bad = append(bad, f.name+": "+errText(f.err))
		}
	}
	return bad
}

// accepted says which flows refused.
func (o outcome) accepted() []string {
	var bad []string
	for _, f := range []struct {
		name string
		err  error
	}{{"inspect", o.inspect}, {"mark", o.mark}, {"clean", o.clean}} {
		if f.err != nil {
			bad = append(bad, f.name+": "+errText(f.err))
		}
	}
	return bad
}

func errText(err error) string {
	if err == nil {
		return "accepted"
	}
	return strings.ReplaceAll(err.Error(), "\n", " ")
}
