package winback

import "slices"

// dayLog records the distinct purchase dates of every customer under
// MergeSameDay as encoded (customer, date) pairs (see enc). Dates that are
// certainly new — before a customer's first or after their last known
// purchase date, the only case for a log sorted by time — are appended
// without any lookup; a date in between may repeat an earlier one, so it is
// appended and the log is marked dirty. A dirty log is sorted and
// deduplicated before it is read (normalize), and also whenever it has
// doubled since the last normalisation, so it never holds more than about
// twice the distinct pairs: 8 bytes per distinct customer-date, up to 16.
type dayLog struct {
	pairs []uint64
	dirty bool
	clean int // length after the last normalisation
}

// add appends a pair; maybeSeen says it may be a duplicate.
func (l *dayLog) add(idx, day int32, maybeSeen bool) {
	l.pairs = append(l.pairs, enc(idx, day))
	if maybeSeen {
		l.dirty = true
	}
	if l.dirty && len(l.pairs) >= 2*l.clean+4096 {
		l.normalize()
	}
}

// normalize sorts and deduplicates a dirty log; it reports whether it had
// to, in which case the caller recounts purchases from the log.
func (l *dayLog) normalize() bool {
	if !l.dirty {
		return false
	}
	slices.Sort(l.pairs)
	l.pairs = slices.Compact(l.pairs)
	l.dirty, l.clean = false, len(l.pairs)
	return true
}

// recount sets every customer's calibration and holdout purchase counts
// from a normalised log.
func (s *Summaries) recount() {
	for i := range s.hot {
		s.hot[i].n = 0
		s.cold[i].hn = 0
	}
	for _, k := range s.days.pairs {
		idx, d := dec(k)
		if d <= s.cfg.calDay {
			s.hot[idx].n++
		} else {
			s.cold[idx].hn++
		}
	}
}
