package consent

import "github.com/kundenwert/winback/internal/check"

// Options holds the staleness limits on which courts disagree or which no
// court has fixed. A zero field takes its default; a negative field or one
// above 1200 months is an error. All limits are in calendar months and end,
// as in §§ 187(1), 188(2), (3) BGB, on the day with the same number as the
// starting day (or the month's last day): a fact on 15 March 2024 with a
// 12-month limit still counts on 15 March 2025 and no longer on 16 March.
type Options struct {
	// ConsentMaxIdleMonths: a consent neither granted nor used for longer
	// than this is stale. Default 12 (DefaultConsentMaxIdleMonths).
	ConsentMaxIdleMonths int `json:"consent_max_idle_months,omitempty"`
	// AfterContractEndMonths: a consent granted on or before the end of the
	// contract lapses this long after the end. Default 12.
	AfterContractEndMonths int `json:"after_contract_end_months,omitempty"`
	// ExistingCustomerMonths: § 7(3) UWG needs a purchase within this many
	// months. Default 12.
	ExistingCustomerMonths int `json:"existing_customer_months,omitempty"`
}

// Defaults. See doc.go for the decisions each follows.
const (
	// DefaultConsentMaxIdleMonths stays below the shortest period after
	// which a court held an unused consent no longer current: LG München I,
	// 08.04.2010, 17 HK O 138/10 (a consent about one and a half years old;
	// commentary quotes 17 months). LG Berlin, 02.07.2004, 15 O 653/03 put
	// the limit at two years, AG Bonn, 10.05.2016, 104 C 227/15 at four;
	// BGH, 01.02.2018, III ZR 196/17 holds that consent does not lapse by
	// time alone.
	DefaultConsentMaxIdleMonths = 12
	// DefaultAfterContractEndMonths follows BGH, 01.02.2018, III ZR 196/17,
	// which accepted a consent running until the end of the calendar year
	// after the contract ended — at least 12 months in every case.
	DefaultAfterContractEndMonths = 12
	// DefaultExistingCustomerMonths: no court has fixed how long § 7(3)
	// UWG lasts after the last purchase; the default borrows the 12 months
	// above, and a denial on this ground is flagged Contested.
	DefaultExistingCustomerMonths = 12

	maxOptionMonths = 1200
)

// DefaultOptions returns the defaults spelled out.
func DefaultOptions() Options {
	return Options{
		ConsentMaxIdleMonths:   DefaultConsentMaxIdleMonths,
		AfterContractEndMonths: DefaultAfterContractEndMonths,
		ExistingCustomerMonths: DefaultExistingCustomerMonths,
	}
}

func (o Options) resolve() (Options, error) {
	var err error
	o.ConsentMaxIdleMonths, err = resolveMonths("options.consent_max_idle_months", o.ConsentMaxIdleMonths, DefaultConsentMaxIdleMonths)
	if err != nil {
		return o, err
	}
	o.AfterContractEndMonths, err = resolveMonths("options.after_contract_end_months", o.AfterContractEndMonths, DefaultAfterContractEndMonths)
	if err != nil {
		return o, err
	}
	o.ExistingCustomerMonths, err = resolveMonths("options.existing_customer_months", o.ExistingCustomerMonths, DefaultExistingCustomerMonths)
	return o, err
}

func resolveMonths(field string, v, def int) (int, error) {
	switch {
	case v < 0 || v > maxOptionMonths:
		return v, check.New(ErrInvalidInput, field, "must be in [0, %d] months (0 = default), got %d", maxOptionMonths, v)
	case v == 0:
		return def, nil
	}
	return v, nil
}
