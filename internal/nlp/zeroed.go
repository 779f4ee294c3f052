package nlp

// Zeroed returns s with length n and every element zero, reusing s's
// memory when its capacity allows: the stages use it for per-document
// scratch slices.
func Zeroed[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}

// Grow returns s with length n, reusing s's memory when its capacity
// allows; unlike Zeroed it leaves the elements as they were (for scratch
// slices the caller writes in full).
func Grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}
