package cli

import (
	"runtime/debug"
	"testing"
)

func TestStreamingGCRestores(t *testing.T) {
	t.Setenv("GOGC", "")
	prev := debug.SetGCPercent(123)
	defer debug.SetGCPercent(prev)
	restore := streamingGC()
	if got := debug.SetGCPercent(streamingGCPercent); got != streamingGCPercent {
		t.Fatalf("GC percent while streaming: %d, want %d", got, streamingGCPercent)
	}
	restore()
	if got := debug.SetGCPercent(123); got != 123 {
		t.Fatalf("GC percent after: %d, want the 123 before", got)
	}
	t.Setenv("GOGC", "50")
	streamingGC()()
	if got := debug.SetGCPercent(123); got != 123 {
		t.Fatalf("an explicit GOGC was overridden: %d", got)
	}
}
