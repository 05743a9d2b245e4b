package audit

import (
	"os"
	"testing"
)

func TestPAVerify(t *testing.T) {
	p := os.Getenv("PADB")
	if p == "" {
		t.Skip()
	}
	l, err := Open(p, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	r, err := l.Verify()
	t.Log(r, err)
}
