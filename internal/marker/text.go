package marker

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"

	"github.com/docattr/docattr/internal/docx"
	"github.com/docattr/docattr/internal/msg"
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
		usertext.Pair{Field: usertext.Classifier, Value: d.Classifier},
		usertext.Pair{Field: usertext.SecrecyBasis, Value: d.SecrecyBasis},
		usertext.Pair{Field: usertext.Scope, Value: d.Scope},
		usertext.Pair{Field: usertext.Ref, Value: d.DerivedFrom},
	)
}

// HashFile returns the hex SHA-256 of a regular file (a folder or device
// is refused): the 解读材料's digest for the record.
func HashFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		return "", msg.New(nil, path+" 不是普通文件", path+" is not a regular file")
	}
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// ReadInterpretation reads a 解读材料 file to embed it: a regular file of at
// most docx.MaxInterpretation bytes.
func ReadInterpretation(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		return nil, msg.New(nil, path+" 不是普通文件", path+" is not a regular file")
	}
	if st.Size() > docx.MaxInterpretation {
		return nil, msg.New(nil, fmt.Sprintf("解读材料超过 %d MB，不能随文件附带，请另行报送", docx.MaxInterpretation>>20),
			fmt.Sprintf("the interpretation material exceeds %d MB and cannot be embedded", docx.MaxInterpretation>>20))
	}
	return io.ReadAll(io.LimitReader(f, docx.MaxInterpretation+1))
}

// SumBytes returns the hex SHA-256 of data.
func SumBytes(data []byte) string {
	s := sha256.Sum256(data)
	return hex.EncodeToString(s[:])
}
