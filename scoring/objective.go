package scoring

import (
	"slices"
	"sync"
)

// objective evaluates the penalised mean negative log-likelihood of a
// design and its gradient, splitting rows across workers. It caches the
// last point so that gonum's separate Func and Grad calls at one location
// cost one pass over the data.
type objective struct {
	d       *design
	lambda  float64
	workers int
	parts   [][]float64 // per worker: objective sum, then gradient sums
	lastX   []float64
	lastF   float64
	lastG   []float64
	valid   bool
	evals   int
}

// minRowsPerWorker keeps goroutine overhead small against the work per
// worker.
const minRowsPerWorker = 8192

func newObjective(d *design, lambda float64, workers int) *objective {
	workers = max(1, min(workers, d.n/minRowsPerWorker))
	o := &objective{d: d, lambda: lambda, workers: workers,
		lastX: make([]float64, d.p+1), lastG: make([]float64, d.p+1)}
	o.parts = make([][]float64, workers)
	for w := range o.parts {
		o.parts[w] = make([]float64, d.p+2)
	}
	return o
}

func (o *objective) f(x []float64) float64 {
	if !o.valid || !slices.Equal(x, o.lastX) {
		o.lastF = o.eval(x, o.lastG)
		copy(o.lastX, x)
		o.valid = true
	}
	return o.lastF
}

func (o *objective) g(grad, x []float64) {
	o.f(x)
	copy(grad, o.lastG)
}

// eval writes the gradient into grad and returns the objective at theta.
func (o *objective) eval(theta, grad []float64) float64 {
	o.evals++
	d := o.d
	if o.workers == 1 {
		o.chunk(theta, 0, d.n, o.parts[0])
	} else {
		var wg sync.WaitGroup
		step := (d.n + o.workers - 1) / o.workers
		for w := range o.workers {
			lo, hi := w*step, min(d.n, (w+1)*step)
			wg.Add(1)
			go func() {
				defer wg.Done()
				o.chunk(theta, lo, hi, o.parts[w])
			}()
		}
		wg.Wait()
	}
	n := float64(d.n)
	var f float64
	clear(grad)
	for _, part := range o.parts {
		f += part[0]
		for j := range grad {
			grad[j] += part[j+1]
		}
	}
	f /= n
	for j := range grad {
		grad[j] /= n
	}
	for j := 1; j < len(theta); j++ {
		f += o.lambda / 2 * theta[j] * theta[j]
		grad[j] += o.lambda * theta[j]
	}
	return f
}

// chunk accumulates the negative log-likelihood of rows [lo, hi) into
// part[0] and its gradient into part[1:].
func (o *objective) chunk(theta []float64, lo, hi int, part []float64) {
	d := o.d
	clear(part)
	g := part[1:]
	b := theta[1:]
	for i := lo; i < hi; i++ {
		z := d.z[i*d.p : (i+1)*d.p]
		eta := theta[0]
		for j, v := range z {
			eta += b[j] * v
		}
		yi := d.y[i]
		part[0] += softplus(eta) - yi*eta
		r := sigmoid(eta) - yi
		g[0] += r
		for j, v := range z {
			g[j+1] += r * v
		}
	}
}
