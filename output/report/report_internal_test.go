package report

import "testing"

func TestScenarioDescription(t *testing.T) {
	for _, tc := range []struct{ name, toml, want string }{
		{"basic", "[scenario]\nname = \"a\"\ndescription = \"One day at the TCC\"\n", "One day at the TCC"},
		{"escapes", "[scenario]\ndescription = \"say \\\"hi\\\" \\\\ tab\\there\\u00e9\"\n", "say \"hi\" \\ tab\there\u00e9"},
		{"comment after", "[scenario]\ndescription = \"x # not a comment\" # a comment\n", "x # not a comment"},
		{"literal", "[scenario]\ndescription = 'C:\\path'\n", `C:\path`},
		{"other table", "[scenario]\nname = \"a\"\n[sites.tcc]\ndescription = \"not this\"\n", ""},
		{"none", "[scenario]\nname = \"a\"\n", ""},
		{"empty", "", ""},
		{"spaces", "  [ scenario ]  \n  description   =   \"padded\"  \n", "padded"},
	} {
		if got := scenarioDescription(tc.toml); got != tc.want {
			t.Errorf("%s: scenarioDescription(%q) = %q, want %q", tc.name, tc.toml, got, tc.want)
		}
	}
}

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
