package scenarios

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	slashpath "path"
	"path/filepath"
	"strconv"
	"strings"
)

// This file opens the files a scenario or a sweep file names: only
// regular files (a named pipe would block the reader, a device such as
// /dev/zero never ends), and by default only inside the naming file's
// folder, so that a scenario from elsewhere cannot make vaxsim read, and
// quote in its messages, files its user did not name.

// Limits of a replay log. A log passing one is an error.
const (
	// MaxReplayLogSize is the largest replay log read, in bytes (512 MiB).
	MaxReplayLogSize = 512 << 20
	// MaxReplayRows is the most rows a replay log may hold after its
	// header.
	MaxReplayRows = 10_000_000
)

// The limits in force; tests lower them.
var (
	replayLogSize int64 = MaxReplayLogSize
	replayRows          = MaxReplayRows
)

// maxExcerpt bounds the bytes of a file's text quoted in a message.
const maxExcerpt = 40

// trustHint says how to allow a path outside the scenario's folder.
const trustHint = "a trusted scenario may name files elsewhere with vaxsim --trust-paths (Options.AllowOutside)"

// Options are choices about loading scenarios. The zero value is the
// default: strict, safe for a file from anywhere. Load, Parse, Resolve
// and LoadSweep use it; the methods of the same names take the options.
type Options struct {
	// AllowOutside lets the paths a file names leave its folder: the
	// replay logs of a scenario and the base scenario of a sweep file
	// may then be absolute, go above the folder with "..", or be
	// symbolic links to elsewhere, and a path given with --set may leave
	// the current folder. By default each of these is an error. Set it
	// only for files you trust: a scenario could otherwise name any
	// readable file, and its error messages quote a little of it.
	AllowOutside bool
}

// describeMode says what a file that is not a regular file is.
func describeMode(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0, m&fs.ModeCharDevice != 0:
		return "a device"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	}
	return "not a regular file"
}

// notRegular is the error for a file at name that is not regular.
func notRegular(name string, m fs.FileMode) error {
	return fmt.Errorf("%s is %s; only regular files are read", name, describeMode(m))
}

// openRegular opens the regular file at name on disk. It checks the
// file's type before opening it (opening a named pipe blocks until a
// writer comes) and again on the opened file, in case it was replaced;
// the open does not block (openFlags).
func openRegular(name string) (*os.File, fs.FileInfo, error) {
	st, err := os.Stat(name)
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return nil, nil, &fs.PathError{Op: "open", Path: name, Err: pe.Err}
	}
	if err != nil {
		return nil, nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, st, notRegular(name, st.Mode())
	}
	f, err := os.OpenFile(name, os.O_RDONLY|openFlags, 0)
	if err != nil {
		return nil, nil, err
	}
	return checkOpened(f, name)
}

// checkOpened checks that the opened file f is regular.
func checkOpened(f *os.File, name string) (*os.File, fs.FileInfo, error) {
	st, err := f.Stat()
	if err == nil && !st.Mode().IsRegular() {
		err = notRegular(name, st.Mode())
	}
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, st, nil
}

// errOutside is the error of a path that leaves the folder it must stay
// in (what names the folder: "the scenario's folder").
func errOutside(p, what, how string) error {
	return fmt.Errorf("%s %s; name a file in %s or below it (%s)", excerpt(p), how, what, trustHint)
}

// checkLocal reports a path that leaves its folder by its text alone:
// an absolute path, or one that goes above the folder with "..".
func checkLocal(p, what string) error {
	switch {
	case p == "":
		return errors.New("empty path")
	case filepath.IsAbs(p) || strings.HasPrefix(p, "/") || strings.HasPrefix(p, `\`):
		return errOutside(p, what, "is an absolute path")
	case !filepath.IsLocal(p):
		return errOutside(p, what, "leads out of "+what)
	}
	return nil
}

// openInside opens the regular file at p, relative to the folder dir on
// disk, without leaving dir: p must be local (checkLocal), and no
// symbolic link on the way may lead out of dir (os.Root). what names dir
// in messages. The file's name for messages is returned too.
func openInside(dir, p, what string) (*os.File, fs.FileInfo, error) {
	if err := checkLocal(p, what); err != nil {
		return nil, nil, err
	}
	name := filepath.Join(dir, p)
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, nil, err
	}
	defer root.Close()
	st, err := root.Stat(p)
	if err != nil {
		return nil, nil, rootError(err, name, p, what)
	}
	if !st.Mode().IsRegular() {
		return nil, st, notRegular(name, st.Mode())
	}
	f, err := root.OpenFile(p, os.O_RDONLY|openFlags, 0)
	if err != nil {
		return nil, nil, rootError(err, name, p, what)
	}
	return checkOpened(f, name)
}

// rootError rewords an error of os.Root: a path that escapes the root
// (through a symbolic link, since checkLocal has passed) is named as
// such; other errors name the file.
func rootError(err error, name, p, what string) error {
	var pe *fs.PathError
	if errors.As(err, &pe) && strings.Contains(pe.Err.Error(), "escapes") {
		return errOutside(p, what, "leads out of "+what+" through a symbolic link")
	}
	if errors.As(err, &pe) {
		return &fs.PathError{Op: "open", Path: name, Err: pe.Err}
	}
	return err
}

// openFS opens the regular file at name in fsys, checking its type
// before opening it and again after.
func openFS(fsys fs.FS, name string) (fs.File, error) {
	st, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, notRegular(name, st.Mode())
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		f.Close()
		if err == nil {
			err = notRegular(name, st.Mode())
		}
		return nil, err
	}
	return f, nil
}

// maxLinks bounds the symbolic links followed in resolving a path in an
// fs.FS.
const maxLinks = 40

// insideFS reports whether name, a valid path in fsys, stays inside the
// folder dir of fsys once its symbolic links are followed. A file system
// without links (not an fs.ReadLinkFS) cannot leave it.
func insideFS(fsys fs.FS, dir, name string) bool {
	rl, ok := fsys.(fs.ReadLinkFS)
	if !ok {
		return true
	}
	parts := strings.Split(name, "/")
	cur := "."
	for links := 0; len(parts) > 0; {
		next := slashpath.Join(cur, parts[0])
		parts = parts[1:]
		info, err := rl.Lstat(next)
		if err != nil || info.Mode()&fs.ModeSymlink == 0 {
			cur = next // a missing file is reported by Open
			continue
		}
		if links++; links > maxLinks {
			return false
		}
		target, err := rl.ReadLink(next)
		if err != nil || slashpath.IsAbs(target) || filepath.IsAbs(target) {
			return false
		}
		resolved := slashpath.Join(slashpath.Dir(next), target)
		if !fs.ValidPath(resolved) {
			return false
		}
		parts = append(strings.Split(resolved, "/"), parts...)
		cur = "."
	}
	return within(cur, dir)
}

// within reports whether the slash path p is dir or below it.
func within(p, dir string) bool {
	return dir == "." || p == dir || strings.HasPrefix(p, dir+"/")
}

// excerpt quotes at most maxExcerpt bytes of s, a text read from a file
// the user named, for a message: printable ASCII as it is, other bytes
// escaped, and "…" after the quote when s was cut.
func excerpt(s string) string {
	if len(s) <= maxExcerpt {
		return strconv.QuoteToASCII(s)
	}
	return strconv.QuoteToASCII(s[:maxExcerpt]) + "…"
}

// plainExcerpt is excerpt without the quotes.
func plainExcerpt(s string) string {
	if len(s) > maxExcerpt {
		return sanitize(s[:maxExcerpt]) + "…"
	}
	return sanitize(s)
}

// sanitize makes a message of the TOML decoder, which may quote the
// file, safe to print: at most maxMessage bytes, characters other than
// printable ASCII escaped.
func sanitize(msg string) string {
	const maxMessage = 200
	var b strings.Builder
	for _, r := range msg {
		if b.Len() >= maxMessage {
			b.WriteString("…")
			break
		}
		if r >= 0x20 && r < 0x7f {
			b.WriteRune(r)
			continue
		}
		q := strconv.QuoteRuneToASCII(r)
		b.WriteString(q[1 : len(q)-1])
	}
	return b.String()
}
