package sweepfiles

import "testing"

func TestPartNames(t *testing.T) {
	for _, id := range []int{0, 42, 999999, 1000000} {
		if got, ok := parsePartName(PartName(id)); !ok || got != id {
			t.Errorf("parsePartName(PartName(%d)) = %d, %t", id, got, ok)
		}
	}
	for _, name := range []string{"point-42.csv", "point-000042.csv.tmp-1", ".point-000042.csv.tmp-1", "point--00001.csv", "point-000042.txt", "shard-0-of-3.json"} {
		if id, ok := parsePartName(name); ok {
			t.Errorf("parsePartName(%q) = %d, true; want false", name, id)
		}
	}
}
