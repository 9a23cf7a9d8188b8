package main

import "strings"

// editDistance is the optimal string alignment distance between a and b:
// the insertions, deletions, substitutions and swaps of two neighbouring
// bytes that turn one into the other (Damerau–Levenshtein, each
// substring edited at most once). Names on the command line are ASCII.
func editDistance(a, b string) int {
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
		if d := editDistance(s, strings.ToLower(c)); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}
