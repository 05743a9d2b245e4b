package marker

import (
	"github.com/docattr/docattr/internal/usertext"
)

// checkText refuses typed text that would damage the output package or
// mislead a reader (see usertext), before anything is read or written.
func (req Request) checkText() error {
	d := req.Decision
	return usertext.CheckAll(
		usertext.Pair{Field: usertext.Reason, Value: d.Reason},
		usertext.Pair{Field: usertext.Period, Value: d.Period},
		usertext.Pair{Field: usertext.Basis, Value: d.Basis},
		usertext.Pair{Field: usertext.Interpretation, Value: d.Interpretation},
		usertext.Pair{Field: usertext.Acknowledgment, Value: req.AcceptFindings},
		usertext.Pair{Field: usertext.Actor, Value: req.Actor.Name},
	)
}
