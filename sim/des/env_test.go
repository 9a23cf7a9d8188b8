package des

import (
	"fmt"
	"strings"
	"testing"
)

// logger records the arguments of the events it handles.
type logger struct{ got []int64 }

func (l *logger) Handle(env *Env, arg int64) { l.got = append(l.got, arg) }

func TestOrdering(t *testing.T) {
	tests := []struct {
		name   string
		events []struct {
			at  Time
			p   Priority
			arg int64
		}
		want []int64
	}{
		{"by time", []struct {
			at  Time
			p   Priority
			arg int64
		}{{30, Normal, 3}, {10, Normal, 1}, {20, Normal, 2}}, []int64{1, 2, 3}},
		{"priority breaks time ties", []struct {
			at  Time
			p   Priority
			arg int64
		}{{10, Late, 3}, {10, Normal, 2}, {10, Urgent, 1}}, []int64{1, 2, 3}},
		{"FIFO breaks priority ties", []struct {
			at  Time
			p   Priority
			arg int64
		}{{10, Normal, 1}, {10, Normal, 2}, {10, Normal, 3}, {5, Late, 0}}, []int64{0, 1, 2, 3}},
		{"extreme priorities", []struct {
			at  Time
			p   Priority
			arg int64
		}{{7, 127, 3}, {7, -128, 1}, {7, 0, 2}}, []int64{1, 2, 3}},
		{"negative times", []struct {
			at  Time
			p   Priority
			arg int64
		}{{0, Normal, 2}, {-5, Normal, 1}}, []int64{1, 2}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			env := NewEnv(1, 0, -10)
			l := env.Register(&logger{})
			for _, e := range tc.events {
				env.At(e.at, e.p, l, e.arg)
			}
			for env.Step() {
			}
			if got := env.handlers[l].(*logger).got; fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("order %v, want %v", got, tc.want)
			}
			if env.Events() != int64(len(tc.events)) {
				t.Errorf("Events() = %d, want %d", env.Events(), len(tc.events))
			}
		})
	}
}

// TestOrderingMany checks the heap against the ordering contract on many
// random events. Each argument encodes its scheduling index and priority.
func TestOrderingMany(t *testing.T) {
	r := NewStream(7, 0, "test")
	env := NewEnv(1, 0, 0)
	rec := &recorder{}
	h := env.Register(rec)
	const n = 20000
	for i := 0; i < n; i++ {
		p := r.IntN(3) // 0, 1, 2 -> Urgent, Normal, Late
		env.At(Time(r.IntN(500)), []Priority{Urgent, Normal, Late}[p], h, int64(i*4+p))
	}
	for env.Step() {
	}
	if len(rec.got) != n {
		t.Fatalf("ran %d events, want %d", len(rec.got), n)
	}
	for i := 1; i < n; i++ {
		a, b := rec.got[i-1], rec.got[i]
		if a.at > b.at || a.at == b.at && (a.p > b.p || a.p == b.p && a.idx > b.idx) {
			t.Fatalf("event %d %+v ran after %+v", i, b, a)
		}
	}
}

type stamp struct {
	at  Time
	p   int64
	idx int64
}

type recorder struct{ got []stamp }

func (r *recorder) Handle(env *Env, arg int64) {
	r.got = append(r.got, stamp{env.Now(), arg % 4, arg / 4})
}

func TestRunUntilHorizon(t *testing.T) {
	env := NewEnv(1, 0, 0)
	l := &logger{}
	h := env.Register(l)
	env.At(5, Normal, h, 5)
	env.At(10, Normal, h, 10)
	env.At(10, Urgent, h, 9)
	env.At(11, Normal, h, 11)
	if !env.RunUntil(10, 0) {
		t.Fatal("RunUntil(10) did not reach 10")
	}
	if fmt.Sprint(l.got) != "[5]" {
		t.Errorf("before horizon 10 ran %v, want [5]: events at the horizon must not run", l.got)
	}
	if env.Now() != 10 {
		t.Errorf("clock %d after RunUntil(10), want 10", env.Now())
	}
	if env.Peek() != 10 || env.Pending() != 3 {
		t.Errorf("Peek %d Pending %d, want 10 and 3", env.Peek(), env.Pending())
	}
	env.RunUntil(100, 0)
	if fmt.Sprint(l.got) != "[5 9 10 11]" {
		t.Errorf("ran %v, want [5 9 10 11]", l.got)
	}
	if env.Now() != 100 || env.Peek() != Never {
		t.Errorf("clock %d peek %d, want 100 and Never", env.Now(), env.Peek())
	}
}

type stopper struct {
	n  int
	id HandlerID
}

func (s *stopper) Handle(env *Env, arg int64) {
	s.n++
	if arg == 1 {
		env.Stop()
	}
	env.After(1, Normal, s.id, 0)
}

func TestRunUntilStopAndBudget(t *testing.T) {
	env := NewEnv(1, 0, 0)
	s := &stopper{}
	s.id = env.Register(s)
	env.At(3, Normal, s.id, 0)
	env.At(5, Normal, s.id, 1)
	if env.RunUntil(100, 0) {
		t.Fatal("RunUntil reached the horizon despite Stop")
	}
	if env.Now() != 5 {
		t.Errorf("stopped at %d, want 5", env.Now())
	}
	if env.RunUntil(100, 10) {
		t.Fatal("RunUntil reached the horizon despite a 10-event budget")
	}
	if s.n != 3+10 { // events at 3, 4 and 5 (the Stop), then the budget
		t.Errorf("handled %d events, want 13", s.n)
	}
}

func TestPanics(t *testing.T) {
	l := &logger{}
	withHandler := func(start Time) (*Env, HandlerID) { e := NewEnv(1, 0, start); return e, e.Register(l) }
	tests := []struct {
		name string
		f    func()
	}{
		{"At in the past", func() { e, h := withHandler(10); e.At(9, Normal, h, 0) }},
		{"negative delay", func() { e, h := withHandler(0); e.After(-1, Normal, h, 0) }},
		{"nil handler", func() { e := NewEnv(1, 0, 0); e.Register(nil) }},
		{"unregistered handler", func() { e := NewEnv(1, 0, 0); e.At(1, Normal, 3, 0) }},
		{"release not held", func() {
			r := NewResource(1, 0)
			r.Request(0, 1, 0)
			q, _ := r.Request(0, 2, 0)
			r.Release(0, q)
		}},
		{"release twice", func() {
			r := NewResource(1, 0)
			q, _ := r.Request(0, 1, 0)
			r.Release(0, q)
			r.Release(0, q)
		}},
		{"negative capacity", func() { NewResource(-1, 0) }},
		{"quantile without samples kept", func() { var t Tally; t.Add(1); t.Quantile(0.5) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			defer func() {
				r := recover()
				if r == nil {
					t.Fatalf("%s did not panic", tc.name)
				}
				if !strings.HasPrefix(fmt.Sprint(r), "des:") {
					t.Errorf("panic %q lacks the des: prefix", r)
				}
			}()
			tc.f()
		})
	}
}

// ticker reschedules itself forever: the steady state of a calendar.
type ticker struct {
	r  []Time
	id HandlerID
}

func (k *ticker) Handle(env *Env, arg int64) {
	env.After(k.r[arg], Normal, k.id, (arg+1)%int64(len(k.r)))
}

func TestNoAllocationPerEvent(t *testing.T) {
	env := NewEnv(1, 0, 0)
	k := &ticker{}
	k.id = env.Register(k)
	rng := env.Stream("delays")
	for i := 0; i < 1000; i++ {
		k.r = append(k.r, Time(1+rng.IntN(100)))
	}
	for i := 0; i < 1000; i++ {
		env.At(Time(i), Normal, k.id, int64(i))
	}
	env.RunUntil(10000, 0) // grow the calendar to its working size
	allocs := testing.AllocsPerRun(100, func() {
		for i := 0; i < 1000; i++ {
			env.Step()
		}
	})
	if allocs != 0 {
		t.Errorf("%.1f allocations per 1000 events, want 0", allocs)
	}
}

func TestFromDuration(t *testing.T) {
	tests := []struct {
		in   string
		want Time
	}{
		{"4m30s", 4*Minute + 30*Second},
		{"1.0004s", Second},
		{"1.0005s", Second + 1},
		{"-1.5ms", -2},
		{"24h", Day},
	}
	for _, tc := range tests {
		d, err := parseDuration(tc.in)
		if err != nil {
			t.Fatal(err)
		}
		if got := FromDuration(d); got != tc.want {
			t.Errorf("FromDuration(%s) = %d, want %d", tc.in, got, tc.want)
		}
	}
	if FromMinutes(1.5) != 90*Second || FromMillis(0.5) != 1 || FromMillis(-0.5) != -1 {
		t.Error("float rounding is not half away from zero")
	}
	for _, c := range []struct {
		t     Time
		day   int
		clock Time
	}{{0, 0, 0}, {Day + 5, 1, 5}, {-1, -1, Day - 1}, {-Day, -1, 0}} {
		if d, k := DayOf(c.t); d != c.day || k != c.clock {
			t.Errorf("DayOf(%d) = %d, %d; want %d, %d", c.t, d, k, c.day, c.clock)
		}
	}
}

// TestReset checks an Env reset gives the events and numbers of a new one.
func TestReset(t *testing.T) {
	run := func(env *Env) []uint64 {
		k := &ticker{}
		k.id = env.Register(k)
		r := env.Stream("delays")
		for i := 0; i < 5; i++ {
			k.r = append(k.r, Time(1+r.IntN(100)))
		}
		env.At(env.Now(), Normal, k.id, 0)
		env.RunUntil(1000, 0)
		return []uint64{uint64(env.Now()), uint64(env.Events()), env.Stream("delays").Uint64(), env.Stream("other").Uint64()}
	}
	fresh := run(NewEnv(9, 3, 0))
	env := NewEnv(1, 0, 50)
	run(env)
	env.Reset(9, 3, 0)
	if got := run(env); fmt.Sprint(got) != fmt.Sprint(fresh) {
		t.Errorf("after Reset: %v, new Env: %v", got, fresh)
	}
}
