package winback

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"iter"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/kundenwert/winback/internal/check"
)

// CSVMapping tells ReadCSV which header column holds which Order field.
// Column names are matched exactly after trimming spaces (and a UTF-8 byte
// order mark on the first name).
type CSVMapping struct {
	// CustomerID, Time and Amount name the required columns.
	CustomerID, Time, Amount string
	// OrderID, Items, Discount and Returned name optional columns; leave a
	// name empty when the file has no such column. Without an OrderID
	// column the order id is synthesised as "<customer id>-<line number>".
	// An empty cell in an optional column means zero (false for Returned).
	OrderID, Items, Discount, Returned string
	// TimeLayout is the Go reference layout of the Time column (see
	// time.Parse); empty means time.RFC3339. Layouts without a zone read
	// the time in Location.
	TimeLayout string
	// Location is the zone for times without offset; nil means UTC.
	Location *time.Location
	// Comma is the field delimiter; 0 means ','.
	Comma rune
}

// csvColumns holds the column positions of the mapped fields; -1 when the
// mapping leaves an optional column out.
type csvColumns struct {
	customer, order, time, amount, items, discount, returned int
}

// ReadCSV returns the orders of a CSV order log with a header line, in file
// order. Quoting follows RFC 4180 (encoding/csv); amounts are decimal
// numbers with a '.' point; Returned accepts strconv.ParseBool's forms.
// Every yielded Order is valid (Order.Validate).
//
// A bad record yields a zero Order and an *InputError whose Field names the
// line and the column, e.g. "line 17: amount" (the header's spelling); the
// sequence goes on with the next record if the consumer keeps ranging. A
// bad mapping or header is yielded as an error naming "mapping" or
// "line 1" and ends the sequence, as does a read error.
func ReadCSV(r io.Reader, m CSVMapping) iter.Seq2[Order, error] {
	return func(yield func(Order, error) bool) {
		if err := m.check(); err != nil {
			yield(Order{}, err)
			return
		}
		cr := csv.NewReader(r)
		if m.Comma != 0 {
			cr.Comma = m.Comma
		}
		cr.ReuseRecord = true
		header, err := cr.Read()
		if err != nil {
			if err == io.EOF {
				err = check.New(ErrInvalidInput, "line 1", "no header")
			} else {
				err = csvError(err, 1)
			}
			yield(Order{}, err)
			return
		}
		names := make([]string, len(header))
		for i, h := range header {
			if i == 0 {
				h = strings.TrimPrefix(h, "\uFEFF")
			}
			names[i] = strings.TrimSpace(h)
		}
		cols, err := m.columns(names)
		if err != nil {
			yield(Order{}, err)
			return
		}
		layout := m.TimeLayout
		if layout == "" {
			layout = time.RFC3339
		}
		loc := m.Location
		if loc == nil {
			loc = time.UTC
		}
		for {
			rec, err := cr.Read()
			if err == io.EOF {
				return
			}
			var o Order
			if err == nil {
				line, _ := cr.FieldPos(0)
				o, err = parseCSVRecord(rec, names, cols, layout, loc, line)
			} else {
				var pe *csv.ParseError
				if !errors.As(err, &pe) {
					yield(Order{}, err)
					return
				}
				err = csvError(err, 0)
			}
			if !yield(o, err) {
				return
			}
		}
	}
}

// csvError turns an encoding/csv error into an *InputError naming its line.
func csvError(err error, line int) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return check.New(ErrInvalidInput, fmt.Sprintf("line %d", pe.StartLine), "%v", pe.Err)
	}
	return check.New(ErrInvalidInput, fmt.Sprintf("line %d", line), "%v", err)
}

func (m CSVMapping) check() error {
	for _, f := range []struct{ name, col string }{
		{"mapping.CustomerID", m.CustomerID}, {"mapping.Time", m.Time}, {"mapping.Amount", m.Amount},
	} {
		if strings.TrimSpace(f.col) == "" {
			return check.New(ErrInvalidInput, f.name, "required column name is empty")
		}
	}
	if m.Comma == '"' || m.Comma == '\r' || m.Comma == '\n' || m.Comma == 0xFFFD || m.Comma < 0 {
		return check.New(ErrInvalidInput, "mapping.Comma", "%q cannot be a delimiter", m.Comma)
	}
	return nil
}

// columns finds the mapped columns in the header names.
func (m CSVMapping) columns(names []string) (csvColumns, error) {
	find := func(field, name string, required bool) (int, error) {
		name = strings.TrimSpace(name)
		if name == "" && !required {
			return -1, nil
		}
		at := -1
		for i, n := range names {
			if n != name {
				continue
			}
			if at >= 0 {
				return 0, check.New(ErrInvalidInput, "line 1", "column %q (mapping.%s) appears twice", name, field)
			}
			at = i
		}
		if at < 0 {
			return 0, check.New(ErrInvalidInput, "line 1", "no column %q (mapping.%s) in header %q", name, field, names)
		}
		return at, nil
	}
	var c csvColumns
	var err error
	for _, f := range []struct {
		dst      *int
		field    string
		name     string
		required bool
	}{
		{&c.customer, "CustomerID", m.CustomerID, true},
		{&c.time, "Time", m.Time, true},
		{&c.amount, "Amount", m.Amount, true},
		{&c.order, "OrderID", m.OrderID, false},
		{&c.items, "Items", m.Items, false},
		{&c.discount, "Discount", m.Discount, false},
		{&c.returned, "Returned", m.Returned, false},
	} {
		if *f.dst, err = find(f.field, f.name, f.required); err != nil {
			return c, err
		}
	}
	return c, nil
}

func parseCSVRecord(rec, names []string, c csvColumns, layout string, loc *time.Location, line int) (Order, error) {
	bad := func(col int, format string, args ...any) (Order, error) {
		return Order{}, check.New(ErrInvalidInput, fmt.Sprintf("line %d: %s", line, names[col]), format, args...)
	}
	cell := func(col int) string {
		if col < 0 {
			return ""
		}
		return strings.TrimSpace(rec[col])
	}
	var o Order
	if o.CustomerID = cell(c.customer); o.CustomerID == "" {
		return bad(c.customer, "is empty")
	}
	t, err := time.ParseInLocation(layout, cell(c.time), loc)
	if err != nil {
		return bad(c.time, "%q does not match layout %q", cell(c.time), layout)
	}
	o.Time = t
	if u := t.Unix(); u < minUnix || u >= maxUnix {
		return bad(c.time, "%q is outside 0001-01-02..9999-12-30", cell(c.time))
	}
	if o.Amount, err = parseMoney(cell(c.amount), true); err != nil {
		return bad(c.amount, "%q %v", cell(c.amount), err)
	}
	if o.Discount, err = parseMoney(cell(c.discount), false); err != nil {
		return bad(c.discount, "%q %v", cell(c.discount), err)
	}
	if s := cell(c.items); s != "" {
		if o.Items, err = strconv.Atoi(s); err != nil || o.Items < 0 {
			return bad(c.items, "%q is not a count ≥ 0", s)
		}
	}
	if s := cell(c.returned); s != "" {
		if o.Returned, err = strconv.ParseBool(s); err != nil {
			return bad(c.returned, "%q is not a boolean (true/false, 1/0)", s)
		}
	}
	if c.order >= 0 {
		o.OrderID = cell(c.order)
	} else {
		o.OrderID = o.CustomerID + "-" + strconv.Itoa(line)
	}
	return o, nil
}

// parseMoney parses a non-negative amount with at most four decimal places;
// an empty optional cell is zero.
func parseMoney(s string, required bool) (decimal.Decimal, error) {
	if s == "" {
		if required {
			return decimal.Zero, errors.New("is empty")
		}
		return decimal.Zero, nil
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return decimal.Zero, errors.New("is not a decimal number")
	}
	if _, reason := toUnits(d); reason != "" {
		return decimal.Zero, errors.New(reason)
	}
	return d, nil
}
