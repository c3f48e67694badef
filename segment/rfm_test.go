package segment

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// rankScores is the documented tie rule computed by brute force: score =
// 1 + ⌊5·r/n⌋ with r the number of customers strictly worse.
func rankScores(cs []RFMCustomer) []RFMScore {
	n := len(cs)
	out := make([]RFMScore, n)
	for i, c := range cs {
		var r, f, m int
		for _, d := range cs {
			if d.Recency > c.Recency {
				r++
			}
			if d.Frequency < c.Frequency {
				f++
			}
			if d.Monetary.Cmp(c.Monetary) < 0 {
				m++
			}
		}
		out[i] = RFMScore{R: uint8(1 + 5*r/n), F: uint8(1 + 5*f/n), M: uint8(1 + 5*m/n)}
	}
	return out
}

func TestScoreRFMQuintilesTenDistinct(t *testing.T) {
	// Ten customers with distinct values: each score holds exactly two
	// (n/5). Customer i has recency i days, frequency i, monetary 10·i,
	// so recency runs opposite to F and M.
	var cs []RFMCustomer
	for i := 1; i <= 10; i++ {
		cs = append(cs, RFMCustomer{Recency: float64(i), Frequency: float64(i), Monetary: decimal.NewFromInt(int64(10 * i))})
	}
	got, err := ScoreRFMQuintiles(cs)
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range got {
		up := uint8(1 + i/2) // 1,1,2,2,…,5,5
		want := RFMScore{R: 6 - up, F: up, M: up}
		if s != want {
			t.Errorf("customer %d: %v, want %v", i+1, s, want)
		}
	}
}

func TestScoreRFMQuintilesTiesShareTheLowerScore(t *testing.T) {
	// Six of ten customers bought once: they all have r = 0 customers
	// below them → F = 1; the two with 2 purchases have r = 6 →
	// 1 + ⌊30/10⌋ = 4; 5 purchases r = 8 → 5; 9 purchases r = 9 → 5.
	freqs := []float64{1, 2, 1, 1, 5, 1, 2, 1, 9, 1}
	want := []uint8{1, 4, 1, 1, 5, 1, 4, 1, 5, 1}
	cs := make([]RFMCustomer, len(freqs))
	for i, f := range freqs {
		cs[i] = RFMCustomer{Recency: 30, Frequency: f, Monetary: dec("10")}
	}
	got, err := ScoreRFMQuintiles(cs)
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range got {
		// all recencies and amounts tie: r = 0 → 1 for R and M.
		if s.F != want[i] || s.R != 1 || s.M != 1 {
			t.Errorf("customer %d: %v, want F=%d R=1 M=1", i, s, want[i])
		}
	}
}

func genRFMCustomer() *rapid.Generator[RFMCustomer] {
	return rapid.Custom(func(t *rapid.T) RFMCustomer {
		return RFMCustomer{
			Recency:   float64(rapid.IntRange(0, 40).Draw(t, "r")), // small ranges: many ties
			Frequency: float64(rapid.IntRange(0, 12).Draw(t, "f")),
			Monetary:  decimal.New(rapid.Int64Range(0, 50).Draw(t, "m"), rapid.Int32Range(-2, 0).Draw(t, "exp")),
		}
	})
}

func TestRFMScoresFollowTheRankRuleAreInRangeAndOrderInvariant(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		cs := rapid.SliceOfN(genRFMCustomer(), 1, 120).Draw(t, "cs")
		got, err := ScoreRFMQuintiles(cs)
		if err != nil {
			t.Fatal(err)
		}
		want := rankScores(cs)
		for i := range cs {
			if !got[i].Valid() {
				t.Fatalf("score %v of customer %d out of 1..5", got[i], i)
			}
			if got[i] != want[i] {
				t.Fatalf("customer %d %+v: %v, rank rule gives %v", i, cs[i], got[i], want[i])
			}
		}
		perm := rapid.Permutation(indices(len(cs))).Draw(t, "perm")
		shuffled := make([]RFMCustomer, len(cs))
		for i, j := range perm {
			shuffled[i] = cs[j]
		}
		again, err := ScoreRFMQuintiles(shuffled)
		if err != nil {
			t.Fatal(err)
		}
		for i, j := range perm {
			if again[i] != got[j] {
				t.Fatalf("customer %d scored %v, %v after shuffling", j, got[j], again[i])
			}
		}
		// The edges reproduce the scores (QuintileEdges + ScoreRFM).
		e, err := QuintileEdges(cs)
		if err != nil {
			t.Fatal(err)
		}
		viaEdges, err := ScoreRFM(cs, e)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(viaEdges, got) {
			t.Fatal("ScoreRFM with QuintileEdges differs from ScoreRFMQuintiles")
		}
	})
}

func indices(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

func TestScoreRFMQuintilesLargeAndAdversarialOrders(t *testing.T) {
	// Exercises the selection's partitioning and fallback on sorted,
	// reversed, constant and organ-pipe inputs; checked against the rank
	// rule computed by sorting.
	const n = 20011
	rng := rand.New(rand.NewPCG(3, 4))
	layouts := map[string]func(i int) float64{
		"random":    func(int) float64 { return float64(rng.IntN(1000)) },
		"sorted":    func(i int) float64 { return float64(i) },
		"reversed":  func(i int) float64 { return float64(n - i) },
		"constant":  func(int) float64 { return 7 },
		"organpipe": func(i int) float64 { return float64(min(i, n-i)) },
		"twovalues": func(i int) float64 { return float64(i % 2) },
	}
	for name, gen := range layouts {
		cs := make([]RFMCustomer, n)
		for i := range cs {
			v := gen(i)
			cs[i] = RFMCustomer{Recency: v, Frequency: v, Monetary: decimal.NewFromFloat(v)}
		}
		got, err := ScoreRFMQuintiles(cs)
		if err != nil {
			t.Fatal(err)
		}
		keys := make([]float64, n)
		for i, c := range cs {
			keys[i] = c.Frequency
		}
		slices.Sort(keys)
		for i, c := range cs {
			below, _ := slices.BinarySearch(keys, c.Frequency) // count strictly below
			above := n - upperBound(keys, c.Recency)           // count strictly above
			want := RFMScore{R: uint8(1 + 5*above/n), F: uint8(1 + 5*below/n), M: uint8(1 + 5*below/n)}
			if got[i] != want {
				t.Fatalf("%s: customer %d (%v): %v, want %v", name, i, c.Frequency, got[i], want)
			}
		}
	}
}

func upperBound(sorted []float64, v float64) int {
	i, found := slices.BinarySearch(sorted, v)
	for found && i < len(sorted) && sorted[i] == v {
		i++
	}
	return i
}

func TestOrderStatsMatchesSort(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a := rapid.SliceOfN(rapid.Float64Range(-5, 5), 1, 400).Draw(t, "a")
		if rapid.Bool().Draw(t, "ints") {
			for i := range a {
				a[i] = math.Round(a[i])
			}
		}
		var pos [4]int
		for k := range pos {
			pos[k] = rapid.IntRange(0, len(a)-1).Draw(t, "pos")
		}
		sorted := slices.Clone(a)
		slices.Sort(sorted)
		got := orderStats(a, pos)
		for k, p := range pos {
			if got[k] != sorted[p] {
				t.Fatalf("order statistic %d = %v, want %v", p, got[k], sorted[p])
			}
		}
	})
}

func TestRFMCustomEdges(t *testing.T) {
	// Custom edges: recency 30/90/180/365 days, frequency 1/2/4/8, amount
	// 50/100/250/500. A value on an edge takes the lower score (documented).
	e := RFMEdges{
		Recency:   [4]float64{30, 90, 180, 365},
		Frequency: [4]float64{1, 2, 4, 8},
		Monetary:  [4]decimal.Decimal{dec("50"), dec("100"), dec("250"), dec("500")},
	}
	tests := []struct {
		r, f float64
		m    string
		want RFMScore
	}{
		{0, 0, "0", RFMScore{5, 1, 1}},
		{29.5, 1, "50", RFMScore{5, 1, 1}},
		{30, 2, "50.01", RFMScore{4, 2, 2}},
		{90, 3, "100.00", RFMScore{3, 3, 2}},
		{364, 8, "499.99", RFMScore{2, 4, 4}},
		{365, 9, "500.01", RFMScore{1, 5, 5}},
		{3650, 100, "1e6", RFMScore{1, 5, 5}},
	}
	for _, tt := range tests {
		got, err := e.Score(RFMCustomer{Recency: tt.r, Frequency: tt.f, Monetary: dec(tt.m)})
		if err != nil {
			t.Fatal(err)
		}
		if got != tt.want {
			t.Errorf("Score(%v, %v, %s) = %v, want %v", tt.r, tt.f, tt.m, got, tt.want)
		}
	}
	bad := e
	bad.Frequency[2] = 1.5
	wantInputError(t, bad.Validate(), "edges.Frequency[2]")
	bad = e
	bad.Recency[0] = math.NaN()
	wantInputError(t, bad.Validate(), "edges.Recency[0]")
}

func TestRFMRejectsBadInput(t *testing.T) {
	_, err := ScoreRFMQuintiles(nil)
	wantInputError(t, err, "customers")
	good := RFMCustomer{Recency: 1, Frequency: 1, Monetary: dec("1")}
	for _, tt := range []struct {
		c     RFMCustomer
		field string
	}{
		{RFMCustomer{Recency: -1, Frequency: 1, Monetary: dec("1")}, "customers[1].Recency"},
		{RFMCustomer{Recency: math.NaN(), Frequency: 1, Monetary: dec("1")}, "customers[1].Recency"},
		{RFMCustomer{Recency: 1, Frequency: math.Inf(1), Monetary: dec("1")}, "customers[1].Frequency"},
		{RFMCustomer{Recency: 1, Frequency: 1, Monetary: dec("1e400")}, "customers[1].Monetary"},
	} {
		cs := []RFMCustomer{good, tt.c}
		_, err := ScoreRFMQuintiles(cs)
		wantInputError(t, err, tt.field)
		_, err = QuintileEdges(cs)
		wantInputError(t, err, tt.field)
		_, err = ScoreRFM(cs, RFMEdges{})
		wantInputError(t, err, tt.field)
	}
	_, err = RFMEdges{}.Score(RFMCustomer{Recency: -2})
	wantInputError(t, err, "customer.Recency")
}

func TestRFMScoreString(t *testing.T) {
	if s := (RFMScore{5, 4, 3}).String(); s != "543" {
		t.Errorf("String = %q", s)
	}
	if (RFMScore{}).Valid() {
		t.Error("zero RFMScore must be invalid")
	}
}

func TestScoreRFMQuintilesAllocatesNothingPerCustomer(t *testing.T) {
	cs := rfmPopulation(5000, 9)
	allocs := testing.AllocsPerRun(5, func() {
		if _, err := ScoreRFMQuintiles(cs); err != nil {
			t.Fatal(err)
		}
	})
	if allocs > 2 { // the scratch buffer and the result
		t.Errorf("ScoreRFMQuintiles allocates %v times for 5000 customers, want ≤ 2", allocs)
	}
}
