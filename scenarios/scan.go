package scenarios

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
)

// scanner reads TOML text once, in linear time, before the TOML decoder
// sees it. It enforces the nesting and key-count limits (the decoder's
// time grows much faster than linearly with the depth of a key) and
// records the line where each key path first appears, for messages.
//
// It is not a TOML parser: on text it does not understand it skips to
// the next line and goes on, leaving syntax errors to the decoder.
type scanner struct {
	data     []byte
	i        int
	line     int
	header   []string // parts of the current [table] header
	hdepth   int      // depth of the current header
	lines    map[string]int
	keys     int // key/value pairs and headers seen
	maxDepth int
	maxKeys  int
	err      *Error // the first limit exceeded; scanning stops there
	file     string
}

// scanText scans data and returns the first line of every key path, or
// the first limit exceeded.
func scanText(file string, data []byte, maxDepth, maxKeys int) (map[string]int, *Error) {
	s := &scanner{data: data, line: 1, lines: map[string]int{}, maxDepth: maxDepth, maxKeys: maxKeys, file: file}
	if bytes.HasPrefix(data, []byte("\uFEFF")) {
		s.i = 3
	}
	for s.err == nil {
		s.skipBlank()
		if s.i >= len(s.data) {
			break
		}
		if !s.statement() && s.err == nil {
			s.resync()
		}
	}
	return s.lines, s.err
}

func (s *scanner) peek() byte {
	if s.i < len(s.data) {
		return s.data[s.i]
	}
	return 0
}

// next consumes one byte, counting lines.
func (s *scanner) next() byte {
	c := s.data[s.i]
	s.i++
	if c == '\n' {
		s.line++
	}
	return c
}

// skipSpace skips spaces and tabs.
func (s *scanner) skipSpace() {
	for s.i < len(s.data) && (s.data[s.i] == ' ' || s.data[s.i] == '\t') {
		s.i++
	}
}

// skipBlank skips whitespace, newlines and comments.
func (s *scanner) skipBlank() {
	for s.i < len(s.data) {
		switch s.data[s.i] {
		case ' ', '\t', '\r', '\n':
			s.next()
		case '#':
			s.skipComment()
		default:
			return
		}
	}
}

// skipComment skips a comment, up to the end of its line.
func (s *scanner) skipComment() {
	for s.i < len(s.data) && s.data[s.i] != '\n' {
		s.i++
	}
}

// resync skips to the start of the next line.
func (s *scanner) resync() {
	for s.i < len(s.data) {
		if s.next() == '\n' {
			return
		}
	}
}

// endLine accepts the rest of a line holding only space and a comment.
func (s *scanner) endLine() bool {
	s.skipSpace()
	if s.peek() == '#' {
		s.skipComment()
	}
	if s.peek() == '\r' {
		s.i++
	}
	switch s.peek() {
	case 0:
		return s.i >= len(s.data)
	case '\n':
		s.next()
		return true
	}
	return false
}

// limit records a limit error and returns false.
func (s *scanner) limit(path []string, format string, args ...any) bool {
	if s.err == nil {
		shown := path
		more := ""
		if len(shown) > s.maxDepth+1 {
			shown, more = shown[:s.maxDepth+1], ".…"
		}
		key := keyString(shown) + more
		if len(key) > 200 {
			key = key[:200] + "…"
		}
		s.err = &Error{File: s.file, Line: s.line, Key: key, Msg: fmt.Sprintf(format, args...)}
	}
	return false
}

// depthOK checks a nesting depth against the limit.
func (s *scanner) depthOK(depth int, path []string) bool {
	if depth > s.maxDepth {
		return s.limit(path, "keys, tables and arrays are nested more than %d levels deep; scenarios need at most 6", s.maxDepth)
	}
	return true
}

// record notes the first line of path and all its prefixes, and counts
// the key.
func (s *scanner) record(path []string) bool {
	s.keys++
	if s.keys > s.maxKeys {
		return s.limit(path, "more than %d keys; the limit keeps loading fast", s.maxKeys)
	}
	if _, ok := s.lines[keyString(path)]; ok {
		return true
	}
	for n := 1; n <= len(path); n++ {
		k := keyString(path[:n])
		if _, ok := s.lines[k]; !ok {
			s.lines[k] = s.line
		}
	}
	return true
}

// statement reads a [table] header, an [[array]] header or a key/value
// pair.
func (s *scanner) statement() bool {
	if s.peek() != '[' {
		return s.keyValue(s.header, s.hdepth) && s.endLine()
	}
	closing := "]" // of a [table] header, "]]" of an [[array]] one
	if bytes.HasPrefix(s.data[s.i:], []byte("[[")) {
		closing = "]]"
	}
	s.i += len(closing)
	parts, ok := s.key(nil, 0)
	if !ok || !bytes.HasPrefix(s.data[s.i:], []byte(closing)) {
		return false
	}
	s.i += len(closing)
	depth := len(parts)
	if closing == "]]" {
		depth++ // an array of tables is one level deeper
	}
	if !s.depthOK(depth, parts) || !s.record(parts) {
		return false
	}
	s.header, s.hdepth = parts, depth
	return s.endLine()
}

// keyValue reads a key/value pair in the table at prefix, of nesting
// depth depth.
func (s *scanner) keyValue(prefix []string, depth int) bool {
	parts, ok := s.key(prefix, depth)
	if !ok {
		return false
	}
	path := slices.Concat(prefix, parts)
	if !s.record(path) || s.peek() != '=' {
		return false
	}
	s.i++
	return s.value(path, depth+len(parts))
}

// key reads a dotted key and returns its parts. base is the depth of the
// enclosing table; the key may not take the total beyond the limit, so a
// hugely dotted key stops the scan early.
func (s *scanner) key(prefix []string, base int) ([]string, bool) {
	var parts []string
	for {
		s.skipSpace()
		part, ok := s.keyPart()
		if !ok {
			return nil, false
		}
		parts = append(parts, part)
		if base+len(parts) > s.maxDepth {
			return nil, s.depthOK(base+len(parts), slices.Concat(prefix, parts))
		}
		s.skipSpace()
		if s.peek() != '.' {
			return parts, true
		}
		s.i++
	}
}

// keyPart reads one bare or quoted key.
func (s *scanner) keyPart() (string, bool) {
	switch s.peek() {
	case '"':
		s.i++
		var b strings.Builder
		for s.i < len(s.data) {
			c := s.data[s.i]
			switch c {
			case '"':
				s.i++
				return b.String(), true
			case '\n':
				return "", false
			case '\\':
				if s.i+1 >= len(s.data) {
					return "", false
				}
				s.i++
				b.WriteString(unescape(s.data[s.i]))
				s.i++
				continue
			}
			b.WriteByte(c)
			s.i++
		}
		return "", false
	case '\'':
		s.i++
		start := s.i
		for s.i < len(s.data) {
			switch s.data[s.i] {
			case '\'':
				part := string(s.data[start:s.i])
				s.i++
				return part, true
			case '\n':
				return "", false
			}
			s.i++
		}
		return "", false
	}
	start := s.i
	for s.i < len(s.data) && isBare(s.data[s.i]) {
		s.i++
	}
	return string(s.data[start:s.i]), s.i > start
}

// unescape returns the character of a simple escape; others are kept
// as written (positions are only a help for messages).
func unescape(c byte) string {
	switch c {
	case 'n':
		return "\n"
	case 't':
		return "\t"
	case 'r':
		return "\r"
	case 'b':
		return "\b"
	case 'f':
		return "\f"
	case 'e':
		return "\x1b"
	}
	return string(c)
}

func isBare(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// value reads a value of the key at path; depth is the nesting depth of
// that key.
func (s *scanner) value(path []string, depth int) bool {
	s.skipSpace()
	switch s.peek() {
	case 0:
		return false
	case '"', '\'':
		return s.str()
	case '{':
		return s.list('}', func() bool { return s.keyValue(path, depth) })
	case '[':
		return s.depthOK(depth+1, path) && s.list(']', func() bool { return s.value(path, depth+1) })
	}
	return s.scalar()
}

// list reads an inline table or an array, from its opening bracket to
// closing, reading each item with item.
func (s *scanner) list(closing byte, item func() bool) bool {
	s.i++
	for {
		s.skipBlank()
		if s.peek() == closing {
			s.i++
			return true
		}
		if !item() {
			return false
		}
		s.skipBlank()
		switch s.peek() {
		case ',':
			s.i++
		case closing:
			s.i++
			return true
		default:
			return false
		}
	}
}

// scalar reads a number, boolean, date or time.
func (s *scanner) scalar() bool {
	start := s.i
	word := func() {
		for s.i < len(s.data) && !strings.ContainsRune(" \t\r\n,]}#", rune(s.data[s.i])) {
			s.i++
		}
	}
	word()
	// A date and a time may be separated by a space: 1979-05-27 07:32:00.
	if s.i-start == 10 && s.data[start+4] == '-' && s.peek() == ' ' &&
		s.i+1 < len(s.data) && s.data[s.i+1] >= '0' && s.data[s.i+1] <= '9' {
		s.i++
		word()
	}
	return s.i > start
}

// str reads a basic, literal or multi-line string.
func (s *scanner) str() bool {
	q := s.peek()
	if s.i+2 < len(s.data) && s.data[s.i+1] == q && s.data[s.i+2] == q {
		s.i += 3
		for s.i < len(s.data) {
			c := s.next()
			if c == '\\' && q == '"' {
				if s.i < len(s.data) {
					s.next()
				}
				continue
			}
			if c == q && s.i+1 < len(s.data) && s.data[s.i] == q && s.data[s.i+1] == q {
				s.i += 2
				for n := 0; n < 2 && s.peek() == q; n++ { // up to two quotes end the content
					s.i++
				}
				return true
			}
		}
		return false
	}
	s.i++
	for s.i < len(s.data) {
		c := s.data[s.i]
		switch {
		case c == '\n':
			return false
		case c == '\\' && q == '"':
			s.i += 2
			continue
		case c == q:
			s.i++
			return true
		}
		s.i++
	}
	return false
}
