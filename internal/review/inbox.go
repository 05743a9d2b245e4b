package review

import (
	"crypto/ed25519"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

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
	Report Report       // verification of Trail against this file
	State  State        // "" when the file or its trail cannot be read
	// Waits is the role the document waits for; "" when issued, unreadable,
	// untrusted, superseded or in conflict (nobody should act on it).
	Waits    string
	Proposal *Proposal // under review; nil before the first submit
	// Err is set when the file or its trail cannot be read (kind
	// ErrBadTrail, ErrUnsupportedForm, or a docx/opc error).
	Err error
	// SupersededBy is set by Inbox when the folder holds a later copy of
	// the same document (its trail extends this one's); Waits is then "".
	SupersededBy string
	// ConflictWith is set by Inbox when the folder holds a copy of the same
	// document whose trail forks from this one's: one submission decided
	// two ways (Conflict says where). Waits is then "".
	ConflictWith string
	Conflict     error // *msg.Error of kind ErrAlreadyDecided
}

// Trusted reports whether the file was read and its trail verified
// against it.
func (s Status) Trusted() bool { return s.Err == nil && s.Report.Trusted() }

// Inspect reads the file at path and verifies its trail against the file,
// the keyring kr (may be nil) and this installation's key self (may be
// nil). rt is the installation's route (RouteOf), which decides what a document
// that passed the secrecy review waits for.
func Inspect(path string, kr *Keyring, self ed25519.PublicKey, rt Route) Status {
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
	sub, err := SubjectOf(d)
	if err != nil {
		s.Err = err
		return s
	}
	s.Report = VerifyDocument(t, sub, kr, self)
	s.State, s.Proposal = s.Report.State, current(t.Steps)
	if s.Report.Trusted() {
		s.Waits = Waits(s.State, subjectOf(s.Proposal, s.Record), rt)
	}
	return s
}

// Inbox inspects the .docx files directly in dir (not in subfolders;
// hidden files and Word's ~$ lock files are skipped), sorted by name.
func Inbox(dir string, kr *Keyring, self ed25519.PublicKey, rt Route) ([]Status, error) {
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
		out = append(out, Inspect(filepath.Join(dir, name), kr, self, rt))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].File < out[j].File })
	relate(out)
	return out, nil
}

// relate compares the trusted copies of each document: a copy whose chain
// is a prefix of another's is an earlier stage (superseded by the longest
// copy that extends it); two copies whose chains fork took different
// decisions on one submission and are both flagged. Nobody should act on
// either until people have sorted it out.
func relate(items []Status) {
	chains := make([][]string, len(items))
	for i, it := range items {
		if !it.Trusted() || it.DocID == "" {
			chains[i] = nil
			continue
		}
		chains[i] = []string{}
		if it.Trail != nil {
			for k := range it.Trail.Steps {
				chains[i] = append(chains[i], it.Trail.StepHash(k))
			}
		}
	}
	for i := range items {
		for j := range items {
			if i == j || chains[i] == nil || chains[j] == nil || items[i].DocID != items[j].DocID {
				continue
			}
			ci, cj := chains[i], chains[j]
			fork := forkAt(ci, cj)
			switch {
			case fork < 0 && len(ci) < len(cj):
				if k := items[i].SupersededBy; k == "" || len(cj) > longest(items, chains, k) {
					items[i].SupersededBy = items[j].File
				}
				items[i].Waits = ""
			case fork >= 0 && items[i].ConflictWith == "":
				items[i].ConflictWith, items[i].Waits = items[j].File, ""
				items[i].Conflict = conflictText(items[i], items[j], fork)
			}
		}
	}
}

// forkAt returns the first index where a and b hold different steps, or -1
// when one is a prefix of the other.
func forkAt(a, b []string) int {
	for k := 0; k < len(a) && k < len(b); k++ {
		if a[k] != b[k] {
			return k
		}
	}
	return -1
}

func longest(items []Status, chains [][]string, file string) int {
	for i := range items {
		if items[i].File == file {
			return len(chains[i])
		}
	}
	return 0
}

func conflictText(a, b Status, k int) error {
	what := func(s Status) string {
		return ActionName(s.Trail.Steps[k].Action) + "（" + s.Trail.Steps[k].Actor + "）"
	}
	return msg.New(ErrAlreadyDecided,
		fmt.Sprintf("与 %s 冲突：同一版本在第 %d 步有不同决定（本件 %s，对方 %s），请核实后只办理其中一份",
			filepath.Base(b.File), k+1, what(a), what(b)),
		fmt.Sprintf("conflicts with %s: one version was decided two ways at step %d (%s here, %s there); sort it out before acting on either",
			filepath.Base(b.File), k+1, a.Trail.Steps[k].Action, b.Trail.Steps[k].Action))
}
