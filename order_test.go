package winback

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

func validOrder() Order {
	return Order{
		CustomerID: "c1", OrderID: "o1",
		Time:   time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC),
		Amount: decimal.RequireFromString("19.99"), Items: 2,
		Discount: decimal.RequireFromString("5"),
	}
}

func TestOrderValidateNamesTheField(t *testing.T) {
	for _, c := range []struct {
		name  string
		edit  func(*Order)
		field string
	}{
		{"valid", func(*Order) {}, ""},
		{"empty order id is fine", func(o *Order) { o.OrderID = "" }, ""},
		{"zero amount is fine", func(o *Order) { o.Amount = decimal.Zero }, ""},
		{"zero-value amount is fine", func(o *Order) { o.Amount = decimal.Decimal{} }, ""},
		{"four places", func(o *Order) { o.Amount = decimal.RequireFromString("0.0001") }, ""},
		{"trailing zeros beyond four places", func(o *Order) { o.Amount = decimal.RequireFromString("1.230000") }, ""},
		{"no customer", func(o *Order) { o.CustomerID = "" }, "CustomerID"},
		{"zero time", func(o *Order) { o.Time = time.Time{} }, "Time"},
		{"year 10000", func(o *Order) { o.Time = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC) }, "Time"},
		{"negative amount", func(o *Order) { o.Amount = decimal.RequireFromString("-0.01") }, "Amount"},
		{"five places", func(o *Order) { o.Amount = decimal.RequireFromString("0.00001") }, "Amount"},
		{"too large", func(o *Order) { o.Amount = decimal.New(1, 11) }, "Amount"},
		{"huge coefficient", func(o *Order) { o.Amount = decimal.RequireFromString("1234567890123456789012") }, "Amount"},
		{"huge exponent", func(o *Order) { o.Amount = decimal.New(1, 40) }, "Amount"},
		{"negative items", func(o *Order) { o.Items = -1 }, "Items"},
		{"negative discount", func(o *Order) { o.Discount = decimal.RequireFromString("-1") }, "Discount"},
	} {
		t.Run(c.name, func(t *testing.T) {
			o := validOrder()
			c.edit(&o)
			err := o.Validate()
			if c.field == "" {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			var ie *InputError
			if !errors.As(err, &ie) || ie.Field != c.field || !errors.Is(err, ErrInvalidInput) {
				t.Fatalf("Validate() = %v, want an InputError on %s", err, c.field)
			}
		})
	}
}

// TestToUnitsIsExact checks the conversion to 10⁻⁴ units against values
// worked out by hand.
func TestToUnitsIsExact(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int64
	}{
		{"0", 0}, {"29.33", 293300}, {"1", 10000}, {"1e3", 10000000}, {"0.0001", 1},
		{"99999999999.9999", 999999999999999}, {"12.340000", 123400}, {"0.000000", 0},
	} {
		got, reason := toUnits(decimal.RequireFromString(c.in))
		if reason != "" || got != c.want {
			t.Errorf("toUnits(%s) = %d, %q; want %d", c.in, got, reason, c.want)
		}
		if back := fromUnits(got); !back.Equal(decimal.RequireFromString(c.in)) {
			t.Errorf("fromUnits(%d) = %s, want %s", got, back, c.in)
		}
	}
}

func TestOrderRoundTripsThroughJSON(t *testing.T) {
	o := validOrder()
	o.Returned = true
	b, err := json.Marshal(o)
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"customer_id":"c1","order_id":"o1","time":"2024-03-01T12:00:00Z","amount":"19.99","items":2,"discount":"5","returned":true}`
	if string(b) != want {
		t.Errorf("JSON = %s, want %s", b, want)
	}
	var back Order
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if back.CustomerID != o.CustomerID || back.OrderID != o.OrderID || !back.Time.Equal(o.Time) ||
		!back.Amount.Equal(o.Amount) || back.Items != o.Items || !back.Discount.Equal(o.Discount) || !back.Returned {
		t.Errorf("round trip gave %+v, want %+v", back, o)
	}
}
