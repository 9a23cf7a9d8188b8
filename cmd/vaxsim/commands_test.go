package main

import "testing"

func TestCommandsRegistered(t *testing.T) {
	var names []string
	for _, c := range commands {
		names = append(names, c.name)
	}
	want := []string{"run", "validate", "scenarios", "init", "version", "help"}
	j := 0
	for _, n := range names {
		if j < len(want) && n == want[j] {
			j++
		}
	}
	if j != len(want) {
		t.Errorf("commands %v are not in display order %v", names, want)
	}
}
