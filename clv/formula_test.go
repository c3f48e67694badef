package clv

import (
	"errors"
	"math"
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

func TestFormulaCLV(t *testing.T) {
	for _, c := range []struct {
		margin string
		r, d   float64
		want   string
		source string
	}{
		// 100 · 0.8 / (1.1 − 0.8) = 266.666…, computed by hand.
		{"100", 0.8, 0.1, "266.67", "hand computation"},
		// No retention, no future value.
		{"100", 0, 0.1, "0.00", "r = 0"},
		// r = 1 is fine while d > 0: 50 / 0.05 = 1000.
		{"50", 1, 0.05, "1000.00", "hand computation"},
		// Negative margins are carried through.
		{"-10", 0.5, 0, "-10.00", "hand computation: −10 · 0.5 / 0.5"},
	} {
		got, err := FormulaCLV(decimal.RequireFromString(c.margin), c.r, c.d)
		if err != nil || got.StringFixed(2) != c.want {
			t.Errorf("FormulaCLV(%s, %v, %v) = %v, %v; want %s (%s)", c.margin, c.r, c.d, got, err, c.want, c.source)
		}
	}
}

// Fader & Hardie (2015), section "the aggregation illusion": a constant
// retention rate of 0.833, $100 a period and a 10 % discount rate give a
// residual lifetime value of $343 when the upcoming payment is counted
// undiscounted. That timing is one period earlier than FormulaCLV's, so it
// equals FormulaCLV · (1 + d).
func TestFormulaCLVMatchesFaderHardieConstantRetention(t *testing.T) {
	v, err := FormulaCLV(decimal.NewFromInt(100), 0.833, 0.1)
	if err != nil {
		t.Fatal(err)
	}
	if got := v.Mul(decimal.NewFromFloat(1.1)).Round(0); !got.Equal(decimal.NewFromInt(343)) {
		t.Errorf("FormulaCLV · 1.1 = %v, published $343", got)
	}
}

func TestFormulaCLVErrors(t *testing.T) {
	m := decimal.NewFromInt(10)
	if _, err := FormulaCLV(m, 1, 0); !errors.Is(err, ErrUndefined) {
		t.Errorf("r = 1, d = 0: %v, want ErrUndefined", err)
	}
	for _, c := range []struct {
		r, d  float64
		field string
	}{{math.NaN(), 0.1, "r"}, {1.2, 0.1, "r"}, {-0.1, 0.1, "r"}, {0.5, -0.01, "d"}, {0.5, math.Inf(1), "d"}} {
		for _, f := range []func() error{
			func() error { _, err := FormulaCLV(m, c.r, c.d); return err },
			func() error { _, err := FormulaCLVHorizon(m, c.r, c.d, 3); return err },
		} {
			var ie *InputError
			if err := f(); !errors.Is(err, ErrInvalidInput) || !errors.As(err, &ie) || ie.Field != c.field {
				t.Errorf("r = %v, d = %v: %v, want InputError on %s", c.r, c.d, err, c.field)
			}
		}
	}
	if _, err := FormulaCLVHorizon(m, 0.5, 0.1, -1); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("n = −1: %v", err)
	}
}

func TestFormulaCLVHorizon(t *testing.T) {
	m := decimal.NewFromInt(100)
	for _, c := range []struct {
		r, d float64
		n    int
		want string
	}{
		{0.8, 0.1, 0, "0.00"},
		{0.8, 0.1, 1, "72.73"},    // 100 · 0.8 / 1.1
		{0.8, 0.1, 2, "125.62"},   // + 100 · 0.64 / 1.21
		{1, 0, 5, "500.00"},       // r = 1 + d: margin · n
		{1, 0, 1000, "100000.00"}, /* ditto */
	} {
		got, err := FormulaCLVHorizon(m, c.r, c.d, c.n)
		if err != nil || got.StringFixed(2) != c.want {
			t.Errorf("FormulaCLVHorizon(100, %v, %v, %d) = %v, %v; want %s", c.r, c.d, c.n, got, err, c.want)
		}
	}
}

// The closed form equals the period-by-period sum Σ margin·(r/(1+d))^t
// (computed here by a loop), approaches FormulaCLV as n grows, and never
// decreases with n for a positive margin.
func TestFormulaCLVHorizonIsTheFiniteSum(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		r := rapid.Float64Range(0, 1).Draw(t, "r")
		d := rapid.Float64Range(0, 2).Draw(t, "d")
		n := rapid.IntRange(0, 400).Draw(t, "n")
		cents := rapid.Int64Range(1, 1_000_000).Draw(t, "cents")
		margin := decimal.New(cents, -2)
		mf, _ := margin.Float64()
		sum, g := 0.0, 1.0
		for range n {
			g *= r / (1 + d)
			sum += mf * g
		}
		got, err := FormulaCLVHorizon(margin, r, d, n)
		if err != nil {
			t.Fatal(err)
		}
		gf, _ := got.Float64()
		if math.Abs(gf-sum) > 0.005+1e-9*sum {
			t.Fatalf("closed form %v, loop %v", got, sum)
		}
		next, _ := FormulaCLVHorizon(margin, r, d, n+1)
		if next.Cmp(got) < 0 {
			t.Fatalf("n+1 gives %v < %v", next, got)
		}
		if r < 1+d {
			inf, err := FormulaCLV(margin, r, d)
			if err != nil || inf.Cmp(got) < 0 {
				t.Fatalf("infinite horizon %v below %d periods %v (%v)", inf, n, got, err)
			}
		}
	})
}
