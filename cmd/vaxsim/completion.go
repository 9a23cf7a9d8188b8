package main

import (
	"context"
	"fmt"
	"io"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/spf13/pflag"

	"vaxsim/scenarios"
)

func init() {
	register(command{"completion", "bash|zsh|fish", "print the shell's completion script", setupCompletion})
}

// completeCommand is the hidden command the completion scripts run:
// "vaxsim __complete WORD..." prints, one a line, the candidates for the
// last WORD (which may be empty), the words before it being the command
// line after "vaxsim". It prints nothing where the shell should complete
// file names.
const completeCommand = "__complete"

// scenarioCommands take a scenario (or, for sweep, a sweep file) as
// their first argument; the others take folders or nothing.
var scenarioCommands = []string{"run", "sweep", "validate", "init"}

// keyFlags take a scenario key path and a value: key=value.
var keyFlags = []string{"set", "vary"}

func setupCompletion(fs *pflag.FlagSet) func(context.Context, streams, []string) error {
	return func(_ context.Context, io streams, args []string) error {
		if len(args) != 1 {
			return usagef("completion: name one shell: bash, zsh or fish")
		}
		script, ok := completionScripts[args[0]]
		if !ok {
			return usagef("completion: no script for %q; the shells are bash, zsh and fish", args[0])
		}
		fmt.Fprint(io.out, script)
		return nil
	}
}

// complete prints the candidates for the last of words (see
// completeCommand). It never fails: a shell shows nothing on errors.
func complete(w io.Writer, words []string) error {
	for _, c := range completions(words) {
		fmt.Fprintln(w, c)
	}
	return nil
}

// completions returns the candidates for the last of words, those that
// begin with it. bash splits "--set=key" into "--set", "=", "key" (the
// '=' is in COMP_WORDBREAKS); zsh and fish keep it whole. Both work.
func completions(words []string) []string {
	if len(words) == 0 {
		words = []string{""}
	}
	cur, prev := words[len(words)-1], words[:len(words)-1]
	if len(prev) == 0 {
		if strings.HasPrefix(cur, "-") {
			return matching(cur, []string{"--help", "--version"})
		}
		return matching(cur, commandNames())
	}
	c := findCommand(prev[0])
	if c == nil {
		return nil
	}
	if c.name == "help" {
		if len(prev) == 1 {
			return matching(cur, commandNames())
		}
		return nil
	}
	fs := newFlagSet(c, io.Discard)
	c.setup(fs)

	// Walk the words before cur: which flag, if any, cur is the value
	// of, and the arguments so far.
	var args []string
	var valueOf *pflag.Flag
	rest := prev[1:]
	for i := 0; i < len(rest); i++ {
		w := rest[i]
		switch {
		case w == "=" && valueOf == nil:
			// the rest of a word bash split at '=': the value follows
			if i+1 < len(rest) {
				i++
			} else {
				return nil // cur is the value after key= or --flag=
			}
		case w == "--":
			args = append(args, rest[i+1:]...)
			i = len(rest)
		case strings.HasPrefix(w, "--"):
			valueOf = nil
			name, _, inline := strings.Cut(w[2:], "=")
			if f := fs.Lookup(name); f != nil && !inline && f.NoOptDefVal == "" {
				valueOf = f
				if i+1 < len(rest) && rest[i+1] == "=" {
					i++ // bash's --flag = value
				}
				if i+1 < len(rest) {
					i++ // the flag's value
					valueOf = nil
				}
			}
		case strings.HasPrefix(w, "-") && len(w) == 2:
			valueOf = nil
			if f := fs.ShorthandLookup(w[1:]); f != nil && f.NoOptDefVal == "" {
				if i+1 < len(rest) {
					i++
				} else {
					valueOf = f
				}
			}
		default:
			args = append(args, w)
		}
	}
	if valueOf != nil {
		return flagValues(c, valueOf.Name, args, cur, "")
	}
	if strings.HasPrefix(cur, "--") {
		if name, value, ok := strings.Cut(cur[2:], "="); ok {
			return flagValues(c, name, args, value, "--"+name+"=")
		}
		var flags []string
		for _, n := range flagNames(fs) {
			flags = append(flags, "--"+n)
		}
		return matching(cur, append(flags, "--help"))
	}
	if strings.HasPrefix(cur, "-") {
		return nil
	}
	if len(args) == 0 && c.name == "completion" {
		return matching(cur, slices.Sorted(maps.Keys(completionScripts)))
	}
	if len(args) == 0 && slices.Contains(scenarioCommands, c.name) {
		var names []string
		for _, in := range scenarios.Bundled() {
			names = append(names, in.Name)
		}
		return matching(cur, names) // the shell adds file names
	}
	return nil
}

// flagValues returns the candidates for value, the value of command c's
// flag name, each prefixed with prefix; args are the command's arguments
// before it.
func flagValues(c *command, name string, args []string, value, prefix string) []string {
	if !slices.Contains(keyFlags, name) || strings.Contains(value, "=") {
		return nil
	}
	scenario := ""
	if len(args) > 0 {
		scenario = args[0]
	}
	keys, err := scenarioKeys(scenario)
	if err != nil {
		return nil
	}
	var out []string
	for _, k := range matching(value, keys) {
		out = append(out, prefix+k+"=")
	}
	return out
}

// matching returns the candidates that begin with prefix.
func matching(prefix string, candidates []string) []string {
	var out []string
	for _, c := range candidates {
		if strings.HasPrefix(c, prefix) {
			out = append(out, c)
		}
	}
	return out
}

// scenarioKeys returns the key paths --set and --vary accept for the
// scenario named by arg (a file, a sweep file or a bundled name; "" for
// the default), sorted: every field of every table the scenario has, and
// of the tables every scenario may have.
func scenarioKeys(arg string) ([]string, error) {
	if sw, err := scenarios.LoadSweep(arg); err == nil && sw != nil {
		arg = sw.Scenario
	}
	f, err := scenarios.Resolve(arg, nil)
	if err != nil {
		return nil, err
	}
	return keysOf(f.Resolved, scenarios.Reference()), nil
}

// keysOf lists the key paths of the scenario whose resolved TOML is
// resolved, from the scenario format's reference (scenarios.Reference):
// the reference gives each table's keys, with NAME for the names of
// entries, and the resolved text's table headers give the names.
//
// It reads the reference's Markdown and the headers of the resolved
// text, because scenarios exports no list of keys and only scenarios may
// read TOML; a function of scenarios listing them would replace it.
func keysOf(resolved []byte, reference string) []string {
	type field struct{ key, table string } // table: the table a key holds, or ""
	tables := map[string][]field{}         // by title, as sites.NAME
	var titles []string
	var title string
	for _, line := range strings.Split(reference, "\n") {
		if m := refHeading.FindStringSubmatch(line); m != nil {
			title = m[1]
			titles = append(titles, title)
			continue
		}
		m := refRow.FindStringSubmatch(line)
		if m == nil || title == "" {
			continue
		}
		switch {
		case strings.HasPrefix(m[2], "named tables"):
			// its entries have headings of their own
		case strings.HasPrefix(m[2], "table"):
			if t := refTable.FindStringSubmatch(m[2]); t != nil {
				tables[title] = append(tables[title], field{m[1], t[1]})
			}
		default:
			tables[title] = append(tables[title], field{m[1], ""})
		}
	}

	// The tables the scenario has, each with its title.
	type table struct{ path, title string }
	var have []table
	for _, t := range titles {
		if !hasName(t) {
			have = append(have, table{t, t}) // a table every scenario may have
		}
	}
	for _, m := range tomlHeader.FindAllSubmatch(resolved, -1) {
		path := strings.Split(string(m[1]), ".")
		for _, t := range titles {
			if pat := strings.Split(t, "."); len(pat) == len(path) && hasName(t) && fits(path, pat) {
				have = append(have, table{string(m[1]), t})
			}
		}
	}

	seen := map[string]bool{}
	var keys []string
	var add func(path, title string, depth int)
	add = func(path, title string, depth int) {
		if depth > 4 {
			return
		}
		for _, f := range tables[title] {
			k := path + "." + f.key
			if f.table != "" {
				add(k, f.table, depth+1)
			} else if !seen[k] {
				seen[k] = true
				keys = append(keys, k)
			}
		}
	}
	for _, t := range have {
		add(t.path, t.title, 0)
	}
	slices.Sort(keys)
	return keys
}

// hasName reports whether the reference's title t has a part standing
// for a name, such as NAME in sites.NAME.
func hasName(t string) bool { return strings.ToLower(t) != t }

// fits reports whether the key path fits the reference's title pat,
// whose upper-case parts stand for any name.
func fits(path, pat []string) bool {
	for i := range pat {
		if pat[i] != path[i] && strings.ToUpper(pat[i]) != pat[i] {
			return false
		}
	}
	return true
}

var (
	refHeading = regexp.MustCompile("^### `\\[([a-zA-Z0-9_.]+)\\]`")
	refRow     = regexp.MustCompile("^\\| `([a-zA-Z0-9_]+)` \\| ([^|]*)\\|")
	refTable   = regexp.MustCompile("`\\[([a-zA-Z0-9_.]+)\\]`")
	tomlHeader = regexp.MustCompile(`(?m)^\[([A-Za-z0-9_.-]+)\][ \t]*$`)
)

// completionScripts are the scripts of completion, by shell. Each asks
// "vaxsim __complete" for the candidates, and completes file names when
// it gives none.
var completionScripts = map[string]string{
	"bash": `# bash completion for vaxsim. Load it with
#	source <(vaxsim completion bash)
# or save it as a file in ~/.local/share/bash-completion/completions/vaxsim.
_vaxsim() {
	local IFS=$'\n'
	COMPREPLY=($("${COMP_WORDS[0]}" __complete "${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null))
	if [[ ${COMPREPLY[*]} == *= ]] && type compopt >/dev/null 2>&1; then
		compopt -o nospace 2>/dev/null # key= is followed by a value
	fi
}
complete -o default -F _vaxsim vaxsim
`,
	"zsh": `#compdef vaxsim
# zsh completion for vaxsim. Load it with
#	source <(vaxsim completion zsh)
# or save it as _vaxsim in a folder of $fpath.
_vaxsim() {
	local -a found keys
	found=(${(f)"$(${words[1]} __complete ${(@)words[2,CURRENT]} 2>/dev/null)"})
	if (( ${#found} == 0 )); then
		_files
		return
	fi
	keys=(${(M)found:#*=})
	found=(${found:#*=})
	(( ${#keys} )) && compadd -Q -S '' -- $keys
	(( ${#found} )) && compadd -Q -- $found
}
if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
	_vaxsim "$@"
else
	compdef _vaxsim vaxsim
fi
`,
	"fish": `# fish completion for vaxsim. Load it with
#	vaxsim completion fish | source
# or save it as ~/.config/fish/completions/vaxsim.fish.
function __vaxsim_complete
	set -l words (commandline -opc) (commandline -ct)
	set -l found ($words[1] __complete $words[2..-1] 2>/dev/null)
	if test (count $found) -eq 0
		__fish_complete_path (commandline -ct)
	else
		printf '%s\n' $found
	end
end
complete -c vaxsim -f -a '(__vaxsim_complete)'
`,
}
