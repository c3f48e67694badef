package main

import (
	"fmt"
	"image/color"
	"os"
	"path/filepath"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
)

// Plot file names, without the extension.
const (
	plotFrequency   = "frequency"
	plotCumulative  = "cumulative"
	plotConditional = "conditional"
)

// writePlots draws the three standard plots of c into dir (created if
// needed) in format "png" or "svg" and returns the file paths.
func writePlots(dir, format string, c cdnowResult) ([]string, error) {
	if format != "png" && format != "svg" {
		return nil, fmt.Errorf("plot format %q: want png or svg", format)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var files []string
	for _, pl := range []struct {
		name string
		make func(cdnowResult) (*plot.Plot, error)
	}{
		{plotFrequency, frequencyPlot},
		{plotCumulative, cumulativePlot},
		{plotConditional, conditionalPlot},
	} {
		p, err := pl.make(c)
		if err != nil {
			return nil, fmt.Errorf("plot %s: %w", pl.name, err)
		}
		path := filepath.Join(dir, pl.name+"."+format)
		if err := p.Save(18*vg.Centimeter, 11*vg.Centimeter, path); err != nil {
			return nil, fmt.Errorf("plot %s: %w", pl.name, err)
		}
		files = append(files, path)
	}
	return files, nil
}

// bucketLabels names the frequency classes.
func bucketLabels() []string {
	return []string{"0", "1", "2", "3", "4", "5", "6", "7+"}
}

// frequencyPlot is Figure 1 of Fader, Hardie & Lee (2005): the calibration
// histogram of repeat purchases, actual and expected under each model.
func frequencyPlot(c cdnowResult) (*plot.Plot, error) {
	p := plot.New()
	p.Title.Text = fmt.Sprintf("%s: repeat purchases in calibration (%.0f %ss)", c.label, float64(c.calDay+1)/c.opts.Unit.Days(), c.opts.Unit)
	p.X.Label.Text = "number of repeat purchases x"
	p.Y.Label.Text = "customers"
	p.Legend.Top = true
	series := append([][buckets]float64{c.freq.actual}, c.freq.expected...)
	names := []string{"actual"}
	for _, m := range c.models {
		names = append(names, m.name)
	}
	w := vg.Points(9)
	for i, s := range series {
		bars, err := plotter.NewBarChart(plotter.Values(s[:]), w)
		if err != nil {
			return nil, err
		}
		bars.LineStyle.Width = 0
		bars.Color = seriesColor(i)
		bars.Offset = w * vg.Length(2*i-len(series)+1) / 2
		p.Add(bars)
		p.Legend.Add(names[i], bars)
	}
	p.NominalX(bucketLabels()...)
	top := 0.0
	for _, s := range series {
		top = max(top, s[0], s[buckets-1])
	}
	p.Y.Max = 1.1 * top // room for the legend
	return p, nil
}

// cumulativePlot is Figure 2 of Fader, Hardie & Lee (2005): the cohort's
// cumulative repeat purchases week by week, actual and expected, through
// calibration and holdout.
func cumulativePlot(c cdnowResult) (*plot.Plot, error) {
	p := plot.New()
	p.Title.Text = c.label + ": cumulative repeat purchases"
	p.X.Label.Text = "week since the cohort's first purchase day"
	p.Y.Label.Text = "cumulative repeat purchases"
	p.Legend.Top = true
	p.Legend.Left = true
	xy := func(v []float64) plotter.XYs {
		pts := make(plotter.XYs, len(v))
		for i, y := range v {
			pts[i] = plotter.XY{X: float64(i), Y: y}
		}
		return pts
	}
	add := func(name string, i int, v []float64) error {
		l, err := plotter.NewLine(xy(v))
		if err != nil {
			return err
		}
		l.Color = seriesColor(i)
		l.Width = vg.Points(1.5)
		if i > 0 {
			l.Dashes = plotutil.Dashes(i)
		}
		p.Add(l)
		p.Legend.Add(name, l)
		return nil
	}
	if err := add("actual", 0, c.weekly.actual); err != nil {
		return nil, err
	}
	for m, tm := range c.models {
		if err := add(tm.name, m+1, c.weekly.expected[m]); err != nil {
			return nil, err
		}
	}
	// The end of the calibration period.
	top := c.weekly.actual[len(c.weekly.actual)-1]
	for _, e := range c.weekly.expected {
		top = max(top, e[len(e)-1])
	}
	cal, err := plotter.NewLine(plotter.XYs{{X: float64(c.weekly.calWeeks), Y: 0}, {X: float64(c.weekly.calWeeks), Y: top}})
	if err != nil {
		return nil, err
	}
	cal.Color = color.Gray{Y: 150}
	cal.Dashes = []vg.Length{vg.Points(2), vg.Points(2)}
	p.Add(cal)
	p.Legend.Add("calibration end", cal)
	p.Add(plotter.NewGrid())
	var ticks []plot.Tick
	for w := 0; w < len(c.weekly.actual); w += 13 {
		ticks = append(ticks, plot.Tick{Value: float64(w), Label: strconv.Itoa(w)})
	}
	p.X.Tick.Marker = plot.ConstantTicks(ticks)
	return p, nil
}

// conditionalPlot is Figure 4 of Fader, Hardie & Lee (2005): mean holdout
// purchases by calibration frequency, actual and the models' conditional
// expectations.
func conditionalPlot(c cdnowResult) (*plot.Plot, error) {
	p := plot.New()
	p.Title.Text = fmt.Sprintf("%s: purchases in the %.0f-%s holdout by calibration frequency", c.label, c.horizon, c.opts.Unit)
	p.X.Label.Text = "repeat purchases in calibration x"
	p.Y.Label.Text = "mean purchases per customer"
	p.Legend.Top = true
	p.Legend.Left = true
	add := func(name string, i int, v [buckets]float64) error {
		pts := make(plotter.XYs, buckets)
		for b, y := range v {
			pts[b] = plotter.XY{X: float64(b), Y: y}
		}
		l, s, err := plotter.NewLinePoints(pts)
		if err != nil {
			return err
		}
		l.Color, s.Color = seriesColor(i), seriesColor(i)
		s.Shape = plotutil.Shape(i)
		if i > 0 {
			l.Dashes = plotutil.Dashes(i)
		}
		p.Add(l, s)
		p.Legend.Add(name, l, s)
		return nil
	}
	if err := add("actual", 0, c.cond.actual); err != nil {
		return nil, err
	}
	for m, tm := range c.models {
		if err := add(tm.name, m+1, c.cond.expected[m]); err != nil {
			return nil, err
		}
	}
	p.NominalX(bucketLabels()...)
	p.Add(plotter.NewGrid())
	return p, nil
}

// seriesColor gives the actual data (0) black and the models the plotutil
// palette.
func seriesColor(i int) color.Color {
	if i == 0 {
		return color.Black
	}
	return plotutil.Color(i - 1)
}
