// Package check holds the input error shared by winback's packages and small
// validators that build it. It is internal: each public package re-exports
// the error type under its own name (InputError) and pairs it with its own
// sentinel (ErrInvalidInput), so callers match with errors.Is / errors.As.
package check

import (
	"errors"
	"fmt"
	"math"
	"time"
)

// FieldError reports one bad input value. Field names the offending input in
// the caller's terms, e.g. "rows[3].T" or "orders line 17: amount"; Reason
// says what is wrong. Sentinel is the owning package's ErrInvalidInput and is
// what errors.Is matches.
type FieldError struct {
	Field    string
	Reason   string
	Sentinel error
}

// Error formats as "<sentinel>: <field>: <reason>".
func (e *FieldError) Error() string {
	if e.Sentinel == nil {
		return fmt.Sprintf("%s: %s", e.Field, e.Reason)
	}
	return fmt.Sprintf("%v: %s: %s", e.Sentinel, e.Field, e.Reason)
}

// Unwrap returns the package sentinel so that errors.Is works.
func (e *FieldError) Unwrap() error { return e.Sentinel }

// New returns a *FieldError for field with a formatted reason.
func New(sentinel error, field, format string, args ...any) error {
	return &FieldError{Field: field, Reason: fmt.Sprintf(format, args...), Sentinel: sentinel}
}

// Finite reports an error unless v is a finite number.
func Finite(sentinel error, field string, v float64) error {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return New(sentinel, field, "must be a finite number, got %v", v)
	}
	return nil
}

// NonNegative reports an error unless v is finite and ≥ 0.
func NonNegative(sentinel error, field string, v float64) error {
	if err := Finite(sentinel, field, v); err != nil {
		return err
	}
	if v < 0 {
		return New(sentinel, field, "must be ≥ 0, got %v", v)
	}
	return nil
}

// Positive reports an error unless v is finite and > 0.
func Positive(sentinel error, field string, v float64) error {
	if err := Finite(sentinel, field, v); err != nil {
		return err
	}
	if v <= 0 {
		return New(sentinel, field, "must be > 0, got %v", v)
	}
	return nil
}

// Probability reports an error unless v is in [0, 1].
func Probability(sentinel error, field string, v float64) error {
	if err := Finite(sentinel, field, v); err != nil {
		return err
	}
	if v < 0 || v > 1 {
		return New(sentinel, field, "must be in [0, 1], got %v", v)
	}
	return nil
}

// NotZeroTime reports an error if t is the zero time.Time.
func NotZeroTime(sentinel error, field string, t time.Time) error {
	if t.IsZero() {
		return New(sentinel, field, "date is missing (zero time)")
	}
	return nil
}

// Ordered reports an error if later is before earlier.
func Ordered(sentinel error, earlierField string, earlier time.Time, laterField string, later time.Time) error {
	if later.Before(earlier) {
		return New(sentinel, laterField, "%s is before %s %s",
			later.Format(time.DateOnly), earlierField, earlier.Format(time.DateOnly))
	}
	return nil
}

// Within places err inside a larger input: the field of a *FieldError gets
// prefix in front ("orders[3]" and "Amount" give "orders[3].Amount"); any
// other error is wrapped as "prefix: err". A nil err stays nil.
func Within(prefix string, err error) error {
	if err == nil {
		return nil
	}
	var fe *FieldError
	if errors.As(err, &fe) {
		inner := *fe
		inner.Field = prefix + "." + fe.Field
		return &inner
	}
	return fmt.Errorf("%s: %w", prefix, err)
}
