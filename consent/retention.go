package consent

import (
	"fmt"
	"time"

	"github.com/kundenwert/winback/internal/check"
)

// ProofRetentionYears is how long § 7a(2) UWG requires the proof of a
// consent to advertising calls to be kept: five years from the grant and
// from each use.
const ProofRetentionYears = 5

// ProofRetentionUntil returns the last day (midnight UTC) on which the proof
// of a consent to advertising calls, granted on grant and used on the dates
// in uses, must still be kept under § 7a(2) UWG: five years after the grant
// or the latest use, whichever ends later. The five years run as in
// §§ 187(1), 188(2), (3) BGB (a grant on 29 February 2024 is kept until
// 28 February 2029). The uses may come in any order. A zero grant date or a
// use that is zero or before the grant is an error.
func ProofRetentionUntil(grant time.Time, uses []time.Time) (time.Time, error) {
	if grant.IsZero() {
		return time.Time{}, check.New(ErrInvalidInput, "grant", "grant date is missing (zero time)")
	}
	g := dayOf(grant)
	last := g
	for i, u := range uses {
		if u.IsZero() {
			return time.Time{}, check.New(ErrInvalidInput, fmt.Sprintf("uses[%d]", i), "date is missing (zero time)")
		}
		du := dayOf(u)
		if du < g {
			return time.Time{}, check.New(ErrInvalidInput, fmt.Sprintf("uses[%d]", i), "use before the grant")
		}
		last = max(last, du)
	}
	return last.addMonths(12 * ProofRetentionYears).time(), nil
}
