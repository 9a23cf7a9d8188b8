// Command vaxsim simulates mass-vaccination sites from TOML scenarios and
// writes, compares, plots and reports their results.
//
// The user manual is manual.txt beside this file; `vaxsim help` prints
// it and a test runs every example in it. The command holds only flags,
// printing and exit codes: the work is done by the packages under sim,
// scenarios and output.
package main
