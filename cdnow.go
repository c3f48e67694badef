package winback

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"iter"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/kundenwert/winback/internal/check"
	"github.com/kundenwert/winback/internal/enum"
)

// CDNOWFormat names one of the two layouts of the CDNOW order log, the
// reference data set of the customer-base literature.
type CDNOWFormat uint8

// CDNOW layouts; both are whitespace-separated text with one order line per
// text line, dates YYYYMMDD and amounts in US dollars.
const (
	// CDNOWMaster is CDNOW_master.txt: customer_id, date, number_of_cds,
	// dollar_value, after a header line.
	CDNOWMaster CDNOWFormat = iota
	// CDNOWSample is CDNOW_sample.txt (the 1/10 sample of Fader, Hardie and
	// Lee 2005): customer_id, the id within the sample, date,
	// number_of_cds, dollar_value, without header.
	CDNOWSample
)

// cdnowFormatIDs are the identifiers of CDNOWFormat, indexed by value.
var cdnowFormatIDs = [...]string{"master", "sample"}

func cdnowFormatNames() enum.Names[CDNOWFormat] {
	return enum.Names[CDNOWFormat]{Type: "winback.CDNOWFormat", IDs: cdnowFormatIDs[:]}
}

// String returns the identifier, "master" or "sample".
func (f CDNOWFormat) String() string { return cdnowFormatNames().String(f) }

// MarshalText returns the identifier; an invalid format is an error.
func (f CDNOWFormat) MarshalText() ([]byte, error) { return cdnowFormatNames().Marshal(f) }

// UnmarshalText parses "master" or "sample".
func (f *CDNOWFormat) UnmarshalText(b []byte) error {
	return unmarshalEnum(cdnowFormatNames(), b, f)
}

// maxLine bounds the length of a line the text loaders accept.
const maxLine = 1 << 20

// ReadCDNOW returns the orders of a CDNOW log in file order. In either
// format a first line whose first field is "customer_id" is taken as the
// header and skipped; blank lines are skipped.
//
// Each order has CustomerID = the original CDNOW customer id as written
// (e.g. "00004", so that master and sample agree; the sample's own 1…2357
// id is not kept), Time = midnight UTC of the date, Items = number_of_cds,
// Amount = dollar_value. CDNOW has no order ids: OrderID is synthesised as
// "<customer_id>-<line number>", deterministic for a given file.
//
// A bad line yields a zero Order and an *InputError whose Field names the
// line and the column (e.g. "line 17: date"); the sequence then goes on
// with the next line if the consumer keeps ranging. A read error (or a line
// over 1 MiB) is yielded and ends the sequence.
func ReadCDNOW(r io.Reader, format CDNOWFormat) iter.Seq2[Order, error] {
	return func(yield func(Order, error) bool) {
		if !cdnowFormatNames().Valid(format) {
			yield(Order{}, check.New(ErrInvalidInput, "format", "invalid CDNOW format %d", uint8(format)))
			return
		}
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 0, 4096), maxLine)
		line, seen := 0, false
		for sc.Scan() {
			line++
			var buf [6]string
			f := fieldsInto(buf[:0], sc.Text())
			if len(f) == 0 {
				continue
			}
			if !seen {
				seen = true
				if f[0] == "customer_id" {
					continue
				}
			}
			o, err := parseCDNOW(f, format, line)
			if !yield(o, err) {
				return
			}
		}
		if err := sc.Err(); err != nil {
			if errors.Is(err, bufio.ErrTooLong) {
				err = check.New(ErrInvalidInput, fmt.Sprintf("line %d", line+1), "longer than %d bytes", maxLine)
			}
			yield(Order{}, err)
		}
	}
}

// fieldsInto appends the whitespace-separated fields of s to dst, keeping
// at most cap(dst)+1 of them (enough to tell "too many").
func fieldsInto(dst []string, s string) []string {
	for {
		s = strings.TrimLeft(s, " \t\r\v\f")
		if s == "" {
			return dst
		}
		i := strings.IndexAny(s, " \t\r\v\f")
		if i < 0 {
			return append(dst, s)
		}
		dst = append(dst, s[:i])
		s = s[i:]
		if len(dst) == cap(dst) {
			if strings.TrimLeft(s, " \t\r\v\f") != "" {
				dst = append(dst, "…")
			}
			return dst
		}
	}
}

// cdnowColumns returns the column names of a format, as in the master
// file's header.
func cdnowColumns(f CDNOWFormat) []string {
	if f == CDNOWSample {
		return []string{"customer_id", "sample_id", "date", "number_of_cds", "dollar_value"}
	}
	return []string{"customer_id", "date", "number_of_cds", "dollar_value"}
}

func parseCDNOW(f []string, format CDNOWFormat, line int) (Order, error) {
	bad := func(col, format string, args ...any) (Order, error) {
		return Order{}, check.New(ErrInvalidInput, fmt.Sprintf("line %d: %s", line, col), format, args...)
	}
	if cols := cdnowColumns(format); len(f) != len(cols) {
		return Order{}, check.New(ErrInvalidInput, fmt.Sprintf("line %d", line),
			"has %s fields, want %d (%s)", countFields(f), len(cols), strings.Join(cols, " "))
	}
	if format == CDNOWSample {
		if !allDigits(f[1]) {
			return bad("sample_id", "%q is not a number", f[1])
		}
		f[1] = f[0]
		f = f[1:]
	}
	id, date, cds, dollars := f[0], f[1], f[2], f[3]
	if !allDigits(id) {
		return bad("customer_id", "%q is not a number", id)
	}
	t, ok := parseYYYYMMDD(date)
	if !ok {
		return bad("date", "%q is not a date YYYYMMDD", date)
	}
	if u := t.Unix(); u < minUnix || u >= maxUnix {
		return bad("date", "%q is outside 0001-01-02..9999-12-30", date)
	}
	n, err := strconv.Atoi(cds)
	if err != nil || n < 0 {
		return bad("number_of_cds", "%q is not a count ≥ 0", cds)
	}
	amount, err := decimal.NewFromString(dollars)
	if err != nil {
		return bad("dollar_value", "%q is not a number", dollars)
	}
	if _, reason := toUnits(amount); reason != "" {
		return bad("dollar_value", "%q %s", dollars, reason)
	}
	return Order{CustomerID: id, OrderID: id + "-" + strconv.Itoa(line), Time: t, Amount: amount, Items: n}, nil
}

// countFields says how many fields f holds; fieldsInto marks a cut-off
// line with a final "…".
func countFields(f []string) string {
	if n := len(f); n > 0 && f[n-1] == "…" {
		return "more than " + strconv.Itoa(n-1)
	}
	return strconv.Itoa(len(f))
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// parseYYYYMMDD parses an 8-digit date as midnight UTC, rejecting dates that
// do not exist (e.g. 19970230) and the year 0.
func parseYYYYMMDD(s string) (time.Time, bool) {
	if len(s) != 8 || !allDigits(s) {
		return time.Time{}, false
	}
	y, _ := strconv.Atoi(s[:4])
	m, _ := strconv.Atoi(s[4:6])
	d, _ := strconv.Atoi(s[6:])
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if y < 1 || t.Month() != time.Month(m) || t.Day() != d {
		return time.Time{}, false
	}
	return t, true
}
