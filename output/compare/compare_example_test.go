package compare_test

import (
	"fmt"
	"log"
	"os"
	"vaxsim/output/compare"
	"vaxsim/output/table"
)

// Compare two result folders of the same scenario and seed, as a CI job
// compares a stored baseline with a new run: the new run vaccinates 3%
// fewer people, which is worse, and its stations are busier, which has no
// better direction.
func ExampleCompare() {
	c, err := compare.Compare("testdata/run-base", "testdata/run-new", compare.DefaultThresholds())
	if err != nil {
		log.Fatal(err) // unreadable folders, different scenarios, one replication...
	}
	for _, r := range c.Rows {
		fmt.Printf("%-13s %-7s %+6.1f%%  p=%.3f  %v\n", r.Metric, r.Method, 100*r.Change, r.PHolm, r.Verdict)
	}
	fmt.Println("fails CI:", c.Fails(compare.FailOnBetterOrWorse), "- on worse only:", c.Fails(compare.FailOnWorse))

	// The same comparison as a Markdown table, for a pull-request comment.
	if err := c.Write(os.Stdout, table.FormatMarkdown, false); err != nil {
		log.Fatal(err)
	}
	// Output:
	// slots         exact     +0.0%  p=1.000  ~
	// vaccinated    paired    -3.1%  p=0.000  worse
	// wasted_slots  paired   +33.3%  p=0.363  ~
	// mean_wait_min paired    +0.8%  p=0.000  ~
	// utilization   paired    +7.1%  p=0.000  changed
	// fails CI: true - on worse only: true
	// ### vaxsim compare: tcc-fixture
	//
	// - base: testdata/run-base (seed 7, 6 replications)
	// - new:  testdata/run-new (seed 7, 6 replications)
	// - paired t-tests: both sides have the same seed and replications (common random numbers)
	// - p: after Holm's correction over 4 t-tests, significant below 0.05; changes within 2% of the base mean do not count
	//
	// | metric | unit | base | new | change | p | verdict |
	// |---|---|--:|--:|--:|--:|---|
	// | vaccinated | doses | 1,299 ± 10 | 1,258 ± 13 | -3.1% | <0.001 | **worse** |
	// | utilization | % | 70.5 ± 1.1 | 75.5 ± 1.1 | +7.1% | <0.001 | **changed** |
	//
	// 1 worse, 1 changed; \~ elsewhere
	//
	// <details>
	// <summary>3 metrics within tolerance or not significant</summary>
	//
	// | metric | unit | base | new | change | p | verdict |
	// |---|---|--:|--:|--:|--:|---|
	// | slots | slots | 1,080 ± 0 | 1,080 ± 0 | 0% | 1.000 | \~ |
	// | wasted_slots | slots | 0.5 ± 0.9 | 0.7 ± 0.9 | +33.3% | 0.363 | \~ |
	// | mean_wait_min | min | 12.5 ± 0.6 | 12.6 ± 0.6 | +0.80% | <0.001 | \~ |
	//
	// </details>
}
