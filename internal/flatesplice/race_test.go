//go:build race

package flatesplice

// The race detector slows the byte loops of the corpus tests twentyfold
// and finds nothing in them (Inflate and Splice start no goroutines), so
// under -race they run on a sample.
const raceEnabled = true
