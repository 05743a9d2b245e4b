package lazyre

import (
	"reflect"
	"regexp"
	"sync"
	"testing"
)

// Each forwarded method answers as the compiled expression does.
func TestSameAsRegexp(t *testing.T) {
	const src = `(\d{4})年(\d{1,2})月`
	lazy, re := New(src), regexp.MustCompile(src)
	for _, s := range []string{"2024年3月1日", "二〇二四年三月", "", "2024年3月与2025年12月"} {
		b := []byte(s)
		tests := []struct {
			name      string
			got, want any
		}{
			{"MatchString", lazy.MatchString(s), re.MatchString(s)},
			{"Match", lazy.Match(b), re.Match(b)},
			{"Find", lazy.Find(b), re.Find(b)},
			{"FindIndex", lazy.FindIndex(b), re.FindIndex(b)},
			{"FindSubmatch", lazy.FindSubmatch(b), re.FindSubmatch(b)},
			{"FindString", lazy.FindString(s), re.FindString(s)},
			{"FindStringIndex", lazy.FindStringIndex(s), re.FindStringIndex(s)},
			{"FindStringSubmatch", lazy.FindStringSubmatch(s), re.FindStringSubmatch(s)},
			{"FindStringSubmatchIndex", lazy.FindStringSubmatchIndex(s), re.FindStringSubmatchIndex(s)},
			{"FindAllString", lazy.FindAllString(s, -1), re.FindAllString(s, -1)},
			{"FindAllStringIndex", lazy.FindAllStringIndex(s, -1), re.FindAllStringIndex(s, -1)},
			{"FindAllStringSubmatch", lazy.FindAllStringSubmatch(s, -1), re.FindAllStringSubmatch(s, -1)},
			{"FindAllStringSubmatchIndex", lazy.FindAllStringSubmatchIndex(s, -1), re.FindAllStringSubmatchIndex(s, -1)},
			{"FindAllSubmatch", lazy.FindAllSubmatch(b, -1), re.FindAllSubmatch(b, -1)},
			{"ReplaceAllString", lazy.ReplaceAllString(s, "$2/$1"), re.ReplaceAllString(s, "$2/$1")},
			{"ReplaceAllStringFunc", lazy.ReplaceAllStringFunc(s, func(string) string { return "x" }),
				re.ReplaceAllStringFunc(s, func(string) string { return "x" })},
		}
		for _, tt := range tests {
			if !reflect.DeepEqual(tt.got, tt.want) {
				t.Errorf("%s(%q) = %v, want %v", tt.name, s, tt.got, tt.want)
			}
		}
	}
	if lazy.String() != src || lazy.SubexpIndex("x") != -1 {
		t.Errorf("String/SubexpIndex differ from the pattern's")
	}
}

// Concurrent first uses share one compiled expression.
func TestCompiledOnce(t *testing.T) {
	lazy := New(`a+`)
	var wg sync.WaitGroup
	got := make([]*regexp.Regexp, 8)
	for i := range got {
		wg.Go(func() { got[i] = lazy.Regexp() })
	}
	wg.Wait()
	for _, re := range got[1:] {
		if re != got[0] {
			t.Fatal("compiled more than once")
		}
	}
}

// A bad pattern panics at its first use, not before.
func TestBadPatternPanicsOnUse(t *testing.T) {
	lazy := New(`(`)
	defer func() {
		if recover() == nil {
			t.Error("no panic for a bad pattern")
		}
	}()
	lazy.MatchString("x")
}
