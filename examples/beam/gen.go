package main

import (
	"bufio"
	"io"
	"math"
	"math/rand/v2"
	"strconv"
	"time"

	"gonum.org/v1/gonum/stat/distuv"
)

// generate writes a synthetic order log of exactly n lines in the CDNOW
// sample format (customer id, sample id, YYYYMMDD, items, dollars), for
// measuring the pipeline on logs larger than the sample. It is drawn from
// the models the pipeline fits, with the published CDNOW estimates as
// parameters (weeks): BG/NBD r = 0.243, α = 4.414, a = 0.793, b = 2.426
// (Fader, Hardie and Lee 2005, "Counting your customers the easy way",
// section 4) and Gamma-Gamma p = 6.25, q = 3.74, γ = 15.44 (Fader, Hardie
// and Lee 2005, "RFM and CLV", section 3). Each customer's first purchase
// falls in the first 12 weeks of 1997, like the CDNOW cohort; later
// purchases follow a Poisson process of the customer's rate, and after each
// repeat purchase the customer drops out with the customer's probability;
// the log ends on 1998-06-30. Lines come customer by customer, in date
// order. The same seed gives the same file.
func generate(w io.Writer, n int, seed uint64) error {
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	src := rand.NewPCG(seed, 0xd15c)
	rate := distuv.Gamma{Alpha: 0.243, Beta: 4.414, Src: src}
	drop := distuv.Beta{Alpha: 0.793, Beta: 2.426, Src: src}
	nu := distuv.Gamma{Alpha: 3.74, Beta: 15.44, Src: src}

	start := time.Date(1997, 1, 1, 0, 0, 0, 0, time.UTC)
	end := time.Date(1998, 6, 30, 0, 0, 0, 0, time.UTC)
	days := int(end.Sub(start).Hours()/24) + 1
	dates := make([]string, days)
	for d := range dates {
		dates[d] = start.AddDate(0, 0, d).Format("20060102")
	}

	bw := bufio.NewWriterSize(w, 1<<20)
	var line []byte
	written := 0
	for id := 1; written < n; id++ {
		lambda := rate.Rand() / 7 // purchases per day
		p := drop.Rand()
		spend := distuv.Gamma{Alpha: 6.25, Beta: nu.Rand(), Src: src}
		cid := strconv.AppendInt(nil, int64(id), 10)
		for len(cid) < 8 {
			cid = append([]byte{'0'}, cid...)
		}
		t := float64(rng.IntN(84)) // day of the first purchase
		// t is a float day; a rate that underflows to 0 makes the next
		// purchase time +Inf, which ends the loop.
		for k := 0; written < n && t < float64(days); k++ {
			amount := math.Max(math.Round(spend.Rand()*100), 1) // cents, at least one
			line = append(line[:0], cid...)
			line = append(line, ' ')
			line = append(line, cid...)
			line = append(line, ' ')
			line = append(line, dates[int(t)]...)
			line = append(line, ' ')
			line = strconv.AppendInt(line, 1+int64(amount)/1500, 10)
			line = append(line, ' ')
			line = strconv.AppendFloat(line, amount/100, 'f', 2, 64)
			line = append(line, '\n')
			if _, err := bw.Write(line); err != nil {
				return err
			}
			written++
			if k > 0 && rng.Float64() < p { // dropout after a repeat purchase
				break
			}
			t += rng.ExpFloat64() / lambda
		}
	}
	return bw.Flush()
}
