package winback

import (
	"time"

	"github.com/kundenwert/winback/internal/enum"
)

// TimeUnit is the unit in which Summarize measures recency t_x, age T and
// inter-purchase times. The zero value is Day.
type TimeUnit uint8

// Time units. A week is 7 days; a month is 365.25/12 = 30.4375 days (the
// mean Gregorian month), so that twelve months make a mean year. Identifiers
// are stable; new units are appended.
const (
	Day   TimeUnit = iota // "day": 24 hours
	Week                  // "week": 7 days
	Month                 // "month": 365.25/12 days
)

// timeUnitIDs are the identifiers of TimeUnit, indexed by value.
var timeUnitIDs = [...]string{"day", "week", "month"}

func timeUnitNames() enum.Names[TimeUnit] {
	return enum.Names[TimeUnit]{Type: "winback.TimeUnit", IDs: timeUnitIDs[:]}
}

// Days returns the length of the unit in days (1, 7 or 30.4375), or 0 for an
// invalid unit.
func (u TimeUnit) Days() float64 {
	switch u {
	case Day:
		return 1
	case Week:
		return 7
	case Month:
		return 365.25 / 12
	}
	return 0
}

// Duration returns the length of the unit; a month is exactly 30 days and
// 10 hours 30 minutes.
func (u TimeUnit) Duration() time.Duration {
	return time.Duration(u.Days() * float64(24*time.Hour))
}

// String returns the identifier, e.g. "week".
func (u TimeUnit) String() string { return timeUnitNames().String(u) }

// MarshalText returns the identifier; an invalid unit is an error.
func (u TimeUnit) MarshalText() ([]byte, error) { return timeUnitNames().Marshal(u) }

// UnmarshalText parses an identifier such as "month".
func (u *TimeUnit) UnmarshalText(b []byte) error {
	return unmarshalEnum(timeUnitNames(), b, u)
}
