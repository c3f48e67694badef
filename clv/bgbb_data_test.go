package clv

import (
	"strconv"
	"testing"
)

// donationRows reads testdata/donations.csv, the grouped donations data of
// Fader, Hardie & Shang (2010): 11,104 first-time donors of 1995, x repeat
// donations in the n = 6 yearly opportunities 1996–2001, the last in year
// t_x, and the number of donors with that pattern.
func donationRows(t testing.TB) []DiscreteWeighted {
	t.Helper()
	recs := readTestCSV(t, "donations.csv")
	var err error
	var rows []DiscreteWeighted
	for i, rec := range recs {
		var v [4]int
		for j := range v {
			if v[j], err = strconv.Atoi(rec[j]); err != nil {
				t.Fatalf("donations.csv line %d: %v", i+2, err)
			}
		}
		rows = append(rows, DiscreteWeighted{DiscreteHistory{X: v[0], Tx: v[1], N: v[2]}, float64(v[3])})
	}
	return rows
}
