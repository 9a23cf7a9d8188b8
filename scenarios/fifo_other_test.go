//go:build !unix

package scenarios

import "testing"

// mkfifo skips the test: there are no named pipes here.
func mkfifo(t *testing.T, path string) {
	t.Skip("no named pipes here")
}
