package winback

import (
	"fmt"

	"github.com/kundenwert/winback/churn"
	"github.com/kundenwert/winback/consent"
	"github.com/kundenwert/winback/internal/check"
	"github.com/kundenwert/winback/segment"
	"github.com/shopspring/decimal"
)

// Policy is a shop's win-back policy: how customers are valued, which
// quadrant gets what, how often a customer may be contacted and on which
// channels. It is a plain value that round-trips through JSON; start from
// DefaultPolicy and change what the shop wants otherwise.
type Policy struct {
	// Margin is the share of spend kept as contribution margin, in (0, 1].
	// It turns expected spend into value. Default 0.3.
	Margin float64 `json:"margin"`
	// AnnualDiscountRate is the effective yearly discount rate of future
	// margin, ≥ 0. Default 0.10.
	AnnualDiscountRate float64 `json:"annual_discount_rate"`
	// HorizonYears is the valuation horizon after the decision date, > 0.
	// Default 2.
	HorizonYears float64 `json:"horizon_years"`
	// ValuationSteps is the number of discounting periods the horizon is
	// cut into for the numerical value sum (clv.CustomerValue), ≥ 1.
	// Default 4 (half years of a two-year horizon; on the CDNOW models the
	// discounted transactions then differ from a 256-step sum by less than
	// 3·10⁻⁵ relative, and each step costs one model evaluation).
	ValuationSteps int `json:"valuation_steps"`

	// WinBackWindowDays is the window in which a win-back must happen to
	// count, > 0. Without a fitted win-back model the win-back probability
	// is the chance of at least one purchase in this window. Default 90.
	WinBackWindowDays int `json:"win_back_window_days"`

	// Thresholds split customers into the four quadrants of the
	// recovery-value matrix: value ≥ Thresholds.Value is high, win-back
	// probability ≥ Thresholds.Prob is high. Plan can derive them from
	// percentiles of the population. Default value 100, probability 0.25.
	Thresholds segment.Thresholds `json:"thresholds"`
	// Treatments is the handling per quadrant (priority, contact mode,
	// budget share of the expected regain). Default
	// segment.DefaultTreatments.
	Treatments segment.Treatments `json:"treatments"`
	// Worthiness are the rules that decide whether a customer is worth
	// winning back at all. Default segment.DefaultWorthinessRules.
	Worthiness segment.WorthinessRules `json:"worthiness"`
	// Churn are the lapse, signal and classification options. Default
	// churn.DefaultOptions. Decide fills Churn.Status.PopulationInterval
	// from Models.PopulationInterval when it is zero.
	Churn churn.Options `json:"churn"`

	// Consent are the staleness limits of the consent engine. Default
	// consent.DefaultOptions.
	Consent consent.Options `json:"consent"`
	// Message describes the win-back message the shop sends: its purpose,
	// content and the §7(2) Nr. 3 UWG / §6 DDG duties it meets. Default: an
	// advertising message for the shop's own similar goods that meets every
	// duty and carries the objection notice.
	Message consent.Message `json:"message"`
	// PersonalChannels and AutomatedChannels are the channels tried, in
	// order, for personal contact and for automated offers. The first one
	// the consent engine allows is chosen. Defaults: phone, email, postal;
	// email, postal, push, in_app, sms.
	PersonalChannels  []consent.Channel `json:"personal_channels"`
	AutomatedChannels []consent.Channel `json:"automated_channels"`

	// MinContactGapDays is the least number of days between two contacts
	// (marketing messages sent), ≥ 0. Default 14.
	MinContactGapDays int `json:"min_contact_gap_days"`
	// MaxContacts is the most contacts within ContactWindowDays, ≥ 1;
	// a customer who had that many waits until the oldest leaves the
	// window. Defaults 3 in 30 days.
	MaxContacts       int `json:"max_contacts"`
	ContactWindowDays int `json:"contact_window_days"`
	// FastTrackDays is how soon to act after a cancellation or an abandoned
	// cart, ≥ 1: within this many days of it the decision is urgent and its
	// deadline is that day. Default 7.
	FastTrackDays int `json:"fast_track_days"`

	// AutomatedCost and PersonalCost are the cost of one contact of each
	// mode, ≥ 0; Plan adds them to the incentive budget as the cost of
	// approaching a customer. Defaults 0.50 and 15.
	AutomatedCost decimal.Decimal `json:"automated_cost"`
	PersonalCost  decimal.Decimal `json:"personal_cost"`
}

// DefaultPolicy returns the documented defaults of every Policy field.
func DefaultPolicy() Policy {
	return Policy{
		Margin:             0.3,
		AnnualDiscountRate: 0.10,
		HorizonYears:       2,
		ValuationSteps:     4,
		WinBackWindowDays:  90,
		Thresholds:         segment.Thresholds{Value: decimal.NewFromInt(100), Prob: 0.25},
		Treatments:         segment.DefaultTreatments(),
		Worthiness:         segment.DefaultWorthinessRules(),
		Churn:              churn.DefaultOptions(),
		Consent:            consent.DefaultOptions(),
		Message: consent.Message{
			Purpose:          consent.PurposeAdvertising,
			Content:          consent.ContentOwnSimilar,
			SenderIdentified: true,
			DDGCompliant:     true,
			OptOutAddress:    true,
			ObjectionNotice:  true,
		},
		PersonalChannels:  []consent.Channel{consent.ChannelPhone, consent.ChannelEmail, consent.ChannelPostal},
		AutomatedChannels: []consent.Channel{consent.ChannelEmail, consent.ChannelPostal, consent.ChannelPush, consent.ChannelInApp, consent.ChannelSMS},
		MinContactGapDays: 14,
		MaxContacts:       3,
		ContactWindowDays: 30,
		FastTrackDays:     7,
		AutomatedCost:     decimal.RequireFromString("0.50"),
		PersonalCost:      decimal.NewFromInt(15),
	}
}

// Validate reports the first field of p that is out of range, as an
// *InputError naming it ("policy.margin").
func (p Policy) Validate() error {
	bad := func(field, format string, args ...any) error {
		return check.New(ErrInvalidInput, "policy."+field, format, args...)
	}
	switch {
	case !(p.Margin > 0 && p.Margin <= 1):
		return bad("margin", "must be in (0, 1], got %v", p.Margin)
	case !(p.AnnualDiscountRate >= 0 && p.AnnualDiscountRate < 10):
		return bad("annual_discount_rate", "must be in [0, 10), got %v", p.AnnualDiscountRate)
	case !(p.HorizonYears > 0 && p.HorizonYears <= 100):
		return bad("horizon_years", "must be in (0, 100], got %v", p.HorizonYears)
	case p.ValuationSteps < 1 || p.ValuationSteps > 10000:
		return bad("valuation_steps", "must be in [1, 10000], got %d", p.ValuationSteps)
	case p.WinBackWindowDays < 1 || p.WinBackWindowDays > 3650:
		return bad("win_back_window_days", "must be in [1, 3650], got %d", p.WinBackWindowDays)
	case p.MinContactGapDays < 0:
		return bad("min_contact_gap_days", "must be ≥ 0, got %d", p.MinContactGapDays)
	case p.MaxContacts < 1:
		return bad("max_contacts", "must be ≥ 1, got %d", p.MaxContacts)
	case p.ContactWindowDays < 1:
		return bad("contact_window_days", "must be ≥ 1, got %d", p.ContactWindowDays)
	case p.FastTrackDays < 1:
		return bad("fast_track_days", "must be ≥ 1, got %d", p.FastTrackDays)
	case p.AutomatedCost.Sign() < 0:
		return bad("automated_cost", "must be ≥ 0, got %s", p.AutomatedCost)
	case p.PersonalCost.Sign() < 0:
		return bad("personal_cost", "must be ≥ 0, got %s", p.PersonalCost)
	}
	if err := p.Thresholds.Validate(); err != nil {
		return bad("thresholds", "%v", err)
	}
	if err := p.Treatments.Validate(); err != nil {
		return bad("treatments", "%v", err)
	}
	if err := p.Churn.Validate(); err != nil {
		return bad("churn", "%v", err)
	}
	if err := checkChannels("personal_channels", p.PersonalChannels); err != nil {
		return err
	}
	return checkChannels("automated_channels", p.AutomatedChannels)
}

func checkChannels(field string, chs []consent.Channel) error {
	for i, c := range chs {
		if c == consent.ChannelUnknown || int(c) >= consent.NumChannels {
			return check.New(ErrInvalidInput, fmt.Sprintf("policy.%s[%d]", field, i), "is not a channel (%d)", uint8(c))
		}
	}
	return nil
}
