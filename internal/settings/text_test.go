package settings

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docattr/docattr/internal/usertext"
)

func TestSaveRefusesHostileValues(t *testing.T) {
	home := t.TempDir()
	t.Setenv("DOCATTR_HOME", home)
	cases := []struct {
		name string
		edit func(*Settings)
		kind error
	}{
		{"name RLO", func(s *Settings) { s.Name = "张三\u202e" }, usertext.ErrControl},
		{"name too long", func(s *Settings) { s.Name = strings.Repeat("张", 65) }, usertext.ErrTooLong},
		{"unit ESC", func(s *Settings) { s.Unit = "某局\x1b[2J" }, usertext.ErrControl},
		{"role U+FFFF", func(s *Settings) { s.Roles = []string{"drafter\uffff"} }, usertext.ErrControl},
	}
	for _, c := range cases {
		s := Default()
		c.edit(&s)
		if err := Save(s); !errors.Is(err, c.kind) {
			t.Errorf("%s: err %v, want %v", c.name, err, c.kind)
		}
	}
	if _, err := os.Stat(filepath.Join(home, "settings.json")); err == nil {
		t.Error("a settings file was written")
	}
	s := Default()
	s.Name, s.Unit = "欧阳·娜娜", "某某市人民政府办公室"
	if err := Save(s); err != nil {
		t.Fatal(err)
	}
	if got, err := Load(); err != nil || got.Name != s.Name {
		t.Errorf("Load = %+v, %v", got, err)
	}
}
