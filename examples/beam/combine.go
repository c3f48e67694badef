package main

import (
	"fmt"

	"github.com/kundenwert/winback"
)

// historyFn is the CombineFn that builds one customer's history (orders
// and summaries) from the customer's orders, wherever they are: each worker
// folds the orders it reads into the library's Summaries of those orders,
// and the partial histories of all workers merge exactly with
// Summaries.Merge (associative and commutative, even when one day's orders
// are split across workers).
type historyFn struct {
	Cfg Config `json:"cfg"`

	st *settings
}

func (f *historyFn) settings() (*settings, error) {
	if f.st == nil {
		st, err := f.Cfg.resolve()
		if err != nil {
			return nil, err
		}
		f.st = &st
	}
	return f.st, nil
}

// CreateAccumulator returns an empty history.
func (f *historyFn) CreateAccumulator() (history, error) {
	st, err := f.settings()
	if err != nil {
		return history{}, err
	}
	return history{opts: st.partOpts}, nil
}

// AddInput adds the order and folds the unsummarised orders when there are
// Config.Batch of them.
func (f *historyFn) AddInput(h history, o winback.Order) (history, error) {
	st, err := f.settings()
	if err != nil {
		return h, err
	}
	if h.id == "" {
		h.id = o.CustomerID
	} else if o.CustomerID != h.id {
		return h, fmt.Errorf("history of %q: an order of customer %q", h.id, o.CustomerID)
	}
	h.opts = st.partOpts
	h.orders = append(h.orders, o)
	if len(h.orders)-h.folded >= st.batch {
		return h.fold()
	}
	return h, nil
}

// MergeAccumulators merges two histories of one customer exactly.
func (f *historyFn) MergeAccumulators(a, b history) (history, error) {
	st, err := f.settings()
	if err != nil {
		return a, err
	}
	a.opts, b.opts = st.partOpts, st.partOpts
	if a, err = a.fold(); err != nil {
		return a, err
	}
	if b, err = b.fold(); err != nil {
		return a, err
	}
	if a.id == "" {
		a.id = b.id
	} else if b.id != "" && b.id != a.id {
		return a, fmt.Errorf("merging the histories of %q and %q", a.id, b.id)
	}
	if a.sum, err = a.sum.Merge(b.sum); err != nil {
		return a, err
	}
	// A fresh slice: a's array may be shared with an accumulator the
	// runner still holds.
	a.orders = append(append(make([]winback.Order, 0, len(a.orders)+len(b.orders)), a.orders...), b.orders...)
	a.folded = len(a.orders)
	return a, nil
}

// ExtractOutput returns the customer's history with every order folded.
func (f *historyFn) ExtractOutput(h history) (history, error) {
	st, err := f.settings()
	if err != nil {
		return h, err
	}
	h.opts = st.partOpts
	return h.fold()
}
