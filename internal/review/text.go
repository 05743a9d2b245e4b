package review

import (
	"github.com/docattr/docattr/internal/usertext"
)

// checkText refuses typed text that would damage the output package or the
// trail, or mislead a reader (see usertext), before anything is read or
// written.
func (req Request) checkText() error {
	pairs := []usertext.Pair{
		{Field: usertext.Actor, Value: req.Actor.Name},
		{Field: usertext.Comment, Value: req.Comment},
	}
	for _, a := range req.Checklist {
		pairs = append(pairs, usertext.Pair{Field: usertext.ChecklistNote, Value: a.Comment})
	}
	if c := req.Change; c != nil {
		pairs = append(pairs,
			usertext.Pair{Field: usertext.Reason, Value: c.Reason},
			usertext.Pair{Field: usertext.Basis, Value: c.Basis})
	}
	return usertext.CheckAll(pairs...)
}
