package table

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Format is a rendering of a [Table].
type Format int8

// The formats of a table.
const (
	// FormatText is aligned columns for a terminal, with the table's
	// title, head and foot lines.
	FormatText Format = iota
	// FormatCSV is the rows alone, one value per column, numbers in full
	// precision, for programs.
	FormatCSV
	// FormatMarkdown is a GitHub-flavoured Markdown table with its title
	// as a heading and head lines as a list, for pull-request comments.
	FormatMarkdown
)

var formatNames = [...]string{FormatText: "text", FormatCSV: "csv", FormatMarkdown: "markdown"}

// String returns the format's name: "text", "csv" or "markdown".
func (f Format) String() string {
	if f >= 0 && int(f) < len(formatNames) {
		return formatNames[f]
	}
	return fmt.Sprintf("Format(%d)", int(f))
}

// ParseFormat returns the format called name ("text", "csv" or
// "markdown").
func ParseFormat(name string) (Format, error) {
	for f, n := range formatNames {
		if n == name {
			return Format(f), nil
		}
	}
	return 0, fmt.Errorf("unknown format %q (want text, csv or markdown)", name)
}

// Table is one table model with three renderings ([Table.Write]): aligned
// text, CSV and Markdown. Cells carry a text for people and a raw value
// for CSV, so the renderings show the same rows.
type Table struct {
	// Title is the first line of the text form and the Markdown heading.
	Title string
	// Head holds lines shown between the title and the rows in text and
	// Markdown; Foot, lines shown after the rows. CSV shows neither.
	Head, Foot []string
	// Group is the CSV heading of the column naming each row's group.
	// Empty means the rows are not grouped: text and Markdown then show
	// one table and CSV no group column.
	Group string
	// Columns describe the cells of each row, in order.
	Columns []Column
	// Rows hold the cells, one per column. Rows of a group are
	// consecutive.
	Rows []Row
}

// Column describes a column of a [Table].
type Column struct {
	// Name is the heading in text and Markdown; CSV is the heading in
	// CSV.
	Name, CSV string
	// Attach, if not empty, joins the column to the one before it in text
	// and Markdown, separated by Attach: a mean and its interval show as
	// "1,298 ± 9" but are two columns in CSV. An attached column's Name is
	// not shown.
	Attach string
	// CSVOnly columns are left out of text and Markdown.
	CSVOnly bool
	// Left aligns the column to the left in text and Markdown; columns
	// are aligned to the right otherwise.
	Left bool
}

// Row is a row of a [Table].
type Row struct {
	// Group names the group the row belongs to, shown as a heading above
	// the group's rows in text and Markdown and as the first column in
	// CSV; it is ignored if the table's Group is empty.
	Group string
	// Cells hold one cell per column.
	Cells []Cell
}

// Cell is a cell of a [Table].
type Cell struct {
	// Text is shown in text and Markdown.
	Text string
	// Raw is written in CSV: a number in full precision, or empty if not
	// applicable.
	Raw string
	// Strong cells are set in bold in Markdown.
	Strong bool
}

// Write renders t to w in format f.
func (t *Table) Write(w io.Writer, f Format) error {
	switch f {
	case FormatText:
		return t.writeText(w)
	case FormatCSV:
		return t.writeCSV(w)
	case FormatMarkdown:
		return t.writeMarkdown(w)
	}
	return fmt.Errorf("output: unknown table format %v", f)
}

// span is a column as shown in text and Markdown: a column with the
// attached columns after it.
type span struct {
	name  string
	left  bool
	parts []int    // column indexes
	seps  []string // separators before parts[1:]
}

// spans returns the columns shown in text and Markdown.
func (t *Table) spans() []span {
	var out []span
	for i, c := range t.Columns {
		switch {
		case c.CSVOnly:
		case c.Attach != "" && len(out) > 0:
			s := &out[len(out)-1]
			s.parts, s.seps = append(s.parts, i), append(s.seps, c.Attach)
		default:
			out = append(out, span{name: c.Name, left: c.Left, parts: []int{i}})
		}
	}
	return out
}

// groups splits the rows into runs of the same group; with no grouping,
// into one run.
func (t *Table) groups() [][]Row {
	if t.Group == "" {
		return [][]Row{t.Rows}
	}
	var out [][]Row
	for i, r := range t.Rows {
		if i == 0 || r.Group != t.Rows[i-1].Group {
			out = append(out, nil)
		}
		out[len(out)-1] = append(out[len(out)-1], r)
	}
	return out
}

func width(s string) int { return utf8.RuneCountInString(s) }

func pad(s string, w int, left bool) string {
	fill := strings.Repeat(" ", max(0, w-width(s)))
	if left {
		return s + fill
	}
	return fill + s
}

// writeText writes the title, the head lines, a blank line, the column
// headings and the rows in aligned columns (a group's name on a line of
// its own before its rows), a blank line and the foot lines. Lines carry
// no trailing spaces.
func (t *Table) writeText(w io.Writer) error {
	spans := t.spans()
	// The width of each part of each span, over the rows.
	widths := make([][]int, len(spans))
	for k, s := range spans {
		widths[k] = make([]int, len(s.parts))
		for _, r := range t.Rows {
			for j, i := range s.parts {
				widths[k][j] = max(widths[k][j], width(r.Cells[i].Text))
			}
		}
	}
	total := func(k int) int {
		n := 0
		for j, wd := range widths[k] {
			n += wd
			if j > 0 {
				n += width(spans[k].seps[j-1]) + 2
			}
		}
		return max(n, width(spans[k].name))
	}
	line := func(cells []string) string {
		var b strings.Builder
		for k, c := range cells {
			if k > 0 {
				b.WriteString("  ")
			}
			b.WriteString(pad(c, total(k), spans[k].left))
		}
		return strings.TrimRight(b.String(), " ") + "\n"
	}
	bw := bufio.NewWriter(w)
	if t.Title != "" {
		bw.WriteString(t.Title + "\n")
	}
	for _, h := range t.Head {
		bw.WriteString(strings.TrimRight(h, " ") + "\n")
	}
	if t.Title != "" || len(t.Head) > 0 {
		bw.WriteString("\n")
	}
	names := make([]string, len(spans))
	for k, s := range spans {
		names[k] = s.name
	}
	bw.WriteString(line(names))
	for _, g := range t.groups() {
		if t.Group != "" && len(g) > 0 {
			bw.WriteString("\n" + g[0].Group + "\n")
		}
		for _, r := range g {
			cells := make([]string, len(spans))
			for k, s := range spans {
				var b strings.Builder
				for j, i := range s.parts {
					text := r.Cells[i].Text
					if j > 0 {
						b.WriteString(" " + s.seps[j-1] + " ")
						text = pad(text, widths[k][j], true)
					} else if len(s.parts) > 1 {
						text = pad(text, widths[k][j], false)
					}
					b.WriteString(text)
				}
				cells[k] = b.String()
			}
			bw.WriteString(line(cells))
		}
	}
	if len(t.Foot) > 0 {
		bw.WriteString("\n")
		for _, f := range t.Foot {
			bw.WriteString(strings.TrimRight(f, " ") + "\n")
		}
	}
	return bw.Flush()
}

// writeCSV writes the CSV headings of all columns, after the group column
// if the rows are grouped, and the raw cells of every row.
func (t *Table) writeCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	var rec []string
	if t.Group != "" {
		rec = append(rec, t.Group)
	}
	for _, c := range t.Columns {
		rec = append(rec, c.CSV)
	}
	if err := cw.Write(rec); err != nil {
		return err
	}
	for _, r := range t.Rows {
		rec = rec[:0]
		if t.Group != "" {
			rec = append(rec, r.Group)
		}
		for _, c := range r.Cells {
			rec = append(rec, c.Raw)
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// writeMarkdown writes the title as a level-3 heading, the head lines as a
// list, one table per group (each under a level-4 heading naming the
// group) and the foot lines as a paragraph.
func (t *Table) writeMarkdown(w io.Writer) error {
	spans := t.spans()
	bw := bufio.NewWriter(w)
	if t.Title != "" {
		bw.WriteString("### " + mdEscape(t.Title) + "\n\n")
	}
	for _, h := range t.Head {
		bw.WriteString("- " + mdEscape(h) + "\n")
	}
	if len(t.Head) > 0 {
		bw.WriteString("\n")
	}
	for gi, g := range t.groups() {
		if gi > 0 {
			bw.WriteString("\n")
		}
		if t.Group != "" && len(g) > 0 {
			bw.WriteString("#### " + mdEscape(g[0].Group) + "\n\n")
		}
		var head, rule strings.Builder
		for _, s := range spans {
			head.WriteString("| " + mdEscape(s.name) + " ")
			if s.left {
				rule.WriteString("|---")
			} else {
				rule.WriteString("|--:")
			}
		}
		bw.WriteString(head.String() + "|\n" + rule.String() + "|\n")
		for _, r := range g {
			for _, s := range spans {
				var b strings.Builder
				for j, i := range s.parts {
					if j > 0 {
						b.WriteString(" " + s.seps[j-1] + " ")
					}
					b.WriteString(r.Cells[i].Text)
				}
				text := mdEscape(b.String())
				if r.Cells[s.parts[0]].Strong && text != "" {
					text = "**" + text + "**"
				}
				bw.WriteString("| " + text + " ")
			}
			bw.WriteString("|\n")
		}
	}
	if len(t.Foot) > 0 {
		bw.WriteString("\n" + mdEscape(strings.Join(t.Foot, " ")) + "\n")
	}
	return bw.Flush()
}

// mdEscape escapes the characters that would end a Markdown table cell
// (|) or pair up into strikethrough (~, the verdict "no change").
// Underscores inside words, as in metric names, need no escape in
// GitHub-flavoured Markdown.
func mdEscape(s string) string {
	return strings.NewReplacer("|", `\|`, "~", `\~`).Replace(s)
}

// Grouped formats v with the given number of decimals and commas between
// groups of three digits: Grouped(1298.4, 0) is "1,298".
func Grouped(v float64, decimals int) string {
	s := strconv.FormatFloat(v, 'f', decimals, 64)
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
		if strings.Trim(s, "0.") == "" {
			sign = "" // no "-0"
		}
	}
	intPart, frac := s, ""
	if i := strings.IndexByte(s, '.'); i >= 0 {
		intPart, frac = s[:i], s[i:]
	}
	var b strings.Builder
	b.WriteString(sign)
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	b.WriteString(frac)
	return b.String()
}
