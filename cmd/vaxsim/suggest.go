package main

import (
	"strings"
	"vaxsim/scenarios"
)

// suggest returns the candidate s most likely stands for, or "": the only
// candidate s is a prefix of, else the nearest within an edit distance of
// 1 for names of up to 5 characters, 2 up to 8 and 3 beyond (the first
// candidate on a tie). Case is ignored.
func suggest(s string, candidates []string) string {
	s = strings.ToLower(s)
	if s == "" {
		return ""
	}
	var prefixed []string
	for _, c := range candidates {
		if strings.HasPrefix(strings.ToLower(c), s) {
			prefixed = append(prefixed, c)
		}
	}
	if len(prefixed) == 1 {
		return prefixed[0]
	}
	best, bestD := "", max(1, min(3, len(s)/3))+1
	for _, c := range candidates {
		if d := scenarios.EditDistance(s, strings.ToLower(c)); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}
