package segment

import "github.com/kundenwert/winback/internal/enum"

// Quadrant is a lost customer's cell in the recovery-value matrix: customer
// value (high or low) against win-back probability (high or low).
//
//	                    high probability   low probability
//	high value          Star               Question
//	low value           Windfall           Loss
//
// The zero Quadrant is Loss, the cell that gets no spend, so a value that
// was never classified fails closed. Identifiers are stable; new values are
// appended, never renumbered.
type Quadrant uint8

// The four quadrants, numbered so that a larger value never has a lower
// default priority.
const (
	Loss     Quadrant = iota // "loss": low value, low probability; let go, no spend
	Windfall                 // "windfall": low value, high probability; take if cheap, automated offer
	Question                 // "question": high value, low probability; case by case, capped budget
	Star                     // "star": high value, high probability; top priority, personal contact
)

// quadrantIDs are the stable identifiers, indexed by value; read-only.
var quadrantIDs = [...]string{"loss", "windfall", "question", "star"}

func quadrantNames() enum.Names[Quadrant] {
	return enum.Names[Quadrant]{Type: "segment.Quadrant", IDs: quadrantIDs[:]}
}

// Quadrants returns the valid quadrants in value order.
func Quadrants() []Quadrant { return []Quadrant{Loss, Windfall, Question, Star} }

// QuadrantOf returns the quadrant of a customer whose value and win-back
// probability are high or not.
func QuadrantOf(highValue, highProb bool) Quadrant {
	q := Loss
	if highProb {
		q = Windfall
	}
	if highValue {
		q += 2
	}
	return q
}

// HighValue reports whether q is a high-value quadrant (Star or Question).
func (q Quadrant) HighValue() bool { return q == Star || q == Question }

// HighProbability reports whether q is a high-probability quadrant (Star or
// Windfall).
func (q Quadrant) HighProbability() bool { return q == Star || q == Windfall }

// IsValid reports whether q is one of the four quadrants.
func (q Quadrant) IsValid() bool { return q <= Star }

// String returns the identifier of q, e.g. "star", or "segment.Quadrant(n)"
// for an invalid value.
func (q Quadrant) String() string { return quadrantNames().String(q) }

// MarshalText returns the identifier of q; it fails for an invalid value.
func (q Quadrant) MarshalText() ([]byte, error) { return quadrantNames().Marshal(q) }

// UnmarshalText sets q from its identifier; on error q is unchanged.
func (q *Quadrant) UnmarshalText(b []byte) error {
	v, err := quadrantNames().Parse(string(b))
	if err != nil {
		return err
	}
	*q = v
	return nil
}
