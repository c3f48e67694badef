package winback

import (
	"fmt"
	"hash/maphash"
	"iter"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/kundenwert/winback/internal/check"
)

// SummaryOptions says how Summarize turns an order log into per-customer
// summaries. The zero value is not usable: CalibrationEnd is required.
type SummaryOptions struct {
	// Unit is the time unit of Tx, T and MeanInterPurchase; the zero value
	// is Day.
	Unit TimeUnit `json:"unit"`
	// CalibrationEnd closes the calibration period; orders at or before it
	// are calibration purchases. Required (not the zero time).
	CalibrationEnd time.Time `json:"calibration_end"`
	// MergeSameDay applies the BTYD convention: all orders of a customer on
	// the same calendar day (in the location of each order's Time) are one
	// purchase, their amounts summed. Time is then counted in whole days:
	// Tx and T are differences of calendar dates, T measured to the date of
	// CalibrationEnd (in its own location), and the whole of that date
	// belongs to the calibration period.
	MergeSameDay bool `json:"merge_same_day"`
	// HoldoutEnd closes an optional holdout period that starts right after
	// CalibrationEnd: orders after CalibrationEnd and at or before HoldoutEnd
	// (whole dates with MergeSameDay) are counted as holdout purchases.
	// Orders after the holdout end, or after CalibrationEnd when there is no
	// holdout, are ignored. Zero means no holdout unless Holdout is set.
	HoldoutEnd time.Time `json:"holdout_end"`
	// Holdout is the alternative way to give the holdout: its length, so
	// that HoldoutEnd = CalibrationEnd + Holdout. Set at most one of
	// Holdout and HoldoutEnd; Holdout must be ≥ 0.
	Holdout time.Duration `json:"holdout,omitempty"`
	// SizeHint is the expected number of customers, used to size the
	// tables up front (at most 2²⁴ of them); 0 lets them grow.
	SizeHint int `json:"size_hint,omitempty"`
}

// config is the checked form of SummaryOptions.
type config struct {
	opts            SummaryOptions
	calEnd, holdEnd time.Time
	hasHold         bool
	calDay, holdDay int32
	unitSeconds     float64
}

func (o SummaryOptions) config() (config, error) {
	c := config{opts: o, calEnd: o.CalibrationEnd}
	if !timeUnitNames().Valid(o.Unit) {
		return c, check.New(ErrInvalidInput, "SummaryOptions.Unit", "invalid unit %d", uint8(o.Unit))
	}
	if err := checkTime("SummaryOptions.CalibrationEnd", o.CalibrationEnd); err != nil {
		return c, err
	}
	switch {
	case o.Holdout < 0:
		return c, check.New(ErrInvalidInput, "SummaryOptions.Holdout", "is negative (%v)", o.Holdout)
	case o.Holdout > 0 && !o.HoldoutEnd.IsZero():
		return c, check.New(ErrInvalidInput, "SummaryOptions.Holdout", "set together with HoldoutEnd; set only one")
	case o.Holdout > 0:
		c.hasHold, c.holdEnd = true, o.CalibrationEnd.Add(o.Holdout)
	case !o.HoldoutEnd.IsZero():
		c.hasHold, c.holdEnd = true, o.HoldoutEnd
	}
	if c.hasHold {
		if err := checkTime("SummaryOptions.HoldoutEnd", c.holdEnd); err != nil {
			return c, err
		}
		if err := check.Ordered(ErrInvalidInput, "CalibrationEnd", c.calEnd, "SummaryOptions.HoldoutEnd", c.holdEnd); err != nil {
			return c, err
		}
	}
	c.calDay, c.holdDay = dayOf(c.calEnd), dayOf(c.holdEnd)
	c.unitSeconds = o.Unit.Days() * 86400
	if o.SizeHint < 0 {
		return c, check.New(ErrInvalidInput, "SummaryOptions.SizeHint", "is negative (%d)", o.SizeHint)
	}
	return c, nil
}

// same reports whether two configurations aggregate alike, so that their
// summaries may be merged.
func (c config) same(d config) bool {
	return c.opts.Unit == d.opts.Unit && c.opts.MergeSameDay == d.opts.MergeSameDay &&
		c.calEnd.Equal(d.calEnd) && c.calDay == d.calDay &&
		c.hasHold == d.hasHold && (!c.hasHold || c.holdEnd.Equal(d.holdEnd) && c.holdDay == d.holdDay)
}

// checkTime reports a zero time or one outside the supported years.
func checkTime(field string, t time.Time) error {
	if err := check.NotZeroTime(ErrInvalidInput, field, t); err != nil {
		return err
	}
	if u := t.Unix(); u < minUnix || u >= maxUnix {
		return check.New(ErrInvalidInput, field, "%s is outside 0001-01-02..9999-12-30", t.UTC().Format(time.RFC3339))
	}
	return nil
}

// dayOf returns the calendar date of t in t's location as days since
// 1970-01-01.
func dayOf(t time.Time) int32 {
	s := t.Unix()
	if t.Location() != time.UTC { // UTC, the usual case, has no offset
		_, off := t.Zone()
		s += int64(off)
	}
	d := s / 86400
	if s%86400 < 0 {
		d--
	}
	return int32(d)
}

// The mergeable state of one customer is split in two: accHot holds what
// every calibration order updates, in one 64-byte cache line, so that the
// hot path touches a single line per order; accCold holds the rest. Money
// is in units of 10⁻⁴, times as Unix seconds and nanoseconds, dates as days
// since 1970-01-01.
type accHot struct {
	units      int64 // calibration revenue
	firstUnits int64 // amount of the first purchase (all orders of its date with MergeSameDay)
	firstSec   int64 // earliest calibration order
	lastSec    int64 // latest calibration order
	items      int64 // items of calibration orders
	firstNsec  int32
	lastNsec   int32
	orders     int32 // calibration order lines
	n          int32 // calibration purchases (distinct dates with MergeSameDay)
	firstDay   int32 // MergeSameDay: date of the first calibration purchase
	lastDay    int32 // MergeSameDay: date of the last calibration purchase
}

type accCold struct {
	id       string
	firstID  string // order id of the first purchase (tie-break, per-order mode)
	discount int64  // calibration discounts
	retUnits int64  // amount of returned calibration orders
	hunits   int64  // holdout revenue
	horders  int64  // holdout order lines
	hn       int64  // holdout purchases
	returns  int64  // returned calibration orders
	// MergeSameDay: first and last holdout purchase dates
	hFirstDay, hLastDay int32
}

// Summaries holds the per-customer summaries of an order log, built by
// Summarize or Merge. It keeps, per customer, a fixed-size aggregate (about
// 190 bytes with the index and a copy of the id); with MergeSameDay it also
// keeps the distinct purchase dates of each customer (8 bytes per distinct
// customer-date, up to 16 while reading an unsorted log), which is what
// makes same-day merging exact when one day's orders are split across parts
// merged later. Memory is therefore proportional to customers (plus
// distinct purchase dates with MergeSameDay), never to order lines.
//
// The zero Summaries is empty and is the identity of Merge. A Summaries is
// not modified after it is returned, so it may be read concurrently.
type Summaries struct {
	cfg  config
	ids  idTable
	hot  []accHot
	cold []accCold
	days dayLog // MergeSameDay only
	sink uint64 // keeps the prefetching loads of addBatch alive
}

func newSummaries(cfg config, hint int) Summaries {
	return Summaries{cfg: cfg, ids: newIDTable(hint),
		hot: make([]accHot, 0, hint), cold: make([]accCold, 0, hint)}
}

// index returns the position of customer id, adding it if new.
func (s *Summaries) index(id string) int32 {
	return s.indexHash(id, maphash.String(s.ids.seed, id)|1)
}

// indexHash is index with the id's hash computed by the caller.
func (s *Summaries) indexHash(id string, h uint64) int32 {
	i, slot := s.ids.find(id, h, s.cold)
	if i >= 0 {
		return i
	}
	// A copy of the id: it does not pin the caller's buffer (a loader's
	// whole line) and keeps the keys close together in memory.
	id = strings.Clone(id)
	i = int32(len(s.hot))
	if len(s.hot) == cap(s.hot) { // double: fewer copies than append's 1.25×
		s.hot = slices.Grow(s.hot, max(len(s.hot), 1024))
		s.cold = slices.Grow(s.cold, max(len(s.cold), 1024))
	}
	s.hot = append(s.hot, accHot{})
	s.cold = append(s.cold, accCold{id: id})
	s.ids.put(slot, id, h, i, s.cold)
	return i
}

// isZero reports whether s is the zero Summaries.
func (s *Summaries) isZero() bool { return s.cfg.unitSeconds == 0 }

// Summarize reads the order log in one pass and returns per-customer
// summaries. Orders need not be sorted, and a customer's orders may come in
// any order; the result is the same for every order of the input. Orders
// after the holdout end (after CalibrationEnd without a holdout) are
// ignored and do not create customers.
//
// It stops at the first error of the sequence (returned as is; the loaders
// name line and field) or the first invalid order (an *InputError naming
// "orders[i].Field", i counting from 0 over the sequence).
//
// Cost: one hash lookup and a few integer operations per order; money is
// summed in integer units of 10⁻⁴, never in decimal arithmetic, and
// nothing is allocated per order. Memory: see Summaries. At most 2³¹
// customers and 2³¹ orders per customer.
func Summarize(orders iter.Seq2[Order, error], opts SummaryOptions) (Summaries, error) {
	cfg, err := opts.config()
	if err != nil {
		return Summaries{}, err
	}
	s := newSummaries(cfg, min(opts.SizeHint, 1<<24))
	var buf [batchSize]Order
	n, i := 0, 0
	for o, err := range orders {
		if err != nil {
			if err := s.addBatch(buf[:n], i); err != nil {
				return Summaries{}, err // an earlier bad order comes first
			}
			return Summaries{}, err
		}
		if n == 0 && len(s.ids.slots) < prefetchSlots {
			// few customers: their state is in the cache, add directly
			if err := s.add(&o, i, maphash.String(s.ids.seed, o.CustomerID)|1, -1); err != nil {
				return Summaries{}, err
			}
			i++
			continue
		}
		buf[n] = o
		if n++; n == len(buf) {
			if err := s.addBatch(buf[:n], i); err != nil {
				return Summaries{}, err
			}
			i, n = i+n, 0
		}
	}
	if err := s.addBatch(buf[:n], i); err != nil {
		return Summaries{}, err
	}
	if s.days.normalize() {
		s.recount()
	}
	return s, nil
}

// batchSize is the number of orders addBatch works on at once.
const batchSize = 16

// addBatch folds orders number first, first+1, … into s. With many
// customers the time per order is that of fetching the customer's table
// slot and state from main memory, so Summarize buffers orders once the
// table has prefetchSlots slots, and addBatch first touches the slots of
// all orders of the batch, then the states of the customers found, so that
// these cache misses overlap instead of queueing one after another; then
// it adds the orders one by one in their order.
func (s *Summaries) addBatch(orders []Order, first int) error {
	var hs [batchSize]uint64
	var at [batchSize]int32
	for j := range orders {
		hs[j] = maphash.String(s.ids.seed, orders[j].CustomerID) | 1
		at[j] = -1
	}
	var sink uint64
	mask := len(s.ids.slots) - 1
	for j := range orders {
		sink ^= s.ids.slots[int(hs[j])&mask].hash
	}
	for j := range orders {
		if idx, _ := s.ids.find(orders[j].CustomerID, hs[j], s.cold); idx >= 0 {
			at[j] = idx
			sink ^= uint64(s.hot[idx].units)
			if orders[j].Time.After(s.cfg.calEnd) {
				sink ^= uint64(s.cold[idx].hunits)
			}
		}
	}
	s.sink ^= sink
	for j := range orders {
		if err := s.add(&orders[j], first+j, hs[j], at[j]); err != nil {
			return err
		}
	}
	return nil
}

// prefetchSlots is the table size from which addBatch prefetches: 2¹⁵
// slots of 32 bytes (1 MiB) plus the customers' states outgrow a core's
// private caches.
const prefetchSlots = 1 << 15

// add folds order number i, whose customer id hashes to h, into s; at is
// the customer's index if known, or −1.
func (s *Summaries) add(o *Order, i int, h uint64, at int32) error {
	amount, discount, field, reason := orderUnits(o)
	if field != "" {
		return check.New(ErrInvalidInput, fmt.Sprintf("orders[%d].%s", i, field), "%s", reason)
	}
	c := &s.cfg
	if c.opts.MergeSameDay {
		return s.addDay(o, i, h, at, amount, discount)
	}
	inCal := !o.Time.After(c.calEnd)
	if !inCal && (!c.hasHold || o.Time.After(c.holdEnd)) {
		return nil
	}
	idx := at
	if idx < 0 {
		idx = s.indexHash(o.CustomerID, h)
	}
	if !inCal {
		cold := &s.cold[idx]
		cold.horders++
		cold.hn++
		return cold.addHoldout(amount, i)
	}
	a := &s.hot[idx]
	sec, nsec := o.Time.Unix(), int32(o.Time.Nanosecond())
	switch {
	case a.orders == 0:
		a.firstSec, a.firstNsec, a.lastSec, a.lastNsec, a.firstUnits = sec, nsec, sec, nsec, amount
		s.cold[idx].firstID = o.OrderID
	case sec < a.firstSec || sec == a.firstSec && nsec <= a.firstNsec:
		cold := &s.cold[idx]
		if sec < a.firstSec || nsec < a.firstNsec || o.OrderID < cold.firstID ||
			o.OrderID == cold.firstID && amount < a.firstUnits {
			a.firstSec, a.firstNsec, a.firstUnits, cold.firstID = sec, nsec, amount, o.OrderID
		}
	case sec > a.lastSec || sec == a.lastSec && nsec > a.lastNsec:
		a.lastSec, a.lastNsec = sec, nsec
	}
	a.n++
	return s.addCalibration(idx, o, amount, discount, i)
}

// addDay is add under MergeSameDay.
func (s *Summaries) addDay(o *Order, i int, h uint64, at int32, amount, discount int64) error {
	c := &s.cfg
	d := dayOf(o.Time)
	inCal := d <= c.calDay
	if !inCal && (!c.hasHold || d > c.holdDay) {
		return nil
	}
	idx := at
	if idx < 0 {
		idx = s.indexHash(o.CustomerID, h)
	}
	if !inCal {
		cold := &s.cold[idx]
		switch {
		case cold.horders == 0:
			cold.hFirstDay, cold.hLastDay = d, d
			s.days.add(idx, d, false)
			cold.hn++
		case d > cold.hLastDay:
			cold.hLastDay = d
			s.days.add(idx, d, false)
			cold.hn++
		case d < cold.hFirstDay:
			cold.hFirstDay = d
			s.days.add(idx, d, false)
			cold.hn++
		case d != cold.hFirstDay && d != cold.hLastDay:
			s.days.add(idx, d, true) // counted when the log is normalised
		}
		cold.horders++
		return cold.addHoldout(amount, i)
	}
	a := &s.hot[idx]
	sec, nsec := o.Time.Unix(), int32(o.Time.Nanosecond())
	switch {
	case a.orders == 0:
		a.firstDay, a.lastDay, a.firstUnits = d, d, amount
		a.firstSec, a.firstNsec, a.lastSec, a.lastNsec = sec, nsec, sec, nsec
		s.days.add(idx, d, false)
		a.n++
	case d == a.lastDay || d == a.firstDay:
		// a known date: nothing to record
		if d == a.firstDay {
			a.firstUnits += amount // ≤ units, whose overflow is checked
		}
	case d > a.lastDay:
		// a new date after all others: the usual case of a sorted log
		a.lastDay = d
		s.days.add(idx, d, false)
		a.n++
	case d < a.firstDay:
		a.firstDay, a.firstUnits = d, amount
		s.days.add(idx, d, false)
		a.n++
	default:
		s.days.add(idx, d, true) // counted when the log is normalised
	}
	if sec < a.firstSec || sec == a.firstSec && nsec < a.firstNsec {
		a.firstSec, a.firstNsec = sec, nsec
	}
	if sec > a.lastSec || sec == a.lastSec && nsec > a.lastNsec {
		a.lastSec, a.lastNsec = sec, nsec
	}
	return s.addCalibration(idx, o, amount, discount, i)
}

// addCalibration adds the sums of a calibration order.
func (s *Summaries) addCalibration(idx int32, o *Order, amount, discount int64, i int) error {
	a := &s.hot[idx]
	var ok bool
	if a.units, ok = addUnits(a.units, amount); !ok || a.orders == math.MaxInt32 {
		return overflow(i, s.cold[idx].id)
	}
	a.orders++
	a.items += int64(o.Items) // ≤ 2³¹ orders × 2³¹ items: no overflow
	if discount != 0 || o.Returned {
		cold := &s.cold[idx]
		cold.discount, ok = addUnits(cold.discount, discount)
		if o.Returned {
			cold.returns++
			var ok2 bool
			cold.retUnits, ok2 = addUnits(cold.retUnits, amount)
			ok = ok && ok2
		}
		if !ok {
			return overflow(i, cold.id)
		}
	}
	return nil
}

func (a *accCold) addHoldout(amount int64, i int) error {
	var ok bool
	if a.hunits, ok = addUnits(a.hunits, amount); !ok {
		return overflow(i, a.id)
	}
	return nil
}

func overflow(i int, id string) error {
	return check.New(ErrInvalidInput, fmt.Sprintf("orders[%d].Amount", i),
		"sums of customer %q overflow the aggregation (amounts above 9.2e14 or 2³¹ orders)", id)
}

// Options returns the options the summaries were built with.
func (s Summaries) Options() SummaryOptions { return s.cfg.opts }

// Len returns the number of customers: those with a calibration purchase
// and those who bought only in the holdout.
func (s Summaries) Len() int { return len(s.hot) }

// Get returns the summary of one customer.
func (s Summaries) Get(customerID string) (Summary, bool) {
	i := s.ids.lookup(customerID, s.cold)
	if i < 0 {
		return Summary{}, false
	}
	return s.summary(i), true
}

// All yields the summaries in ascending order of CustomerID (byte-wise).
// It sorts an index of the customers once per call.
func (s Summaries) All() iter.Seq[Summary] {
	return func(yield func(Summary) bool) {
		for _, i := range s.sorted() {
			if !yield(s.summary(i)) {
				return
			}
		}
	}
}

// unitsBetween returns the time from (s1, n1) to (s2, n2) in the unit of
// the configuration.
func (c config) unitsBetween(s1 int64, n1 int32, s2 int64, n2 int32) float64 {
	sec := float64(s2-s1) + float64(n2-n1)/1e9
	return sec / c.unitSeconds
}

// daysToUnits converts a number of days to the configured unit.
func (c config) daysToUnits(days int32) float64 {
	return float64(days) * 86400 / c.unitSeconds
}

func (s Summaries) summary(i int32) Summary {
	c := &s.cfg
	a, cold := &s.hot[i], &s.cold[i]
	out := Summary{
		CustomerID:       cold.id,
		Orders:           int(a.orders),
		Items:            int(a.items),
		Returns:          int(cold.returns),
		Revenue:          fromUnits(a.units),
		Discount:         fromUnits(cold.discount),
		ReturnedRevenue:  fromUnits(cold.retUnits),
		HoldoutPurchases: int(cold.hn),
		HoldoutOrders:    int(cold.horders),
		HoldoutRevenue:   fromUnits(cold.hunits),
		RepeatRevenue:    fromUnits(0),
		MeanRepeatSpend:  fromUnits(0),
	}
	if a.orders == 0 {
		return out
	}
	loc := c.calEnd.Location()
	out.First = time.Unix(a.firstSec, int64(a.firstNsec)).In(loc)
	out.Last = time.Unix(a.lastSec, int64(a.lastNsec)).In(loc)
	out.Purchases = int(a.n)
	out.X = float64(a.n - 1)
	if c.opts.MergeSameDay {
		out.Tx = c.daysToUnits(a.lastDay - a.firstDay)
		out.T = c.daysToUnits(c.calDay - a.firstDay)
	} else {
		out.Tx = c.unitsBetween(a.firstSec, a.firstNsec, a.lastSec, a.lastNsec)
		out.T = c.unitsBetween(a.firstSec, a.firstNsec, c.calEnd.Unix(), int32(c.calEnd.Nanosecond()))
	}
	if a.n > 1 {
		out.MeanInterPurchase = out.Tx / out.X
		out.RepeatRevenue = fromUnits(a.units - a.firstUnits)
		out.MeanRepeatSpend = out.RepeatRevenue.DivRound(decimal.NewFromInt(int64(a.n-1)), -unitExp)
	}
	return out
}
