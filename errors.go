package winback

import (
	"errors"

	"github.com/kundenwert/winback/internal/check"
)

// Sentinel errors. Every error this package returns for bad data wraps one
// of them, so callers can match with errors.Is.
var (
	// ErrInvalidInput marks bad data or options: an order without a
	// customer, a negative amount, a malformed line in a loader, options
	// that contradict each other. The concrete error is an *InputError
	// naming the field (e.g. "orders[17].Amount", "line 42: amount").
	ErrInvalidInput = errors.New("winback: invalid input")
	// ErrUndefined marks a figure that does not exist for the data, e.g. a
	// repeat-purchase rate of a population without customers.
	ErrUndefined = errors.New("winback: undefined")
)

// InputError names the input field that is wrong and why. Match it with
// errors.As; it unwraps to ErrInvalidInput.
type InputError = check.FieldError
