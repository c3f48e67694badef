package winback

import (
	"cmp"
	"math"
	"slices"

	"github.com/kundenwert/winback/internal/check"
)

// Merge returns the summaries of the union of the order logs behind s and
// others, which must be disjoint parts of one log (every order in exactly
// one part) summarised with the same options. The parts may be split
// arbitrarily: by customer, by time, or order by order, one customer's
// orders — even one day's orders — spread over several parts. Merge is
// exact, associative and commutative: summarising the whole log gives the
// same result as merging the summaries of its parts in any grouping and
// order. Zero Summaries values are skipped. Neither s nor others is
// modified.
//
// Parts with different options return an *InputError naming "parts[i]".
func (s Summaries) Merge(others ...Summaries) (Summaries, error) {
	parts := append([]Summaries{s}, others...)
	var cfg *config
	hint := 0
	for i := range parts {
		p := &parts[i]
		if p.isZero() {
			continue
		}
		if cfg == nil {
			cfg = &p.cfg
		} else if !cfg.same(p.cfg) {
			return Summaries{}, check.New(ErrInvalidInput, "parts["+itoa(i)+"]",
				"summarised with different options than the first part")
		}
		hint = max(hint, len(p.hot))
	}
	if cfg == nil {
		return Summaries{}, nil
	}
	out := newSummaries(*cfg, hint)
	dayMode := cfg.opts.MergeSameDay
	for _, p := range parts {
		if p.isZero() {
			continue
		}
		remap := make([]int32, len(p.hot))
		for j := range p.hot {
			idx := out.index(p.cold[j].id)
			remap[j] = idx
			if !out.combine(idx, &p.hot[j], &p.cold[j]) {
				return Summaries{}, check.New(ErrInvalidInput, "parts",
					"sums of customer %q overflow the aggregation (amounts above 9.2e14 or 2³¹ orders)", p.cold[j].id)
			}
		}
		if dayMode {
			for _, k := range p.days.pairs {
				j, d := dec(k)
				out.days.pairs = append(out.days.pairs, enc(remap[j], d))
			}
		}
	}
	if dayMode {
		out.days.dirty = true
		out.days.normalize()
		out.recount()
	}
	return out, nil
}

// before reports whether (s1, n1) is before (s2, n2).
func before(s1 int64, n1 int32, s2 int64, n2 int32) bool {
	return s1 < s2 || s1 == s2 && n1 < n2
}

// combine folds the state (b, bc) of another part into customer idx; with
// MergeSameDay the purchase counts are left to the caller, who recounts
// them from the merged day log. It reports false on overflow.
func (s *Summaries) combine(idx int32, b *accHot, bc *accCold) bool {
	a, ac := &s.hot[idx], &s.cold[idx]
	dayMode := s.cfg.opts.MergeSameDay
	if b.orders > 0 {
		switch {
		case a.orders == 0:
			n := a.n
			*a = *b
			a.n = n
			a.orders = 0 // added below
			a.units, a.items = 0, 0
			ac.firstID = bc.firstID
		case dayMode:
			switch {
			case b.firstDay < a.firstDay:
				a.firstDay, a.firstUnits = b.firstDay, b.firstUnits
			case b.firstDay == a.firstDay:
				a.firstUnits += b.firstUnits
			}
			a.lastDay = max(a.lastDay, b.lastDay)
			if before(b.firstSec, b.firstNsec, a.firstSec, a.firstNsec) {
				a.firstSec, a.firstNsec = b.firstSec, b.firstNsec
			}
			if before(a.lastSec, a.lastNsec, b.lastSec, b.lastNsec) {
				a.lastSec, a.lastNsec = b.lastSec, b.lastNsec
			}
		default:
			if before(b.firstSec, b.firstNsec, a.firstSec, a.firstNsec) ||
				b.firstSec == a.firstSec && b.firstNsec == a.firstNsec &&
					(bc.firstID < ac.firstID || bc.firstID == ac.firstID && b.firstUnits < a.firstUnits) {
				a.firstSec, a.firstNsec, a.firstUnits, ac.firstID = b.firstSec, b.firstNsec, b.firstUnits, bc.firstID
			}
			if before(a.lastSec, a.lastNsec, b.lastSec, b.lastNsec) {
				a.lastSec, a.lastNsec = b.lastSec, b.lastNsec
			}
		}
	}
	if bc.horders > 0 {
		if ac.horders == 0 {
			ac.hFirstDay, ac.hLastDay = bc.hFirstDay, bc.hLastDay
		}
		ac.hFirstDay, ac.hLastDay = min(ac.hFirstDay, bc.hFirstDay), max(ac.hLastDay, bc.hLastDay)
	}
	ok := true
	add := func(x *int64, y int64) {
		var o bool
		*x, o = addUnits(*x, y)
		ok = ok && o
	}
	add(&a.units, b.units)
	add(&ac.hunits, bc.hunits)
	add(&ac.discount, bc.discount)
	add(&ac.retUnits, bc.retUnits)
	if int64(a.orders)+int64(b.orders) > math.MaxInt32 {
		return false
	}
	a.items += b.items
	a.orders += b.orders
	ac.horders += bc.horders
	ac.returns += bc.returns
	if !dayMode {
		a.n += b.n
		ac.hn += bc.hn
	}
	return ok
}

// sorted returns the indices of the customers in ascending id order.
func (s Summaries) sorted() []int32 {
	idx := make([]int32, len(s.hot))
	for i := range idx {
		idx[i] = int32(i)
	}
	slices.SortFunc(idx, func(i, j int32) int { return cmp.Compare(s.cold[i].id, s.cold[j].id) })
	return idx
}
