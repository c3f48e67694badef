package consent

import (
	"errors"

	"github.com/kundenwert/winback/internal/check"
)

// ErrInvalidInput is matched (errors.Is) by every error this package returns
// for malformed input: an enumeration value out of range, a missing decision
// date, dates out of order within one record, or a negative option. A denial
// is never an error.
var ErrInvalidInput = errors.New("consent: invalid input")

// InputError names the offending field, e.g. "consents[2].revoked_at".
type InputError = check.FieldError
