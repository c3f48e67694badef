package main

import (
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/kundenwert/winback"
)

// Beam moves elements between workers as bytes. winback.Order and
// winback.Summaries have unexported parts (decimal.Decimal, the summaries'
// state), so the default coders cannot see them; the coders here are
// registered in init (see register.go). Summaries travel in the library's
// exact, versioned binary form (Summaries.MarshalBinary), so that partial
// summaries from different workers merge exactly.

const orderCodecVersion = 1

// encodeOrder is the coder of winback.Order: version, customer id, order id,
// time (time.Time binary form: instant and zone offset), amount and
// discount (decimal.Decimal binary form: exact coefficient and exponent),
// items, returned.
func encodeOrder(o winback.Order) ([]byte, error) {
	b := make([]byte, 0, 64+len(o.CustomerID)+len(o.OrderID))
	b = append(b, orderCodecVersion)
	b = appendBytes(b, []byte(o.CustomerID))
	b = appendBytes(b, []byte(o.OrderID))
	for _, m := range []interface{ MarshalBinary() ([]byte, error) }{o.Time, o.Amount, o.Discount} {
		v, err := m.MarshalBinary()
		if err != nil {
			return nil, fmt.Errorf("encoding order of %q: %w", o.CustomerID, err)
		}
		b = appendBytes(b, v)
	}
	b = binary.AppendVarint(b, int64(o.Items))
	if o.Returned {
		return append(b, 1), nil
	}
	return append(b, 0), nil
}

func appendBytes(b, v []byte) []byte {
	b = binary.AppendUvarint(b, uint64(len(v)))
	return append(b, v...)
}

var errOrderCodec = errors.New("decoding order: malformed data")

// reader reads the fields written by encodeOrder; the first error sticks.
type reader struct {
	b   []byte
	err error
}

func (r *reader) next() []byte {
	n, k := binary.Uvarint(r.b)
	if r.err != nil || k <= 0 || n > uint64(len(r.b)-k) {
		r.err = errOrderCodec
		return nil
	}
	v := r.b[k : k+int(n)]
	r.b = r.b[k+int(n):]
	return v
}

// decodeOrder inverts encodeOrder.
func decodeOrder(b []byte) (winback.Order, error) {
	if len(b) == 0 || b[0] != orderCodecVersion {
		return winback.Order{}, errOrderCodec
	}
	r := reader{b: b[1:]}
	var o winback.Order
	o.CustomerID = string(r.next())
	o.OrderID = string(r.next())
	tb, ab, db := r.next(), r.next(), r.next()
	if r.err != nil {
		return winback.Order{}, r.err
	}
	if err := o.Time.UnmarshalBinary(tb); err != nil {
		return winback.Order{}, fmt.Errorf("%w: time: %v", errOrderCodec, err)
	}
	if err := o.Amount.UnmarshalBinary(ab); err != nil {
		return winback.Order{}, fmt.Errorf("%w: amount: %v", errOrderCodec, err)
	}
	if err := o.Discount.UnmarshalBinary(db); err != nil {
		return winback.Order{}, fmt.Errorf("%w: discount: %v", errOrderCodec, err)
	}
	items, k := binary.Varint(r.b)
	if k <= 0 || len(r.b) != k+1 || r.b[k] > 1 || int64(int(items)) != items {
		return winback.Order{}, errOrderCodec
	}
	o.Items, o.Returned = int(items), r.b[k] == 1
	return o, nil
}

// history is the accumulator and the result of historyFn: one customer's
// orders and the summaries of those orders. The summaries are the
// library's mergeable winback.Summaries; the orders ride along because
// Decide needs them, so that one shuffle of the order log serves both the
// summaries and the decisions. Orders from folded onwards are not yet in
// sum (summarising order by order would build a table per order); the
// coder folds them first, so what crosses the wire always carries the
// summaries of all its orders.
type history struct {
	id     string // customer id; empty until the first order
	sum    winback.Summaries
	orders []winback.Order
	folded int
	opts   winback.SummaryOptions // for folding; set by historyFn
}

// fold returns h with all of its orders summarised.
func (h history) fold() (history, error) {
	if h.folded == len(h.orders) {
		return h, nil
	}
	s, err := winback.Summarize(winback.FromSlice(h.orders[h.folded:]), h.opts)
	if err != nil {
		return h, err
	}
	if h.sum, err = h.sum.Merge(s); err != nil {
		return h, err
	}
	h.folded = len(h.orders)
	return h, nil
}

const historyCodecVersion = 1

// encodeHistory is the coder of history: version, customer id, the
// summaries in the library's binary form, and the orders (encodeOrder,
// without the customer id, which is the history's).
func encodeHistory(h history) ([]byte, error) {
	h, err := h.fold()
	if err != nil {
		return nil, err
	}
	sb, err := h.sum.MarshalBinary()
	if err != nil {
		return nil, err
	}
	b := make([]byte, 0, len(sb)+len(h.id)+48*len(h.orders)+16)
	b = append(b, historyCodecVersion)
	b = appendBytes(b, []byte(h.id))
	b = appendBytes(b, sb)
	b = binary.AppendUvarint(b, uint64(len(h.orders)))
	for _, o := range h.orders {
		if o.CustomerID != h.id {
			return nil, fmt.Errorf("encoding history of %q: an order of customer %q", h.id, o.CustomerID)
		}
		o.CustomerID = ""
		ob, err := encodeOrder(o)
		if err != nil {
			return nil, err
		}
		b = appendBytes(b, ob)
	}
	return b, nil
}

var errHistoryCodec = errors.New("decoding history: malformed data")

// decodeHistory inverts encodeHistory.
func decodeHistory(b []byte) (history, error) {
	if len(b) == 0 || b[0] != historyCodecVersion {
		return history{}, errHistoryCodec
	}
	r := reader{b: b[1:]}
	var h history
	h.id = string(r.next())
	sb := r.next()
	if r.err != nil {
		return history{}, errHistoryCodec
	}
	if err := h.sum.UnmarshalBinary(sb); err != nil {
		return history{}, fmt.Errorf("%w: %v", errHistoryCodec, err)
	}
	n, k := binary.Uvarint(r.b)
	if k <= 0 || n > uint64(len(r.b)) { // every order takes at least a byte
		return history{}, errHistoryCodec
	}
	r.b = r.b[k:]
	h.orders = make([]winback.Order, 0, n)
	for range n {
		ob := r.next()
		if r.err != nil {
			return history{}, errHistoryCodec
		}
		o, err := decodeOrder(ob)
		if err != nil {
			return history{}, err
		}
		o.CustomerID = h.id
		h.orders = append(h.orders, o)
	}
	if len(r.b) != 0 {
		return history{}, errHistoryCodec
	}
	h.folded = len(h.orders)
	h.opts = h.sum.Options()
	return h, nil
}
