package retention

import (
	"strconv"

	"github.com/kundenwert/winback/internal/check"
	"github.com/kundenwert/winback/internal/enum"
)

// NPSGroup is the group an answer to the net-promoter question ("how likely
// are you to recommend us?", 0–10) puts the respondent in. The zero value is
// Detractor.
type NPSGroup uint8

// The NPS groups, with their text ids.
const (
	Detractor NPSGroup = iota // "detractor": answers 0–6
	Passive                   // "passive": answers 7–8
	Promoter                  // "promoter": answers 9–10
)

// npsGroupIDs are the identifiers of NPSGroup, indexed by value.
var npsGroupIDs = [...]string{"detractor", "passive", "promoter"}

func npsGroupNames() enum.Names[NPSGroup] {
	return enum.Names[NPSGroup]{Type: "retention.NPSGroup", IDs: npsGroupIDs[:]}
}

// String returns the text id of g, e.g. "promoter".
func (g NPSGroup) String() string { return npsGroupNames().String(g) }

// MarshalText returns the text id of g; an out-of-range value is an error.
func (g NPSGroup) MarshalText() ([]byte, error) { return npsGroupNames().Marshal(g) }

// UnmarshalText parses a text id such as "passive".
func (g *NPSGroup) UnmarshalText(b []byte) error {
	v, err := npsGroupNames().Parse(string(b))
	if err != nil {
		return err
	}
	*g = v
	return nil
}

// GroupOf returns the NPS group of one answer on the 0–10 scale; an answer
// outside 0–10 returns ErrInvalidInput naming "answer".
func GroupOf(answer int) (NPSGroup, error) {
	return groupOf("answer", answer)
}

func groupOf(field string, a int) (NPSGroup, error) {
	switch {
	case a < 0 || a > 10:
		return 0, check.New(ErrInvalidInput, field, "NPS answer must be in 0–10, got %d", a)
	case a >= 9:
		return Promoter, nil
	case a >= 7:
		return Passive, nil
	default:
		return Detractor, nil
	}
}

// NPS returns the net promoter score of answers on the 0–10 scale as a
// fraction in [−1, 1]: the share of promoters (9–10) minus the share of
// detractors (0–6). Percent gives the usual −100…100 score. An answer outside
// 0–10 returns ErrInvalidInput naming it ("answers[3]"); no answers return
// ErrUndefined.
func NPS(answers []int) (float64, error) {
	if len(answers) == 0 {
		return 0, check.New(ErrUndefined, "answers", "no answers, so the NPS is undefined")
	}
	var n [3]int
	for i, a := range answers {
		if a < 0 || a > 10 {
			_, err := groupOf("answers["+strconv.Itoa(i)+"]", a)
			return 0, err
		}
		g, _ := groupOf("", a)
		n[g]++
	}
	return npsFromCounts(n[Promoter], n[Passive], n[Detractor]), nil
}

// NPSFromCounts returns the net promoter score (promoters − detractors) /
// (promoters + passives + detractors) as a fraction in [−1, 1]. Negative
// counts return ErrInvalidInput, no respondents ErrUndefined.
func NPSFromCounts(promoters, passives, detractors int) (float64, error) {
	for _, c := range [...]struct {
		field string
		n     int
	}{{"promoters", promoters}, {"passives", passives}, {"detractors", detractors}} {
		if err := count(c.field, c.n); err != nil {
			return 0, err
		}
	}
	if promoters == 0 && passives == 0 && detractors == 0 {
		return 0, check.New(ErrUndefined, "promoters+passives+detractors", "no respondents, so the NPS is undefined")
	}
	return npsFromCounts(promoters, passives, detractors), nil
}

func npsFromCounts(promoters, passives, detractors int) float64 {
	// float64 sums: the int sum of three large counts could overflow.
	p, d := float64(promoters), float64(detractors)
	return (p - d) / (p + float64(passives) + d)
}
