package scoring

import (
	"fmt"
	"strings"
	"time"

	"github.com/kundenwert/winback/internal/check"
)

// Limits enforced by validation. They keep every sum finite and every
// absence loop short.
const (
	// MaxMagnitude bounds the absolute value of points, caps and
	// threshold scores.
	MaxMagnitude = 1e9
	// MinAfter is the shortest absence span an OnAbsence rule may use.
	MinAfter = 24 * time.Hour
	// MaxSpan is the longest history (asOf − since) Score accepts.
	MaxSpan = 200 * 365 * 24 * time.Hour
)

// Condition tests one attribute of an event. A condition on an attribute the
// event does not carry, or of the other type (number vs string), does not
// hold. Build it with NumCond or StrCond.
type Condition struct {
	Attr    string  // attribute key; must not be empty
	Cmp     Cmp     // Eq and Ne for both types, Lt…Ge for numbers, Contains for strings
	Str     string  // the comparison value when Numeric is false
	Num     float64 // the comparison value when Numeric is true; must be finite
	Numeric bool    // whether the condition compares numbers
}

// NumCond returns a numeric condition "attr cmp v".
func NumCond(attr string, cmp Cmp, v float64) Condition {
	return Condition{Attr: attr, Cmp: cmp, Num: v, Numeric: true}
}

// StrCond returns a string condition "attr cmp s".
func StrCond(attr string, cmp Cmp, s string) Condition {
	return Condition{Attr: attr, Cmp: cmp, Str: s}
}

func (c *Condition) holds(e *Event) bool {
	a, ok := e.attr(c.Attr)
	if !ok || a.Numeric != c.Numeric {
		return false
	}
	if c.Numeric {
		x, v := a.Num, c.Num
		switch c.Cmp {
		case Eq:
			return x == v
		case Ne:
			return x != v
		case Lt:
			return x < v
		case Le:
			return x <= v
		case Gt:
			return x > v
		case Ge:
			return x >= v
		}
		return false
	}
	switch c.Cmp {
	case Eq:
		return a.Str == c.Str
	case Ne:
		return a.Str != c.Str
	case Contains:
		return strings.Contains(a.Str, c.Str)
	}
	return false
}

// validate reports a problem with c; the error's field is relative to the
// condition ("cmp", "value", …).
func (c Condition) validate() error {
	if c.Attr == "" {
		return check.New(ErrInvalidInput, "attr", "must not be empty")
	}
	if !cmpNames().Valid(c.Cmp) {
		return check.New(ErrInvalidInput, "cmp", "unknown comparison %d", uint8(c.Cmp))
	}
	if c.Numeric {
		if err := check.Finite(ErrInvalidInput, "value", c.Num); err != nil {
			return err
		}
		if c.Cmp == Contains {
			return check.New(ErrInvalidInput, "cmp", "contains needs a string value")
		}
		return nil
	}
	if c.Cmp != Eq && c.Cmp != Ne && c.Cmp != Contains {
		return check.New(ErrInvalidInput, "cmp", "%v needs a numeric value", c.Cmp)
	}
	return nil
}

// Rule is one line of a scoring model: when it fires, it adds, subtracts or
// sets points. The zero Rule is not valid (it has no ID and no event kind).
type Rule struct {
	// ID names the rule in trails and errors; unique within a model,
	// not empty.
	ID string
	// Trigger is OnEvent (each matching event) or OnAbsence (no matching
	// event for After).
	Trigger Trigger
	// Event is the event kind the rule looks at, e.g. "site_visit"; not
	// empty.
	Event string
	// When lists conditions on the event's attributes; all must hold for
	// an event to match. Empty means every event of the kind matches.
	When []Condition
	// Op is how the rule changes the score.
	Op Op
	// Points is the amount: |Points| ≤ MaxMagnitude; ≥ 0 for Subtract.
	Points float64
	// After is the absence span of an OnAbsence rule (≥ MinAfter, e.g.
	// 30 days for "no site visit for a month"); it must be 0 for OnEvent
	// rules.
	After time.Duration
	// Window, when > 0, lets the rule fire at most once per window: after
	// a firing at t, matches before t+Window are ignored. 0 means every
	// match fires. Must be ≥ 0.
	Window time.Duration
	// HalfLife, when > 0, makes the rule's points decay: a contribution of
	// p points made at t is worth p·2^(−(asOf−t)/HalfLife) at asOf. 0
	// means no decay. Must be ≥ 0.
	HalfLife time.Duration
}

// matches reports whether e is of the rule's kind and meets its conditions.
func (r *Rule) matches(e *Event) bool {
	if e.Kind != r.Event {
		return false
	}
	for i := range r.When {
		if !r.When[i].holds(e) {
			return false
		}
	}
	return true
}

// signed returns the rule's points with the sign of its operation.
func (r *Rule) signed() float64 {
	if r.Op == Subtract {
		return -r.Points
	}
	return r.Points
}

// validate reports a problem with r; the error's field is relative to the
// rule ("half_life", "when[0].cmp", …).
func (r Rule) validate() error {
	if r.ID == "" {
		return check.New(ErrInvalidInput, "id", "must not be empty")
	}
	if !triggerNames().Valid(r.Trigger) {
		return check.New(ErrInvalidInput, "trigger", "unknown trigger %d", uint8(r.Trigger))
	}
	if r.Event == "" {
		return check.New(ErrInvalidInput, "event", "must not be empty")
	}
	for j, c := range r.When {
		if err := c.validate(); err != nil {
			return prefix(err, fmt.Sprintf("when[%d].", j))
		}
	}
	if !opNames().Valid(r.Op) {
		return check.New(ErrInvalidInput, "op", "unknown operation %d", uint8(r.Op))
	}
	if err := magnitude("points", r.Points); err != nil {
		return err
	}
	if r.Op == Subtract && r.Points < 0 {
		return check.New(ErrInvalidInput, "points", "subtract needs points ≥ 0, got %v (use add for a signed amount)", r.Points)
	}
	switch r.Trigger {
	case OnAbsence:
		if r.After < MinAfter {
			return check.New(ErrInvalidInput, "after", "an absence rule needs after ≥ %v, got %v", MinAfter, r.After)
		}
	default:
		if r.After != 0 {
			return check.New(ErrInvalidInput, "after", "only absence rules take after, got %v", r.After)
		}
	}
	if r.Window < 0 {
		return check.New(ErrInvalidInput, "window", "must be ≥ 0, got %v", r.Window)
	}
	if r.HalfLife < 0 {
		return check.New(ErrInvalidInput, "half_life", "must be ≥ 0, got %v", r.HalfLife)
	}
	return nil
}

// prefix prepends p to the field of an *InputError.
func prefix(err error, p string) error {
	if fe, ok := err.(*InputError); ok {
		fe.Field = p + fe.Field
	}
	return err
}

func magnitude(field string, v float64) error {
	if err := check.Finite(ErrInvalidInput, field, v); err != nil {
		return err
	}
	if v > MaxMagnitude || v < -MaxMagnitude {
		return check.New(ErrInvalidInput, field, "magnitude must be ≤ %g, got %v", MaxMagnitude, v)
	}
	return nil
}
