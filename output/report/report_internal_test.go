package report

import "testing"

func TestShellQuote(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"pima-tcc-2021-01-22", "pima-tcc-2021-01-22"},
		{"dir/my site.toml", "'dir/my site.toml'"},
		{"it's.toml", `'it'\''s.toml'`},
		{"", "''"},
	} {
		if got := shellQuote(tc.in); got != tc.want {
			t.Errorf("shellQuote(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
