package settings

import (
	"github.com/docattr/docattr/internal/usertext"
)

// Check refuses settings whose typed values would reach documents and the
// audit log with control, bidi or XML-forbidden characters, or too long
// (see usertext). Save runs it; doors that record a settings change in the
// audit log run it first, so a refused value leaves no event.
func (s Settings) Check() error {
	pairs := []usertext.Pair{
		{Field: usertext.Name, Value: s.Name},
		{Field: usertext.Unit, Value: s.Unit},
	}
	for _, list := range [][]string{s.Roles, s.Print, s.Extras, s.DocTypes} {
		for _, v := range list {
			pairs = append(pairs, usertext.Pair{Field: usertext.Setting, Value: v})
		}
	}
	return usertext.CheckAll(pairs...)
}
