package winback

import (
	"bytes"
	"errors"
	"reflect"
	"testing"
	"time"

	"pgregory.net/rapid"
)

// fataler is what roundTrip needs of *testing.T and *rapid.T.
type fataler interface {
	Helper()
	Fatal(args ...any)
	Fatalf(format string, args ...any)
}

func roundTrip(t fataler, s Summaries) Summaries {
	t.Helper()
	b, err := s.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var out Summaries
	if err := out.UnmarshalBinary(b); err != nil {
		t.Fatalf("UnmarshalBinary(MarshalBinary(s)) = %v", err)
	}
	return out
}

// TestSummariesBinaryRoundTripMergesIdentically: every shard of a random
// log, encoded and decoded, merges to the summaries of the whole log, and
// mixing decoded with original parts changes nothing (the invariant a Beam
// CombineFn needs of its accumulator coder).
func TestSummariesBinaryRoundTripMergesIdentically(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		log, opts := genLog(t), genOptions(t)
		whole, err := Summarize(FromSlice(log), opts)
		if err != nil {
			t.Fatal(err)
		}
		parts := summarizeParts(t, shard(t, log, rapid.IntRange(1, 4).Draw(t, "k")), opts)
		mixed := make([]Summaries, len(parts))
		decoded := make([]Summaries, len(parts))
		for i, p := range parts {
			decoded[i] = roundTrip(t, p)
			if canon(decoded[i]) != canon(p) {
				t.Fatalf("part %d after a round trip:\n%s\nbefore:\n%s", i, canon(decoded[i]), canon(p))
			}
			mixed[i] = p
			if rapid.Bool().Draw(t, "decode") {
				mixed[i] = decoded[i]
			}
		}
		for name, ps := range map[string][]Summaries{"decoded": decoded, "mixed": mixed} {
			merged, err := (Summaries{}).Merge(ps...)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := canon(merged), canon(whole); got != want {
				t.Fatalf("%s parts merged:\n%s\nwhole log:\n%s", name, got, want)
			}
			// A merged value round-trips too, and merging it on is exact.
			if got, want := canon(roundTrip(t, merged)), canon(whole); got != want {
				t.Fatalf("%s merge after a round trip:\n%s\nwhole log:\n%s", name, got, want)
			}
		}
	})
}

// TestSummariesBinaryIsCanonical: decoding and re-encoding gives the same
// bytes, so the encoding is a function of the value.
func TestSummariesBinaryIsCanonical(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s, err := Summarize(FromSlice(genLog(t)), genOptions(t))
		if err != nil {
			t.Fatal(err)
		}
		b1, _ := s.MarshalBinary()
		b2, _ := roundTrip(t, s).MarshalBinary()
		if !bytes.Equal(b1, b2) {
			t.Fatalf("re-encoding differs:\n%x\n%x", b1, b2)
		}
	})
}

func TestSummariesBinaryZeroValue(t *testing.T) {
	s := roundTrip(t, Summaries{})
	if s.Len() != 0 || !s.isZero() {
		t.Errorf("zero Summaries decoded to %d customers", s.Len())
	}
	// The zero value stays the identity of Merge after a round trip.
	a, _ := Summarize(FromSlice(handLog()), handOptions(true))
	m, err := s.Merge(a)
	if err != nil || canon(m) != canon(a) {
		t.Errorf("zero ⊕ a = %v, %v", canon(m), err)
	}
}

// TestSummariesBinaryKeepsOptions checks the options that decide whether
// parts may merge, including a zone offset and both ways of giving the
// holdout.
func TestSummariesBinaryKeepsOptions(t *testing.T) {
	zone := time.FixedZone("UTC+9", 9*3600)
	cal := time.Date(2024, 1, 31, 6, 0, 0, 0, zone)
	for _, opts := range []SummaryOptions{
		{Unit: Week, CalibrationEnd: cal, MergeSameDay: true, Holdout: 29 * 24 * time.Hour, SizeHint: 10},
		{Unit: Month, CalibrationEnd: cal, HoldoutEnd: cal.AddDate(0, 1, 0)},
		{Unit: Day, CalibrationEnd: at(1, 31, 0)},
	} {
		a, err := Summarize(FromSlice(handLog()[:4]), opts)
		if err != nil {
			t.Fatal(err)
		}
		b, err := Summarize(FromSlice(handLog()[4:]), opts)
		if err != nil {
			t.Fatal(err)
		}
		d := roundTrip(t, a)
		got, want := d.Options(), a.Options()
		_, gotOff := got.CalibrationEnd.Zone()
		_, wantOff := want.CalibrationEnd.Zone()
		if got.Unit != want.Unit || got.MergeSameDay != want.MergeSameDay || got.Holdout != want.Holdout ||
			got.SizeHint != want.SizeHint || !got.CalibrationEnd.Equal(want.CalibrationEnd) || gotOff != wantOff ||
			!got.HoldoutEnd.Equal(want.HoldoutEnd) {
			t.Errorf("options %+v decoded as %+v", want, got)
		}
		// The decoded part merges with an original one (same options).
		m1, err := d.Merge(b)
		if err != nil {
			t.Fatalf("merging a decoded part: %v", err)
		}
		m2, _ := a.Merge(b)
		for s := range m2.All() {
			g, ok := m1.Get(s.CustomerID)
			if !ok || !g.First.Equal(s.First) || !g.Last.Equal(s.Last) || g.X != s.X || g.Tx != s.Tx ||
				g.T != s.T || !g.Revenue.Equal(s.Revenue) || g.HoldoutPurchases != s.HoldoutPurchases {
				t.Errorf("customer %s: decoded merge %+v, original %+v", s.CustomerID, g, s)
			}
		}
	}
}

// TestSummariesUnmarshalRejectsBadData corrupts a valid encoding in ways
// that each break one rule and checks the field the error names.
func TestSummariesUnmarshalRejectsBadData(t *testing.T) {
	s, err := Summarize(FromSlice(handLog()), handOptions(true))
	if err != nil {
		t.Fatal(err)
	}
	good, _ := s.MarshalBinary()
	// Offsets of the fixed header: magic 0–3, version 4, flags 5, unit 6.
	mod := func(f func(b []byte) []byte) []byte { return f(bytes.Clone(good)) }
	for _, c := range []struct {
		name  string
		data  []byte
		field string
	}{
		{"empty", nil, "data.magic"},
		{"magic", mod(func(b []byte) []byte { b[0] = 'X'; return b }), "data.magic"},
		{"version", mod(func(b []byte) []byte { b[4] = 2; return b }), "data.version"},
		{"flags", mod(func(b []byte) []byte { b[5] = 0x80; return b }), "data.flags"},
		{"unit", mod(func(b []byte) []byte { b[6] = 9; return b }), "data.options"},
		{"truncated", good[:len(good)-1], "data.day_pairs"},
		{"trailing", append(bytes.Clone(good), 0), "data"},
		{"zero with trailing", []byte("WBSM\x01\x01\x00"), "data"},
	} {
		var got Summaries
		err := got.UnmarshalBinary(c.data)
		var ie *InputError
		if !errors.As(err, &ie) || !errors.Is(err, ErrInvalidInput) || ie.Field != c.field {
			t.Errorf("%s: UnmarshalBinary = %v, want an InputError on %s", c.name, err, c.field)
		}
	}
}

// TestSummariesUnmarshalRejectsInconsistentCounts re-encodes a valid state
// with one field changed, so that only the consistency checks can catch it.
func TestSummariesUnmarshalRejectsInconsistentCounts(t *testing.T) {
	for _, merge := range []bool{false, true} {
		s, err := Summarize(FromSlice(handLog()), handOptions(merge))
		if err != nil {
			t.Fatal(err)
		}
		i := s.ids.lookup("A", s.cold)
		for name, corrupt := range map[string]func(t *Summaries){
			"purchases":      func(t *Summaries) { t.hot[i].n++ },
			"returns":        func(t *Summaries) { t.cold[i].returns = int64(t.hot[i].orders) + 1 },
			"last before":    func(t *Summaries) { t.hot[i].lastSec = t.hot[i].firstSec - 1 },
			"holdout counts": func(t *Summaries) { t.cold[i].hn = t.cold[i].horders + 1 },
			"first units":    func(t *Summaries) { t.hot[i].firstUnits = t.hot[i].units + 1 },
		} {
			c := Summaries{cfg: s.cfg, ids: s.ids, hot: append([]accHot(nil), s.hot...),
				cold: append([]accCold(nil), s.cold...), days: dayLog{pairs: append([]uint64(nil), s.days.pairs...)}}
			corrupt(&c)
			b, _ := c.MarshalBinary()
			var got Summaries
			if err := got.UnmarshalBinary(b); !errors.Is(err, ErrInvalidInput) {
				t.Errorf("merge=%v %s: UnmarshalBinary = %v, want ErrInvalidInput", merge, name, err)
			}
		}
	}
}

// FuzzSummariesUnmarshalBinary: arbitrary bytes never panic; whatever
// decodes re-encodes to the same bytes and can be read and merged.
func FuzzSummariesUnmarshalBinary(f *testing.F) {
	for _, merge := range []bool{false, true} {
		s, _ := Summarize(FromSlice(handLog()), handOptions(merge))
		b, _ := s.MarshalBinary()
		f.Add(b)
		f.Add(b[:len(b)/2])
	}
	z, _ := Summaries{}.MarshalBinary()
	f.Add(z)
	f.Fuzz(func(t *testing.T, data []byte) {
		var s Summaries
		if err := s.UnmarshalBinary(data); err != nil {
			if !errors.Is(err, ErrInvalidInput) {
				t.Fatalf("error %v does not wrap ErrInvalidInput", err)
			}
			return
		}
		again, err := s.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(again, data) {
			t.Fatalf("re-encoding differs:\n%x\n%x", again, data)
		}
		for range s.All() {
		}
		_ = s.Totals()
		if _, err := s.Merge(Summaries{}); err != nil {
			t.Fatal(err)
		}
	})
}

func BenchmarkSummariesBinary(b *testing.B) {
	s, err := Summarize(FromSlice(syntheticLog(100_000, 10_000, 1)), SummaryOptions{
		Unit: Week, CalibrationEnd: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), MergeSameDay: true})
	if err != nil {
		b.Fatal(err)
	}
	data, _ := s.MarshalBinary()
	b.Run("Marshal", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(data)))
		buf := make([]byte, 0, len(data))
		for b.Loop() {
			buf, _ = s.AppendBinary(buf[:0])
		}
	})
	b.Run("Unmarshal", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			var d Summaries
			if err := d.UnmarshalBinary(data); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestSummariesCodecCoversTheState fails when a field is added to the
// per-customer aggregate without extending the codec (and its version).
func TestSummariesCodecCoversTheState(t *testing.T) {
	// The codec writes 11 accHot and 10 accCold fields (see AppendBinary).
	if n := reflect.TypeFor[accHot]().NumField(); n != 11 {
		t.Errorf("accHot has %d fields; the codec encodes 11", n)
	}
	if n := reflect.TypeFor[accCold]().NumField(); n != 10 {
		t.Errorf("accCold has %d fields; the codec encodes 10", n)
	}
}
