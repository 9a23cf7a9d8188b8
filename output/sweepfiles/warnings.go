package sweepfiles

import "vaxsim/output/runfiles"

// Warnings collects the warnings of a sweep's points, each said once
// with the points it appeared at: "WARNING (points 0-3, 7)". The zero
// value is ready; add points in id order.
type Warnings struct {
	order []string
	at    map[string][]int
}

// Add records the warnings ws of point id.
func (w *Warnings) Add(id int, ws []string) {
	if w.at == nil {
		w.at = map[string][]int{}
	}
	for _, text := range ws {
		if _, ok := w.at[text]; !ok {
			w.order = append(w.order, text)
		}
		w.at[text] = append(w.at[text], id)
	}
}

// List returns each warning once, in the order of first appearance,
// with the points it appeared at.
func (w *Warnings) List() []string {
	out := make([]string, 0, len(w.order))
	for _, text := range w.order {
		label := " (points "
		if len(w.at[text]) == 1 {
			label = " (point "
		}
		out = append(out, text+label+runfiles.Spans(w.at[text])+")")
	}
	return out
}
