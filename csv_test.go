package winback

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/kundenwert/winback/internal/sample"
)

var shopMapping = CSVMapping{
	CustomerID: "customer", OrderID: "order", Time: "placed", Amount: "total",
	Items: "items", Discount: "discount", Returned: "returned", TimeLayout: time.DateTime,
}

func TestReadCSVMapsColumns(t *testing.T) {
	const log = "\uFEFForder ; placed;customer;total;items;discount;returned;note\n" +
		"o1;2024-03-01 09:15:00;c7;19.90;2;5;false;first\n" +
		"o2;2024-03-02 10:00:00;c7;\"1,5\";;;;\n" // line 3: decimal comma
	m := shopMapping
	m.Comma = ';'
	m.Location = time.FixedZone("UTC+1", 3600)
	var got []Order
	var errs []error
	for o, err := range ReadCSV(strings.NewReader(log), m) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		got = append(got, o)
	}
	if len(got) != 1 || len(errs) != 1 {
		t.Fatalf("got %d orders and errors %v, want 1 and 1", len(got), errs)
	}
	o := got[0]
	if o.CustomerID != "c7" || o.OrderID != "o1" || o.Items != 2 || o.Amount.String() != "19.9" ||
		o.Discount.String() != "5" || o.Returned || !o.Time.Equal(time.Date(2024, 3, 1, 8, 15, 0, 0, time.UTC)) {
		t.Errorf("order = %+v", o)
	}
	var ie *InputError
	if !errors.As(errs[0], &ie) || ie.Field != "line 3: total" {
		t.Errorf("error = %v, want an InputError on line 3: total", errs[0])
	}
}

func TestReadCSVReportsLineAndField(t *testing.T) {
	const log = "customer,placed,total,items,returned\n" +
		"c1,2024-01-01T10:00:00Z,10.00,1,true\n" + // line 2: fine
		",2024-01-01T10:00:00Z,10.00,1,\n" + // line 3
		"c1,2024-01-01 10:00,10.00,1,\n" + // line 4
		"c1,2024-01-01T10:00:00Z,-1,1,\n" + // line 5
		"c1,2024-01-01T10:00:00Z,1,-1,\n" + // line 6
		"c1,2024-01-01T10:00:00Z,1,1,maybe\n" + // line 7
		"c1,2024-01-01T10:00:00Z,1\n" + // line 8: too few fields
		"c1,\"2024-01-01T10:00:00Z,1,1,\n" // line 9: unterminated quote
	m := CSVMapping{CustomerID: "customer", Time: "placed", Amount: "total", Items: "items", Returned: "returned"}
	want := []string{"", "line 3: customer", "line 4: placed", "line 5: total", "line 6: items", "line 7: returned", "line 8", "line 9"}
	i := 0
	for o, err := range ReadCSV(strings.NewReader(log), m) {
		if i >= len(want) {
			t.Fatalf("extra result %v %v", o, err)
		}
		if want[i] == "" {
			if err != nil || o.OrderID != "c1-2" || !o.Returned {
				t.Errorf("line 2: %+v, %v", o, err)
			}
		} else {
			var ie *InputError
			if !errors.As(err, &ie) || ie.Field != want[i] || !errors.Is(err, ErrInvalidInput) {
				t.Errorf("result %d: %v, want an InputError on %q", i, err, want[i])
			}
		}
		i++
	}
	if i != len(want) {
		t.Errorf("%d results, want %d", i, len(want))
	}
}

func TestReadCSVRejectsBadMappingAndHeader(t *testing.T) {
	for _, c := range []struct {
		name, log string
		m         CSVMapping
		field     string
	}{
		{"no customer column name", "a\n", CSVMapping{Time: "t", Amount: "a"}, "mapping.CustomerID"},
		{"quote as comma", "a\n", CSVMapping{CustomerID: "c", Time: "t", Amount: "a", Comma: '"'}, "mapping.Comma"},
		{"empty file", "", CSVMapping{CustomerID: "c", Time: "t", Amount: "a"}, "line 1"},
		{"missing column", "c,t\n", CSVMapping{CustomerID: "c", Time: "t", Amount: "a"}, "line 1"},
		{"duplicate column", "c,t,a,a\n", CSVMapping{CustomerID: "c", Time: "t", Amount: "a"}, "line 1"},
	} {
		n := 0
		for _, err := range ReadCSV(strings.NewReader(c.log), c.m) {
			n++
			var ie *InputError
			if !errors.As(err, &ie) || ie.Field != c.field {
				t.Errorf("%s: %v, want an InputError on %s", c.name, err, c.field)
			}
		}
		if n != 1 {
			t.Errorf("%s: %d results, want 1", c.name, n)
		}
	}
}

// TestReadCSVStopsWhenTheConsumerStops breaks out of the loop early.
func TestReadCSVStopsWhenTheConsumerStops(t *testing.T) {
	log := "c,t,a\nx,2024-01-01T00:00:00Z,1\nbad\nx,2024-01-02T00:00:00Z,1\n"
	n := 0
	for range ReadCSV(strings.NewReader(log), CSVMapping{CustomerID: "c", Time: "t", Amount: "a"}) {
		n++
		break
	}
	if n != 1 {
		t.Errorf("yielded %d times after break", n)
	}
}

// FuzzReadCSV: whatever the bytes, ReadCSV does not panic, every order it
// yields is valid, and every error is an InputError naming a line.
func FuzzReadCSV(f *testing.F) {
	f.Add("customer,order,placed,total,items,discount,returned\nc1,o1,2024-01-01 10:00:00,10.00,1,0,false\n")
	f.Add("customer,placed,total\nc1,2024-01-01 10:00:00,1e3\nc2,\"2024-01-01 10:00:00\",0.0001\n")
	f.Add("customer,placed,total\n,,\n\"\n")
	f.Add("")
	f.Fuzz(func(t *testing.T, data string) {
		m := shopMapping
		m.OrderID, m.Items, m.Discount, m.Returned = "", "", "", ""
		if strings.Contains(data, "order") {
			m = shopMapping
		}
		m.CustomerID, m.Time, m.Amount = "customer", "placed", "total"
		for o, err := range ReadCSV(strings.NewReader(data), m) {
			if err != nil {
				var ie *InputError
				if !errors.As(err, &ie) || !strings.HasPrefix(ie.Field, "line ") {
					t.Fatalf("error %v is not an InputError naming a line", err)
				}
				continue
			}
			if err := o.Validate(); err != nil {
				t.Fatalf("yielded invalid order %+v: %v", o, err)
			}
		}
	})
}

// FuzzReadCDNOW: whatever the bytes, ReadCDNOW does not panic, every order
// it yields is valid, and every error is an InputError naming a line.
func FuzzReadCDNOW(f *testing.F) {
	f.Add(sample.CDNOW[:400], false)
	f.Add("customer_id date number_of_cds dollar_value\n00001 19970101  1   11.77\n", true)
	f.Add("00001 19971301 1 1\n00001 1997010 1 1\n 00001 19970101 1 1e400\n", true)
	f.Add("\n\n\t\n", false)
	f.Fuzz(func(t *testing.T, data string, master bool) {
		format := CDNOWSample
		if master {
			format = CDNOWMaster
		}
		for o, err := range ReadCDNOW(strings.NewReader(data), format) {
			if err != nil {
				var ie *InputError
				if !errors.As(err, &ie) || !strings.HasPrefix(ie.Field, "line ") {
					t.Fatalf("error %v is not an InputError naming a line", err)
				}
				continue
			}
			if err := o.Validate(); err != nil {
				t.Fatalf("yielded invalid order %+v: %v", o, err)
			}
		}
	})
}
