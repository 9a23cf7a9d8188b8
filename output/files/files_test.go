package files_test

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
	"time"

	"vaxsim/output/files"
)

// entries lists the names in dir.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.txt")
	put := func(s string) error {
		return files.Write(path, func(w io.Writer) error { _, err := io.WriteString(w, s); return err })
	}
	if err := put("old"); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err := files.Write(path, func(w io.Writer) error { io.WriteString(w, "half"); return boom })
	if !errors.Is(err, boom) {
		t.Errorf("a failing write returned %v, want it to wrap %v", err, boom)
	}
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Errorf("after a failed write the file holds %q, want the old %q", b, "old")
	}
	if got := entries(t, dir); !slices.Equal(got, []string{"a.txt"}) {
		t.Errorf("a failed write left %q, want only a.txt", got)
	}
	if err := put("new"); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "new" {
		t.Errorf("the file holds %q, want %q", b, "new")
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o644 {
		t.Errorf("permissions %v, want 0644", info.Mode().Perm())
	}
	got, err := files.Read(path, func(r io.Reader) (string, error) { b, err := io.ReadAll(r); return string(b), err })
	if err != nil || got != "new" {
		t.Errorf("Read = %q, %v; want %q", got, err, "new")
	}
	_, err = files.Read(path, func(io.Reader) (int, error) { return 0, boom })
	if err == nil || err.Error() != path+": boom" {
		t.Errorf("Read's error %v does not name the file", err)
	}
}

func TestWriteAll(t *testing.T) {
	dir := t.TempDir()
	names := []string{"a", "b", "c"}
	write := func(fail bool) error {
		return files.WriteAll(dir, names, func(ws []io.Writer) error {
			for i, w := range ws {
				if fail && i == 2 {
					return errors.New("boom")
				}
				fmt.Fprintf(w, "%s %v", names[i], fail)
			}
			return nil
		})
	}
	if err := write(false); err != nil {
		t.Fatal(err)
	}
	if err := write(true); err == nil {
		t.Fatal("a failing write of all files returned no error")
	}
	if got := entries(t, dir); !slices.Equal(got, names) {
		t.Errorf("folder holds %q, want %q", got, names)
	}
	for _, n := range names {
		if b, _ := os.ReadFile(filepath.Join(dir, n)); string(b) != n+" false" {
			t.Errorf("%s holds %q after a failed write, want the first write's %q", n, b, n+" false")
		}
	}
}

// TestReadSpecialFiles: a named pipe, a device and a folder are refused
// at once, never read.
func TestReadSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	readAll := func(r io.Reader) ([]byte, error) { return io.ReadAll(r) }
	for _, path := range []string{fifo, "/dev/zero", dir} {
		done := make(chan error, 1)
		go func() { _, err := files.Read(path, readAll); done <- err }()
		select {
		case err := <-done:
			if !errors.Is(err, files.ErrNotRegular) {
				t.Errorf("Read(%s) = %v, want ErrNotRegular", path, err)
			}
		case <-time.After(5 * time.Second): // a hang: opening a pipe waits for a writer
			t.Fatalf("Read(%s) hangs", path)
		}
	}
}
