//go:build unix

package notifier_test

import "syscall"

// processCPU returns the user+system CPU time the process has used, in
// nanoseconds. Benchmarks report it per op because, unlike wall time, it
// does not grow when other processes compete for the CPU.
func processCPU() (int64, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return ru.Utime.Nano() + ru.Stime.Nano(), true
}
