package segment

import (
	"math"
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

func TestRecoveryValue(t *testing.T) {
	tests := []struct {
		value  string
		prob   float64
		places int32
		want   string
		source string
	}{
		// seed 003, "Schritt 4" Beispiel: CLV 400 € after the win-back,
		// win-back rate 20 % → 400 × 0.2 = 80 € expected regain per
		// customer (computed by hand).
		{"400", 0.2, 2, "80.00", "seed 003 Schritt 4"},
		// CLV 300 € before churn at the same rate: 300 × 0.2 = 60.
		{"300", 0.2, 2, "60.00", "seed 003 Schritt 4"},
		// Rounding half away from zero: 10.05 × 0.5 = 5.025 → 5.03.
		{"10.05", 0.5, 2, "5.03", "by hand"},
		{"-10.05", 0.5, 2, "-5.03", "by hand"},
		{"1234.56", 0, 2, "0.00", "probability 0"},
		{"1234.56", 1, 0, "1235", "probability 1, whole units"},
		// 0.1 enters as exactly 0.1 (shortest decimal), not 0.1000000000000000055…
		{"1000", 0.1, 10, "100.0000000000", "by hand"},
	}
	for _, tt := range tests {
		got, err := RecoveryValue(dec(tt.value), tt.prob, tt.places)
		if err != nil {
			t.Fatal(err)
		}
		if got.StringFixed(tt.places) != tt.want {
			t.Errorf("%s: RecoveryValue(%s, %v, %d) = %s, want %s", tt.source, tt.value, tt.prob, tt.places, got, tt.want)
		}
	}
}

func TestRecoveryValueRejectsBadInput(t *testing.T) {
	for _, p := range []float64{-0.01, 1.01, math.NaN(), math.Inf(1)} {
		_, err := RecoveryValue(dec("1"), p, 2)
		wantInputError(t, err, "prob")
	}
	_, err := RecoveryValue(dec("1"), 0.5, -1)
	wantInputError(t, err, "places")
	_, err = RecoveryValue(dec("1"), 0.5, 31)
	wantInputError(t, err, "places")
}

func TestRecoveryValueIsBetweenZeroAndValue(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		v := genMoney().Draw(t, "v")
		p := genProb().Draw(t, "p")
		rv, err := RecoveryValue(v, p, 4) // 4 places: no rounding for genMoney amounts × 1 or 0
		if err != nil {
			t.Fatal(err)
		}
		lo, hi := decimal.Min(decimal.Zero, v), decimal.Max(decimal.Zero, v)
		if rv.Cmp(lo) < 0 || rv.Cmp(hi) > 0 {
			t.Fatalf("RecoveryValue(%s, %v) = %s outside [%s, %s]", v, p, rv, lo, hi)
		}
	})
}
