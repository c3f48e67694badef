package segment

import (
	"errors"
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// wantInputError fails unless err is an *InputError for field wrapping
// ErrInvalidInput.
func wantInputError(t testing.TB, err error, field string) {
	t.Helper()
	if !errors.Is(err, ErrInvalidInput) {
		t.Fatalf("error %v does not wrap ErrInvalidInput", err)
	}
	var ie *InputError
	if !errors.As(err, &ie) {
		t.Fatalf("error %v is not an *InputError", err)
	}
	if ie.Field != field {
		t.Fatalf("error names field %q, want %q (%v)", ie.Field, field, err)
	}
}

// genMoney draws an amount with 0 to 4 decimal places, mixing exponents the
// way real inputs do (whole euros, cents, parsed strings).
func genMoney() *rapid.Generator[decimal.Decimal] {
	return rapid.Custom(func(t *rapid.T) decimal.Decimal {
		coef := rapid.Int64Range(-1_000_000_000, 1_000_000_000).Draw(t, "coef")
		exp := rapid.Int32Range(-4, 0).Draw(t, "exp")
		return decimal.New(coef, exp)
	})
}

func genProb() *rapid.Generator[float64] {
	return rapid.OneOf(rapid.Float64Range(0, 1), rapid.SampledFrom([]float64{0, 0.1, 0.2, 0.5, 1}))
}
