package scenarios

import (
	"fmt"
	"sort"
	"strings"
)

// Error is one problem found in a scenario: where it is and what is wrong.
type Error struct {
	File string // file name as given to Load or Parse
	Line int    // line in the file, from 1; 0 when no line applies
	Set  string // the --set argument the value came from, if any
	Key  string // dotted key path ("sites.tcc.stations"), if any
	Msg  string // what was found and what would be valid

	// Column is the 1-based byte of the line where the problem is, in a
	// replay log (a CSV file); 0 in a scenario file.
	Column int
}

// Error formats e as "file:line: key.path: message", or
// "--set ARG: key.path: message" for a value given with --set, or
// "file:line:column: message" in a replay log.
func (e *Error) Error() string {
	var b strings.Builder
	if e.Set != "" {
		b.WriteString("--set ")
		b.WriteString(e.Set)
	} else {
		b.WriteString(e.File)
		if e.Line > 0 {
			fmt.Fprintf(&b, ":%d", e.Line)
		}
		if e.Column > 0 {
			fmt.Fprintf(&b, ":%d", e.Column)
		}
	}
	if e.Key != "" {
		b.WriteString(": ")
		b.WriteString(e.Key)
	}
	b.WriteString(": ")
	b.WriteString(e.Msg)
	return b.String()
}

// ErrorList is every problem found in a scenario, sorted: errors of the
// file first by line, then errors of --set arguments in their order.
type ErrorList []*Error

// maxErrorLines bounds the lines ErrorList.Error prints.
const maxErrorLines = 100

// Error joins the errors, one a line (at most 100, then a count of the
// rest).
func (l ErrorList) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i == maxErrorLines {
			fmt.Fprintf(&b, "\n(and %d more errors)", len(l)-i)
			break
		}
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Unwrap returns the errors, for errors.As.
func (l ErrorList) Unwrap() []error {
	errs := make([]error, len(l))
	for i, e := range l {
		errs[i] = e
	}
	return errs
}

// origin is where a key's value comes from: a line of the file or a
// --set argument.
type origin struct {
	line int
	set  string
}

// collector gathers errors and knows where each key path comes from.
type collector struct {
	file string
	errs ErrorList
	// pos maps key paths (toml.Key.String form) to their origin. A path
	// not in it takes the origin of its longest prefix that is.
	pos map[string]origin
	// sets are the --set arguments in order, for sorting.
	sets []string
	// warnings are caveats that are not errors, formatted as errors are,
	// in the order found.
	warnings []string
}

func newCollector(file string) *collector {
	return &collector{file: file, pos: map[string]origin{}}
}

// originOf returns the origin of path or of its longest known prefix.
func (c *collector) originOf(path []string) origin {
	for n := len(path); n > 0; n-- {
		if o, ok := c.pos[keyString(path[:n])]; ok {
			return o
		}
	}
	return origin{}
}

// add records an error about the key at path (which may be empty).
func (c *collector) add(path []string, format string, args ...any) {
	o := c.originOf(path)
	c.errs = append(c.errs, &Error{File: c.file, Line: o.line, Set: o.set,
		Key: keyString(path), Msg: fmt.Sprintf(format, args...)})
}

// warn records a caveat about the key at path, for File.Warnings.
func (c *collector) warn(path []string, format string, args ...any) {
	o := c.originOf(path)
	e := &Error{File: c.file, Line: o.line, Set: o.set, Key: keyString(path), Msg: fmt.Sprintf(format, args...)}
	c.warnings = append(c.warnings, e.Error())
}

// addAt records an error at an explicit line.
func (c *collector) addAt(line int, key, format string, args ...any) {
	c.errs = append(c.errs, &Error{File: c.file, Line: line, Key: key, Msg: fmt.Sprintf(format, args...)})
}

// addSet records an error about a --set argument.
func (c *collector) addSet(arg, key, format string, args ...any) {
	c.errs = append(c.errs, &Error{File: c.file, Set: arg, Key: key, Msg: fmt.Sprintf(format, args...)})
}

// result returns the sorted, de-duplicated errors, or nil.
func (c *collector) result() error {
	if len(c.errs) == 0 {
		return nil
	}
	setIndex := map[string]int{}
	for i, s := range c.sets {
		if _, ok := setIndex[s]; !ok {
			setIndex[s] = i
		}
	}
	l := c.errs
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if (a.Set != "") != (b.Set != "") {
			return a.Set == ""
		}
		if a.Set != "" {
			return setIndex[a.Set] < setIndex[b.Set]
		}
		return a.Line < b.Line
	})
	out := l[:0:0]
	seen := map[string]bool{}
	for _, e := range l {
		if s := e.Error(); !seen[s] {
			seen[s] = true
			out = append(out, e)
		}
	}
	return out
}
