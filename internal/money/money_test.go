package money

import (
	"math"
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

func TestFromFloatRejectsNonFinite(t *testing.T) {
	for _, v := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		if _, ok := FromFloat(v, 2); ok {
			t.Errorf("FromFloat(%v) ok", v)
		}
	}
}

// The fast path gives exactly the digits of rounding the shortest decimal
// form of v (shopspring/decimal's NewFromFloat, then Round).
func TestFromFloatMatchesDecimalRounding(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		v := rapid.OneOf(rapid.Float64Range(-1e12, 1e12), rapid.Float64Range(-100, 100),
			rapid.Map(rapid.IntRange(-1_000_000, 1_000_000), func(c int) float64 { return float64(c)/1000 + 0.005 })).Draw(t, "v")
		places := int32(rapid.IntRange(0, 4).Draw(t, "places"))
		got, ok := FromFloat(v, places)
		if !ok {
			t.Fatal("not ok")
		}
		want := decimal.NewFromFloat(v).Round(places)
		if !got.Equal(want) {
			t.Fatalf("FromFloat(%v, %d) = %s, decimal rounding gives %s", v, places, got, want)
		}
	})
}

func TestFromFloatKnownValues(t *testing.T) {
	for _, c := range []struct {
		v    float64
		want string
	}{{35.175, "35.18"}, {-2.5, "-2.50"}, {0.004, "0.00"}, {1e15, "1000000000000000.00"}, {123.456, "123.46"}} {
		if got, _ := FromFloat(c.v, 2); got.StringFixed(2) != c.want {
			t.Errorf("FromFloat(%v) = %s, want %s", c.v, got.StringFixed(2), c.want)
		}
	}
}

func BenchmarkFromFloat(b *testing.B) {
	for b.Loop() {
		FromFloat(1234.5678, 2)
	}
}
