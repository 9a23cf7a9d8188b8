//go:build linux && (amd64 || arm64 || loong64 || riscv64 || s390x)

package output

import (
	"os"
	"syscall"
)

// syncFileRangeWrite is SYNC_FILE_RANGE_WRITE of sync_file_range(2).
const syncFileRangeWrite = 2

// startWriteback starts writing f's data to disk and returns without
// waiting for it (sync_file_range(2) over the whole file). It is a hint:
// errors are left to the sync that follows.
func startWriteback(f *os.File) {
	if c, err := f.SyscallConn(); err == nil {
		c.Control(func(fd uintptr) {
			syscall.Syscall6(syscall.SYS_SYNC_FILE_RANGE, fd, 0, 0, syncFileRangeWrite, 0, 0)
		})
	}
}
