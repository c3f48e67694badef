package main

import (
	"errors"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"

	"github.com/kundenwert/winback"
)

func genOrder(t *rapid.T) winback.Order {
	zone := rapid.SampledFrom([]*time.Location{time.UTC, time.FixedZone("", 9*3600), time.FixedZone("", -5*3600-1800)}).Draw(t, "zone")
	return winback.Order{
		CustomerID: rapid.StringN(1, 12, -1).Draw(t, "customer"),
		OrderID:    rapid.StringN(0, 12, -1).Draw(t, "order"),
		Time:       time.Unix(rapid.Int64Range(-1e10, 1e10).Draw(t, "sec"), rapid.Int64Range(0, 999_999_999).Draw(t, "nsec")).In(zone),
		Amount:     decimal.New(rapid.Int64Range(0, 1e12).Draw(t, "amount"), int32(rapid.IntRange(-4, 2).Draw(t, "exp"))),
		Items:      rapid.IntRange(0, 1<<40).Draw(t, "items"),
		Discount:   decimal.New(rapid.Int64Range(0, 1e6).Draw(t, "discount"), -2),
		Returned:   rapid.Bool().Draw(t, "returned"),
	}
}

func sameOrder(a, b winback.Order) bool {
	_, oa := a.Time.Zone()
	_, ob := b.Time.Zone()
	return a.CustomerID == b.CustomerID && a.OrderID == b.OrderID && a.Time.Equal(b.Time) && oa == ob &&
		a.Amount.Equal(b.Amount) && a.Amount.Exponent() == b.Amount.Exponent() &&
		a.Discount.Equal(b.Discount) && a.Items == b.Items && a.Returned == b.Returned
}

// TestOrderCoderRoundTrips: decodeOrder(encodeOrder(o)) is o, with the same
// instant, zone offset and decimal exponent.
func TestOrderCoderRoundTrips(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		o := genOrder(t)
		b, err := encodeOrder(o)
		if err != nil {
			t.Fatal(err)
		}
		got, err := decodeOrder(b)
		if err != nil {
			t.Fatal(err)
		}
		if !sameOrder(got, o) {
			t.Fatalf("decoded %+v, want %+v", got, o)
		}
	})
}

func TestOrderCoderRejectsTruncation(t *testing.T) {
	b, err := encodeOrder(winback.Order{CustomerID: "7", Time: time.Unix(0, 0), Amount: decimal.New(1, 0)})
	if err != nil {
		t.Fatal(err)
	}
	for n := range len(b) {
		if _, err := decodeOrder(b[:n]); !errors.Is(err, errOrderCodec) {
			t.Errorf("decodeOrder of %d of %d bytes = %v, want errOrderCodec", n, len(b), err)
		}
	}
}

// FuzzDecodeOrder: arbitrary bytes never panic, and whatever decodes
// encodes back to a form that decodes to the same order.
func FuzzDecodeOrder(f *testing.F) {
	b, _ := encodeOrder(winback.Order{CustomerID: "00004", OrderID: "x", Time: time.Date(1997, 1, 1, 0, 0, 0, 0, time.UTC),
		Amount: decimal.RequireFromString("29.33"), Items: 2, Returned: true})
	f.Add(b)
	f.Add([]byte{1})
	f.Fuzz(func(t *testing.T, data []byte) {
		o, err := decodeOrder(data)
		if err != nil {
			return
		}
		b, err := encodeOrder(o)
		if err != nil {
			return // e.g. a zone offset time.MarshalBinary refuses
		}
		again, err := decodeOrder(b)
		if err != nil || !sameOrder(again, o) {
			t.Fatalf("re-decoded %+v, %v; want %+v", again, err, o)
		}
	})
}

// TestHistoryCoderFoldsBuffer: the coder folds the buffered orders, so the
// decoded history holds the summaries of all of its orders, and the orders.
func TestHistoryCoderFoldsBuffer(t *testing.T) {
	fn := &historyFn{Cfg: SampleConfig()}
	h, err := fn.CreateAccumulator()
	if err != nil {
		t.Fatal(err)
	}
	orders := sampleOrders(t)[:3] // the first three of customer 00004's four orders (testdata/cdnow_sample.txt)
	for _, o := range orders {
		if h, err = fn.AddInput(h, o); err != nil {
			t.Fatal(err)
		}
	}
	if h.folded != 0 {
		t.Fatalf("%d orders folded, want 0 (batch 64)", h.folded)
	}
	b, err := encodeHistory(h)
	if err != nil {
		t.Fatal(err)
	}
	d, err := decodeHistory(b)
	if err != nil {
		t.Fatal(err)
	}
	if d.folded != len(orders) || len(d.orders) != len(orders) || d.id != orders[0].CustomerID {
		t.Errorf("decoded history: id %q, %d orders, %d folded", d.id, len(d.orders), d.folded)
	}
	for i := range orders {
		if !sameOrder(d.orders[i], orders[i]) {
			t.Errorf("order %d: %+v, want %+v", i, d.orders[i], orders[i])
		}
	}
	want, err := winback.Summarize(winback.FromSlice(orders), fn.st.partOpts)
	if err != nil {
		t.Fatal(err)
	}
	if !equalRows(t, want, d.sum) {
		t.Error("decoded history's summaries differ from the summaries of its orders")
	}
	// An order of another customer is refused.
	other := orders[0]
	other.CustomerID = "99999"
	if _, err := fn.AddInput(h, other); err == nil {
		t.Error("AddInput accepted an order of another customer")
	}
}

// FuzzDecodeHistory: arbitrary bytes never panic the history decoder.
func FuzzDecodeHistory(f *testing.F) {
	fn := &historyFn{Cfg: SampleConfig()}
	h, _ := fn.CreateAccumulator()
	for _, o := range sampleOrders(f)[:3] {
		h, _ = fn.AddInput(h, o)
	}
	b, err := encodeHistory(h)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Add(b[:len(b)/2])
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := decodeHistory(data)
		if err != nil {
			return
		}
		if _, err := encodeHistory(d); err != nil {
			t.Fatalf("a decoded history does not encode: %v", err)
		}
	})
}

func equalRows(t *testing.T, a, b winback.Summaries) bool {
	ra, rb := rows(t, a), rows(t, b)
	if len(ra) != len(rb) {
		return false
	}
	for i := range ra {
		if ra[i] != rb[i] {
			return false
		}
	}
	return true
}
