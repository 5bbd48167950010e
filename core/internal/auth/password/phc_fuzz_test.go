package password

import "testing"

// FuzzDecode checks that decode never panics and accepts only what encode
// would write.
func FuzzDecode(f *testing.F) {
	f.Add("$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$c29tZWtleXNvbWVrZXlzb21la2V5c29tZWtleXNvbWU")
	f.Add("$argon2id$v=19$m=8192,t=1,p=1$$")
	f.Add("$argon2i$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG")
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		d, err := decode(s)
		if err != nil {
			return
		}
		if got := encode(d.params, d.salt, d.key); got != s {
			t.Errorf("decode accepted %q, which encodes back as %q", s, got)
		}
	})
}
