package retention

import (
	"math/bits"
	"slices"
	"strconv"
	"time"

	"github.com/kundenwert/winback/internal/check"
)

// TimeToNextPurchase returns the time from a win-back contact to the
// customer's first order after it. Both times must be set (not the zero
// time); an order before the contact is not a reaction to it and returns
// ErrInvalidInput naming "firstOrder". The result is elapsed time; Days
// converts it for presentation.
func TimeToNextPurchase(contact, firstOrder time.Time) (time.Duration, error) {
	if err := check.NotZeroTime(ErrInvalidInput, "contact", contact); err != nil {
		return 0, err
	}
	if err := check.NotZeroTime(ErrInvalidInput, "firstOrder", firstOrder); err != nil {
		return 0, err
	}
	if firstOrder.Before(contact) {
		return 0, check.New(ErrInvalidInput, "firstOrder", "%s is before contact %s",
			firstOrder.Format(time.RFC3339), contact.Format(time.RFC3339))
	}
	return firstOrder.Sub(contact), nil
}

// Days returns d in days of 24 hours, e.g. for a report of the time to the
// next purchase.
func Days(d time.Duration) float64 { return d.Hours() / 24 }

// WaitSummary describes the times to next purchase of the contacted customers
// who bought again. Customers who have not bought (yet) are not in it: the
// share who bought is the win-back rate.
type WaitSummary struct {
	Buyers int           `json:"buyers"` // number of waits summarised, ≥ 1
	Mean   time.Duration `json:"mean"`   // arithmetic mean, exact, rounded half up to the nanosecond
	Median time.Duration `json:"median"` // middle wait; mean of the two middle ones for an even count
	Min    time.Duration `json:"min"`    // shortest wait
	Max    time.Duration `json:"max"`    // longest wait
}

// SummarizeWaits summarises the times to next purchase (see
// TimeToNextPurchase) of the customers who bought after a contact. An empty
// slice (nobody bought) returns ErrUndefined; a negative wait returns
// ErrInvalidInput naming it ("waits[2]"). waits is not modified.
func SummarizeWaits(waits []time.Duration) (WaitSummary, error) {
	if len(waits) == 0 {
		return WaitSummary{}, check.New(ErrUndefined, "waits", "nobody bought after the contact, so the time to next purchase is undefined")
	}
	// Sum exactly in 128 bits: the sum of many long waits overflows int64.
	var hi, lo uint64
	for i, w := range waits {
		if w < 0 {
			return WaitSummary{}, check.New(ErrInvalidInput, "waits["+strconv.Itoa(i)+"]", "wait must be ≥ 0, got %v", w)
		}
		var carry uint64
		lo, carry = bits.Add64(lo, uint64(w), 0)
		hi += carry
	}
	sorted := slices.Clone(waits)
	slices.Sort(sorted)
	n := len(sorted)
	median := sorted[n/2]
	if n%2 == 0 {
		below := sorted[n/2-1]
		median = below + (median-below)/2 // no overflow: 0 ≤ below ≤ median
	}
	// Exact mean, rounded half up; hi < n because every wait is < 2⁶³, and
	// the mean of waits below 2⁶³ is below 2⁶³.
	q, r := bits.Div64(hi, lo, uint64(n))
	if r >= uint64(n)-r {
		q++
	}
	mean := time.Duration(q)
	return WaitSummary{Buyers: n, Mean: mean, Median: median, Min: sorted[0], Max: sorted[n-1]}, nil
}
