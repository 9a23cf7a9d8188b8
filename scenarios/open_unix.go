//go:build unix

package scenarios

import "syscall"

// openFlags makes opening a file that turns out to be a named pipe
// return at once instead of waiting for a writer.
const openFlags = syscall.O_NONBLOCK
