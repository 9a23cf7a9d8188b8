// Package table holds one table model and its three renderings: aligned
// text for a terminal, CSV for programs and Markdown for pull requests.
//
// Cells carry a text for people and a raw value for CSV, so the three
// renderings show the same rows.
package table
