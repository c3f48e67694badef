package segment

import (
	"math"
	"slices"
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

func TestPercentileThresholdsNearestRank(t *testing.T) {
	// The nearest-rank worked example of the "Percentile" article
	// (Wikipedia, "The nearest-rank method", first example): for the
	// ordered list 15, 20, 35, 40, 50 the 5th, 30th, 40th, 50th and 100th
	// percentiles are 15, 20, 20, 35 and 50. The input here is shuffled.
	values := []decimal.Decimal{dec("40"), dec("15"), dec("50"), dec("35"), dec("20")}
	probs := []float64{0.40, 0.15, 0.50, 0.35, 0.20}
	tests := []struct {
		pct       float64
		wantValue string
		wantProb  float64
	}{
		{5, "15", 0.15},
		{30, "20", 0.20},
		{40, "20", 0.20},
		{50, "35", 0.35},
		{100, "50", 0.50},
		{0, "15", 0.15}, // p = 0 is the minimum (documented)
	}
	for _, tt := range tests {
		th, err := PercentileThresholds(values, probs, tt.pct, tt.pct)
		if err != nil {
			t.Fatal(err)
		}
		if !th.Value.Equal(dec(tt.wantValue)) || th.Prob != tt.wantProb {
			t.Errorf("pct %v: got (%s, %v), want (%s, %v)", tt.pct, th.Value, th.Prob, tt.wantValue, tt.wantProb)
		}
	}
}

func TestPercentileThresholdsHighGroupOfTen(t *testing.T) {
	// Documented consequence: n = 10 distinct values, p = 80 → the
	// threshold is the 8th smallest, and the 8th, 9th and 10th are high.
	var values []decimal.Decimal
	for i := 1; i <= 10; i++ {
		values = append(values, decimal.NewFromInt(int64(i*100)))
	}
	th, err := PercentileThresholds(values, []float64{0.5}, 80, 50)
	if err != nil {
		t.Fatal(err)
	}
	high := 0
	for _, v := range values {
		if Classify(v, 0.5, th).HighValue() {
			high++
		}
	}
	if !th.Value.Equal(dec("800")) || high != 3 {
		t.Errorf("threshold %s with %d high, want 800 with 3", th.Value, high)
	}
}

func TestPercentileThresholdsIsOrderInvariantAndObserved(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		values := rapid.SliceOfN(genMoney(), 1, 40).Draw(t, "values")
		probs := rapid.SliceOfN(genProb(), 1, 40).Draw(t, "probs")
		pv := rapid.Float64Range(0, 100).Draw(t, "pv")
		pp := rapid.Float64Range(0, 100).Draw(t, "pp")
		th, err := PercentileThresholds(values, probs, pv, pp)
		if err != nil {
			t.Fatal(err)
		}
		pv2 := rapid.Permutation(values).Draw(t, "pvalues")
		pp2 := rapid.Permutation(probs).Draw(t, "pprobs")
		th2, err := PercentileThresholds(pv2, pp2, pv, pp)
		if err != nil {
			t.Fatal(err)
		}
		if !th.Value.Equal(th2.Value) || th.Prob != th2.Prob {
			t.Fatalf("permuted input changed thresholds: %v vs %v", th, th2)
		}
		// Nearest rank, checked by counting: at least p% of the
		// population is ≤ the threshold, and fewer than p% is below it.
		below, atMost := 0, 0
		for _, v := range values {
			if v.Cmp(th.Value) < 0 {
				below++
			}
			if v.Cmp(th.Value) <= 0 {
				atMost++
			}
		}
		n := float64(len(values))
		if float64(atMost)*100 < pv*n || (pv > 0 && float64(below)*100 >= pv*n) {
			t.Fatalf("threshold %s: %d below, %d at most, of %v at p=%v", th.Value, below, atMost, n, pv)
		}
		if !slices.ContainsFunc(values, th.Value.Equal) || !slices.Contains(probs, th.Prob) {
			t.Fatalf("threshold %v is not an observed value", th)
		}
	})
}

func TestPercentileThresholdsRejectsBadInput(t *testing.T) {
	one := []decimal.Decimal{dec("1")}
	p := []float64{0.5}
	_, err := PercentileThresholds(nil, p, 50, 50)
	wantInputError(t, err, "values")
	_, err = PercentileThresholds(one, nil, 50, 50)
	wantInputError(t, err, "probs")
	_, err = PercentileThresholds(one, []float64{0.5, math.NaN()}, 50, 50)
	wantInputError(t, err, "probs[1]")
	_, err = PercentileThresholds(one, p, 101, 50)
	wantInputError(t, err, "valuePct")
	_, err = PercentileThresholds(one, p, 50, math.Inf(1))
	wantInputError(t, err, "probPct")
}
