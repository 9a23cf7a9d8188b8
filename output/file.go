package output

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
)

// WriteFile writes the file at path with write, atomically: write writes
// to a new temporary file in path's folder, which is flushed, synced and
// renamed to path with permissions 0644. If write or any step fails, the
// temporary file is removed and a file already at path is left as it was.
// The error names path.
func WriteFile(path string, write func(io.Writer) error) error {
	s, err := stage(path, write)
	if err != nil {
		return err
	}
	return s.commit()
}

// stagedFile is a file written whole to a temporary name beside its path
// but not yet in place: commit puts it there, discard removes it.
//
// Most of the time of writing a small file goes to waiting for the disk:
// its sync waits for a commit of the file system's journal. Staging
// starts the file's writeback (see startWriteback), so that when staged
// files are synced one after the other the first sync commits the journal
// for them all, and the others wait for little.
type stagedFile struct {
	f    *os.File
	path string
	bw   *bufio.Writer // writes to f until finish
}

// fileBuffers are the write buffers of staged files, kept from one file
// to the next: fresh memory is slow to touch the first time.
var fileBuffers = sync.Pool{New: func() any { return bufio.NewWriterSize(nil, 64<<10) }}

// stage writes the file at path with write, as WriteFile does, but stops
// before the sync and the rename. On error nothing is left behind, and the
// error names path.
func stage(path string, write func(io.Writer) error) (*stagedFile, error) {
	s, err := openStaged(path)
	if err == nil {
		if err = write(s.bw); err == nil {
			err = s.finish()
		}
		if err != nil {
			s.discard()
		}
	}
	if err != nil {
		return nil, fmt.Errorf("output: writing %s: %w", path, err)
	}
	return s, nil
}

// openStaged creates the temporary file for path, to be written through
// s.bw and then finished.
func openStaged(path string) (*stagedFile, error) {
	dir, name := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+name+".tmp-*")
	if err != nil {
		return nil, err
	}
	bw := fileBuffers.Get().(*bufio.Writer)
	bw.Reset(f)
	return &stagedFile{f, path, bw}, nil
}

// finish flushes what was written, gives the file its permissions and
// starts its writeback.
func (s *stagedFile) finish() error {
	err := s.bw.Flush()
	s.releaseBuffer()
	if err == nil {
		err = s.f.Chmod(0o644)
	}
	if err == nil {
		startWriteback(s.f)
	}
	return err
}

// releaseBuffer hands the write buffer back to the pool.
func (s *stagedFile) releaseBuffer() {
	if s.bw != nil {
		s.bw.Reset(nil)
		fileBuffers.Put(s.bw)
		s.bw = nil
	}
}

// commit syncs the staged file and puts it in place (see sync and
// place).
func (s *stagedFile) commit() error {
	if err := s.sync(); err != nil {
		return err
	}
	return s.place()
}

// sync syncs the staged file to disk. If that fails the file is
// discarded; the error names its path.
func (s *stagedFile) sync() error {
	if err := s.f.Sync(); err != nil {
		s.discard()
		return fmt.Errorf("output: writing %s: %w", s.path, err)
	}
	return nil
}

// place closes the staged file and renames it to its path. If that fails
// the file is discarded and a file already at the path is left as it
// was; the error names the path.
//
// Renaming one file while others wait for their syncs would hold those
// back: each sync would commit the journal again, for the rename. A batch
// of files is best synced first and placed after.
func (s *stagedFile) place() error {
	err := s.f.Close()
	if err == nil {
		err = os.Rename(s.f.Name(), s.path)
	}
	if err != nil {
		os.Remove(s.f.Name())
		return fmt.Errorf("output: writing %s: %w", s.path, err)
	}
	return nil
}

// discard removes the staged file.
func (s *stagedFile) discard() {
	s.releaseBuffer()
	s.f.Close()
	os.Remove(s.f.Name())
}
