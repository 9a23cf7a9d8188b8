package runfiles

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Hash returns the SHA-256 of what r holds, in hexadecimal, as
// Manifest.Files records it.
func Hash(r io.Reader) (string, error) {
	h := sha256.New()
	if _, err := io.Copy(h, r); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// Verify checks that the files names of the result folder dir are those
// its manifest m lists (Manifest.Files): a folder whose files do not
// belong together, some from one run and some from another or changed
// since, is an error naming the first such file. A manifest without the
// list (an older vaxsim's), or names it does not list, are not checked.
func Verify(dir string, m *Manifest, names ...string) error {
	if m == nil {
		return nil
	}
	for _, name := range names {
		want, ok := m.Files[name]
		if !ok {
			continue
		}
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		got, err := Hash(f)
		f.Close()
		if err != nil {
			return err
		}
		if got != want {
			return fmt.Errorf("%s: the folder's files do not belong together: %s is not the file its %s lists (written by another run, or changed since); run again", dir, name, ManifestFile)
		}
	}
	return nil
}
