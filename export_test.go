package notifier

// JitteredBackoff exposes DefaultBackoff with its random source, so tests
// can check both ends of the jitter without depending on chance.
var JitteredBackoff = jitteredBackoff
