package winback

import (
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/kundenwert/winback/internal/check"
)

// The binary form of Summaries (version 1) is the mergeable state itself,
// not the derived Summary rows, so that a decoded value merges exactly like
// the original: a job can ship partial summaries between processes (a Beam
// CombineFn accumulator, a file per shard) and merge them later.
//
//	magic "WBSM", version byte 1
//	flags byte: 1 = zero Summaries (nothing follows), 2 = MergeSameDay
//	unit byte
//	CalibrationEnd, HoldoutEnd: uvarint length + time.Time binary form
//	Holdout (zig-zag varint nanoseconds), SizeHint (uvarint)
//	customers (uvarint), then per customer: id and first order id (uvarint
//	length + bytes) and the 19 integer fields of the aggregate (varints)
//	MergeSameDay only: the distinct (customer, date) pairs, count
//	(uvarint) and ascending deltas (uvarint)
//
// Integers are little-endian varints (encoding/binary). Times keep their
// instant and zone offset; a named location decodes as a fixed zone with
// the same offset (UTC stays UTC), which aggregates alike.
const (
	codecMagic   = "WBSM"
	codecVersion = 1

	flagZero  = 1
	flagMerge = 2

	// minCustomerBytes is the least encoded size of one customer: two
	// length bytes, a non-empty id and 19 one-byte varints.
	minCustomerBytes = 22
)

// MarshalBinary encodes s exactly (see AppendBinary).
func (s Summaries) MarshalBinary() ([]byte, error) { return s.AppendBinary(nil) }

// AppendBinary appends the versioned binary form of s to b. Decoding it
// with UnmarshalBinary gives summaries that report the same Summary rows,
// Totals and Options and merge with other parts exactly as s does. The
// encoding of one Summaries value is deterministic; two values built along
// different paths (Summarize versus Merge) may order their customers
// differently and so differ in bytes while equal in content. A named
// location of CalibrationEnd or HoldoutEnd is kept as its zone offset.
// AppendBinary never fails; the error is for encoding.BinaryAppender.
func (s Summaries) AppendBinary(b []byte) ([]byte, error) {
	b = append(b, codecMagic...)
	b = append(b, codecVersion)
	if s.isZero() {
		return append(b, flagZero), nil
	}
	o := s.cfg.opts
	var flags byte
	if o.MergeSameDay {
		flags |= flagMerge
	}
	b = append(b, flags, byte(o.Unit))
	var err error
	if b, err = appendTime(b, o.CalibrationEnd); err != nil {
		return nil, err
	}
	if b, err = appendTime(b, o.HoldoutEnd); err != nil {
		return nil, err
	}
	b = binary.AppendVarint(b, int64(o.Holdout))
	b = binary.AppendUvarint(b, uint64(o.SizeHint))
	b = binary.AppendUvarint(b, uint64(len(s.hot)))
	for i := range s.hot {
		a, c := &s.hot[i], &s.cold[i]
		b = appendString(b, c.id)
		b = appendString(b, c.firstID)
		for _, v := range [...]int64{a.units, a.firstUnits, a.firstSec, a.lastSec, a.items,
			int64(a.firstNsec), int64(a.lastNsec), int64(a.orders), int64(a.n), int64(a.firstDay), int64(a.lastDay),
			c.discount, c.retUnits, c.hunits, c.horders, c.hn, c.returns, int64(c.hFirstDay), int64(c.hLastDay)} {
			b = binary.AppendVarint(b, v)
		}
	}
	if o.MergeSameDay {
		// The log holds distinct pairs, in arrival order unless it was
		// normalised; the encoding sorts them so that it is canonical.
		pairs := s.days.pairs
		if !slices.IsSorted(pairs) {
			pairs = slices.Sorted(slices.Values(pairs))
		}
		b = binary.AppendUvarint(b, uint64(len(pairs)))
		prev := uint64(0)
		for _, k := range pairs {
			b = binary.AppendUvarint(b, k-prev)
			prev = k
		}
	}
	return b, nil
}

func appendTime(b []byte, t time.Time) ([]byte, error) {
	tb, err := t.MarshalBinary()
	if err != nil {
		// A zone offset that is not a whole minute: not from this package.
		return nil, fmt.Errorf("winback: encoding summaries: %w", err)
	}
	b = binary.AppendUvarint(b, uint64(len(tb)))
	return append(b, tb...), nil
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// UnmarshalBinary decodes the form written by MarshalBinary into s,
// replacing its contents. Malformed or inconsistent data (a wrong magic or
// version, truncation, trailing bytes, invalid options, duplicate or empty
// customer ids, counts or dates that contradict each other) returns an
// *InputError naming the part ("data.version", "customers[3].orders") and
// leaves s unchanged.
func (s *Summaries) UnmarshalBinary(data []byte) error {
	d := decoder{b: data, cust: -1}
	out, err := d.summaries()
	if err != nil {
		return err
	}
	*s = out
	return nil
}

// decoder reads the binary form; the first error sticks.
type decoder struct {
	b   []byte
	off int
	err error
	// cust is the customer being read, or -1; it prefixes field names.
	cust int
}

func (d *decoder) fail(field, format string, args ...any) {
	if d.err == nil {
		if d.cust >= 0 {
			field = "customers[" + itoa(d.cust) + "]." + field
		}
		d.err = check.New(ErrInvalidInput, field, format, args...)
	}
}

func (d *decoder) bytes(field string, n int) []byte {
	if d.err != nil {
		return nil
	}
	if n < 0 || n > len(d.b)-d.off {
		d.fail(field, "truncated at byte %d", d.off)
		return nil
	}
	v := d.b[d.off : d.off+n]
	d.off += n
	return v
}

func (d *decoder) byte(field string) byte {
	if v := d.bytes(field, 1); v != nil {
		return v[0]
	}
	return 0
}

func (d *decoder) uvarint(field string) uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b[d.off:])
	if n <= 0 || n > 1 && d.b[d.off+n-1] == 0 { // a zero last byte is an overlong form
		d.fail(field, "malformed or truncated varint at byte %d", d.off)
		return 0
	}
	d.off += n
	return v
}

func (d *decoder) varint(field string) int64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Varint(d.b[d.off:])
	if n <= 0 || n > 1 && d.b[d.off+n-1] == 0 { // a zero last byte is an overlong form
		d.fail(field, "malformed or truncated varint at byte %d", d.off)
		return 0
	}
	d.off += n
	return v
}

// length reads a length that must fit in the remaining bytes.
func (d *decoder) length(field string) int {
	v := d.uvarint(field)
	if d.err == nil && v > uint64(len(d.b)-d.off) {
		d.fail(field, "length %d exceeds the remaining %d bytes", v, len(d.b)-d.off)
		return 0
	}
	return int(v)
}

func (d *decoder) string(field string) string {
	return string(d.bytes(field, d.length(field)))
}

func (d *decoder) time(field string) time.Time {
	raw := d.bytes(field, d.length(field))
	var t time.Time
	if d.err == nil {
		if err := t.UnmarshalBinary(raw); err != nil {
			d.fail(field, "%v", err)
		} else if again, err := t.MarshalBinary(); err != nil || string(again) != string(raw) {
			d.fail(field, "not a canonical time encoding")
		}
	}
	return t
}

// int32 reads a varint that must lie in [lo, hi].
func (d *decoder) int32(field string, lo, hi int64) int32 {
	return int32(d.int64(field, lo, hi))
}

func (d *decoder) int64(field string, lo, hi int64) int64 {
	v := d.varint(field)
	if d.err == nil && (v < lo || v > hi) {
		d.fail(field, "%d is outside [%d, %d]", v, lo, hi)
		return 0
	}
	return v
}

func (d *decoder) summaries() (Summaries, error) {
	if magic := d.bytes("data.magic", len(codecMagic)); d.err == nil && string(magic) != codecMagic {
		d.fail("data.magic", "not winback summaries (magic %q)", magic)
	}
	if v := d.byte("data.version"); d.err == nil && v != codecVersion {
		d.fail("data.version", "version %d is not supported (want %d)", v, codecVersion)
	}
	flags := d.byte("data.flags")
	if d.err == nil && (flags&^(flagZero|flagMerge) != 0 || flags == flagZero|flagMerge) {
		d.fail("data.flags", "unknown flags %#x", flags)
	}
	if d.err == nil && flags == flagZero {
		if d.off != len(d.b) {
			d.fail("data", "%d trailing bytes", len(d.b)-d.off)
		}
		return Summaries{}, d.err
	}
	var o SummaryOptions
	o.MergeSameDay = flags&flagMerge != 0
	o.Unit = TimeUnit(d.byte("data.unit"))
	o.CalibrationEnd = d.time("data.calibration_end")
	o.HoldoutEnd = d.time("data.holdout_end")
	o.Holdout = time.Duration(d.varint("data.holdout"))
	hint := d.uvarint("data.size_hint")
	if d.err == nil && hint > math.MaxInt32 {
		d.fail("data.size_hint", "%d is too large", hint)
	}
	o.SizeHint = int(hint)
	n := d.uvarint("data.customers")
	if d.err != nil {
		return Summaries{}, d.err
	}
	cfg, err := o.config()
	if err != nil {
		return Summaries{}, check.New(ErrInvalidInput, "data.options", "%v", err)
	}
	if n > uint64((len(d.b)-d.off)/minCustomerBytes) {
		return Summaries{}, check.New(ErrInvalidInput, "data.customers", "%d customers cannot fit in %d bytes", n, len(d.b)-d.off)
	}
	s := newSummaries(cfg, int(n))
	for i := range int(n) {
		d.customer(&s, i)
		if d.err != nil {
			return Summaries{}, d.err
		}
	}
	if o.MergeSameDay {
		d.dayPairs(&s)
	}
	if d.err == nil && d.off != len(d.b) {
		d.fail("data", "%d trailing bytes", len(d.b)-d.off)
	}
	if d.err != nil {
		return Summaries{}, d.err
	}
	return s, nil
}

// customer reads customer i into s and checks its aggregate.
func (d *decoder) customer(s *Summaries, i int) {
	d.cust = i
	defer func() { d.cust = -1 }()
	id := d.string("id")
	firstID := d.string("first_order_id")
	if d.err != nil {
		return
	}
	if id == "" {
		d.fail("id", "is empty")
		return
	}
	if idx := s.index(id); int(idx) != i {
		d.fail("id", "%q repeats customer %d", id, idx)
		return
	}
	const i64, i32 = math.MaxInt64, math.MaxInt32
	a, c := &s.hot[i], &s.cold[i]
	c.firstID = firstID
	a.units = d.int64("units", 0, i64)
	a.firstUnits = d.int64("first_units", 0, a.units)
	a.firstSec = d.int64("first_sec", minUnix, maxUnix-1)
	a.lastSec = d.int64("last_sec", minUnix, maxUnix-1)
	a.items = d.int64("items", 0, i64)
	a.firstNsec = d.int32("first_nsec", 0, 999_999_999)
	a.lastNsec = d.int32("last_nsec", 0, 999_999_999)
	a.orders = d.int32("orders", 0, i32)
	a.n = d.int32("purchases", 0, int64(a.orders))
	a.firstDay = d.int32("first_day", math.MinInt32, i32)
	a.lastDay = d.int32("last_day", int64(a.firstDay), i32)
	c.discount = d.int64("discount", 0, i64)
	c.retUnits = d.int64("returned_units", 0, a.units)
	c.hunits = d.int64("holdout_units", 0, i64)
	c.horders = d.int64("holdout_orders", 0, i64)
	c.hn = d.int64("holdout_purchases", 0, c.horders)
	c.returns = d.int64("returns", 0, int64(a.orders))
	c.hFirstDay = d.int32("holdout_first_day", math.MinInt32, i32)
	c.hLastDay = d.int32("holdout_last_day", int64(c.hFirstDay), i32)
	if d.err != nil {
		return
	}
	cfg := &s.cfg
	dayMode := cfg.opts.MergeSameDay
	switch {
	case a.orders == 0 && (*a != accHot{} || firstID != "" || c.discount != 0 || c.retUnits != 0):
		d.fail("orders", "is 0 but the calibration fields are not empty")
	case a.orders == 0 && c.horders == 0:
		d.fail("orders", "customer without calibration or holdout orders")
	case a.orders > 0 && before(a.lastSec, a.lastNsec, a.firstSec, a.firstNsec):
		d.fail("last_sec", "last order before the first")
	case a.orders > 0 && before(cfg.calEnd.Unix(), int32(cfg.calEnd.Nanosecond()), a.lastSec, a.lastNsec) && !dayMode:
		d.fail("last_sec", "after the calibration end")
	case a.orders > 0 && a.lastDay > cfg.calDay && dayMode:
		d.fail("last_day", "after the calibration end")
	case a.orders > 0 && !dayMode && (a.n != a.orders || a.firstDay != 0 || a.lastDay != 0):
		d.fail("purchases", "inconsistent with orders (%d, %d)", a.n, a.orders)
	case !cfg.hasHold && c.horders != 0:
		d.fail("holdout_orders", "is %d without a holdout period", c.horders)
	case c.horders == 0 && (c.hunits != 0 || c.hn != 0 || c.hFirstDay != 0 || c.hLastDay != 0):
		d.fail("holdout_orders", "is 0 but the holdout fields are not empty")
	case !dayMode && (c.hn != c.horders || c.hFirstDay != 0 || c.hLastDay != 0):
		d.fail("holdout_purchases", "inconsistent with holdout orders")
	case dayMode && c.horders > 0 && (c.hFirstDay <= cfg.calDay || c.hLastDay > cfg.holdDay):
		d.fail("holdout_first_day", "outside the holdout period")
	}
}

// dayPairs reads the day log of MergeSameDay summaries and checks it against
// every customer's purchase counts and first and last dates.
func (d *decoder) dayPairs(s *Summaries) {
	n := d.uvarint("data.day_pairs")
	if d.err != nil {
		return
	}
	if n > uint64(len(d.b)-d.off) {
		d.fail("data.day_pairs", "%d pairs cannot fit in %d bytes", n, len(d.b)-d.off)
		return
	}
	pairs := make([]uint64, 0, n)
	prev := uint64(0)
	for j := range int(n) {
		delta := d.uvarint("data.day_pairs")
		if d.err != nil {
			return
		}
		k := prev + delta
		if (delta == 0 && j > 0) || k < prev {
			d.fail("data.day_pairs", "pair %d is not above the one before", j)
			return
		}
		idx, day := dec(k)
		if k>>32 == 0 || int(idx) >= len(s.hot) {
			d.fail("data.day_pairs", "pair %d names customer %d of %d", j, idx, len(s.hot))
			return
		}
		if day > s.cfg.holdDay && s.cfg.hasHold || day > s.cfg.calDay && !s.cfg.hasHold {
			d.fail("data.day_pairs", "pair %d has a date after the period", j)
			return
		}
		pairs = append(pairs, k)
		prev = k
	}
	s.days.pairs = pairs
	s.days.clean = len(pairs)
	// The recorded counts and first and last dates must be those of the
	// log; recount from the log and compare.
	want := make([]accHot, len(s.hot))
	wantCold := make([]accCold, len(s.hot))
	for i := range s.hot {
		want[i], wantCold[i] = s.hot[i], s.cold[i]
	}
	s.recount()
	first := make([]int32, len(s.hot))
	last := make([]int32, len(s.hot))
	hFirst := make([]int32, len(s.hot))
	hLast := make([]int32, len(s.hot))
	seen := make([]bool, len(s.hot))
	hSeen := make([]bool, len(s.hot))
	for _, k := range pairs {
		idx, day := dec(k)
		if day <= s.cfg.calDay {
			if !seen[idx] {
				first[idx], seen[idx] = day, true
			}
			last[idx] = day
		} else {
			if !hSeen[idx] {
				hFirst[idx], hSeen[idx] = day, true
			}
			hLast[idx] = day
		}
	}
	for i := range s.hot {
		a, c := &s.hot[i], &s.cold[i]
		ok := a.n == want[i].n && c.hn == wantCold[i].hn &&
			(a.orders > 0) == seen[i] && (c.horders > 0) == hSeen[i] &&
			(!seen[i] || a.firstDay == first[i] && a.lastDay == last[i]) &&
			(!hSeen[i] || c.hFirstDay == hFirst[i] && c.hLastDay == hLast[i])
		if !ok {
			d.fail("customers["+itoa(i)+"].purchases", "inconsistent with the day log")
			return
		}
	}
}
