package scoring

import (
	"errors"

	"github.com/kundenwert/winback/internal/check"
)

// Sentinel errors. Every error returned by this package wraps one of them.
var (
	// ErrInvalidInput marks bad data or parameters: NaN features, unsorted
	// events, a rule without an ID, a negative half-life, mismatched
	// lengths. The concrete error is an *InputError naming the field, e.g.
	// "rules[2].half_life" or "events[7].Date".
	ErrInvalidInput = errors.New("scoring: invalid input")
	// ErrDegenerate marks data from which a quantity cannot be estimated:
	// only one class among the labels, a constant feature column, an empty
	// sample. It is wrapped by an *InputError naming the field.
	ErrDegenerate = errors.New("scoring: degenerate data")
	// ErrNotConverged marks a logistic fit whose optimiser stopped before
	// the gradient criterion was met (for example under perfect separation
	// with Lambda = 0).
	ErrNotConverged = errors.New("scoring: fit did not converge")
)

// InputError names the input field that is wrong and why. Match it with
// errors.As; it unwraps to ErrInvalidInput or ErrDegenerate.
type InputError = check.FieldError
