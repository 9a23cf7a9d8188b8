package sim

import "flag"

// This package keeps no golden files, but "go test ./... -update"
// regenerates those of the others and passes -update to every package.
var _ = flag.Bool("update", false, "rewrite golden files (none here)")
