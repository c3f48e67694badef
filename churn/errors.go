package churn

import (
	"errors"

	"github.com/kundenwert/winback/internal/check"
)

// Sentinel errors. Every error returned by this package wraps one of them.
var (
	// ErrInvalidInput marks bad data or options: a missing date, a negative
	// amount, an NPS score outside 0–10, thresholds out of order. The
	// concrete error is an *InputError naming the field, e.g.
	// "events[2].Score" or "opts.Lapsed".
	ErrInvalidInput = errors.New("churn: invalid input")
	// ErrNoPurchases marks a customer without any purchase on or before the
	// decision date and without a cancellation: no lapse status exists.
	ErrNoPurchases = errors.New("churn: no purchase on or before the decision date")
	// ErrNoCycle marks a buying interval that cannot be estimated: a single
	// purchase and no population interval to borrow from, or no customer
	// with two purchases when computing the population interval.
	ErrNoCycle = errors.New("churn: buying interval cannot be estimated")
	// ErrNoAnswers marks an empty exit survey: shares are undefined.
	ErrNoAnswers = errors.New("churn: no survey answers")
)

// InputError names the input field that is wrong and why. Match it with
// errors.As; it unwraps to ErrInvalidInput.
type InputError = check.FieldError

func errIsNoCycle(err error) bool { return errors.Is(err, ErrNoCycle) }
