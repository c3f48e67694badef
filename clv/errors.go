package clv

import (
	"errors"

	"github.com/kundenwert/winback/internal/check"
)

// Sentinel errors. Every error returned by this package wraps one of them.
var (
	// ErrInvalidInput marks bad data or parameters: NaN, negative counts,
	// t_x > T, parameters out of range. The concrete error is an
	// *InputError naming the field.
	ErrInvalidInput = errors.New("clv: invalid input")
	// ErrNotConverged marks a fit that did not converge from any start.
	ErrNotConverged = errors.New("clv: fit did not converge")
	// ErrUndefined marks a quantity that does not exist for the given
	// parameters, e.g. the Gamma-Gamma population mean when q ≤ 1.
	ErrUndefined = errors.New("clv: undefined for these parameters")
)

// InputError names the input field that is wrong and why. Match it with
// errors.As; it unwraps to ErrInvalidInput.
type InputError = check.FieldError
