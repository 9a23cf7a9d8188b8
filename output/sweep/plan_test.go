package sweep

import "testing"

func TestShellQuote(t *testing.T) {
	tests := []struct{ in, want string }{
		{"sites.tcc.stations=8,10,12", "sites.tcc.stations=8,10,12"},
		{"results/a-sweep", "results/a-sweep"},
		{`sites.tcc.at_close="serve"`, `'sites.tcc.at_close="serve"'`},
		{"it's", `'it'\''s'`},
		{"a b", "'a b'"},
		{"", "''"},
	}
	for _, tc := range tests {
		if got := ShellQuote(tc.in); got != tc.want {
			t.Errorf("ShellQuote(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}
