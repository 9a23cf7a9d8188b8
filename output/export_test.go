package output

// DailyOf exposes dailyOf to the tests of package output_test.
var DailyOf = dailyOf
