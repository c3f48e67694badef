package segment

import (
	"github.com/kundenwert/winback/internal/check"
	"github.com/kundenwert/winback/internal/enum"
	"github.com/shopspring/decimal"
)

// Profile is what is known about a lost customer when deciding whether
// winning them back is worth it at all (seed 003, "Wann lohnt eine
// Kundenrückgewinnung?"; seed 001).
type Profile struct {
	// Value is the customer's value: CLV, second lifetime value or yearly
	// revenue, as the shop measures it. Any amount.
	Value decimal.Decimal `json:"value"`
	// Margin is the contribution margin (Deckungsbeitrag): revenue minus
	// the variable costs the customer causes. Margin ≤ 0 means the
	// customer costs more than they bring.
	Margin decimal.Decimal `json:"margin"`
	// Referrals counts customers this one brought in; ≥ 0.
	Referrals int `json:"referrals"`
	// Reviews counts the customer's published reviews or recommendations;
	// ≥ 0.
	Reviews int `json:"reviews"`
	// Prestige marks a customer whose name draws others (a well-known
	// company or person) or whose loss would send a signal to the market.
	Prestige bool `json:"prestige"`
	// Orders is the number of orders on record, the measure of how much is
	// known about the customer; ≥ 0.
	Orders int `json:"orders"`
}

// WorthinessRules are the shop's thresholds for Worthiness.
type WorthinessRules struct {
	// MinValue is the value at or above which value alone justifies a
	// win-back. Value must also be positive, so 0 means "any positive
	// value".
	MinValue decimal.Decimal `json:"min_value"`
	// MinMargin is the contribution margin at or above which margin alone
	// justifies a win-back; 0 or less disables this ground.
	MinMargin decimal.Decimal `json:"min_margin"`
	// MinReferrals and MinReviews make a customer a multiplier when either
	// is reached; values below 1 count as 1.
	MinReferrals int `json:"min_referrals"`
	MinReviews   int `json:"min_reviews"`
	// MinOrders is the number of orders needed to judge the customer; 0
	// disables the data requirement.
	MinOrders int `json:"min_orders"`
}

// DefaultWorthinessRules returns rules that accept any positive value, a
// multiplier from 3 referrals or 3 reviews, and need at least 2 orders of
// history. These numbers are this package's convention, not a source's;
// set MinValue to the shop's own threshold (e.g. a percentile of its CLVs).
func DefaultWorthinessRules() WorthinessRules {
	return WorthinessRules{MinValue: decimal.Zero, MinMargin: decimal.Zero, MinReferrals: 3, MinReviews: 3, MinOrders: 2}
}

// Reason is one ground for a worthiness verdict. Identifiers are stable;
// new values are appended. The zero Reason is ReasonUnprofitable.
type Reason uint8

// Reasons, vetoes first.
const (
	ReasonUnprofitable     Reason = iota // "unprofitable": margin ≤ 0 or value < 0; a veto
	ReasonInsufficientData               // "insufficient_data": fewer orders than MinOrders; a veto
	ReasonHighValue                      // "high_value": value > 0 and ≥ MinValue
	ReasonHighMargin                     // "high_margin": margin ≥ MinMargin > 0
	ReasonMultiplier                     // "multiplier": referrals or reviews reach their minimum
	ReasonPrestige                       // "prestige": a prestige customer
	ReasonNoGrounds                      // "no_grounds": profitable and known, but nothing speaks for a win-back
)

// reasonIDs are the stable identifiers, indexed by value; read-only.
var reasonIDs = [...]string{"unprofitable", "insufficient_data", "high_value", "high_margin",
	"multiplier", "prestige", "no_grounds"}

func reasonNames() enum.Names[Reason] {
	return enum.Names[Reason]{Type: "segment.Reason", IDs: reasonIDs[:]}
}

// IsVeto reports whether r rules a win-back out on its own.
func (r Reason) IsVeto() bool { return r == ReasonUnprofitable || r == ReasonInsufficientData }

// IsValid reports whether r is a defined reason.
func (r Reason) IsValid() bool { return r <= ReasonNoGrounds }

// String returns the identifier of r, e.g. "multiplier".
func (r Reason) String() string { return reasonNames().String(r) }

// MarshalText returns the identifier of r; it fails for an invalid value.
func (r Reason) MarshalText() ([]byte, error) { return reasonNames().Marshal(r) }

// UnmarshalText sets r from its identifier; on error r is unchanged.
func (r *Reason) UnmarshalText(b []byte) error {
	v, err := reasonNames().Parse(string(b))
	if err != nil {
		return err
	}
	*r = v
	return nil
}

// Verdict is the outcome of Worthiness.
type Verdict struct {
	// Worth reports whether winning the customer back is worth it.
	Worth bool `json:"worth"`
	// Reasons lists every reason that applies, in Reason order; it is
	// never empty. When Worth is false it holds at least one veto or
	// ReasonNoGrounds.
	Reasons []Reason `json:"reasons"`
}

// Worthiness decides whether a lost customer is worth winning back
// (seed 003, "Wann lohnt eine Kundenrückgewinnung?"; seed 001: only
// profitable customers).
//
// A customer is worth it when no veto applies and at least one ground does.
//
//   - Vetoes: unprofitable (Margin ≤ 0 or Value < 0: never worth it, however
//     famous or well connected) and insufficient data (Orders < MinOrders).
//   - Grounds: high value, high contribution margin, multiplier (referrals
//     or reviews), prestige.
//
// Every reason that applies is reported, so a vetoed customer still shows
// the grounds that would have spoken for them.
func Worthiness(p Profile, r WorthinessRules) (Verdict, error) {
	for _, f := range []struct {
		name string
		v    int
	}{
		{"profile.Referrals", p.Referrals}, {"profile.Reviews", p.Reviews}, {"profile.Orders", p.Orders},
		{"rules.MinReferrals", r.MinReferrals}, {"rules.MinReviews", r.MinReviews}, {"rules.MinOrders", r.MinOrders},
	} {
		if f.v < 0 {
			return Verdict{}, check.New(ErrInvalidInput, f.name, "must be ≥ 0, got %d", f.v)
		}
	}
	var v Verdict
	if !p.Margin.IsPositive() || p.Value.IsNegative() {
		v.Reasons = append(v.Reasons, ReasonUnprofitable)
	}
	if p.Orders < r.MinOrders {
		v.Reasons = append(v.Reasons, ReasonInsufficientData)
	}
	vetoed := len(v.Reasons) > 0
	if p.Value.IsPositive() && p.Value.Cmp(r.MinValue) >= 0 {
		v.Reasons = append(v.Reasons, ReasonHighValue)
	}
	if r.MinMargin.IsPositive() && p.Margin.Cmp(r.MinMargin) >= 0 {
		v.Reasons = append(v.Reasons, ReasonHighMargin)
	}
	if p.Referrals >= max(r.MinReferrals, 1) || p.Reviews >= max(r.MinReviews, 1) {
		v.Reasons = append(v.Reasons, ReasonMultiplier)
	}
	if p.Prestige {
		v.Reasons = append(v.Reasons, ReasonPrestige)
	}
	grounds := len(v.Reasons) > 0 && !v.Reasons[len(v.Reasons)-1].IsVeto()
	switch {
	case vetoed:
	case grounds:
		v.Worth = true
	default:
		v.Reasons = append(v.Reasons, ReasonNoGrounds)
	}
	return v, nil
}
