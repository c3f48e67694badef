package winback

import (
	"time"

	"github.com/kundenwert/winback/internal/enum"
)

// Period is a calendar period of the activity views. Periods follow
// calendar boundaries: weeks start on Monday 00:00 (ISO 8601), months on
// the 1st, quarters on 1 January, 1 April, 1 July and 1 October, years on
// 1 January. The zero value is Weekly.
type Period uint8

// Calendar periods. Identifiers are stable; new periods are appended.
const (
	Weekly    Period = iota // "week"
	Monthly                 // "month"
	Quarterly               // "quarter"
	Yearly                  // "year"
)

// periodIDs are the identifiers of Period, indexed by value.
var periodIDs = [...]string{"week", "month", "quarter", "year"}

func periodNames() enum.Names[Period] {
	return enum.Names[Period]{Type: "winback.Period", IDs: periodIDs[:]}
}

// String returns the identifier, e.g. "quarter".
func (p Period) String() string { return periodNames().String(p) }

// MarshalText returns the identifier; an invalid period is an error.
func (p Period) MarshalText() ([]byte, error) { return periodNames().Marshal(p) }

// UnmarshalText parses an identifier such as "month".
func (p *Period) UnmarshalText(b []byte) error { return unmarshalEnum(periodNames(), b, p) }

// index numbers the period containing t: weeks since the Monday
// 1969-12-29, months and quarters since the year 0, or the year. t is read
// in loc, or in its own location when loc is nil.
func (p Period) index(t time.Time, loc *time.Location) int32 {
	if loc != nil {
		t = t.In(loc)
	}
	if p == Weekly {
		d := dayOf(t) + 3 // 1969-12-29 is day −3
		w := d / 7
		if d%7 < 0 {
			w--
		}
		return w
	}
	y, m, _ := t.Date()
	switch p {
	case Monthly:
		return int32(y*12 + int(m) - 1)
	case Quarterly:
		return int32(y*4 + (int(m)-1)/3)
	}
	return int32(y)
}

// start returns the first instant of period i in loc (UTC when nil).
func (p Period) start(i int32, loc *time.Location) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	n := int(i)
	switch p {
	case Weekly:
		return time.Date(1970, 1, 1+7*n-3, 0, 0, 0, 0, loc)
	case Monthly:
		return time.Date(n/12, time.Month(n%12+1), 1, 0, 0, 0, 0, loc)
	case Quarterly:
		return time.Date(n/4, time.Month(3*(n%4)+1), 1, 0, 0, 0, 0, loc)
	}
	return time.Date(n, 1, 1, 0, 0, 0, 0, loc)
}
