package main

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// writeReport prints the study as plain-text tables.
func writeReport(w io.Writer, r result) error {
	p := &printer{w: w}
	p.line("winback research: customer-base models on CDNOW and the published results")
	for _, n := range r.notes {
		p.line(n)
	}
	p.line("")
	p.describe(r.sample)
	p.linef("  summary from the order log vs %s: %s of %s rows agree (x, t_x, T to the printed 2 decimals)",
		summaryFile, thousands(r.summary.agree), thousands(r.summary.published))
	if r.summary.firstMismatch != "" {
		p.line("  first difference: " + r.summary.firstMismatch)
	}
	if r.master != nil {
		p.describe(*r.master)
	}

	p.section("1. Parameter estimates (maximum likelihood) beside the published values")
	p.table(3, func(tw io.Writer) {
		fmt.Fprintln(tw, "model\tdata\tparam\testimate\tstd.err\tpublished\test-pub\tagrees\tsource\t")
		for _, f := range r.fits() {
			for i, q := range f.params {
				model, data, src := f.model, f.data, ""
				if i > 0 {
					model, data = "", ""
				}
				if i == 0 && f.ref > 0 {
					src = "[" + strconv.Itoa(f.ref) + "]"
				}
				diff, agrees := "-", "-"
				if !math.IsNaN(q.pub) {
					diff = signed(q.est-q.pub, 4)
					agrees = yesNo(roundTo(q.est, q.places) == q.pub)
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%.4f\t%s\t%s\t%s\t%s\t%s\t\n",
					model, data, q.name, q.est, num(q.stdErr, 4), num(q.pub, q.places), diff, agrees, src)
			}
		}
	})

	for _, f := range r.fits() {
		p.differences(f)
	}

	p.section("2. Log-likelihoods")
	p.table(2, func(tw io.Writer) {
		fmt.Fprintln(tw, "model\tdata\tcustomers\trows\tLL\tpublished\tagrees\tLL at published params\titer\tconverged\t")
		for _, f := range r.fits() {
			agrees := "-"
			if !math.IsNaN(f.pubLL) {
				agrees = yesNo(roundTo(f.info.LogLikelihood, f.pubLLPlaces) == f.pubLL)
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%.2f\t%s\t%s\t%s\t%d\t%s\t\n",
				f.model, f.data, thousands(int(math.Round(f.info.Customers))), f.info.Rows, f.info.LogLikelihood,
				num(f.pubLL, f.pubLLPlaces), agrees, num(f.llAtPub, 2), f.info.Iterations, yesNo(f.info.Converged))
		}
	})

	p.comparisons(r.sample, "3", "4", "5")
	p.section("6. Spend per transaction (" + r.sample.label + ")")
	if mean, err := r.sample.spend.Mean(); err == nil {
		p.linef("  Gamma-Gamma population mean p*gamma/(q-1) = $%.2f; average of the %s repeat buyers' mean repeat spend m_x = $%.2f",
			mean, thousands(r.sample.repeaters), r.sample.meanOfMx)
	} else {
		p.linef("  Gamma-Gamma population mean: %v", err)
	}
	if r.master != nil {
		p.comparisons(*r.master, "7", "8", "9")
	}

	p.section("References")
	for _, ref := range references() {
		p.linef("  [%d] %s", ref.key, ref.text)
	}
	return p.err
}

// describe prints the size of one CDNOW log and its calibration and holdout.
func (p *printer) describe(c cdnowResult) {
	p.linef("%s: %s order lines, %s customers fitted (%d skipped); unit %s, calibration to %s, holdout to %s (%.0f %ss), same-day orders merged",
		c.label, thousands(c.orderLines), thousands(len(c.customers)), c.skipped, c.opts.Unit,
		c.opts.CalibrationEnd.Format("2006-01-02"), c.opts.HoldoutEnd.Format("2006-01-02"), c.horizon, c.opts.Unit)
	p.linef("  calibration: %s purchases, %s repeat purchases, %s repeat buyers; holdout: %s purchases",
		thousands(c.totals.Purchases), thousands(c.totals.RepeatPurchases), thousands(c.totals.Repeaters), thousands(c.totals.HoldoutPurchases))
	if c.zeroSpend > 0 {
		p.linef("  spend model: left out %d repeat buyer(s) whose repeat purchases are all $0 (Gamma-Gamma needs amounts > 0)", c.zeroSpend)
	}
}

// differences explains a fit whose estimates do not all round to the
// published values: by how much, in standard errors, and what the
// published parameters' log-likelihood is.
func (p *printer) differences(f fitRow) {
	var worst, worstSE float64
	for _, q := range f.params {
		if math.IsNaN(q.pub) || roundTo(q.est, q.places) == q.pub {
			continue
		}
		d := math.Abs(q.est - q.pub)
		worst = max(worst, d)
		if q.stdErr > 0 {
			worstSE = max(worstSE, d/q.stdErr)
		}
	}
	if worst == 0 {
		return
	}
	p.linef("  %s (%s): the estimates differ from the printed values by at most %.4f (%.4f standard errors);",
		f.model, f.data, worst, worstSE)
	p.linef("    the log-likelihood at the published parameters is %.6f, at the maximum %.6f (%.1e apart):",
		f.llAtPub, f.info.LogLikelihood, f.info.LogLikelihood-f.llAtPub)
	p.line("    the published values lie on the flat top of the likelihood, within the optimiser's tolerance of the maximum")
}

// comparisons prints the calibration and holdout checks of one CDNOW log.
func (p *printer) comparisons(c cdnowResult, s1, s2, s3 string) {
	header := "x\t0\t1\t2\t3\t4\t5\t6\t7+\t"
	p.section(fmt.Sprintf("%s. Calibration (%s): customers by number of repeat purchases, actual vs expected sum_i P(X(T_i) = x)", s1, c.label))
	p.table(1, func(tw io.Writer) {
		fmt.Fprintln(tw, header+"sum x\t")
		row := func(name string, v [buckets]float64, total float64) {
			fmt.Fprint(tw, name)
			for _, x := range v {
				fmt.Fprintf(tw, "\t%.1f", x)
			}
			fmt.Fprintf(tw, "\t%.1f\t\n", total)
		}
		row("actual", c.freq.actual, c.agg[0].calActual)
		for m, tm := range c.models {
			row(tm.name, c.freq.expected[m], c.agg[m].calExpected)
		}
	})

	p.section(fmt.Sprintf("%s. Holdout (%s): mean purchases per customer in the %.0f %ss after the calibration, by calibration frequency x, actual vs E[Y(%.0f) | x, t_x, T]",
		s2, c.label, c.horizon, c.opts.Unit, c.horizon))
	p.table(1, func(tw io.Writer) {
		fmt.Fprintln(tw, header)
		fmt.Fprint(tw, "customers")
		for _, n := range c.cond.n {
			fmt.Fprintf(tw, "\t%d", n)
		}
		fmt.Fprintln(tw, "\t")
		row := func(name string, v [buckets]float64) {
			fmt.Fprint(tw, name)
			for _, x := range v {
				fmt.Fprintf(tw, "\t%.3f", x)
			}
			fmt.Fprintln(tw, "\t")
		}
		row("actual", c.cond.actual)
		for m, tm := range c.models {
			row(tm.name, c.cond.expected[m])
		}
	})

	p.section(fmt.Sprintf("%s. Aggregate forecasts (%s): repeat purchases in calibration, purchases in the %.0f-%s holdout", s3, c.label, c.horizon, c.opts.Unit))
	p.table(1, func(tw io.Writer) {
		fmt.Fprintln(tw, "model\tcalib actual\tcalib expected\terror\tholdout actual\tconditional\terror\tunconditional\terror\tMAE/customer\t")
		for m, tm := range c.models {
			a := c.agg[m]
			fmt.Fprintf(tw, "%s\t%.0f\t%.1f\t%+.1f%%\t%.0f\t%.1f\t%+.1f%%\t%.1f\t%+.1f%%\t%.3f\t\n", tm.name,
				a.calActual, a.calExpected, 100*relErr(a.calExpected, a.calActual),
				a.holdActual, a.holdCond, 100*relErr(a.holdCond, a.holdActual),
				a.holdUncond, 100*relErr(a.holdUncond, a.holdActual), a.mae)
		}
	})
	p.line("  conditional = sum_i E[Y | x_i, t_x,i, T_i]; unconditional = sum_i E[X(T_i + h)] - E[X(T_i)]")
}

// printer writes lines and keeps the first error.
type printer struct {
	w   io.Writer
	err error
}

func (p *printer) line(s string) {
	if p.err == nil {
		_, p.err = io.WriteString(p.w, s+"\n")
	}
}

func (p *printer) linef(format string, args ...any) {
	p.line(fmt.Sprintf(format, args...))
}

func (p *printer) section(title string) {
	p.line("")
	p.line(title)
}

// table renders the rows written by fill (cells ended by a tab, rows by a
// newline) as columns indented by two and separated by two spaces: the
// first left columns aligned left, the others (numbers) right.
func (p *printer) table(left int, fill func(io.Writer)) {
	var b strings.Builder
	fill(&b)
	var rows [][]string
	var width []int
	for _, l := range strings.Split(strings.TrimRight(b.String(), "\n"), "\n") {
		cells := strings.Split(strings.TrimSuffix(l, "\t"), "\t")
		for i, c := range cells {
			if i == len(width) {
				width = append(width, 0)
			}
			width[i] = max(width[i], utf8.RuneCountInString(c))
		}
		rows = append(rows, cells)
	}
	for _, cells := range rows {
		var l strings.Builder
		for i, c := range cells {
			pad := strings.Repeat(" ", width[i]-utf8.RuneCountInString(c))
			l.WriteString("  ")
			if i < left {
				l.WriteString(c + pad)
			} else {
				l.WriteString(pad + c)
			}
		}
		p.line(strings.TrimRight(l.String(), " "))
	}
}

// signed formats v with a sign and the given decimals, without a negative
// zero.
func signed(v float64, places int) string {
	s := strconv.FormatFloat(v, 'f', places, 64)
	if strings.Trim(s, "-0.") == "" {
		return strings.TrimPrefix(s, "-")
	}
	if v > 0 {
		return "+" + s
	}
	return s
}

// num formats v with the given decimals, "-" for NaN.
func num(v float64, places int) string {
	if math.IsNaN(v) {
		return "-"
	}
	return strconv.FormatFloat(v, 'f', places, 64)
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// roundTo rounds v half away from zero to the given number of decimals.
func roundTo(v float64, places int) float64 {
	p := math.Pow(10, float64(places))
	return math.Round(v*p) / p
}

// thousands formats n with comma separators, as the papers print counts.
func thousands(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
