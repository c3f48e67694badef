package consent

import "github.com/kundenwert/winback/internal/enum"

// Rule is the provision that decided a Decision, with a stable identifier.
// A Rule does not say whether the answer is yes or no; Decision.Allowed does.
type Rule uint8

// Rules, with stable identifiers.
const (
	RuleNone             Rule = iota // "none": no decision (the ChannelUnknown entry of ChannelDecisions)
	RuleTransactional                // "transactional": not advertising, outside § 7 UWG
	RuleObjection                    // "gdpr-21": objection to direct marketing (Art. 21(2), (3) GDPR; § 7(1) sentence 2 UWG)
	RuleRevoked                      // "gdpr-7-3": consent for the channel withdrawn (Art. 7(3) GDPR)
	RulePostal                       // "uwg-7-1": letter post, allowed unless recognisably unwanted (§ 7(1) UWG)
	RulePhone                        // "uwg-7-2-1": telephone advertising (§ 7(2) Nr. 1 UWG, § 7a UWG)
	RuleElectronic                   // "uwg-7-2-2": automatic calling machine, fax, electronic mail (§ 7(2) Nr. 2 UWG)
	RuleMessageDuties                // "uwg-7-2-3": concealed sender, § 6(1) DDG breach, no address to object (§ 7(2) Nr. 3 UWG)
	RuleExistingCustomer             // "uwg-7-3": existing-customer e-mail exception (§ 7(3) UWG)

	ruleCount
)

// ruleIDs are the identifiers of Rule, indexed by value.
var ruleIDs = [...]string{
	"none", "transactional", "gdpr-21", "gdpr-7-3", "uwg-7-1", "uwg-7-2-1", "uwg-7-2-2", "uwg-7-2-3", "uwg-7-3",
}

func ruleNames() enum.Names[Rule] {
	return enum.Names[Rule]{Type: "consent.Rule", IDs: ruleIDs[:]}
}

// String returns the stable identifier, e.g. "uwg-7-2-2".
func (r Rule) String() string { return ruleNames().String(r) }

// MarshalText returns the stable identifier.
func (r Rule) MarshalText() ([]byte, error) { return ruleNames().Marshal(r) }

// UnmarshalText parses a stable identifier.
func (r *Rule) UnmarshalText(b []byte) error {
	v, err := ruleNames().Parse(string(b))
	if err == nil {
		*r = v
	}
	return err
}
