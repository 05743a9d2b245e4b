package winpos

import "testing"

func TestClampKeepsTheWindowOnAScreen(t *testing.T) {
	laptop := Rect{0, 0, 1366, 728} // 1366×768 less a 40 px task bar
	right := Rect{1366, 0, 1920, 1080}
	above := Rect{0, -1080, 1920, 1080}
	cases := []struct {
		name    string
		win     Rect
		screens []Rect
		x, y    int
	}{
		{"inside stays", Rect{40, 20, 1280, 700}, []Rect{laptop}, 40, 20},
		{"at the origin stays", Rect{0, 0, 1280, 700}, []Rect{laptop}, 0, 0},
		{"past the right edge comes back", Rect{500, 10, 1280, 700}, []Rect{laptop}, 86, 10},
		{"below the task bar comes up", Rect{10, 300, 1280, 700}, []Rect{laptop}, 10, 28},
		{"on an unplugged monitor comes to the laptop", Rect{1500, 100, 1280, 700}, []Rect{laptop}, 86, 28},
		{"far off every screen comes to the nearest", Rect{-5000, -5000, 800, 500}, []Rect{laptop, right}, 0, 0},
		{"on the second monitor stays there", Rect{1500, 100, 1280, 700}, []Rect{laptop, right}, 1500, 100},
		{"straddling goes to the screen it overlaps most", Rect{1200, 50, 1280, 700}, []Rect{laptop, right}, 1366, 50},
		{"negative coordinates of a monitor above", Rect{100, -900, 1280, 700}, []Rect{laptop, above}, 100, -900},
		{"larger than the screen keeps its title bar on it", Rect{-100, -50, 1600, 900}, []Rect{laptop}, 0, 0},
		{"no screens known keeps the position", Rect{-3000, 10, 800, 500}, nil, -3000, 10},
		{"empty screens are ignored", Rect{-3000, 10, 800, 500}, []Rect{{0, 0, 0, 0}, laptop}, 0, 10},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			x, y := Clamp(c.win, c.screens)
			if x != c.x || y != c.y {
				t.Errorf("Clamp(%v, %v) = %d,%d, want %d,%d", c.win, c.screens, x, y, c.x, c.y)
			}
		})
	}
}
