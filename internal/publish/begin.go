package publish

import (
	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/docx"
	"github.com/docattr/docattr/internal/settings"
	"github.com/docattr/docattr/internal/usertext"
)

// Begun is a derivation begun on the publish path: the destination named
// and the input held open and parsed. Close releases both; the flow goes
// on with Create, Finish, Input.Sum and Commit.
type Begun struct {
	Output string         // the destination, as Guard.Target named it
	Input  *Input         // held open and hashed (Sum for the event)
	Doc    *docx.Document // parsed from Input
}

// Begin is the opening every single-file derivation (clean, redact,
// lifecycle) shares: it refuses an actor name usertext refuses, names the
// destination with Guard.Target (never an input, the log or the data
// folder; an existing file only with overwrite) and opens input with
// OpenDocument. On error nothing is left open. Errors are those of
// usertext, Target and OpenDocument, unchanged.
func Begin(log *audit.Log, actor settings.Actor, input, output string, overwrite bool) (*Begun, error) {
	if err := usertext.Check(usertext.Actor, actor.Name); err != nil {
		return nil, err
	}
	out, err := NewGuard(log.Path(), input).Target(input, output, overwrite)
	if err != nil {
		return nil, err
	}
	src, d, err := OpenDocument(input)
	if err != nil {
		return nil, err
	}
	return &Begun{Output: out, Input: src, Doc: d}, nil
}

// Close releases the document, then the input. Safe to defer.
func (b *Begun) Close() {
	b.Doc.Close()
	b.Input.Close()
}
