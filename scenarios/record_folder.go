package scenarios

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"
	"strings"
)

// CheckRecordingFolder returns an error if the folder dir holds anything
// but the rep-N folders of a recording (RecordingDir): a recording
// replaces the folder whole, and would lose the rest. A folder that does
// not exist is fine.
func CheckRecordingFolder(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	for _, e := range entries {
		n, ok := strings.CutPrefix(e.Name(), "rep-")
		if _, err := strconv.Atoi(n); !ok || err != nil || !e.IsDir() {
			return fmt.Errorf("%s holds %s, which a recording does not write; it would be lost: record elsewhere (--record)", dir, e.Name())
		}
	}
	return nil
}
