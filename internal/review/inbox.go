package review

import (
	"crypto/ed25519"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/docattr/docattr/internal/digest"
	"github.com/docattr/docattr/internal/docx"
	"github.com/docattr/docattr/internal/msg"
)

// Status is where one file stands, as read and verified from the file
// alone. It is what `review status` prints and what the inbox lists.
type Status struct {
	File   string
	DocID  string
	Title  string
	Record *docx.Record // nil when the draft carries no attribute yet
	Trail  *Trail       // nil when the file has no trail or it is unreadable
	Report Report       // verification of Trail
	State  State        // "" when the file or its trail cannot be read
	// Waits is the role the document waits for; "" when issued, unreadable
	// or untrusted (nobody should act on it).
	Waits    string
	Proposal *Proposal // under review; nil before the first submit
	// Notes say that the file changed after its last step (kinds
	// ErrRecordChanged, ErrContentChanged): the next reviewer must return it.
	Notes []error
	// Err is set when the file or its trail cannot be read (kind
	// ErrBadTrail, ErrUnsupportedForm, or a docx/opc error).
	Err error
	// SupersededBy is set by Inbox when the folder holds a later copy of
	// the same document (same DocID, more trusted steps); Waits is then "".
	SupersededBy string
}

// Trusted reports whether the file was read and its trail verified.
func (s Status) Trusted() bool { return s.Err == nil && s.Report.Trusted() }

// Inspect reads the file at path and verifies its trail against the
// keyring kr (may be nil) and this installation's key self (may be nil).
// forAll is settings.OpenReviewForAll, which decides what a document that
// passed the secrecy review waits for.
func Inspect(path string, kr *Keyring, self ed25519.PublicKey, forAll bool) Status {
	s := Status{File: path}
	d, err := docx.Open(path)
	if err != nil {
		s.Err = err
		return s
	}
	defer d.Close()
	if a := d.Analyze(); a.Title != nil {
		s.Title = docx.Compact(a.Title.Text)
	}
	s.Record = d.Record()
	if s.Record != nil {
		s.DocID = s.Record.DocID
	}
	t, err := ReadTrail(d)
	if err != nil {
		s.Err = err
		return s
	}
	if t == nil {
		s.State, s.Waits = StateDrafted, RoleDrafter
		return s
	}
	s.Trail = t
	if s.DocID == "" {
		s.DocID = t.DocID
	}
	s.Report = Verify(t, s.DocID, kr, self)
	s.State, s.Proposal = s.Report.State, current(t.Steps)
	if !s.Report.Trusted() {
		return s
	}
	s.Waits = Waits(s.State, s.Proposal, forAll)
	if n := len(t.Steps); n > 0 {
		want := s.Proposal
		if last := t.Steps[n-1]; last.Decision != nil {
			want = last.Decision
		}
		if s.Record == nil || (want != nil && *ProposalOf(s.Record) != *want) {
			s.Notes = append(s.Notes, msg.New(ErrRecordChanged, "文件中的公开属性记录与审查记录不一致",
				"the attribute record differs from the review trail"))
		}
		if t.Steps[n-1].ContentSHA256 != digest.Bytes(d.Main()) {
			s.Notes = append(s.Notes, msg.New(ErrContentChanged, "正文在最后一步之后被修改",
				"the text was changed after the last step"))
		}
	}
	return s
}

// Inbox inspects the .docx files directly in dir (not in subfolders;
// hidden files and Word's ~$ lock files are skipped), sorted by name.
func Inbox(dir string, kr *Keyring, self ed25519.PublicKey, forAll bool) ([]Status, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, msg.Newf(ErrBadRequest, err, "无法读取文件夹 "+dir, "cannot read folder "+dir)
	}
	var out []Status
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.EqualFold(filepath.Ext(name), ".docx") ||
			strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$") {
			continue
		}
		out = append(out, Inspect(filepath.Join(dir, name), kr, self, forAll))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].File < out[j].File })
	markSuperseded(out)
	return out, nil
}

// markSuperseded points every copy of a document at the copy with the
// longest trusted trail: each step writes a new file, so a shared folder
// fills with the earlier stages, which nobody should act on.
func markSuperseded(items []Status) {
	latest := map[string]int{} // doc id → index of the copy with most steps
	steps := func(s Status) int {
		switch {
		case !s.Trusted():
			return -1
		case s.Trail == nil:
			return 0
		}
		return len(s.Trail.Steps)
	}
	for i, it := range items {
		if it.DocID == "" || steps(it) < 0 {
			continue
		}
		if j, ok := latest[it.DocID]; !ok || steps(it) > steps(items[j]) {
			latest[it.DocID] = i
		}
	}
	for i := range items {
		j, ok := latest[items[i].DocID]
		if ok && j != i && steps(items[i]) >= 0 && steps(items[i]) < steps(items[j]) {
			items[i].SupersededBy, items[i].Waits = items[j].File, ""
		}
	}
}
