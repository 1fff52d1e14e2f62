"""Cases: disputes, placements, deviations and the deadlines that watch them. Each case
type has its request schemas, its service (whose public methods own their transactions), its
checks and its views; the vocabulary they share is :mod:`samverkan.cases.common`."""
