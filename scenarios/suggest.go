package scenarios

import (
	"fmt"
	"strings"

	"github.com/BurntSushi/toml"
)

// keyString formats a key path as TOML writes it: parts joined by dots,
// quoted where they are not bare keys.
func keyString(path []string) string {
	if len(path) == 0 {
		return ""
	}
	return toml.Key(path).String()
}

// EditDistance is the optimal string alignment distance between a and b:
// the insertions, deletions, substitutions and swaps of two neighbouring
// bytes that turn one into the other (Damerau–Levenshtein, each
// substring edited at most once), for did-you-mean messages on names,
// keys, commands and flags, which are ASCII.
func EditDistance(a, b string) int {
	if len(a) > 64 || len(b) > 64 { // names are short; bound the work
		if a == b {
			return 0
		}
		return max(len(a), len(b))
	}
	// d[i][j] is the distance between a[:i] and b[:j]; three rows suffice.
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

// nearest returns the candidate closest to s if it is close enough to be
// a likely misspelling, else "".
func nearest(s string, candidates []string) string {
	best, bestD := "", -1
	ls := strings.ToLower(s)
	for _, c := range candidates {
		d := EditDistance(ls, strings.ToLower(c))
		if bestD < 0 || d < bestD {
			best, bestD = c, d
		}
	}
	if bestD < 0 || bestD > max(2, len(s)/3) {
		return ""
	}
	return best
}

// didYouMean returns " (did you mean "x"?)" for the nearest candidate,
// or "".
func didYouMean(s string, candidates []string) string {
	if n := nearest(s, candidates); n != "" {
		return fmt.Sprintf(" (did you mean %q?)", n)
	}
	return ""
}

// choices formats the valid values for a message: "a, b or c".
func choices(names []string) string {
	switch len(names) {
	case 0:
		return "none"
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// unknownName formats the message for a name that is not one of valid:
// did-you-mean when one is close, else the list of valid names.
func unknownName(what, s string, valid []string) string {
	msg := fmt.Sprintf("unknown %s %s", what, excerpt(s))
	if d := didYouMean(s, valid); d != "" {
		return msg + d
	}
	if len(valid) == 0 {
		return msg + "; there are none"
	}
	if len(valid) > 30 {
		return msg
	}
	return msg + "; valid: " + choices(valid)
}
