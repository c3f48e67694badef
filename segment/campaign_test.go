package segment

import (
	"cmp"
	"math"
	"slices"
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

func TestExpectedRegainProfit(t *testing.T) {
	tests := []struct {
		approached int
		rate       float64
		slv, cost  string
		want       string
		source     string
	}{
		// seed 003 "Schritt 4" Beispiel: 100 lost customers approached,
		// 20 won back (rate 0.2), campaign cost 5000 €, CLV after the
		// win-back 400 € → 100 × 0.2 × 400 − 5000 = 3000 € (by hand).
		{100, 0.2, "400", "5000", "3000.00", "seed 003 Schritt 4, CLV after"},
		// same campaign valued at the CLV before churn, 300 €: 6000 − 5000.
		{100, 0.2, "300", "5000", "1000.00", "seed 003 Schritt 4, CLV before"},
		// break-even: cost per win-back 250 € (seed 003) against an SLV of 250.
		{100, 0.2, "250", "5000", "0.00", "seed 003 cost per win-back"},
		{0, 0.5, "999", "120.50", "-120.50", "nobody approached"},
		{3, 1.0 / 3, "100", "0", "100.00", "rounding: 3 × 0.333… × 100"},
	}
	for _, tt := range tests {
		got, err := ExpectedRegainProfit(tt.approached, tt.rate, dec(tt.slv), dec(tt.cost))
		if err != nil {
			t.Fatal(err)
		}
		if got.StringFixed(2) != tt.want {
			t.Errorf("%s: got %s, want %s", tt.source, got.StringFixed(2), tt.want)
		}
	}
	_, err := ExpectedRegainProfit(-1, 0.2, dec("1"), dec("1"))
	wantInputError(t, err, "approached")
	_, err = ExpectedRegainProfit(1, 1.2, dec("1"), dec("1"))
	wantInputError(t, err, "winBackRate")
	_, err = ExpectedRegainProfit(1, 0.2, dec("1"), dec("-1"))
	wantInputError(t, err, "cost")
}

func genCandidate(maxCost int64) *rapid.Generator[Candidate] {
	return rapid.Custom(func(t *rapid.T) Candidate {
		return Candidate{
			Value: decimal.New(rapid.Int64Range(-1000, 100000).Draw(t, "value"), -2),
			Prob:  genProb().Draw(t, "prob"),
			Cost:  decimal.New(rapid.Int64Range(0, maxCost).Draw(t, "cost"), -2),
		}
	})
}

func TestRankByExpectedProfitIsSortedAndComplete(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		cs := rapid.SliceOfN(genCandidate(5000), 0, 30).Draw(t, "cs")
		rs, err := RankByExpectedProfit(cs)
		if err != nil {
			t.Fatal(err)
		}
		seen := make([]bool, len(cs))
		for i, r := range rs {
			seen[r.Index] = true
			c := cs[r.Index]
			want := c.Value.Mul(decimal.NewFromFloat(c.Prob)).Sub(c.Cost).Round(2)
			if !r.ExpectedProfit.Equal(want) {
				t.Fatalf("profit of %d = %s, want %s", r.Index, r.ExpectedProfit, want)
			}
			if i > 0 {
				prev := rs[i-1]
				if c := prev.ExpectedProfit.Cmp(r.ExpectedProfit); c < 0 || c == 0 && prev.Index > r.Index {
					t.Fatalf("not sorted at %d: %+v before %+v", i, prev, r)
				}
			}
		}
		if slices.Contains(seen, false) {
			t.Fatal("a candidate is missing from the ranking")
		}
	})
}

// greedyOrder is the documented order, written out independently.
func greedyOrder(rs []Ranked) []Ranked {
	var pos []Ranked
	for _, r := range rs {
		if r.ExpectedProfit.IsPositive() {
			pos = append(pos, r)
		}
	}
	ratio := func(r Ranked) float64 {
		if r.Cost.IsZero() {
			return math.Inf(1)
		}
		return r.ExpectedProfit.InexactFloat64() / r.Cost.InexactFloat64()
	}
	slices.SortStableFunc(pos, func(a, b Ranked) int {
		if c := cmp.Compare(ratio(b), ratio(a)); c != 0 {
			return c
		}
		return b.ExpectedProfit.Cmp(a.ExpectedProfit) // stable: input order last
	})
	return pos
}

func TestSelectWithinBudgetNeverExceedsBudgetAndIsGreedy(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		cs := rapid.SliceOfN(genCandidate(5000), 0, 25).Draw(t, "cs")
		budget := decimal.New(rapid.Int64Range(0, 20000).Draw(t, "budget"), -2)
		sel, err := SelectWithinBudget(cs, budget)
		if err != nil {
			t.Fatal(err)
		}
		total, profit := decimal.Zero, decimal.Zero
		for _, r := range sel.Chosen {
			total = total.Add(r.Cost)
			profit = profit.Add(r.ExpectedProfit)
			if !r.ExpectedProfit.IsPositive() {
				t.Fatalf("chose %+v with non-positive profit", r)
			}
		}
		if total.Cmp(budget) > 0 || !total.Equal(sel.Cost) || !profit.Equal(sel.ExpectedProfit) {
			t.Fatalf("cost %s (reported %s) against budget %s, profit %s (reported %s)", total, sel.Cost, budget, profit, sel.ExpectedProfit)
		}
		// Walk the documented greedy order: every candidate is chosen
		// exactly when it fits what the earlier choices left, and the
		// chosen ones come in that order.
		all, err := RankByExpectedProfit(cs)
		if err != nil {
			t.Fatal(err)
		}
		slices.SortFunc(all, func(a, b Ranked) int { return cmp.Compare(a.Index, b.Index) })
		left := budget
		k := 0
		for _, r := range greedyOrder(all) {
			fits := r.Cost.Cmp(left) <= 0
			chosen := k < len(sel.Chosen) && sel.Chosen[k].Index == r.Index
			if fits != chosen {
				t.Fatalf("candidate %d (cost %s, left %s): chosen=%v, fits=%v", r.Index, r.Cost, left, chosen, fits)
			}
			if chosen {
				left = left.Sub(r.Cost)
				k++
			}
		}
		if k != len(sel.Chosen) {
			t.Fatalf("%d chosen outside the greedy order", len(sel.Chosen)-k)
		}
	})
}

func TestSelectWithinBudgetIsOptimalForEqualCosts(t *testing.T) {
	// With equal costs the budget buys a fixed number of customers and the
	// best choice is the most profitable ones; compare with brute force.
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(0, 10).Draw(t, "n")
		cost := decimal.New(rapid.Int64Range(1, 500).Draw(t, "cost"), -2)
		cs := make([]Candidate, n)
		for i := range cs {
			c := genCandidate(0).Draw(t, "c")
			c.Cost = cost
			cs[i] = c
		}
		budget := decimal.New(rapid.Int64Range(0, 5000).Draw(t, "budget"), -2)
		sel, err := SelectWithinBudget(cs, budget)
		if err != nil {
			t.Fatal(err)
		}
		best := decimal.Zero
		for mask := 0; mask < 1<<n; mask++ {
			c, p := decimal.Zero, decimal.Zero
			for i := range n {
				if mask&(1<<i) != 0 {
					c = c.Add(cs[i].Cost)
					p = p.Add(cs[i].Value.Mul(decimal.NewFromFloat(cs[i].Prob)).Sub(cs[i].Cost).Round(2))
				}
			}
			if c.Cmp(budget) <= 0 && p.Cmp(best) > 0 {
				best = p
			}
		}
		if !sel.ExpectedProfit.Equal(best) {
			t.Fatalf("greedy profit %s, optimum %s", sel.ExpectedProfit, best)
		}
	})
}

func TestSelectWithinBudgetExample(t *testing.T) {
	// By hand: profits 0.5×1000−100 = 400 (ratio 4), 0.2×1000−50 = 150
	// (ratio 3), 0.9×100−10 = 80 (ratio 8), 0.1×100−20 = −10 (never).
	// Budget 120: take #2 (ratio 8, cost 10), then #0 (cost 100, total
	// 110), skip #1 (cost 50 > 10 left).
	cs := []Candidate{
		{Value: dec("1000"), Prob: 0.5, Cost: dec("100")},
		{Value: dec("1000"), Prob: 0.2, Cost: dec("50")},
		{Value: dec("100"), Prob: 0.9, Cost: dec("10")},
		{Value: dec("100"), Prob: 0.1, Cost: dec("20")},
	}
	sel, err := SelectWithinBudget(cs, dec("120"))
	if err != nil {
		t.Fatal(err)
	}
	var idx []int
	for _, r := range sel.Chosen {
		idx = append(idx, r.Index)
	}
	if !slices.Equal(idx, []int{2, 0}) || sel.Cost.StringFixed(2) != "110.00" || sel.ExpectedProfit.StringFixed(2) != "480.00" {
		t.Errorf("chosen %v, cost %s, profit %s", idx, sel.Cost, sel.ExpectedProfit)
	}
	_, err = SelectWithinBudget(cs, dec("-1"))
	wantInputError(t, err, "budget")
	cs[3].Prob = -0.5
	_, err = SelectWithinBudget(cs, dec("1"))
	wantInputError(t, err, "candidates[3].Prob")
	cs[3].Prob = 0.5
	cs[1].Cost = dec("-3")
	_, err = RankByExpectedProfit(cs)
	wantInputError(t, err, "candidates[1].Cost")
}

func TestSelectWithinBudgetBreaksTiesByInputOrder(t *testing.T) {
	// Three identical candidates (profit 0.5 × 200 − 40 = 60, ratio 1.5);
	// the budget buys two: the documented order takes the first two.
	c := Candidate{Value: dec("200"), Prob: 0.5, Cost: dec("40")}
	sel, err := SelectWithinBudget([]Candidate{c, c, c}, dec("99.99"))
	if err != nil {
		t.Fatal(err)
	}
	if len(sel.Chosen) != 2 || sel.Chosen[0].Index != 0 || sel.Chosen[1].Index != 1 {
		t.Errorf("chosen %+v, want indices 0 and 1", sel.Chosen)
	}
	rs, err := RankByExpectedProfit([]Candidate{c, c, c})
	if err != nil {
		t.Fatal(err)
	}
	if rs[0].Index != 0 || rs[1].Index != 1 || rs[2].Index != 2 {
		t.Errorf("ranking %+v does not keep input order for equal profits", rs)
	}
}
