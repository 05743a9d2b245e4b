package audit

import (
	"sync"
	"testing"
	"time"
)

// A reader that opens the log on a steady beat, holding it most of the
// time (the app listing it, a polling script), must not keep a writer out:
// the writer's tries have to find the gaps between the holds. bbolt's own
// wait, a try every 50 ms, fell in step with such a beat and missed every
// gap until its timeout.
func TestOpenFindsTheGapsOfABeatingReader(t *testing.T) {
	l := openTemp(t)
	path := l.Path()
	l.Close()
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			r, err := Open(path, Options{ReadOnly: true, Timeout: 5 * time.Second})
			if err != nil {
				t.Error(err)
				return
			}
			time.Sleep(46 * time.Millisecond) // held
			r.Close()
			time.Sleep(4 * time.Millisecond) // a gap: a beat of 50 ms
		}
	}()
	defer func() { close(stop); wg.Wait() }()
	time.Sleep(10 * time.Millisecond)
	for i := range 8 {
		w, err := Open(path, Options{Timeout: time.Second})
		if err != nil {
			t.Fatalf("writer %d kept out by a reader that leaves a gap every 50 ms: %v", i, err)
		}
		w.Close()
	}
}
