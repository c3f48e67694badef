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
// registered for them in init (see register.go).

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

// encodeSummaries and decodeSummaries are the coder of winback.Summaries:
// the library's exact, versioned binary form, so that partial summaries
// from different workers merge exactly.
func encodeSummaries(s winback.Summaries) ([]byte, error) { return s.MarshalBinary() }

func decodeSummaries(b []byte) (winback.Summaries, error) {
	var s winback.Summaries
	err := s.UnmarshalBinary(b)
	return s, err
}

// partial is the accumulator of summaryFn: the summaries of the orders
// folded so far plus a short buffer of orders not yet folded (summarising
// order by order would build a table per order). Its coder folds the
// buffer first, so what crosses the wire between workers is always the
// library's mergeable summaries.
type partial struct {
	sum     winback.Summaries
	pending []winback.Order
	opts    winback.SummaryOptions // for the coder's fold; zero after decoding
}

// fold returns p with its buffer summarised and merged into its summaries.
func (p partial) fold() (partial, error) {
	if len(p.pending) == 0 {
		return p, nil
	}
	s, err := winback.Summarize(winback.FromSlice(p.pending), p.opts)
	if err != nil {
		return p, err
	}
	if p.sum, err = p.sum.Merge(s); err != nil {
		return p, err
	}
	p.pending = nil
	return p, nil
}

func encodePartial(p partial) ([]byte, error) {
	p, err := p.fold()
	if err != nil {
		return nil, err
	}
	return p.sum.MarshalBinary()
}

func decodePartial(b []byte) (partial, error) {
	var p partial
	if err := p.sum.UnmarshalBinary(b); err != nil {
		return partial{}, err
	}
	p.opts = p.sum.Options()
	return p, nil
}
