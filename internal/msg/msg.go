// Package msg gives errors a message for people in two languages.
//
// The engine returns *Error for everything a user can cause (a legacy .doc,
// an encrypted file, a missing reason); the GUI shows Zh, the CLI prints both.
// Kind is a sentinel error, so callers branch with errors.Is.
package msg

import (
	"errors"
	"fmt"
)

// Error is a user-facing error with Chinese and English text.
type Error struct {
	Kind error  // sentinel for errors.Is; may be nil
	Zh   string // 简体中文
	En   string // English
	Err  error  // underlying cause, for logs; may be nil
}

// New returns an *Error of the given kind.
func New(kind error, zh, en string) *Error { return &Error{Kind: kind, Zh: zh, En: en} }

// Newf is New with an underlying cause whose text is appended to both messages.
func Newf(kind error, cause error, zh, en string) *Error {
	return &Error{Kind: kind, Zh: zh, En: en, Err: cause}
}

func (e *Error) Error() string {
	s := e.Zh + " / " + e.En
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Unwrap exposes both the kind and the cause to errors.Is and errors.As.
func (e *Error) Unwrap() []error {
	var errs []error
	if e.Kind != nil {
		errs = append(errs, e.Kind)
	}
	if e.Err != nil {
		errs = append(errs, e.Err)
	}
	return errs
}

// Zh returns the Chinese message of err. A cause that is a Go error (a
// file, a zip) is said in Chinese too; an error that is not an *Error at
// all gets a Chinese wrapper, so the GUI never shows "open …: no such file
// or directory".
func Zh(err error) string {
	var e *Error
	if errors.As(err, &e) {
		if e.Err != nil {
			return e.Zh + "（" + causeZh(e.Err) + "）"
		}
		return e.Zh
	}
	return causeZh(err)
}

// En returns the English message of err, or its plain text when it carries none.
func En(err error) string {
	var e *Error
	if errors.As(err, &e) {
		if e.Err != nil {
			return fmt.Sprintf("%s (%v)", e.En, e.Err)
		}
		return e.En
	}
	return err.Error()
}

// Both returns "中文 / English" for err; errors with no bilingual message
// come back as their plain text.
func Both(err error) string {
	var e *Error
	if errors.As(err, &e) {
		if e.Err != nil {
			return fmt.Sprintf("%s / %s (%v)", e.Zh, e.En, e.Err)
		}
		return e.Zh + " / " + e.En
	}
	return err.Error()
}
