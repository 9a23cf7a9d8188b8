// Package plot builds and draws vaxsim's figures: a figure is first a
// plain description (Figure: title, axes with units, panels of series,
// box groups or a heat map, a caption), built from a run's daily table
// (RunFigures) or a sweep's statistics (SweepFigures), then drawn with
// gonum/plot as PNG or SVG (Figure.Render, Write).
//
// Fonts are gonum/plot's embedded Liberation fonts and PNG files carry no
// time, so a figure gives the same bytes on every machine. Errors are
// returned; nothing here panics on bad data.
package plot
