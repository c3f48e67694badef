package segment

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

func TestClassifyMatrix(t *testing.T) {
	// The four cells of the matrix, DOMAIN.md section 4 / seed 003
	// "Schritt 2"; thresholds 1000 (value) and 0.3 (probability) are
	// arbitrary inputs, the cell follows from ≥ comparisons alone.
	th := Thresholds{Value: dec("1000"), Prob: 0.3}
	tests := []struct {
		value string
		prob  float64
		want  Quadrant
	}{
		{"2500.00", 0.6, Star},
		{"2500.00", 0.1, Question},
		{"120.50", 0.6, Windfall},
		{"120.50", 0.1, Loss},
		{"1000", 0.3, Star},       // both on the threshold: high (documented ≥)
		{"1000.00", 0.3, Star},    // same amount, other exponent
		{"999.99", 0.3, Windfall}, // just below on value
		{"1000.001", 0.29, Question},
		{"-50", 1, Windfall}, // negative value is low
	}
	for _, tt := range tests {
		if got := Classify(dec(tt.value), tt.prob, th); got != tt.want {
			t.Errorf("Classify(%s, %v) = %v, want %v", tt.value, tt.prob, got, tt.want)
		}
	}
	if got := Classify(dec("5000"), math.NaN(), th); got != Question {
		t.Errorf("NaN probability must count as low, got %v", got)
	}
}

func TestQuadrantAxes(t *testing.T) {
	for _, q := range Quadrants() {
		if QuadrantOf(q.HighValue(), q.HighProbability()) != q {
			t.Errorf("QuadrantOf(HighValue, HighProbability) of %v = %v", q, QuadrantOf(q.HighValue(), q.HighProbability()))
		}
	}
	var zero Quadrant
	if zero != Loss || zero.String() != "loss" {
		t.Errorf("zero Quadrant = %v, want loss (fail closed)", zero)
	}
}

func TestQuadrantIsMonotoneInValueAndProbability(t *testing.T) {
	prio := func(q Quadrant) int { return DefaultTreatments().For(q).Priority }
	rapid.Check(t, func(t *rapid.T) {
		th := Thresholds{Value: genMoney().Draw(t, "thValue"), Prob: genProb().Draw(t, "thProb")}
		v1, v2 := genMoney().Draw(t, "v1"), genMoney().Draw(t, "v2")
		p1, p2 := genProb().Draw(t, "p1"), genProb().Draw(t, "p2")
		if v1.Cmp(v2) > 0 {
			v1, v2 = v2, v1
		}
		if p1 > p2 {
			p1, p2 = p2, p1
		}
		lo, hi := Classify(v1, p1, th), Classify(v2, p2, th)
		// Raising value and/or probability never lowers the priority
		// (1 = first) nor the quadrant's rank.
		if prio(hi) > prio(lo) || hi < lo {
			t.Fatalf("(%s, %v) → %v but (%s, %v) → %v", v1, p1, lo, v2, p2, hi)
		}
		if lo.HighValue() && !hi.HighValue() || lo.HighProbability() && !hi.HighProbability() {
			t.Fatalf("an axis went from high to low: %v → %v", lo, hi)
		}
	})
}

func TestCmpDecimalEqualsCmp(t *testing.T) {
	gen := rapid.Custom(func(t *rapid.T) decimal.Decimal {
		if rapid.Bool().Draw(t, "big") {
			// coefficients beyond 2^53 and exponents beyond the float fast path
			s := rapid.StringMatching(`-?[1-9][0-9]{0,30}(\.[0-9]{1,30})?`).Draw(t, "s")
			return decimal.RequireFromString(s)
		}
		return genMoney().Draw(t, "m")
	})
	rapid.Check(t, func(t *rapid.T) {
		a, b := gen.Draw(t, "a"), gen.Draw(t, "b")
		if rapid.Bool().Draw(t, "equalValue") {
			b = a.Round(a.Exponent()*-1 + 3) // same value, other exponent
		}
		if got, want := cmpDecimal(a, b), a.Cmp(b); got != want {
			t.Fatalf("cmpDecimal(%s, %s) = %d, Cmp = %d", a, b, got, want)
		}
	})
}

func TestClassifyDoesNotAllocate(t *testing.T) {
	th := Thresholds{Value: dec("500.00"), Prob: 0.3}
	values := []decimal.Decimal{dec("1234"), dec("12.34"), dec("500"), dec("499.999")}
	var sink Quadrant
	allocs := testing.AllocsPerRun(200, func() {
		for _, v := range values {
			sink += Classify(v, 0.4, th)
		}
	})
	if allocs != 0 {
		t.Errorf("Classify allocates %v times per run, want 0", allocs)
	}
	_ = sink
}

func TestQuadrantTextRoundTrip(t *testing.T) {
	for _, q := range Quadrants() {
		b, err := q.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back Quadrant
		if err := back.UnmarshalText(b); err != nil || back != q {
			t.Errorf("round trip of %v gave %v, %v", q, back, err)
		}
	}
	// stable identifiers (DESIGN.md rule 7)
	js, err := json.Marshal([]Quadrant{Star, Question, Windfall, Loss})
	if err != nil || string(js) != `["star","question","windfall","loss"]` {
		t.Errorf("JSON = %s, %v", js, err)
	}
	if _, err := Quadrant(9).MarshalText(); err == nil {
		t.Error("MarshalText of an invalid quadrant succeeded")
	}
	q := Star
	if err := q.UnmarshalText([]byte("Star")); err == nil || q != Star {
		t.Errorf("UnmarshalText(\"Star\") = %v, q = %v; want error, q unchanged", err, q)
	}
}

func TestThresholdsValidate(t *testing.T) {
	wantInputError(t, Thresholds{Prob: 1.5}.Validate(), "thresholds.Prob")
	wantInputError(t, Thresholds{Prob: math.NaN()}.Validate(), "thresholds.Prob")
	if err := (Thresholds{Prob: 0.5}).Validate(); err != nil {
		t.Error(err)
	}
}
