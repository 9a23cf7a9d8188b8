//go:build !linux

package output

// exchange replaces dir by tmp; without an atomic exchange it renames dir
// aside first (see renameAside).
func exchange(tmp, dir, parent, name string) error { return renameAside(tmp, dir, parent, name) }
