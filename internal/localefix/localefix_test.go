package localefix

import "testing"

func TestApply(t *testing.T) {
	cases := []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"LANG": "C.UTF-8"}, "en_US"},
		{map[string]string{"LC_ALL": "POSIX.UTF-8", "LANG": "zh_CN.UTF-8"}, "en_US"},
		{map[string]string{"LANG": "zh_CN.UTF-8"}, ""},
		{map[string]string{"LANG": "C"}, ""}, // Fyne already copes with a plain C
		{map[string]string{"LANG": "C.UTF-8", "LANGUAGE": "zh_CN"}, "zh_CN"},
	}
	for _, c := range cases {
		env := map[string]string{}
		for k, v := range c.env {
			env[k] = v
		}
		apply(func(k string) string { return env[k] }, func(k, v string) error { env[k] = v; return nil })
		if env["LANGUAGE"] != c.want {
			t.Errorf("%v: LANGUAGE=%q want %q", c.env, env["LANGUAGE"], c.want)
		}
	}
}
