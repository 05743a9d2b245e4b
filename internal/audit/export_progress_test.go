package audit

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// progressLog is a log with n mark events.
func progressLog(t *testing.T, n int) *Log {
	t.Helper()
	l := openTemp(t)
	evs := make([]Event, n)
	for i := range evs {
		evs[i] = sample("doc-"+strconv.Itoa(i), zhang, time.Date(2025, 3, 1, 9, 0, i, 0, cst))
	}
	mustAppend(t, l, evs...)
	return l
}

func TestExportWithReportsProgressUpToTheTotal(t *testing.T) {
	for _, format := range []string{FormatCSV, FormatJSONL, FormatXLSX} {
		t.Run(format, func(t *testing.T) {
			l := progressLog(t, 250)
			var calls [][2]int
			opts := ExportOptions{Progress: func(done, total int) { calls = append(calls, [2]int{done, total}) }}
			res, err := ExportWith(l, filepath.Join(t.TempDir(), "out."+format), format, Filter{}, opts)
			if err != nil {
				t.Fatal(err)
			}
			if len(calls) < 2 || calls[0] != [2]int{0, 250} || calls[len(calls)-1] != [2]int{250, 250} {
				t.Fatalf("progress calls %v, want 0/250 first and 250/250 last", calls)
			}
			for i := 1; i < len(calls); i++ {
				if calls[i][0] < calls[i-1][0] || calls[i][1] != 250 {
					t.Fatalf("progress goes backwards or changes total: %v", calls)
				}
			}
			if len(calls) < 10 {
				t.Errorf("only %d progress calls for 250 events", len(calls))
			}
			if res.Events != 250 || res.Event.Type != TypeExport {
				t.Errorf("result %+v", res)
			}
		})
	}
}

func TestExportWithProgressCountsTheFilteredEvents(t *testing.T) {
	l := progressLog(t, 20)
	last := [2]int{}
	opts := ExportOptions{Progress: func(done, total int) { last = [2]int{done, total} }}
	if _, err := ExportWith(l, filepath.Join(t.TempDir(), "one.csv"), FormatCSV, Filter{DocID: "doc-7"}, opts); err != nil {
		t.Fatal(err)
	}
	if last != [2]int{1, 1} {
		t.Errorf("last progress %v, want 1/1", last)
	}
}

func TestExportWithCanceledWritesNoFileAndNoEvent(t *testing.T) {
	for _, format := range []string{FormatCSV, FormatJSONL, FormatXLSX} {
		t.Run(format, func(t *testing.T) {
			l := progressLog(t, 300)
			dir := t.TempDir()
			path := filepath.Join(dir, "out."+format)
			cancel := make(chan struct{})
			opts := ExportOptions{Cancel: cancel, Progress: func(done, _ int) {
				if done >= 30 {
					select {
					case <-cancel:
					default:
						close(cancel) // the user clicks 取消 part way through
					}
				}
			}}
			_, err := ExportWith(l, path, format, Filter{}, opts)
			if !errors.Is(err, ErrCanceled) {
				t.Fatalf("err = %v, want ErrCanceled", err)
			}
			if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("canceled export left %s (%v)", path, err)
			}
			if left, _ := os.ReadDir(dir); len(left) != 0 {
				t.Errorf("temporary files left: %v", left)
			}
			if h, _ := l.Head(); h.Seq != 300 {
				t.Errorf("head is %d after a canceled export, want 300 (no export event)", h.Seq)
			}
		})
	}
}

func TestExportWithAlreadyCanceledDoesNothing(t *testing.T) {
	l := progressLog(t, 3)
	cancel := make(chan struct{})
	close(cancel)
	path := filepath.Join(t.TempDir(), "out.csv")
	if _, err := ExportWith(l, path, FormatCSV, Filter{}, ExportOptions{Cancel: cancel}); !errors.Is(err, ErrCanceled) {
		t.Fatalf("err = %v", err)
	}
	if _, err := os.Stat(path); err == nil {
		t.Error("file written")
	}
}

func TestExportIsExportWithoutOptions(t *testing.T) {
	l := progressLog(t, 5)
	res, err := Export(l, filepath.Join(t.TempDir(), "x.jsonl"), FormatJSONL, Filter{})
	if err != nil || res.Events != 5 || res.Event.Seq != 6 {
		t.Fatalf("Export: %+v, %v", res, err)
	}
}
