package output

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"vaxsim/output/files"
)

// ErrBusy is wrapped by the error of ReplaceFolder when another process
// is writing the same folder.
var ErrBusy = errors.New("another vaxsim is writing it")

// ReplaceFolder makes the folder dir hold what fill writes, whole or not
// at all: fill writes into a new, empty folder beside dir (in dir's
// parent, named .NAME.new-*), which is synced and then takes dir's place
// in one step; the old folder, if any, is removed after. A reader, or a
// process killed at any instant, sees either the old folder or the new
// one, never a mixture: on Linux the two are exchanged atomically
// (renameat2 with RENAME_EXCHANGE); elsewhere dir is renamed aside first,
// so a process killed between the two renames leaves dir missing and the
// old folder beside it, named .NAME.old-*. Leftovers of earlier writes
// killed midway are removed first.
//
// While it works it holds an exclusive lock on the file .NAME.lock beside
// dir (where the system has advisory locks), so two processes never
// replace one folder at once: the second gets an error wrapping ErrBusy.
// If fill fails, dir is left as it was and the new folder removed.
func ReplaceFolder(dir string, fill func(tmp string) error) error {
	dir = filepath.Clean(dir)
	parent, name := filepath.Split(dir)
	if parent == "" {
		parent = "."
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	unlock, err := lock(filepath.Join(parent, "."+name+".lock"))
	if err != nil {
		return fmt.Errorf("%s: %w", dir, err)
	}
	defer unlock()
	for _, pattern := range []string{".new-*", ".old-*"} {
		stale, _ := filepath.Glob(filepath.Join(parent, "."+name+pattern))
		for _, s := range stale {
			os.RemoveAll(s)
		}
	}
	tmp, err := os.MkdirTemp(parent, "."+name+".new-*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp) // the old folder after the exchange, or the unfinished new one
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	if err := fill(tmp); err != nil {
		return err
	}
	if err := files.SyncDir(tmp); err != nil {
		return err
	}
	if _, err := os.Lstat(dir); errors.Is(err, os.ErrNotExist) {
		if err := os.Rename(tmp, dir); err != nil {
			return err
		}
	} else if err := exchange(tmp, dir, parent, name); err != nil {
		return err
	}
	return files.SyncDir(parent)
}

// renameAside replaces dir by tmp with two renames: dir aside, tmp in
// place, and leaves the old folder at tmp's path for the caller to
// remove. It is the exchange where the system has no atomic one.
func renameAside(tmp, dir, parent, name string) error {
	old, err := os.MkdirTemp(parent, "."+name+".old-*")
	if err != nil {
		return err
	}
	os.Remove(old) // only its unique name is wanted
	if err := os.Rename(dir, old); err != nil {
		return err
	}
	if err := os.Rename(tmp, dir); err != nil {
		os.Rename(old, dir) // put the old folder back
		return err
	}
	return os.Rename(old, tmp)
}
