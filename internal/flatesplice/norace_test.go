//go:build !race

package flatesplice

const raceEnabled = false
