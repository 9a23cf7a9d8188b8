// Package queueing holds analytic results of queueing theory used to
// validate the simulation: Erlang B and C and the M/M/c waiting time.
//
// Rates are per unit time, any unit, as long as arrival and service rates
// share it. Functions return NaN for inputs outside their domain.
package queueing

import "math"

// ErlangB returns the blocking probability of an M/M/c/c system (no
// waiting room) with offered load a = lambda/mu erlangs and c servers,
// by the stable recurrence B(0) = 1, B(k) = a B(k-1) / (k + a B(k-1)).
func ErlangB(c int, a float64) float64 {
	if c < 0 || a < 0 || math.IsNaN(a) {
		return math.NaN()
	}
	b := 1.0
	for k := 1; k <= c; k++ {
		b = a * b / (float64(k) + a*b)
	}
	return b
}

// ErlangC returns the probability that an arrival waits in an M/M/c queue
// with offered load a = lambda/mu erlangs and c servers:
// C = c B / (c - a (1 - B)) with B = ErlangB(c, a). It needs a < c.
func ErlangC(c int, a float64) float64 {
	if c <= 0 || a < 0 || a >= float64(c) {
		return math.NaN()
	}
	b := ErlangB(c, a)
	return float64(c) * b / (float64(c) - a*(1-b))
}

// MMCWait returns the mean wait in queue (before service) of an M/M/c
// queue with arrival rate lambda, service rate mu per server and c
// servers: Wq = C(c, a) / (c mu - lambda).
func MMCWait(c int, lambda, mu float64) float64 {
	a := lambda / mu
	return ErlangC(c, a) / (float64(c)*mu - lambda)
}

// MMCQueueLength returns the mean number waiting (not in service) in an
// M/M/c queue: Lq = lambda Wq (Little's law).
func MMCQueueLength(c int, lambda, mu float64) float64 {
	return lambda * MMCWait(c, lambda, mu)
}
