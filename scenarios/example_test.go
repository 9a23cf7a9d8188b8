package scenarios_test

import (
	"fmt"
	"strings"
	"time"

	"vaxsim/scenarios"
)

// Parse a small scenario, with one --set override, and read the typed
// model: durations are in milliseconds.
func ExampleParse() {
	text := `
[scenario]
start = 2021-01-22
time_zone = "America/Phoenix"

[products.moderna]
doses_per_vial = 10
open_vial_life = "6h"

[sites.tcc]
stations = 14
service = "3m + exp(mean=1m)"
hours = { default = "08:00-17:00" }
`
	f, err := scenarios.Parse("example.toml", []byte(text), []string{"sites.tcc.stations=12"})
	if err != nil {
		fmt.Println(err)
		return
	}
	sc := f.Scenario
	tcc := sc.Sites[0]
	fmt.Println(sc.Name, sc.Start, sc.Start.Weekday(), sc.Days)
	fmt.Println(tcc.Name, tcc.Stations, "stations, mean service", tcc.Service.Mean()/60_000, "min")
	fmt.Println("Friday", tcc.Week[time.Friday].Open.Hours(), "to", tcc.Week[time.Friday].Close.Hours())
	fmt.Println("open vial life", sc.Products[0].OpenVialLife.Duration())
	// Output:
	// example 2021-01-22 Friday 1
	// tcc 12 stations, mean service 4 min
	// Friday 8 to 17
	// open vial life 6h0m0s
}

// Errors list every problem at once, each with file, line and key path.
func ExampleParse_errors() {
	text := `
[scenario]
start = 2021-01-22
time_zone = "America/Phoenix"

[sites.tcc]
statons = 14
service = "exp(mean=3)"
`
	_, err := scenarios.Parse("example.toml", []byte(text), []string{"sites.tcc.stations=-2"})
	fmt.Println(err)
	// Output:
	// example.toml:6: sites.tcc.product: required, and there are no products; add a [products.NAME] table
	// example.toml:6: sites.tcc.hours: the site never opens: give hours.default or the hours of some weekday, as in default = "08:00-17:00"
	// example.toml:7: sites.tcc.statons: unknown key "statons" (did you mean "stations"?)
	// example.toml:8: sites.tcc.service: "exp(mean=3)": mean: invalid duration "3": no unit; write a number and a unit, as in "90s", "4m30s", "2h" or "3d"
	// --set sites.tcc.stations=-2: sites.tcc.stations: must be at least 1, found -2
}

// Three ways to give the values of a varied key.
func ExampleParseVary() {
	for _, arg := range []string{
		"sites.tcc.stations=8,10,12",        // a list of TOML values
		"invitations.fill.factor=1:1.4:0.1", // an inclusive range, stepped exactly
		"cohorts.law.size=log:100:10000:3",  // log-spaced values
		`sites.tcc.at_close="serve","turn_away"`,
	} {
		v, err := scenarios.ParseVary(arg)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%s: %s\n", v.Key, strings.Join(v.Values, " "))
	}
	// Output:
	// sites.tcc.stations: 8 10 12
	// invitations.fill.factor: 1.0 1.1 1.2 1.3 1.4
	// cohorts.law.size: 100 1000 10000
	// sites.tcc.at_close: "serve" "turn_away"
}
