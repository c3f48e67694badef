package consent

import (
	"errors"
	"testing"
	"time"

	"pgregory.net/rapid"
)

// The day count must agree with the calendar date time.Time reports, in any
// zone, and convert back to the same year, month and day.
func TestDayOfMatchesTheCalendarDate(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		sec := rapid.Int64Range(-62135596800+1, 253402300799).Draw(t, "unix") // years 1..9999; the zero instant means "no date"
		off := rapid.IntRange(-14*3600, 14*3600).Draw(t, "offset")
		tm := time.Unix(sec, 0).In(time.FixedZone("z", off))
		y, m, d := tm.Date()
		n := dayOf(tm)
		if want := civilDay(int64(y), int64(m), int64(d)); n != want {
			t.Fatalf("dayOf(%v) = %d, civilDay = %d", tm, n, want)
		}
		if cy, cm, cd := n.civil(); cy != int64(y) || cm != int64(m) || cd != int64(d) {
			t.Fatalf("civil(%d) = %d-%d-%d, want %v", n, cy, cm, cd, tm.Format(time.DateOnly))
		}
	})
}

func TestCivilDayKnownValues(t *testing.T) {
	for _, tm := range []time.Time{date(1970, 1, 1), date(2000, 2, 29), date(2000, 3, 1), date(1900, 3, 1), date(1, 1, 1), date(2025, 12, 31)} {
		// Independent computation: Unix seconds of midnight UTC / 86400.
		want := day(floorDiv(tm.Unix(), 86400))
		if got := civilDay(int64(tm.Year()), int64(tm.Month()), int64(tm.Day())); got != want {
			t.Errorf("civilDay(%v) = %d, want %d", tm.Format(time.DateOnly), got, want)
		}
	}
}

// Period ends per §§ 188(2), (3) BGB.
func TestAddMonthsEndsOnTheSameOrLastDay(t *testing.T) {
	cases := []struct {
		from   time.Time
		months int64
		want   time.Time
	}{
		{date(2024, 1, 31), 1, date(2024, 2, 29)},  // leap February
		{date(2025, 1, 31), 1, date(2025, 2, 28)},  // § 188(3) BGB
		{date(2024, 2, 29), 12, date(2025, 2, 28)}, // leap day + 1 year
		{date(2024, 3, 31), 1, date(2024, 4, 30)},  // 30-day month
		{date(2024, 12, 15), 1, date(2025, 1, 15)}, // year change
		{date(2024, 5, 31), 9, date(2025, 2, 28)},  // several months
		{date(2024, 2, 29), 60, date(2029, 2, 28)}, // five years (§ 7a)
		{date(2024, 3, 15), 12, date(2025, 3, 15)}, // plain case
		{date(2024, 3, 15), 0, date(2024, 3, 15)},  // zero months
		{date(2024, 3, 31), -1, date(2024, 2, 29)}, // backwards, clamped
	}
	for _, c := range cases {
		if got := dayOf(c.from).addMonths(c.months).time(); !got.Equal(c.want) {
			t.Errorf("%v + %d months = %v, want %v", c.from.Format(time.DateOnly), c.months, got.Format(time.DateOnly), c.want.Format(time.DateOnly))
		}
	}
	if noDay.addMonths(3) != noDay {
		t.Error("a missing date plus months must stay missing")
	}
}

func TestProofRetentionUntil(t *testing.T) {
	cases := []struct {
		name  string
		grant time.Time
		uses  []time.Time
		want  time.Time
	}{
		{"grant only", date(2022, 5, 10), nil, date(2027, 5, 10)},                                                              // § 7a(2): five years from the grant
		{"leap day grant", date(2024, 2, 29), nil, date(2029, 2, 28)},                                                          // § 188(3) BGB
		{"latest use counts, any order", date(2022, 5, 10), []time.Time{date(2024, 7, 1), date(2023, 1, 1)}, date(2029, 7, 1)}, // § 7a(2): and from each use
		{"use on the grant day", date(2022, 5, 10), []time.Time{date(2022, 5, 10)}, date(2027, 5, 10)},
		{"time of day ignored", time.Date(2022, 5, 10, 23, 59, 0, 0, time.FixedZone("CEST", 2*3600)), nil, date(2027, 5, 10)},
	}
	for _, c := range cases {
		got, err := ProofRetentionUntil(c.grant, c.uses)
		if err != nil || !got.Equal(c.want) {
			t.Errorf("%s: got %v, %v; want %v", c.name, got, err, c.want)
		}
	}
	bad := []struct {
		name, field string
		grant       time.Time
		uses        []time.Time
	}{
		{"zero grant", "grant", time.Time{}, nil},
		{"use before grant", "uses[1]", date(2022, 5, 10), []time.Time{date(2023, 1, 1), date(2022, 5, 9)}},
		{"zero use", "uses[0]", date(2022, 5, 10), []time.Time{{}}},
	}
	for _, c := range bad {
		_, err := ProofRetentionUntil(c.grant, c.uses)
		var ie *InputError
		if !errors.Is(err, ErrInvalidInput) || !errors.As(err, &ie) || ie.Field != c.field {
			t.Errorf("%s: err = %v, want InputError on %s", c.name, err, c.field)
		}
	}
}

// Adding a use never shortens the retention period.
func TestProofRetentionIsMonotoneInUses(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		grant := genDay(t, "grant")
		n := rapid.IntRange(0, 5).Draw(t, "n")
		uses := make([]time.Time, n)
		for i := range uses {
			uses[i] = grant.AddDate(0, 0, rapid.IntRange(0, 3000).Draw(t, "use"))
		}
		before, err := ProofRetentionUntil(grant, uses)
		if err != nil {
			t.Fatal(err)
		}
		more := append(uses, grant.AddDate(0, 0, rapid.IntRange(0, 3000).Draw(t, "extra")))
		after, err := ProofRetentionUntil(grant, more)
		if err != nil || after.Before(before) {
			t.Fatalf("retention went from %v to %v (%v)", before, after, err)
		}
		if after.Before(grant.AddDate(5, 0, -1)) {
			t.Fatalf("retention %v ends before five years from the grant %v", after, grant)
		}
	})
}

// The cutoff used on the hot path must agree with the period end: a fact on
// day a is outside an n-month limit on day d exactly when d > a + n months.
func TestFirstCountingInvertsAddMonths(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a := dayOf(genDay(t, "a"))
		d := dayOf(genDay(t, "d"))
		n := int64(rapid.IntRange(0, 60).Draw(t, "n"))
		if got, want := a < d.firstCounting(n), d > a.addMonths(n); got != want {
			y, m, dd := a.civil()
			t.Fatalf("a=%d-%d-%d d=%v n=%d: cutoff says %v, period end says %v", y, m, dd, d.time().Format(time.DateOnly), n, got, want)
		}
	})
}
