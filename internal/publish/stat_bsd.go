//go:build darwin || freebsd || netbsd || openbsd || dragonfly

package publish

import "syscall"

func ctime(s *syscall.Stat_t) [2]int64 {
	return [2]int64{int64(s.Ctimespec.Sec), int64(s.Ctimespec.Nsec)}
}
