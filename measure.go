package winback

import (
	"fmt"
	"iter"
	"time"

	"github.com/kundenwert/winback/consent"
	"github.com/kundenwert/winback/internal/check"
	"github.com/kundenwert/winback/retention"
	"github.com/shopspring/decimal"
)

// Contact is one entry of a campaign's contact log: the customer was
// approached at Time on Channel at Cost, or, with Holdout, belongs to the
// control group and was deliberately not approached (Time is then the date
// the contact would have happened).
type Contact struct {
	CustomerID string          `json:"customer_id"`
	Time       time.Time       `json:"time"`
	Channel    consent.Channel `json:"channel"`
	Cost       decimal.Decimal `json:"cost"`
	Holdout    bool            `json:"holdout"`
}

// MeasureOptions say how a campaign is judged.
type MeasureOptions struct {
	// Window is how long after the contact an order counts as a win-back;
	// zero means 90 days.
	Window time.Duration `json:"window"`
	// SustainMonths is the period after which a won-back customer must
	// still buy to count as sustainably reactivated (seed 003: 6 months);
	// zero means retention.DefaultSustainMonths.
	SustainMonths int `json:"sustain_months"`
	// End is the date of the measurement; orders after it are ignored.
	// Required.
	End time.Time `json:"end"`
	// Level is the confidence level of the uplift interval; zero means 0.95.
	Level float64 `json:"level"`
}

// CampaignResult holds the win-back KPIs of seed 003 for the contacted
// customers, and the uplift over the holdout group. A KPI whose
// denominator is empty (nobody won back, no holdout group, too little time
// for the sustain period) is left zero and named in Undefined.
type CampaignResult struct {
	Contacted int `json:"contacted"`
	WonBack   int `json:"won_back"`
	// WinBackRate is WonBack / Contacted.
	WinBackRate float64 `json:"win_back_rate"`
	// Cost is the cost of all contacts; CostPerWinBack = Cost / WonBack.
	Cost           decimal.Decimal `json:"cost"`
	CostPerWinBack decimal.Decimal `json:"cost_per_win_back"`
	// Revenue is what the won-back customers spent from their contact to
	// End; RevenuePerReactivated = Revenue / WonBack.
	Revenue               decimal.Decimal `json:"revenue"`
	RevenuePerReactivated decimal.Decimal `json:"revenue_per_reactivated"`
	// TimeToNextPurchase summarises the days from contact to first order
	// of the won-back customers.
	TimeToNextPurchase retention.WaitSummary `json:"time_to_next_purchase"`
	// SustainedReactivation is the share of won-back customers (with
	// SustainMonths of observation) who bought again SustainMonths or
	// more after the contact.
	SustainedReactivation float64 `json:"sustained_reactivation"`
	// CLVUplift is the mean revenue per won-back customer in the Window
	// after the contact minus the same in the Window before it (the
	// convention of this package for seed 003's "CLV before and after").
	CLVUplift decimal.Decimal `json:"clv_uplift"`
	// Uplift compares the win-back rates of contacted and holdout groups.
	Uplift    Uplift   `json:"uplift"`
	Undefined []string `json:"undefined,omitempty"`
}

// contactTrack accumulates one contacted or held-out customer's orders.
type contactTrack struct {
	at, firstAfter time.Time
	holdout        bool
	before, after  int64 // revenue in units in the window before / after
	since          int64 // revenue in units from the contact to End
	sustained      bool
}

// Measure evaluates a finished campaign from its contact log and the order
// log (streamed, any order). A customer counts as won back when they
// ordered within Window after their contact. Each customer may appear once
// in the log. The KPIs are computed with package retention.
func Measure(contacts []Contact, orders iter.Seq2[Order, error], opts MeasureOptions) (CampaignResult, error) {
	opts, err := measureDefaults(opts)
	if err != nil {
		return CampaignResult{}, err
	}
	tracks, cost, err := trackContacts(contacts, opts)
	if err != nil {
		return CampaignResult{}, err
	}
	i := 0
	for o, err := range orders {
		if err != nil {
			return CampaignResult{}, err
		}
		if err := o.Validate(); err != nil {
			return CampaignResult{}, check.Within(fmt.Sprintf("orders[%d]", i), err)
		}
		i++
		if t, ok := tracks[o.CustomerID]; ok && !o.Time.After(opts.End) {
			t.add(o, opts)
		}
	}
	return result(tracks, cost, opts), nil
}

func measureDefaults(opts MeasureOptions) (MeasureOptions, error) {
	if opts.Window == 0 {
		opts.Window = 90 * 24 * time.Hour
	}
	if opts.SustainMonths == 0 {
		opts.SustainMonths = retention.DefaultSustainMonths
	}
	if opts.Window < 0 {
		return opts, check.New(ErrInvalidInput, "opts.window", "must be ≥ 0, got %v", opts.Window)
	}
	if !(opts.Level >= 0 && opts.Level < 1) {
		return opts, check.New(ErrInvalidInput, "opts.level", "must be in (0, 1), got %v", opts.Level)
	}
	if opts.SustainMonths < 0 {
		return opts, check.New(ErrInvalidInput, "opts.sustain_months", "must be ≥ 0, got %d", opts.SustainMonths)
	}
	return opts, check.NotZeroTime(ErrInvalidInput, "opts.end", opts.End)
}

func trackContacts(contacts []Contact, opts MeasureOptions) (map[string]*contactTrack, decimal.Decimal, error) {
	if len(contacts) == 0 {
		return nil, decimal.Zero, check.New(ErrUndefined, "contacts", "the contact log is empty")
	}
	tracks := make(map[string]*contactTrack, len(contacts))
	cost := decimal.Zero
	for i, c := range contacts {
		field := func(name string) string { return fmt.Sprintf("contacts[%d].%s", i, name) }
		switch {
		case c.CustomerID == "":
			return nil, cost, check.New(ErrInvalidInput, field("customer_id"), "is empty")
		case c.Time.IsZero():
			return nil, cost, check.New(ErrInvalidInput, field("time"), "is missing")
		case c.Time.After(opts.End):
			return nil, cost, check.New(ErrInvalidInput, field("time"), "%s is after the measurement end %s", c.Time.Format(time.DateOnly), opts.End.Format(time.DateOnly))
		case c.Cost.Sign() < 0:
			return nil, cost, check.New(ErrInvalidInput, field("cost"), "must be ≥ 0, got %s", c.Cost)
		}
		if _, dup := tracks[c.CustomerID]; dup {
			return nil, cost, check.New(ErrInvalidInput, field("customer_id"), "customer %q appears twice in the contact log", c.CustomerID)
		}
		tracks[c.CustomerID] = &contactTrack{at: c.Time, holdout: c.Holdout}
		if !c.Holdout {
			cost = cost.Add(c.Cost)
		}
	}
	return tracks, cost, nil
}

func (t *contactTrack) add(o Order, opts MeasureOptions) {
	units, _ := toUnits(o.Amount) // validated
	switch {
	case o.Time.Before(t.at):
		if !o.Time.Before(t.at.Add(-opts.Window)) {
			t.before += units
		}
		return
	case !o.Time.After(t.at.Add(opts.Window)):
		t.after += units
		if t.firstAfter.IsZero() || o.Time.Before(t.firstAfter) {
			t.firstAfter = o.Time
		}
	}
	t.since += units
	if !o.Time.Before(t.at.AddDate(0, opts.SustainMonths, 0)) {
		t.sustained = true
	}
}

func (t *contactTrack) won() bool { return !t.firstAfter.IsZero() }

func result(tracks map[string]*contactTrack, cost decimal.Decimal, opts MeasureOptions) CampaignResult {
	r := CampaignResult{Cost: cost}
	var treated, control Group
	var waits []time.Duration
	var revenue, before, after int64
	observable, sustained := 0, 0
	for _, t := range tracks {
		g := &treated
		if t.holdout {
			g = &control
		}
		g.N++
		if !t.won() {
			continue
		}
		g.Won++
		if t.holdout {
			continue
		}
		waits = append(waits, t.firstAfter.Sub(t.at))
		revenue += t.since
		before += t.before
		after += t.after
		if !opts.End.Before(t.at.AddDate(0, opts.SustainMonths, 0)) {
			observable++
			if t.sustained {
				sustained++
			}
		}
	}
	r.Contacted, r.WonBack = treated.N, treated.Won
	r.Revenue = fromUnits(revenue).Round(2)
	undefined := func(name string, err error) {
		if err != nil {
			r.Undefined = append(r.Undefined, name)
		}
	}
	var err error
	r.WinBackRate, err = retention.WinBackRate(treated.Won, treated.N)
	undefined("win_back_rate", err)
	r.CostPerWinBack, err = retention.CostPerWinBack(cost, treated.Won)
	undefined("cost_per_win_back", err)
	r.RevenuePerReactivated, err = retention.RevenuePerReactivated(r.Revenue, treated.Won)
	undefined("revenue_per_reactivated", err)
	r.TimeToNextPurchase, err = retention.SummarizeWaits(waits)
	undefined("time_to_next_purchase", err)
	r.SustainedReactivation, err = retention.SustainedReactivation(sustained, observable)
	undefined("sustained_reactivation", err)
	if treated.Won > 0 {
		n := decimal.NewFromInt(int64(treated.Won))
		r.CLVUplift = retention.CLVUplift(fromUnits(before).DivRound(n, 2), fromUnits(after).DivRound(n, 2))
	} else {
		undefined("clv_uplift", ErrUndefined)
	}
	r.Uplift, err = UpliftOf(treated, control, opts.Level)
	undefined("uplift", err)
	return r
}
