package churn

// Effort is how much to invest in winning a customer back.
type Effort uint8

// Effort levels.
const (
	EffortNone   Effort = iota // no spend
	EffortLow                  // automated, cheap
	EffortMedium               // targeted campaign
	EffortHigh                 // personal, case by case
	numEfforts
)

// Incentive is the kind of incentive (seed 000, DOMAIN §5).
type Incentive uint8

// Incentive kinds.
const (
	IncentiveNone      Incentive = iota // no incentive
	IncentiveFinancial                  // discount, voucher, free shipping, instalments
	IncentiveMaterial                   // gift, sample, added product value
	IncentiveEmotional                  // personal contact, apology, feedback handled, exclusive access
	numIncentives
)

// Tone is the tone of the approach.
type Tone uint8

// Tones.
const (
	ToneNeutral          Tone = iota // plain "we miss you"
	ToneApology                      // own the mistake, say sorry
	ToneAppreciation                 // show the customer they matter
	ToneValueProposition             // argue with what the offer is worth, not with price
	ToneReassurance                  // no pressure, flexible terms
	ToneExclusivity                  // premium service, exclusive access
	numTones
)

// Response is the recommended reaction to a churn type.
type Response struct {
	WinBack         bool      `json:"win_back"`         // try to win the customer back at all
	RequireProfit   bool      `json:"require_profit"`   // only if the customer's value justifies the cost (check with segment)
	Effort          Effort    `json:"effort"`           // how much to invest
	Incentive       Incentive `json:"incentive"`        // which kind of incentive
	Tone            Tone      `json:"tone"`             // how to speak
	PersonalContact bool      `json:"personal_contact"` // a person should get in touch (mind consent rules)
	Measures        string    `json:"measures"`         // the measures in a few words
}

// defaultResponses is the response table of the package documentation
// (DOMAIN §3, seed 003).
func defaultResponses() [NumTypes]Response {
	return [NumTypes]Response{
		Unknown: {WinBack: true, RequireProfit: true, Effort: EffortLow, Tone: ToneNeutral,
			Measures: "ask for the reason (exit survey) before investing"},
		CashStrapped: {WinBack: true, RequireProfit: true, Effort: EffortLow, Incentive: IncentiveFinancial, Tone: ToneReassurance,
			Measures: "cheaper range, instalments or payment deferral"},
		Relocated: {WinBack: false, Effort: EffortNone, Tone: ToneNeutral,
			Measures: "usually let go; send an updated offer (e.g. delivery to the new address) if still reachable"},
		Overwhelmed: {WinBack: true, Effort: EffortLow, Incentive: IncentiveEmotional, Tone: ToneApology,
			Measures: "reduce contact frequency, apologise, no pressure, offer self-service"},
		Neglected: {WinBack: true, Effort: EffortMedium, Incentive: IncentiveEmotional, Tone: ToneAppreciation, PersonalContact: true,
			Measures: "personal attention, answer open requests, show appreciation"},
		Disappointed: {WinBack: true, Effort: EffortHigh, Incentive: IncentiveEmotional, Tone: ToneApology, PersonalContact: true,
			Measures: "fix the cause, personal contact, thank for the feedback"},
		Offended: {WinBack: true, Effort: EffortHigh, Incentive: IncentiveMaterial, Tone: ToneApology, PersonalContact: true,
			Measures: "apology, personal contact, goodwill gesture"},
		Switcher: {WinBack: true, Effort: EffortMedium, Incentive: IncentiveMaterial, Tone: ToneValueProposition,
			Measures: "value proposition and added value, not discounts"},
		BargainHunter: {WinBack: true, RequireProfit: true, Effort: EffortLow, Incentive: IncentiveFinancial, Tone: ToneNeutral,
			Measures: "only if profitable: cheap automated price offer"},
		Demanding: {WinBack: true, Effort: EffortHigh, Incentive: IncentiveEmotional, Tone: ToneExclusivity, PersonalContact: true,
			Measures: "premium service, exclusive offer, check product quality"},
		CompanyInitiated: {WinBack: false, Effort: EffortNone, Tone: ToneNeutral,
			Measures: "exclude from win-back"},
	}
}
