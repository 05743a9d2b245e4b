//go:build !linux

package prefault

func supported() bool { return false }

func populate([]byte) bool { return false }
