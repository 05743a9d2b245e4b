package lifecycle

import (
	"github.com/docattr/docattr/internal/usertext"
)

// checkText refuses typed text that would damage the output package or
// mislead a reader (see usertext), before anything is read or written.
func (req Request) checkText() error {
	return usertext.CheckAll(
		usertext.Pair{Field: usertext.Ref, Value: req.Ref},
		usertext.Pair{Field: usertext.Reason, Value: req.Reason},
		usertext.Pair{Field: usertext.Reason, Value: req.Unsigned},
		usertext.Pair{Field: usertext.Actor, Value: req.Actor.Name},
	)
}
