package main

import (
	"encoding/json"
	"io"
)

// writeJSONLines writes each item as one line of JSON, HTML characters
// left as they are (the machine-readable output of the corpus commands).
func writeJSONLines[T any](w io.Writer, items ...T) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, it := range items {
		if err := enc.Encode(it); err != nil {
			return err
		}
	}
	return nil
}
