package segment

import (
	"fmt"

	"github.com/kundenwert/winback/internal/check"
	"github.com/kundenwert/winback/internal/enum"
)

// RFMSegment is a named segment of the R×F grid (DOMAIN.md section 7). The
// zero RFMSegment is Hibernating, the segment that warrants the least
// effort. Identifiers are stable; new values are appended.
type RFMSegment uint8

// The ten segments and the R,F score pairs that form them.
const (
	Hibernating        RFMSegment = iota // "hibernating": 11, 12, 21, 22
	AtRisk                               // "at_risk": 13, 14, 23, 24
	CantLoseThem                         // "cant_lose_them": 15, 25
	AboutToSleep                         // "about_to_sleep": 31, 32
	NeedAttention                        // "need_attention": 33
	Loyal                                // "loyal": 34, 35, 44, 45
	Promising                            // "promising": 41
	NewCustomers                         // "new_customers": 51
	PotentialLoyalists                   // "potential_loyalists": 42, 43, 52, 53
	Champions                            // "champions": 54, 55
)

// rfmSegmentIDs are the stable identifiers, indexed by value; read-only.
var rfmSegmentIDs = [...]string{"hibernating", "at_risk", "cant_lose_them", "about_to_sleep", "need_attention",
	"loyal", "promising", "new_customers", "potential_loyalists", "champions"}

func rfmSegmentNames() enum.Names[RFMSegment] {
	return enum.Names[RFMSegment]{Type: "segment.RFMSegment", IDs: rfmSegmentIDs[:]}
}

// RFMSegments returns the valid segments in value order.
func RFMSegments() []RFMSegment {
	return []RFMSegment{Hibernating, AtRisk, CantLoseThem, AboutToSleep, NeedAttention,
		Loyal, Promising, NewCustomers, PotentialLoyalists, Champions}
}

// rfmGrid maps [R−1][F−1] to the segment (DOMAIN.md section 7).
func rfmGrid() [5][5]RFMSegment {
	return [5][5]RFMSegment{
		//   F=1          F=2                 F=3                 F=4        F=5
		{Hibernating, Hibernating, AtRisk, AtRisk, CantLoseThem},                     // R=1
		{Hibernating, Hibernating, AtRisk, AtRisk, CantLoseThem},                     // R=2
		{AboutToSleep, AboutToSleep, NeedAttention, Loyal, Loyal},                    // R=3
		{Promising, PotentialLoyalists, PotentialLoyalists, Loyal, Loyal},            // R=4
		{NewCustomers, PotentialLoyalists, PotentialLoyalists, Champions, Champions}, // R=5
	}
}

// SegmentOf returns the segment of recency score r and frequency score f,
// both in 1..5. Every pair maps to exactly one segment.
func SegmentOf(r, f uint8) (RFMSegment, error) {
	if r < 1 || r > 5 {
		return 0, check.New(ErrInvalidInput, "r", "score must be in 1..5, got %d", r)
	}
	if f < 1 || f > 5 {
		return 0, check.New(ErrInvalidInput, "f", "score must be in 1..5, got %d", f)
	}
	return rfmGrid()[r-1][f-1], nil
}

// CountSegments returns how many of the scores fall into each segment; every
// segment is present, with 0 if empty, so the counts add up to len(scores).
// As a map keyed by RFMSegment it marshals to JSON with the identifiers as
// keys.
func CountSegments(scores []RFMScore) (map[RFMSegment]int, error) {
	var counts [Champions + 1]int
	grid := rfmGrid()
	for i, s := range scores {
		if s.R < 1 || s.R > 5 || s.F < 1 || s.F > 5 {
			return nil, check.New(ErrInvalidInput, fmt.Sprintf("scores[%d]", i), "R and F must be in 1..5, got %d and %d", s.R, s.F)
		}
		counts[grid[s.R-1][s.F-1]]++
	}
	out := make(map[RFMSegment]int, len(counts))
	for _, seg := range RFMSegments() {
		out[seg] = counts[seg]
	}
	return out, nil
}

// IsValid reports whether s is a defined segment.
func (s RFMSegment) IsValid() bool { return s <= Champions }

// String returns the identifier of s, e.g. "champions".
func (s RFMSegment) String() string { return rfmSegmentNames().String(s) }

// MarshalText returns the identifier of s; it fails for an invalid value.
func (s RFMSegment) MarshalText() ([]byte, error) { return rfmSegmentNames().Marshal(s) }

// UnmarshalText sets s from its identifier; on error s is unchanged.
func (s *RFMSegment) UnmarshalText(b []byte) error {
	v, err := rfmSegmentNames().Parse(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}
