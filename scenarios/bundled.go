package scenarios

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
)

// DefaultName is the bundled scenario run when none is named: the
// Tucson Convention Center on 2021-01-22.
const DefaultName = "pima-tcc-2021-01-22"

// The bundled scenarios, and the replay logs some of them name.
//
//go:embed *.toml *.csv
var bundled embed.FS

// Info describes a bundled scenario.
type Info struct {
	Name        string // name to pass to Resolve or Open
	Description string // the file's [scenario] description
}

var (
	infoOnce sync.Once
	infos    []Info
)

// Bundled lists the bundled scenarios, sorted by name.
func Bundled() []Info {
	infoOnce.Do(func() {
		entries, _ := fs.ReadDir(bundled, ".")
		for _, e := range entries {
			if !strings.HasSuffix(e.Name(), ".toml") {
				continue // a replay log
			}
			name := strings.TrimSuffix(e.Name(), ".toml")
			data, _ := bundled.ReadFile(e.Name())
			var head struct {
				Scenario struct {
					Description string `toml:"description"`
				} `toml:"scenario"`
			}
			_, _ = toml.Decode(string(data), &head)
			infos = append(infos, Info{Name: name, Description: head.Scenario.Description})
		}
		sort.Slice(infos, func(i, j int) bool { return infos[i].Name < infos[j].Name })
	})
	return append([]Info(nil), infos...)
}

// bundledNames returns the bundled scenarios' names, sorted.
func bundledNames() []string {
	var names []string
	for _, in := range Bundled() {
		names = append(names, in.Name)
	}
	return names
}

// Open returns the text of the bundled scenario called name (with or
// without ".toml").
func Open(name string) ([]byte, error) {
	base := strings.TrimSuffix(name, ".toml")
	if base == "" || strings.ContainsAny(base, "/\\") {
		return nil, notBundled(name)
	}
	data, err := bundled.ReadFile(base + ".toml")
	if err != nil {
		return nil, notBundled(name)
	}
	return data, nil
}

func notBundled(name string) error {
	names := bundledNames()
	return fmt.Errorf("no bundled scenario %q%s; bundled: %s", name,
		didYouMean(strings.TrimSuffix(name, ".toml"), names), strings.Join(names, ", "))
}

// Resolve loads the scenario named on a command line: the file at arg if
// there is one (a regular file), else the bundled scenario called arg.
// The --set overrides in sets apply either way. Resolve uses the default
// Options.
func Resolve(arg string, sets []string) (*File, error) {
	return Options{}.Resolve(arg, sets)
}

// Resolve is Resolve with the options o.
func (o Options) Resolve(arg string, sets []string) (*File, error) {
	if arg == "" {
		arg = DefaultName
	}
	st, err := os.Stat(arg)
	if err == nil {
		if st.IsDir() {
			return nil, fmt.Errorf("%s is a directory, not a scenario file", arg)
		}
		f, _, err := openRegular(arg)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		data, rerr := readLimited(f)
		if rerr != nil {
			return nil, fmt.Errorf("%s: %w", arg, rerr)
		}
		return o.Parse(arg, data, sets)
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	data, berr := Open(arg)
	if berr != nil {
		return nil, fmt.Errorf("scenario %q: no such file, and %v", arg, berr)
	}
	base := strings.TrimSuffix(arg, ".toml")
	file, perr := parse(base+".toml", data, sets, dataFiles{fsys: bundled, dir: ".", outside: o.AllowOutside})
	if perr != nil {
		return nil, perr
	}
	file.Source = base
	return file, nil
}
