package winback

import (
	"fmt"
	"iter"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/kundenwert/winback/internal/check"
)

// ActivityOptions says how ActivityOf assigns orders to calendar periods.
type ActivityOptions struct {
	// Period is the calendar period; the zero value is Weekly.
	Period Period
	// Location is the time zone of the calendar. Nil reads each order's
	// Time in its own location.
	Location *time.Location
}

// Activity records which customer bought in which calendar period: the
// state behind the period view (Periods) and the cohort view (Cohorts).
// Memory is proportional to the distinct (customer, period) pairs, 8–16
// bytes each, plus the customers, never to order lines.
//
// Activity values of disjoint parts of one log merge exactly with Merge.
// The zero Activity is empty and the identity of Merge. An Activity is not
// modified after it is returned, so it may be read concurrently.
type Activity struct {
	opts   ActivityOptions
	ids    map[string]int32
	custs  []activeCustomer
	set    pairSet // (customer, period) pairs with at least one order
	sums   map[int32]periodSums
	lo, hi int32 // first and last period with an order
}

type activeCustomer struct {
	id    string
	first int32 // acquisition period: the first period with an order
}

type periodSums struct{ orders, units int64 }

// ActivityOf reads the order log in one pass. Every order counts, whatever
// its date (there is no calibration split). It stops at the first error of
// the sequence or the first invalid order (an *InputError naming
// "orders[i].Field").
func ActivityOf(orders iter.Seq2[Order, error], opts ActivityOptions) (Activity, error) {
	if !periodNames().Valid(opts.Period) {
		return Activity{}, check.New(ErrInvalidInput, "ActivityOptions.Period", "invalid period %d", uint8(opts.Period))
	}
	a := Activity{opts: opts, ids: map[string]int32{}, sums: map[int32]periodSums{}}
	i := 0
	for o, err := range orders {
		if err != nil {
			return Activity{}, err
		}
		amount, _, field, reason := orderUnits(&o)
		if field != "" {
			return Activity{}, check.New(ErrInvalidInput, fmt.Sprintf("orders[%d].%s", i, field), "%s", reason)
		}
		p := opts.Period.index(o.Time, opts.Location)
		if len(a.custs) == 0 {
			a.lo, a.hi = p, p
		}
		a.lo, a.hi = min(a.lo, p), max(a.hi, p)
		c := a.customer(o.CustomerID, p)
		a.set.add(c, p)
		ps := a.sums[p]
		ps.orders++
		var ok bool
		if ps.units, ok = addUnits(ps.units, amount); !ok {
			return Activity{}, check.New(ErrInvalidInput, fmt.Sprintf("orders[%d].Amount", i),
				"revenue of the period overflows the aggregation (above 9.2e14)")
		}
		a.sums[p] = ps
		i++
	}
	return a, nil
}

// customer returns the index of id, adding it if new, and lowers its
// acquisition period to p if p is earlier.
func (a *Activity) customer(id string, p int32) int32 {
	i, ok := a.ids[id]
	if !ok {
		id = strings.Clone(id) // do not pin the caller's buffer
		i = int32(len(a.custs))
		a.ids[id] = i
		a.custs = append(a.custs, activeCustomer{id: id, first: p})
	}
	a.custs[i].first = min(a.custs[i].first, p)
	return i
}

// Options returns the options the activity was recorded with.
func (a Activity) Options() ActivityOptions { return a.opts }

// Customers returns the number of distinct customers.
func (a Activity) Customers() int { return len(a.custs) }

// Merge returns the activity of the union of the logs behind a and others,
// which must be disjoint parts of one log recorded with the same options
// (same Period and the same Location pointer). It is exact, associative and
// commutative; zero values are skipped; no argument is modified.
func (a Activity) Merge(others ...Activity) (Activity, error) {
	parts := append([]Activity{a}, others...)
	var out *Activity
	for i := range parts {
		p := &parts[i]
		if p.ids == nil {
			continue
		}
		if out == nil {
			out = &Activity{opts: p.opts, ids: map[string]int32{}, sums: map[int32]periodSums{}}
		} else if out.opts != p.opts {
			return Activity{}, check.New(ErrInvalidInput, fmt.Sprintf("parts[%d]", i),
				"recorded with different options than the first part")
		}
		if len(p.custs) == 0 {
			continue
		}
		if len(out.custs) == 0 {
			out.lo, out.hi = p.lo, p.hi
		}
		out.lo, out.hi = min(out.lo, p.lo), max(out.hi, p.hi)
		remap := make([]int32, len(p.custs))
		for j, c := range p.custs {
			remap[j] = out.customer(c.id, c.first)
		}
		out.set.reserve(out.set.n + p.set.n)
		p.set.all(func(c, per int32) { out.set.add(remap[c], per) })
		for per, s := range p.sums {
			o := out.sums[per]
			o.orders += s.orders
			var ok bool
			if o.units, ok = addUnits(o.units, s.units); !ok {
				return Activity{}, check.New(ErrInvalidInput, "parts",
					"revenue of a period overflows the aggregation (above 9.2e14)")
			}
			out.sums[per] = o
		}
	}
	if out == nil {
		return Activity{}, nil
	}
	return *out, nil
}

// PeriodStats counts one calendar period [Start, End) of the period view.
// Every customer active in the period is exactly one of New, Retained and
// Reactivated: Active = New + Retained + Reactivated.
type PeriodStats struct {
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
	// Active counts the customers with at least one order in the period.
	Active int `json:"active"`
	// New counts the customers whose first order falls in the period.
	New int `json:"new"`
	// Retained counts the customers active in both this and the previous
	// period.
	Retained int `json:"retained"`
	// Reactivated counts the customers active now who bought before, but
	// not in the previous period.
	Reactivated int `json:"reactivated"`
	// Lost counts the customers active in the previous period but not in
	// this one: a period-over-period lapse, Lost = previous Active −
	// Retained. It is not the churn package's notion of a lost customer
	// (overdue relative to their own buying cycle); 0 in the first period.
	Lost int `json:"lost"`
	// Orders and Revenue sum the order lines and amounts of the period.
	Orders  int             `json:"orders"`
	Revenue decimal.Decimal `json:"revenue"`
}

// Returning is the number of active customers who had bought before the
// period: Retained + Reactivated.
func (p PeriodStats) Returning() int { return p.Retained + p.Reactivated }

// Periods returns the period view: one PeriodStats per calendar period from
// the first to the last period with an order, empty periods included, in
// time order. It is nil for an empty Activity.
func (a Activity) Periods() []PeriodStats {
	if len(a.custs) == 0 {
		return nil
	}
	n := int(a.hi-a.lo) + 1
	out := make([]PeriodStats, n)
	a.set.all(func(c, p int32) {
		s := &out[p-a.lo]
		s.Active++
		switch {
		case a.custs[c].first == p:
			s.New++
		case a.set.has(c, p-1):
			s.Retained++
		}
	})
	for k := range out {
		s := &out[k]
		p := a.lo + int32(k)
		s.Start = a.opts.Period.start(p, a.opts.Location)
		s.End = a.opts.Period.start(p+1, a.opts.Location)
		s.Reactivated = s.Active - s.New - s.Retained
		if k > 0 {
			s.Lost = out[k-1].Active - s.Retained
		}
		sums := a.sums[p]
		s.Orders, s.Revenue = int(sums.orders), fromUnits(sums.units)
	}
	return out
}

// Cohort is one acquisition cohort of the cohort view: the customers whose
// first order falls in the period starting at Start.
type Cohort struct {
	Start time.Time `json:"start"`
	// Size is the number of customers acquired in the period, ≥ 1.
	Size int `json:"size"`
	// Active[k] counts the cohort's customers with an order k periods after
	// acquisition; Active[0] = Size. The slice runs to the last period with
	// an order in the whole log.
	Active []int `json:"active"`
}

// Rate returns Active[k] / Size, the share of the cohort active k periods
// after acquisition, in [0, 1]; ok is false when k is out of range.
func (c Cohort) Rate(k int) (rate float64, ok bool) {
	if k < 0 || k >= len(c.Active) || c.Size == 0 {
		return 0, false
	}
	return float64(c.Active[k]) / float64(c.Size), true
}

// Cohorts returns the cohort retention matrix (acquisition cohort ×
// periods since acquisition), one Cohort per period in which at least one
// customer was acquired, in time order. Memory is cohorts × periods.
func (a Activity) Cohorts() []Cohort {
	if len(a.custs) == 0 {
		return nil
	}
	row := make([]int32, int(a.hi-a.lo)+1) // cohort period − lo → row index
	for i := range row {
		row[i] = -1
	}
	var out []Cohort
	sizes := make([]int, len(row))
	for _, c := range a.custs {
		sizes[c.first-a.lo]++
	}
	for k, n := range sizes {
		if n == 0 {
			continue
		}
		p := a.lo + int32(k)
		row[k] = int32(len(out))
		out = append(out, Cohort{
			Start:  a.opts.Period.start(p, a.opts.Location),
			Size:   n,
			Active: make([]int, int(a.hi-p)+1),
		})
	}
	a.set.all(func(c, p int32) {
		first := a.custs[c].first
		out[row[first-a.lo]].Active[p-first]++
	})
	return out
}
