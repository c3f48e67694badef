package winback

import (
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// TestSummarizeAllocatesPerCustomerNotPerOrder: 20,000 orders of 10
// customers must allocate about as much as 10 orders would: a handful of
// allocations per customer (the id copy, table growth) and none per order.
func TestSummarizeAllocatesPerCustomerNotPerOrder(t *testing.T) {
	log := syntheticLog(20_000, 10, 3)
	for _, merge := range []bool{false, true} {
		opts := SummaryOptions{Unit: Week, CalibrationEnd: time.Date(2024, 6, 30, 0, 0, 0, 0, time.UTC),
			Holdout: 184 * 24 * time.Hour, MergeSameDay: merge}
		allocs := testing.AllocsPerRun(5, func() {
			if _, err := Summarize(FromSlice(log), opts); err != nil {
				t.Fatal(err)
			}
		})
		// 10 customers: 10 id copies, the map, two slices, the day set
		// and its growth (about 15 doublings for 7,300 dates).
		if allocs > 40 {
			t.Errorf("MergeSameDay=%v: %v allocations for 20,000 orders of 10 customers", merge, allocs)
		}
	}
}

func TestToUnitsDoesNotAllocate(t *testing.T) {
	d := decimal.RequireFromString("1234.5678")
	if n := testing.AllocsPerRun(100, func() { _, _ = toUnits(d) }); n != 0 {
		t.Errorf("toUnits allocates %v times", n)
	}
}

// TestPairSetBehavesLikeAMap compares the open-addressing set with a Go map
// over random insertions, including growth.
func TestPairSetBehavesLikeAMap(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var s pairSet
		m := map[[2]int32]bool{}
		n := rapid.IntRange(0, 500).Draw(t, "n")
		for i := 0; i < n; i++ {
			k := [2]int32{rapid.Int32Range(0, 20).Draw(t, "idx"), rapid.Int32Range(-800000, 800000).Draw(t, "v")}
			if rapid.IntRange(0, 3).Draw(t, "repeat") == 0 && len(m) > 0 {
				for old := range m {
					k = old
					break
				}
			}
			if added := s.add(k[0], k[1]); added == m[k] {
				t.Fatalf("add(%v) = %v, map had it: %v", k, added, m[k])
			}
			m[k] = true
		}
		if s.n != len(m) {
			t.Fatalf("set holds %d, map %d", s.n, len(m))
		}
		seen := 0
		s.all(func(idx, v int32) {
			if !m[[2]int32{idx, v}] {
				t.Fatalf("set yields (%d, %d) not in map", idx, v)
			}
			seen++
		})
		if seen != len(m) {
			t.Fatalf("all yielded %d, want %d", seen, len(m))
		}
		for k := range m {
			if !s.has(k[0], k[1]) {
				t.Fatalf("has(%v) = false", k)
			}
		}
		if s.has(21, 0) {
			t.Fatal("has of an absent pair")
		}
	})
}
