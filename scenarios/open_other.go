//go:build !unix

package scenarios

// openFlags adds nothing where there are no named pipes to wait on.
const openFlags = 0
