package publish

import "syscall"

func ctime(s *syscall.Stat_t) [2]int64 { return [2]int64{s.Ctim.Sec, s.Ctim.Nsec} }
