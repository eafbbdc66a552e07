package analysis

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode"
)

// ContentHash returns the hex SHA-256 of text with case, punctuation and
// spacing folded, so the same article pasted twice (with other line breaks or
// quotes) has the same hash.
func ContentHash(text string) string {
	var b strings.Builder
	space := false
	for _, r := range text {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		default:
			space = true
		}
	}
	sum := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(sum[:])
}
