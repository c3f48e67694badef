package churn

import (
	"time"
)

// Options bundles the options of Assess. Start from DefaultOptions.
type Options struct {
	Status  StatusOptions `json:"status"`
	Signals SignalOptions `json:"signals"`
	Rules   Rules         `json:"rules"`
}

// DefaultOptions returns DefaultStatusOptions, DefaultSignalOptions and
// DefaultRules.
func DefaultOptions() Options {
	return Options{Status: DefaultStatusOptions(), Signals: DefaultSignalOptions(), Rules: DefaultRules()}
}

// Validate reports the first invalid option.
func (o Options) Validate() error { return o.validate() }

func (o *Options) validate() error {
	if err := o.Status.validate(); err != nil {
		return err
	}
	if err := o.Signals.validate(); err != nil {
		return err
	}
	return o.Rules.validate()
}

// Assessment is the whole churn view of one customer on one date.
type Assessment struct {
	Lapse          Lapse          `json:"lapse"`          // status on the customer's own cycle
	Report         Report         `json:"report"`         // every early-warning signal
	Classification Classification `json:"classification"` // churn type, evidence and response
}

// Assess validates once and runs Status, Signals and Classify for one
// customer on asOf. It does not allocate on success. Errors are those of
// Status (ErrInvalidInput, ErrNoPurchases, ErrNoCycle).
func Assess(h History, asOf time.Time, opts Options) (a Assessment, err error) {
	if err := checkAsOf(asOf); err != nil {
		return Assessment{}, err
	}
	if err := opts.validate(); err != nil {
		return Assessment{}, err
	}
	s, err := collect(&h, nanos(asOf), &opts.Signals)
	if err != nil {
		return Assessment{}, err
	}
	if a.Lapse, err = status(&s, &h.Facts, asOf, &opts.Status); err != nil {
		return Assessment{}, err
	}
	signals(&a.Report, &s, &h.Facts, asOf, &opts.Signals)
	classify(&a.Classification, a.Report.Fired, a.Report.Reasons, &opts.Rules)
	return a, nil
}

// Evidence returns the fired signals that support the assessed type, with
// their values, in id order.
func (a Assessment) Evidence() []Signal {
	var out []Signal
	for id := range a.Classification.Evidence.All() {
		out = append(out, a.Report.Signals[id])
	}
	return out
}
