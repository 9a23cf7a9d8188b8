package table_test

import (
	"bytes"
	"testing"

	"vaxsim/output/table"
)

// tinyTable has every kind of column: left and right aligned, an attached
// interval, a CSV-only column, a strong cell and characters Markdown must
// escape; its rows fall in two groups.
func tinyTable(group string) *table.Table {
	c := func(text, raw string) table.Cell { return table.Cell{Text: text, Raw: raw} }
	return &table.Table{
		Title: "title",
		Head:  []string{"first head line", "second"},
		Foot:  []string{"foot"},
		Group: group,
		Columns: []table.Column{
			{Name: "name", CSV: "name", Left: true},
			{Name: "mean", CSV: "mean"},
			{CSV: "ci", Attach: "±", Left: true},
			{CSV: "raw_only", CSVOnly: true},
			{Name: "verdict", CSV: "verdict", Left: true},
		},
		Rows: []table.Row{
			{Group: "g=1", Cells: []table.Cell{c("a", "a"), c("1,298", "1297.65"), c("9", "8.6"), c("", "x"), c("~", "~")}},
			{Group: "g=1", Cells: []table.Cell{c("long|name", "long|name"), c("0.5", "0.5"), c("10", "10.25"), c("", ""),
				{Text: "worse", Raw: "worse", Strong: true}}},
			{Group: "g=2", Cells: []table.Cell{c("b", "b"), c("12", "12"), c("0", "0"), c("", "y"), c("~", "~")}},
		},
	}
}

func TestTableFormats(t *testing.T) {
	tests := []struct {
		name   string
		group  string
		format table.Format
		want   string
	}{
		{"text", "", table.FormatText, `title
first head line
second

name             mean  verdict
a          1,298 ± 9   ~
long|name    0.5 ± 10  worse
b             12 ± 0   ~

foot
`},
		{"text grouped", "point", table.FormatText, `title
first head line
second

name             mean  verdict

g=1
a          1,298 ± 9   ~
long|name    0.5 ± 10  worse

g=2
b             12 ± 0   ~

foot
`},
		{"csv", "", table.FormatCSV, `name,mean,ci,raw_only,verdict
a,1297.65,8.6,x,~
long|name,0.5,10.25,,worse
b,12,0,y,~
`},
		{"csv grouped", "point", table.FormatCSV, `point,name,mean,ci,raw_only,verdict
g=1,a,1297.65,8.6,x,~
g=1,long|name,0.5,10.25,,worse
g=2,b,12,0,y,~
`},
		{"markdown", "", table.FormatMarkdown, `### title

- first head line
- second

| name | mean | verdict |
|---|--:|---|
| a | 1,298 ± 9 | \~ |
| long\|name | 0.5 ± 10 | **worse** |
| b | 12 ± 0 | \~ |

foot
`},
		{"markdown grouped", "point", table.FormatMarkdown, `### title

- first head line
- second

#### g=1

| name | mean | verdict |
|---|--:|---|
| a | 1,298 ± 9 | \~ |
| long\|name | 0.5 ± 10 | **worse** |

#### g=2

| name | mean | verdict |
|---|--:|---|
| b | 12 ± 0 | \~ |

foot
`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := tinyTable(tt.group).Write(&b, tt.format); err != nil {
				t.Fatal(err)
			}
			if got := b.String(); got != tt.want {
				t.Errorf("%v rendering:\n%s\nwant:\n%s", tt.format, got, tt.want)
			}
		})
	}
}
