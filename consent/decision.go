package consent

// Decision answers "may this message go out to this recipient on this
// channel on this date?". It is a small comparable value: the reasons and
// the missing facts are bitsets, so Evaluate returns it without allocating.
type Decision struct {
	// Allowed is true only when a legal basis is positively established.
	Allowed bool `json:"allowed"`
	// Rule is the provision that decided, e.g. RuleElectronic ("uwg-7-2-2").
	Rule Rule `json:"rule"`
	// Reasons are the findings behind the answer, each with statute and,
	// where relevant, court decision (see Reason).
	Reasons ReasonSet `json:"reasons"`
	// Missing are the facts that, once collected, could allow the message;
	// empty when Allowed and after an objection (nothing can be collected).
	// When several legal bases were tried (consent and § 7(3) for e-mail),
	// Missing is the union: collecting the facts of one basis suffices, and
	// Reasons tell which basis each belongs to.
	Missing Facts `json:"missing"`
	// Contested is true when the denial rests on a point on which courts
	// disagree or which no court has settled (staleness of consent, the
	// § 7(3) purchase window, push and in-app as electronic mail), and the
	// engine gave the cautious answer.
	Contested bool `json:"contested"`
}
