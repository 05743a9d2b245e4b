//go:build !linux

package prefault

type hugeRange struct{}

func hugeBegin([]byte) hugeRange { return hugeRange{} }

func hugeEnd(hugeRange) {}
