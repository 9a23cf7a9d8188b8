package files

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Write writes the file at path with write, atomically: write writes to a
// new temporary file in path's folder, which is flushed, synced and
// renamed to path with permissions 0644. If write or any step fails, the
// temporary file is removed and a file already at path is left as it was.
// The error names path.
func Write(path string, write func(io.Writer) error) error {
	t, err := create(path)
	if err == nil {
		err = write(t.w)
		if err == nil {
			err = t.finish()
		}
		if err == nil {
			err = t.place()
		}
		if err != nil {
			t.discard()
		}
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

// WriteAll writes the files names in the folder dir together, all or
// none: write gets one writer per name, in order. Each file goes to a
// temporary name first; only if write succeeds and every file is flushed
// and synced are they renamed into place, in the order of names, and dir
// synced. Otherwise the temporary files are removed and the files
// already in dir are left as they were (unless a rename itself fails
// midway). The error names the file or the folder.
func WriteAll(dir string, names []string, write func([]io.Writer) error) error {
	temps := make([]*temp, 0, len(names))
	defer func() {
		for _, t := range temps {
			t.discard() // nothing once placed
		}
	}()
	ws := make([]io.Writer, 0, len(names))
	for _, name := range names {
		t, err := create(filepath.Join(dir, name))
		if err != nil {
			return fmt.Errorf("writing %s: %w", dir, err)
		}
		temps = append(temps, t)
		ws = append(ws, t.w)
	}
	if err := write(ws); err != nil {
		return fmt.Errorf("writing %s: %w", dir, err)
	}
	for _, t := range temps {
		if err := t.finish(); err != nil {
			return fmt.Errorf("writing %s: %w", t.path, err)
		}
	}
	for _, t := range temps {
		if err := t.place(); err != nil {
			return fmt.Errorf("writing %s: %w", t.path, err)
		}
	}
	if err := SyncDir(dir); err != nil {
		return fmt.Errorf("writing %s: %w", dir, err)
	}
	return nil
}

// temp is a file being written under a temporary name beside path.
type temp struct {
	f      *os.File
	w      *bufio.Writer
	path   string
	placed bool
}

// create opens a temporary file for path in path's folder.
func create(path string) (*temp, error) {
	dir, name := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+name+".tmp-*")
	if err != nil {
		return nil, err
	}
	return &temp{f: f, w: bufio.NewWriterSize(f, 64<<10), path: path}, nil
}

// finish flushes what was written, gives the file its permissions, syncs
// it to disk and closes it.
func (t *temp) finish() error {
	err := t.w.Flush()
	if err == nil {
		err = t.f.Chmod(0o644)
	}
	if err == nil {
		err = t.f.Sync()
	}
	if cerr := t.f.Close(); err == nil {
		err = cerr
	}
	return err
}

// place renames the finished file to its path.
func (t *temp) place() error {
	if err := os.Rename(t.f.Name(), t.path); err != nil {
		return err
	}
	t.placed = true
	return nil
}

// discard removes the temporary file, if it was not placed.
func (t *temp) discard() {
	if !t.placed {
		t.f.Close()
		os.Remove(t.f.Name())
	}
}

// MaxRead bounds what Read reads of one file: a result file larger than
// this is refused rather than read into memory.
const MaxRead = 8 << 30 // bytes

// ErrNotRegular is wrapped by the error of Read for a path that is not a
// regular file (a folder, a named pipe, a device such as /dev/zero):
// reading one could hang or never end.
var ErrNotRegular = errors.New("not a regular file")

// Read opens the regular file at path and reads it with read, for
// example files.Read(filepath.Join(dir, runfiles.SummaryFile),
// runfiles.ReadSummary). A path that is not a regular file, or a file
// larger than MaxRead, is an error; the error names path.
func Read[T any](path string, read func(io.Reader) (T, error)) (T, error) {
	var zero T
	if info, err := os.Stat(path); err != nil {
		return zero, err // *fs.PathError names path
	} else if !info.Mode().IsRegular() {
		return zero, fmt.Errorf("%s: %w", path, ErrNotRegular)
	} else if info.Size() > MaxRead {
		return zero, fmt.Errorf("%s: larger than the limit of %d bytes", path, int64(MaxRead))
	}
	f, err := os.Open(path)
	if err != nil {
		return zero, err
	}
	defer f.Close()
	if info, err := f.Stat(); err != nil || !info.Mode().IsRegular() { // replaced since the first look
		return zero, fmt.Errorf("%s: %w", path, ErrNotRegular)
	}
	v, err := read(bufio.NewReaderSize(io.LimitReader(f, MaxRead), 64<<10))
	if err != nil {
		return zero, fmt.Errorf("%s: %w", path, err)
	}
	return v, nil
}

// SyncDir syncs the folder dir, so that the renames into it are on disk.
func SyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return err // some systems cannot sync a folder: ErrInvalid
	}
	return nil
}

// CheckWritable makes sure files can be written into the folder dir,
// before any work, and leaves no trace: a folder it had to make is
// removed again.
func CheckWritable(dir string) error {
	_, statErr := os.Stat(dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("output folder: %w", err)
	}
	f, err := os.CreateTemp(dir, ".probe-*")
	if err == nil {
		f.Close()
		err = os.Remove(f.Name())
	}
	if os.IsNotExist(statErr) {
		os.Remove(dir)
	}
	if err != nil {
		return fmt.Errorf("output folder %s is not writable: %w", dir, err)
	}
	return nil
}
