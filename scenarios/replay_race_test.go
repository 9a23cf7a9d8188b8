//go:build race

package scenarios

// raceEnabled is true under the race detector.
const raceEnabled = true
