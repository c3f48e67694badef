package consent

import "time"

// day is a calendar date as a count of days since 1970-01-01 (proleptic
// Gregorian). The zero time.Time maps to noDay.
type day int64

// noDay stands for a missing date (the zero time.Time).
const noDay day = -1 << 62

// dayOf returns the calendar date of t in t's own location; the time of day
// is ignored. The zero time maps to noDay.
func dayOf(t time.Time) day {
	if t.IsZero() {
		return noDay
	}
	sec := t.Unix()
	if t.Location() != time.UTC {
		_, offset := t.Zone()
		sec += int64(offset)
	}
	return day(floorDiv(sec, secondsPerDay))
}

const secondsPerDay = 24 * 60 * 60

// civilDay converts year, month (1–12) and day of month to days since
// 1970-01-01 with the usual era-based algorithm for the proleptic Gregorian
// calendar (a year counted from March makes February the last month, so
// leap days fall at the end of the counted year).
func civilDay(y, m, d int64) day {
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400 // [0, 399]
	mp := (m + 9) % 12 // March = 0
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return day(era*146097 + doe - 719468)
}

// civil is the inverse of civilDay.
func (n day) civil() (y, m, d int64) {
	z := int64(n) + 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	m = mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return y, m, d
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func isLeap(y int64) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

func daysInMonth(y, m int64) int64 {
	switch m {
	case 2:
		if isLeap(y) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// addMonths returns the last day of a period of n calendar months that
// starts with an event on day n0, following §§ 187(1), 188(2) and 188(3) BGB:
// the period ends with the day of the last month that has the same number as
// the event day, or with the last day of that month when it has no such day
// (31 January + 1 month ends on 28 or 29 February).
func (n0 day) addMonths(n int64) day {
	if n0 == noDay {
		return noDay
	}
	y, m, d := n0.civil()
	total := y*12 + (m - 1) + n
	y2 := floorDiv(total, 12)
	m2 := total - y2*12 + 1
	if dim := daysInMonth(y2, m2); d > dim {
		d = dim
	}
	return civilDay(y2, m2, d)
}

// firstCounting returns the earliest start day a for which a period of n
// months starting on a (see addMonths) still covers day n0, so that
// n0 > a.addMonths(n) exactly when a < n0.firstCounting(n). It is n0 moved
// back n months, or the first day of the following month when that month
// is too short (1 March back one month: 1 February; 31 March back one
// month: 1 March, since every February start ends before 31 March).
func (n0 day) firstCounting(n int64) day {
	y, m, d := n0.civil()
	total := y*12 + (m - 1) - n
	y2 := floorDiv(total, 12)
	m2 := total - y2*12 + 1
	if d > daysInMonth(y2, m2) {
		if m2 == 12 {
			return civilDay(y2+1, 1, 1)
		}
		return civilDay(y2, m2+1, 1)
	}
	return civilDay(y2, m2, d)
}

// time returns the date as midnight UTC.
func (n day) time() time.Time {
	y, m, d := n.civil()
	return time.Date(int(y), time.Month(m), int(d), 0, 0, 0, 0, time.UTC)
}
