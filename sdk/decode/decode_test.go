package decode

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/diwanpanel/diwan/sdk"
)

// field returns the JSON Pointer that an sdk.Invalid error names.
func field(t *testing.T, err error) string {
	t.Helper()
	var inv *sdk.InvalidError
	if !errors.As(err, &inv) {
		t.Fatalf("error %v is not an sdk.InvalidError", err)
	}
	return inv.Field
}

func TestParseRefusesWhatIsNotAnAllowedObject(t *testing.T) {
	for data, want := range map[string]string{`[1]`: "", `null`: "", `{"a":1,"zz":2,"b":3}`: "/b", `{"x/y":1}`: "/x~1y"} {
		if _, err := Parse(json.RawMessage(data), "a", "zz"); err == nil || field(t, err) != want {
			t.Errorf("Parse(%s) = %v, want a refusal naming %q", data, err, want)
		}
	}
}

func TestFields(t *testing.T) {
	o, err := Parse(json.RawMessage(`{"name":"web","note":"a\nb","kind":"tcp","port":8080,"ratio":0.5,"on":true,"to":["a@x","","c@x"],"nul":null}`),
		"name", "note", "kind", "port", "ratio", "on", "to", "nul", "missing")
	if err != nil {
		t.Fatal(err)
	}
	if s, err := o.String("name", true, "", 1, 8); err != nil || s != "web" {
		t.Fatalf("String = %q, %v", s, err)
	}
	if s, err := o.String("nul", false, "default", 0, 8); err != nil || s != "default" {
		t.Fatalf("a null field = %q, %v; want the default", s, err)
	}
	if p, err := o.Int("port", true, 0, 1, 65535); err != nil || p != 8080 {
		t.Fatalf("Int = %d, %v", p, err)
	}
	if r, err := o.Number("ratio", true, 0, 0, 1); err != nil || r != 0.5 {
		t.Fatalf("Number = %v, %v", r, err)
	}
	if b, err := o.Bool("on", false); err != nil || !b {
		t.Fatalf("Bool = %v, %v", b, err)
	}
	if k, err := o.Enum("kind", "", "tcp", "udp"); err != nil || k != "tcp" {
		t.Fatalf("Enum = %q, %v", k, err)
	}
	bad := []struct {
		name string
		err  error
		want string
	}{
		{"required and missing", second(o.String("missing", true, "", 1, 8)), "/missing"},
		{"too long", second(o.String("name", true, "", 1, 2)), "/name"},
		{"a line break", second(o.String("note", true, "", 1, 8)), "/note"},
		{"not a string", second(o.String("port", true, "", 1, 8)), "/port"},
		{"out of range", second(o.Int("port", true, 0, 1, 1024)), "/port"},
		{"not an integer", second(o.Int("ratio", true, 0, 0, 9)), "/ratio"},
		{"number out of range", second(o.Number("port", true, 0, 0, 1)), "/port"},
		{"not in the enum", second(o.Enum("kind", "", "udp")), "/kind"},
		{"not a bool", second(o.Bool("name", false)), "/name"},
		{"too many items", second(o.Strings("to", 0, 2, nil)), "/to"},
		{"a bad item", second(o.Strings("to", 0, 5, func(s string) error {
			if s == "" {
				return errors.New("is empty")
			}
			return nil
		})), "/to/1"},
	}
	for _, b := range bad {
		if b.err == nil || field(t, b.err) != b.want {
			t.Errorf("%s: %v, want a refusal naming %s", b.name, b.err, b.want)
		}
	}
}

func second[T any](_ T, err error) error { return err }
