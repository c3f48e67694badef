package retention

import (
	"errors"

	"github.com/shopspring/decimal"

	"github.com/kundenwert/winback/internal/check"
)

// Sentinel errors. Every error returned by this package is an *InputError
// whose Sentinel is one of them, so errors.Is and errors.As both work.
var (
	// ErrInvalidInput marks inconsistent or impossible inputs: negative
	// counts or amounts, a part larger than its whole (more customers won
	// back than approached), a score outside 0–10, an order before the
	// contact it is measured from.
	ErrInvalidInput = errors.New("retention: invalid input")
	// ErrUndefined marks a KPI that does not exist for consistent inputs
	// because its denominator is empty: no customers at the start (S = 0),
	// no orders, nobody approached, no message sent, no NPS answer, nobody
	// who bought after a contact.
	ErrUndefined = errors.New("retention: undefined")
)

// InputError names the input field that is wrong or makes the KPI undefined,
// and why. Match it with errors.As; it unwraps to ErrInvalidInput or
// ErrUndefined.
type InputError = check.FieldError

// count checks that n, the input called field, is not negative.
func count(field string, n int) error {
	if n < 0 {
		return check.New(ErrInvalidInput, field, "count must be ≥ 0, got %d", n)
	}
	return nil
}

// denominator checks that n, the input called field, is positive: negative
// is invalid, zero makes the KPI named kpi undefined.
func denominator(field string, n int, kpi string) error {
	if err := count(field, n); err != nil {
		return err
	}
	if n == 0 {
		return check.New(ErrUndefined, field, "is 0, so the %s is undefined", kpi)
	}
	return nil
}

// part checks 0 ≤ part ≤ whole for a fraction part/whole.
func part(partField string, p int, wholeField string, w int) error {
	if err := count(partField, p); err != nil {
		return err
	}
	if p > w {
		return check.New(ErrInvalidInput, partField, "%d exceeds %s = %d", p, wholeField, w)
	}
	return nil
}

// amount checks that the money amount d, the input called field, is not
// negative.
func amount(field string, d decimal.Decimal) error {
	if d.Sign() < 0 {
		return check.New(ErrInvalidInput, field, "amount must be ≥ 0, got %s", d)
	}
	return nil
}

// fraction returns p/w for the counts p and w, where w > 0 has been checked.
func fraction(p, w int) float64 { return float64(p) / float64(w) }
