// Package des is a small discrete-event simulation kernel: an integer clock,
// an event calendar, named random streams and observation helpers.
//
// It knows nothing of the model built on it and imports only the standard
// library.
//
// # Time
//
// [Time] is an int64 count of milliseconds since the simulation's origin.
// Negative times are allowed (a model may start its clock before its
// reporting origin). Sampled float durations are rounded once, where they
// are sampled, with [FromMinutes] or [FromMillis].
//
// # Ordering
//
// Events run in the order of the key (time, priority, sequence):
//
//   - an earlier time runs first;
//   - at the same time, a lower [Priority] runs first;
//   - at the same time and priority, the event scheduled first runs first
//     (FIFO ties; the sequence is a counter of scheduling calls).
//
// The order therefore never depends on map iteration, pointer values or
// the scheduler of the Go runtime, and a run is a pure function of its
// inputs and seeds.
//
// # Horizon
//
// [Env.RunUntil](t) runs every event scheduled strictly before t and then
// sets the clock to t. Events at exactly t stay in the calendar and run on
// the next call to [Env.Step] or [Env.RunUntil] with a later bound. This
// is SimPy's rule: a horizon is the first instant not simulated.
//
// # Handlers
//
// An event is a value (time, priority, handler, argument) of 24 bytes.
// Handlers are long-lived model objects implementing [Handler], registered
// once with [Env.Register], which returns the [HandlerID] events name
// them by; the int64 argument usually indexes an entity slice held by the
// handler. Scheduling an event stores a value in the calendar and
// allocates nothing once the calendar has grown to its working size.
// There are no goroutines and no closures per event.
//
// Cancellation is lazy: a model keeps a token (for example a counter in the
// entity record) in the argument and ignores events whose token is stale.
//
// # Random streams
//
// [Env.Stream] returns a generator named by a string. Its seed is derived by
// [StreamSeed] from the master seed, the replication index and the name
// with SHA-256, so a stream's sequence does not depend on which other
// streams exist or the order they were created in: adding a stream shifts
// no other, and two variants of a model share common random numbers.
//
// # Errors
//
// The kernel panics only on programmer misuse, with messages prefixed
// "des:": scheduling in the past, a negative delay, an unregistered
// handler, or
// releasing a [Resource] request that is not held. Each such function says
// "It panics if…" in its documentation.
package des
