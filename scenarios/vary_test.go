package scenarios

import (
	"slices"
	"strings"
	"testing"
)

// TestParseVary: lists, ranges and log ranges give these values, as
// written in TOML (the cases and values are those the sweep has always
// given).
func TestParseVary(t *testing.T) {
	tests := []struct {
		name string
		arg  string
		key  string
		want []string
	}{
		{"list", "sites.tcc.stations=8,10,12", "sites.tcc.stations", []string{"8", "10", "12"}},
		{"spaces", " sites.tcc.stations = 8 , 10 ", "sites.tcc.stations", []string{"8", "10"}},
		{"one value", "x=42", "x", []string{"42"}},
		{"strings", `sites.tcc.at_close="serve","turn_away"`, "sites.tcc.at_close", []string{`"serve"`, `"turn_away"`}},
		{"commas in strings", `x="a,b",'c,d',"e\",f"`, "x", []string{`"a,b"`, `'c,d'`, `"e\",f"`}},
		{"arrays and tables", `x=[1,2],[3],{a=1,b=2}`, "x", []string{"[1,2]", "[3]", "{a=1,b=2}"}},
		{"local time, not a range", "x=07:30:00", "x", []string{"07:30:00"}},
		{"date-times", "x=2021-01-22T11:30:00,2021-01-22T12:00:00", "x", []string{"2021-01-22T11:30:00", "2021-01-22T12:00:00"}},
		// Ranges step exactly and keep the precision as written.
		{"range", "x=8:16:2", "x", []string{"8", "10", "12", "14", "16"}},
		{"range of tenths", "x=0:0.3:0.1", "x", []string{"0.0", "0.1", "0.2", "0.3"}},
		{"range from 1.2", "x=1.2:1.6:0.1", "x", []string{"1.2", "1.3", "1.4", "1.5", "1.6"}},
		{"range of hundredths", "x=0.02:0.12:0.05", "x", []string{"0.02", "0.07", "0.12"}},
		{"negative range", "x=-1:1:1", "x", []string{"-1", "0", "1"}},
		{"range of one", "x=5:5:1", "x", []string{"5"}},
		{"large range", "x=20000:40000:10000", "x", []string{"20000", "30000", "40000"}},
		// Log ranges.
		{"log range", "x=log:1:1000:4", "x", []string{"1", "10", "100", "1000"}},
		{"log range of decimals", "x=log:0.01:1.0:3", "x", []string{"0.01", "0.1", "1.0"}},
		{"log range, six digits", "x=log:1.0:2.0:3", "x", []string{"1.0", "1.41421", "2.0"}},
		{"log range rounded", "x=log:8:16:3", "x", []string{"8", "11", "16"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v, err := ParseVary(tc.arg)
			if err != nil {
				t.Fatalf("ParseVary(%q): %v", tc.arg, err)
			}
			if v.Key != tc.key || !slices.Equal(v.Values, tc.want) {
				t.Errorf("ParseVary(%q) = %q %q, want %q %q", tc.arg, v.Key, v.Values, tc.key, tc.want)
			}
			if _, spec, _ := strings.Cut(tc.arg, "="); v.Spec != strings.TrimSpace(spec) {
				t.Errorf("ParseVary(%q).Spec = %q, want %q", tc.arg, v.Spec, strings.TrimSpace(spec))
			}
		})
	}
}

func TestParseVaryErrors(t *testing.T) {
	tests := []struct{ name, arg, want string }{
		{"no =", "sites.tcc.stations", "--vary sites.tcc.stations: want key=values"},
		{"no key", "=8", "want key=values"},
		{"no values", "x=", "no values"},
		{"empty value", "x=8,,10", "value 2 of the list is empty"},
		{"twice", "x=8,10,8", "the value 8 appears twice"},
		{"open string", `x="a,b`, "unterminated"},
		{"open array", "x=[1,2", "unterminated"},
		{"zero step", "x=8:16:0", "the step must be positive"},
		{"negative step", "x=8:16:-2", "the step must be positive"},
		{"hi below lo", "x=16:8:2", "hi is below lo"},
		{"steps", "x=8:16:3", "not a whole number of steps"},
		{"too many", "x=0:10000000:1", "more than 1000000 values"},
		{"log, two parts", "x=log:1:100", "want log:lo:hi:n"},
		{"log from 0", "x=log:0:100:3", "want 0 < lo < hi"},
		{"log down", "x=log:100:1:3", "want 0 < lo < hi"},
		{"log of one", "x=log:1:100:1", "at least 2"},
		{"log of n", "x=log:1:100:n", "at least 2"},
		{"log exponent", "x=log:1e0:100:3", "not a decimal number"},
		{"log rounded", "x=log:1:3:5", "rounded to integers"},
		// Values are checked as TOML.
		{"bare word", "sites.tcc.at_close=serve,turn_away",
			`--vary sites.tcc.at_close=serve,turn_away: value 1 of the list, serve, is not a TOML value (expected value but found "serve" instead); write strings in quotes, as in "serve"`},
		{"two values in one", "x=8 9", "value 1 of the list, 8 9, is not a TOML value"},
		{"a second key", "x=8\ny = 9", "is not a TOML value"},
		{"deep", "x=" + strings.Repeat("[", 20) + strings.Repeat("]", 20), "is nested too deeply"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseVary(tc.arg)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("ParseVary(%q) = %v, want an error with %q", tc.arg, err, tc.want)
			}
		})
	}
}
