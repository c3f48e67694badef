package scoring

import (
	"fmt"

	"github.com/kundenwert/winback/internal/check"
)

// Model is a set of scoring rules with caps and thresholds. It is a plain
// value: build it in Go, load it from JSON (encoding/json uses its
// MarshalJSON and UnmarshalJSON), or start from Seed002Preset.
type Model struct {
	// Rules are applied in order when several fire at the same instant.
	// IDs must be unique.
	Rules []Rule
	// Min and Max cap the score. When both are 0 the score is not capped;
	// otherwise Min ≤ 0 ≤ Max and Min < Max, so that decay (which pulls
	// every contribution towards 0) never leaves the caps for a model
	// whose rules share one half-life.
	Min, Max float64
	// Thresholds name the actions triggered when the score crosses them.
	// Names must be unique.
	Thresholds []Threshold
}

// Threshold triggers a named action when the score crosses Score in the
// given direction.
type Threshold struct {
	Name      string    // not empty, unique within a model
	Score     float64   // the level; |Score| ≤ MaxMagnitude
	Direction Direction // Down: from > Score to ≤ Score; Up: from < Score to ≥ Score
	Action    string    // what the caller should do, e.g. "winback_campaign"; free text
}

// Validate reports the first problem with m as an *InputError whose field
// uses the JSON names, e.g. "rules[2].half_life" or "thresholds[0].name".
func (m Model) Validate() error {
	for i, r := range m.Rules {
		if err := r.validate(); err != nil {
			return prefix(err, fmt.Sprintf("rules[%d].", i))
		}
		for j := range i {
			if m.Rules[j].ID == r.ID {
				return check.New(ErrInvalidInput, fmt.Sprintf("rules[%d].id", i), "duplicate id %q (also rules[%d])", r.ID, j)
			}
		}
	}
	if err := magnitude("min", m.Min); err != nil {
		return err
	}
	if err := magnitude("max", m.Max); err != nil {
		return err
	}
	if m.capped() {
		if m.Min > 0 {
			return check.New(ErrInvalidInput, "min", "must be ≤ 0, got %v", m.Min)
		}
		if m.Max < 0 {
			return check.New(ErrInvalidInput, "max", "must be ≥ 0, got %v", m.Max)
		}
		if m.Min >= m.Max {
			return check.New(ErrInvalidInput, "max", "must be > min %v, got %v", m.Min, m.Max)
		}
	}
	for i, t := range m.Thresholds {
		if err := t.validate(); err != nil {
			return prefix(err, fmt.Sprintf("thresholds[%d].", i))
		}
		for j := range i {
			if m.Thresholds[j].Name == t.Name {
				return check.New(ErrInvalidInput, fmt.Sprintf("thresholds[%d].name", i), "duplicate name %q (also thresholds[%d])", t.Name, j)
			}
		}
	}
	return nil
}

func (m Model) capped() bool { return m.Min != 0 || m.Max != 0 }

func (m Model) caps() caps { return caps{min: m.Min, max: m.Max, on: m.capped()} }

// caps are a model's score limits.
type caps struct {
	min, max float64
	on       bool
}

// clamp limits s to [min, max] when the caps are on.
func (c caps) clamp(s float64) float64 {
	if !c.on {
		return s
	}
	return min(max(s, c.min), c.max)
}

// limit returns the part of delta that may be added to the running score s
// without moving it beyond a cap; it never flips the sign of delta.
func (c caps) limit(delta, s float64) float64 {
	if !c.on {
		return delta
	}
	if delta < 0 {
		return max(delta, min(0, c.min-s))
	}
	return min(delta, max(0, c.max-s))
}

// validate reports a problem with t; the error's field is relative.
func (t Threshold) validate() error {
	if t.Name == "" {
		return check.New(ErrInvalidInput, "name", "must not be empty")
	}
	if err := magnitude("score", t.Score); err != nil {
		return err
	}
	if !directionNames().Valid(t.Direction) {
		return check.New(ErrInvalidInput, "direction", "unknown direction %d", uint8(t.Direction))
	}
	return nil
}

// crossed reports whether moving from before to after crosses t.
func (t *Threshold) crossed(before, after float64) bool {
	if t.Direction == Up {
		return before < t.Score && after >= t.Score
	}
	return before > t.Score && after <= t.Score
}
