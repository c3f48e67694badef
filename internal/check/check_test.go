package check

import (
	"errors"
	"math"
	"testing"

	"pgregory.net/rapid"
)

var errTest = errors.New("test: invalid input")

func TestFieldErrorMatchesSentinelAndNamesField(t *testing.T) {
	err := NonNegative(errTest, "rows[2].X", -1)
	if !errors.Is(err, errTest) {
		t.Fatalf("errors.Is(%v, sentinel) = false", err)
	}
	var fe *FieldError
	if !errors.As(err, &fe) || fe.Field != "rows[2].X" {
		t.Fatalf("errors.As gave %+v", fe)
	}
}

func TestValidatorsRejectNonFinite(t *testing.T) {
	for _, v := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		for name, fn := range map[string]func(error, string, float64) error{
			"Finite": Finite, "NonNegative": NonNegative, "Positive": Positive, "Probability": Probability,
		} {
			if fn(errTest, "f", v) == nil {
				t.Errorf("%s(%v) accepted a non-finite value", name, v)
			}
		}
	}
}

func TestProbabilityAcceptsExactlyUnitInterval(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		v := rapid.Float64().Draw(t, "v")
		got := Probability(errTest, "p", v) == nil
		want := v >= 0 && v <= 1
		if got != want {
			t.Fatalf("Probability(%v) accepted=%v, want %v", v, got, want)
		}
	})
}

func TestWithinPrefixesTheField(t *testing.T) {
	err := Within("orders[3]", New(errTest, "Amount", "is negative"))
	var fe *FieldError
	if !errors.As(err, &fe) || fe.Field != "orders[3].Amount" || !errors.Is(err, errTest) {
		t.Fatalf("got %v", err)
	}
	if Within("x", nil) != nil {
		t.Fatal("nil error became non-nil")
	}
	plain := errors.New("disk")
	if err := Within("line 4", plain); !errors.Is(err, plain) || err.Error() != "line 4: disk" {
		t.Fatalf("plain error: %v", err)
	}
}
