//go:build !race

package sim_test

// raceEnabled is true under the race detector.
const raceEnabled = false
