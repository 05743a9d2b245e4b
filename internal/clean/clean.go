// Package clean removes hidden data from a Word package before it is
// published: comments, author names in the document properties, hidden
// text, and tracked changes (accepted, as Word's "Accept All Changes" does).
//
// Like stamping, cleaning is surgical. Story parts (document, headers,
// footers, footnotes, endnotes and, when kept, comments) are edited by
// splicing bytes at token boundaries found by xmltok; nothing else in them
// is re-encoded. Removed parts disappear together with their relationships
// and content-type overrides. Every part that does not change is copied raw
// by opc.Package.Write: same compressed bytes, same CRC.
//
// Clean writes to an io.Writer and never modifies its input; the caller
// makes the output durable (internal/atomicfile) and records the event
// (internal/audit). Remaining re-checks a cleaned file.
package clean

import (
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/docattr/docattr/internal/docx"
	"github.com/docattr/docattr/internal/opc"
	"github.com/docattr/docattr/internal/scan"
)

// Options select what Clean removes. The zero value selects everything.
type Options struct {
	Comments      bool // comments, their parts, anchors and reference runs
	Metadata      bool // dc:creator, cp:lastModifiedBy; Company and Manager in app.xml
	HiddenText    bool // runs formatted w:vanish (not hidden paragraph marks)
	AcceptChanges bool // accept every tracked change and switch tracking off
	// Modified is the time given to changed zip entries (zero = now).
	Modified time.Time
	// Overwrite lets Run replace an existing output file; otherwise it
	// writes a distinct name (通知(2).docx) and says so in FlowResult.Output.
	Overwrite bool
}

// All selects everything.
func All() Options {
	return Options{Comments: true, Metadata: true, HiddenText: true, AcceptChanges: true}
}

func (o Options) none() bool { return !o.Comments && !o.Metadata && !o.HiddenText && !o.AcceptChanges }

// Result tells what Clean changed.
type Result struct {
	Comments        int      // comments in the removed comments part
	CommentMarkers  int      // comment anchors and references removed from the text
	HiddenRuns      int      // hidden runs removed
	ChangesAccepted int      // revision elements resolved
	TrackingOff     bool     // w:trackRevisions was removed from the settings
	Metadata        []string // properties emptied, e.g. "dc:creator"
	RemovedParts    []string // parts left out of the package
	ChangedParts    []string // parts rewritten
}

// ErrClean is the kind of every error Clean returns for a part it cannot edit.
var ErrClean = errors.New("clean failed")

// Clean writes d with the selected hidden data removed to w. d itself is
// not changed and can be cleaned or stamped again.
func Clean(d *docx.Document, w io.Writer, opts Options) (Result, error) {
	if opts.none() {
		mod := opts.Modified
		opts = All()
		opts.Modified = mod
	}
	var res Result
	ed := &edits{pkg: d.Pkg, replace: map[string][]byte{}, remove: map[string]bool{}}
	if opts.Comments {
		if err := ed.removeComments(d, opts, &res); err != nil {
			return res, err
		}
	}
	for _, part := range storyParts(d) {
		if ed.remove[part] {
			continue
		}
		data, err := ed.read(part)
		if err != nil {
			return res, err
		}
		out, err := cleanStory(data, opts, &res)
		if err != nil {
			return res, partError(part, err)
		}
		ed.set(part, out)
	}
	if opts.AcceptChanges {
		if err := ed.trackingOff(&res); err != nil {
			return res, err
		}
	}
	if opts.Metadata {
		if err := ed.clearMetadata(&res); err != nil {
			return res, err
		}
	}
	res.ChangedParts = ed.changed()
	for p := range ed.remove {
		res.RemovedParts = append(res.RemovedParts, p)
	}
	sortStrings(res.RemovedParts)
	e := opc.Edits{Replace: ed.replace, Remove: ed.remove, Modified: opts.Modified}
	if err := d.Pkg.Write(w, e); err != nil {
		return res, fmt.Errorf("write cleaned package: %w", err)
	}
	return res, nil
}

// Remaining returns the findings of the kinds opts cleans that d still has;
// a correctly cleaned file has none.
func Remaining(d *docx.Document, opts Options) []scan.Finding {
	if opts.none() {
		opts = All()
	}
	var out []scan.Finding
	for _, f := range scan.Check(d).Findings {
		switch {
		case f.InEmbedded(): // embedded documents are not cleaned
		case opts.Comments && f.Kind == scan.KindHiddenComment,
			opts.HiddenText && f.Kind == scan.KindHiddenText,
			opts.AcceptChanges && f.Kind == scan.KindTrackedChange,
			opts.Metadata && f.Kind == scan.KindAuthorMetadata:
			out = append(out, f)
		}
	}
	return out
}

func partError(part string, err error) error {
	return fmt.Errorf("%w: %s: %w", ErrClean, part, err)
}
