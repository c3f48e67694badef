package scoring

import "github.com/kundenwert/winback/internal/enum"

// Trigger says what makes a rule fire.
type Trigger uint8

const (
	// OnEvent fires for every event of the rule's kind that meets its
	// conditions (subject to the rule's window).
	OnEvent Trigger = iota
	// OnAbsence fires when no event of the rule's kind meeting its
	// conditions has occurred for the rule's After span, and again after
	// every further full After span of continued absence.
	OnAbsence
)

// triggerIDs are the identifiers of Trigger, indexed by value.
var triggerIDs = [...]string{"event", "absence"}

func triggerNames() enum.Names[Trigger] {
	return enum.Names[Trigger]{Type: "scoring.Trigger", IDs: triggerIDs[:]}
}

// String returns the stable identifier: "event" or "absence".
func (t Trigger) String() string { return triggerNames().String(t) }

// MarshalText implements encoding.TextMarshaler.
func (t Trigger) MarshalText() ([]byte, error) { return triggerNames().Marshal(t) }

// UnmarshalText implements encoding.TextUnmarshaler.
func (t *Trigger) UnmarshalText(b []byte) error {
	v, err := triggerNames().Parse(string(b))
	if err == nil {
		*t = v
	}
	return err
}

// Op says how a firing rule changes the score.
type Op uint8

const (
	// Add adds Points (which may be negative) to the score.
	Add Op = iota
	// Subtract subtracts Points (which must be ≥ 0) from the score.
	Subtract
	// Set replaces the score by Points; earlier contributions are
	// superseded.
	Set
)

// opIDs are the identifiers of Op, indexed by value.
var opIDs = [...]string{"add", "subtract", "set"}

func opNames() enum.Names[Op] {
	return enum.Names[Op]{Type: "scoring.Op", IDs: opIDs[:]}
}

// String returns the stable identifier: "add", "subtract" or "set".
func (o Op) String() string { return opNames().String(o) }

// MarshalText implements encoding.TextMarshaler.
func (o Op) MarshalText() ([]byte, error) { return opNames().Marshal(o) }

// UnmarshalText implements encoding.TextUnmarshaler.
func (o *Op) UnmarshalText(b []byte) error {
	v, err := opNames().Parse(string(b))
	if err == nil {
		*o = v
	}
	return err
}

// Cmp is the comparison of a Condition.
type Cmp uint8

const (
	Eq       Cmp = iota // equal (numbers or strings)
	Ne                  // not equal (numbers or strings)
	Lt                  // less than (numbers only)
	Le                  // less than or equal (numbers only)
	Gt                  // greater than (numbers only)
	Ge                  // greater than or equal (numbers only)
	Contains            // attribute string contains the condition's string (case-sensitive)
)

// cmpIDs are the identifiers of Cmp, indexed by value.
var cmpIDs = [...]string{"eq", "ne", "lt", "le", "gt", "ge", "contains"}

func cmpNames() enum.Names[Cmp] {
	return enum.Names[Cmp]{Type: "scoring.Cmp", IDs: cmpIDs[:]}
}

// String returns the stable identifier: "eq", "ne", "lt", "le", "gt", "ge"
// or "contains".
func (c Cmp) String() string { return cmpNames().String(c) }

// MarshalText implements encoding.TextMarshaler.
func (c Cmp) MarshalText() ([]byte, error) { return cmpNames().Marshal(c) }

// UnmarshalText implements encoding.TextUnmarshaler.
func (c *Cmp) UnmarshalText(b []byte) error {
	v, err := cmpNames().Parse(string(b))
	if err == nil {
		*c = v
	}
	return err
}

// Direction says which way a threshold must be crossed to trigger.
type Direction uint8

const (
	// Down triggers when the score falls from above the threshold to the
	// threshold or below (negative lead scoring: "reached −15").
	Down Direction = iota
	// Up triggers when the score rises from below the threshold to the
	// threshold or above.
	Up
)

// directionIDs are the identifiers of Direction, indexed by value.
var directionIDs = [...]string{"down", "up"}

func directionNames() enum.Names[Direction] {
	return enum.Names[Direction]{Type: "scoring.Direction", IDs: directionIDs[:]}
}

// String returns the stable identifier: "down" or "up".
func (d Direction) String() string { return directionNames().String(d) }

// MarshalText implements encoding.TextMarshaler.
func (d Direction) MarshalText() ([]byte, error) { return directionNames().Marshal(d) }

// UnmarshalText implements encoding.TextUnmarshaler.
func (d *Direction) UnmarshalText(b []byte) error {
	v, err := directionNames().Parse(string(b))
	if err == nil {
		*d = v
	}
	return err
}
