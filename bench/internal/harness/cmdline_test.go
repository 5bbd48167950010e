package harness

import "testing"

func TestCommandLine(t *testing.T) {
	tests := map[string][]string{
		"diwanbench": nil,
		"diwanbench -diwan bin/diwan -duration 5s":      {"-diwan", "bin/diwan", "-duration", "5s"},
		"diwanbench -out ''":                            {"-out", ""},
		`diwanbench -hello 'my dir/hello' -x 'it'\''s'`: {"-hello", "my dir/hello", "-x", "it's"},
		"diwanbench -diwan '$(reboot)'":                 {"-diwan", "$(reboot)"},
	}
	for want, args := range tests {
		if got := CommandLine("diwanbench", args); got != want {
			t.Errorf("CommandLine(%q) = %q, want %q", args, got, want)
		}
	}
}
