package segment

import (
	"errors"

	"github.com/kundenwert/winback/internal/check"
)

// ErrInvalidInput marks bad data or parameters: NaN or infinite numbers, a
// probability outside [0, 1], a negative count, an empty population, bin
// edges out of order. Every error this package returns wraps it; the
// concrete error is an *InputError naming the field.
var ErrInvalidInput = errors.New("segment: invalid input")

// InputError names the input field that is wrong and why. Match it with
// errors.As; it unwraps to ErrInvalidInput.
type InputError = check.FieldError

// maxPlaces bounds the rounding scale accepted by the functions that take
// one, so that a typo cannot ask for a billion-digit decimal.
const maxPlaces = 30

func checkPlaces(field string, places int32) error {
	if places < 0 || places > maxPlaces {
		return check.New(ErrInvalidInput, field, "must be in [0, %d], got %d", maxPlaces, places)
	}
	return nil
}
