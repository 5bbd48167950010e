package openapi

import (
	"encoding/json"
	"image"
	"net/netip"
	"strings"
	"testing"
	"time"
)

type basic struct {
	A      string `json:"a"`
	B      int    `json:"b,omitempty"`
	C      bool   `json:"-"`
	d      string //nolint:unused // proves unexported fields are skipped
	E      string
	F      uint8     `json:",omitempty"`
	G      int64     `json:"g,string"`
	H      float64   `json:"h,omitzero"`
	When   time.Time `json:"when"`
	Blob   []byte    `json:"blob"`
	Any    any       `json:"any"`
	Raw    json.RawMessage
	Addr   netip.Addr `json:"addr"`
	Fixed  [2]int     `json:"fixed"`
	Counts map[int]string
}

type inner struct {
	X int `json:"x"`
}

type pointers struct {
	S *string    `json:"s"`
	T *time.Time `json:"t,omitempty"`
	N *inner     `json:"n"`
	L *[]int     `json:"l"`
	P **bool     `json:"p"`
	A *any       `json:"a"`
}

type nested struct {
	In     inner             `json:"in"`
	List   []inner           `json:"list"`
	ByName map[string]*inner `json:"by_name"`
	Matrix [][]float32       `json:"matrix"`
	Anon   struct {
		Y string `json:"y"`
	} `json:"anon"`
}

type base struct {
	ID      int       `json:"id"`
	Created time.Time `json:"created"`
}

type extra struct {
	Note string `json:"note"`
}

type hidden struct {
	Secret string `json:"secret"`
}

type embedded struct {
	base
	*extra
	hidden `json:"hidden"`
	Own    string `json:"own"`
	Name   string `json:"id"` // shadows base.ID
}

type left struct{ Dup, L string }
type right struct{ Dup, R string }

type conflicting struct {
	left
	right
}

type documented struct {
	Role   string   `json:"role" enum:"viewer,operator,admin" doc:"The user's role."`
	Level  *int     `json:"level" enum:"1,2,3"`
	Ratio  float64  `json:"ratio" enum:"0.5,1"`
	On     bool     `json:"on" enum:"true"`
	Names  []string `json:"names" enum:"a,b" minLength:"1" maxLength:"8"`
	Code   string   `json:"code" minLength:"3" maxLength:"3"`
	Nested inner    `json:"nested" doc:"A nested value."`
}

type tree struct {
	Name     string `json:"name"`
	Children []tree `json:"children"`
	Parent   *tree  `json:"parent"`
}

type ping struct{ Pong *pong }
type pong struct{ Ping *ping }

// Point has the same name as image.Point.
type Point struct {
	Z int `json:"z"`
}

type points struct {
	Local Point       `json:"local"`
	Image image.Point `json:"image"`
	Again *Point      `json:"again"`
}

func TestSchemaOfTopLevel(t *testing.T) {
	s := "x"
	tests := []struct {
		name string
		v    any
		want string
	}{
		{"nil", nil, `{}`},
		{"string", "", `{"type":"string"}`},
		{"pointer is described by its value", &s, `{"type":"string"}`},
		{"int", 0, `{"type":"integer","format":"int64"}`},
		{"int16", int16(0), `{"type":"integer","format":"int32"}`},
		{"uint64", uint64(0), `{"type":"integer","format":"int64","minimum":0}`},
		{"float32", float32(0), `{"type":"number","format":"float"}`},
		{"bool", false, `{"type":"boolean"}`},
		{"time", time.Time{}, `{"type":"string","format":"date-time"}`},
		{"bytes", []byte{}, `{"type":"string","format":"byte"}`},
		{"slice", []string{}, `{"type":"array","items":{"type":"string"}}`},
		{"slice of pointers", []*int{}, `{"type":"array","items":{"type":["integer","null"],"format":"int64"}}`},
		{"map", map[string]bool{}, `{"type":"object","additionalProperties":{"type":"boolean"}}`},
		{"json number", json.Number(""), `{"type":"number"}`},
		{"anonymous struct", struct {
			A int `json:"a"`
		}{}, `{"type":"object","properties":{"a":{"type":"integer","format":"int64"}},"required":["a"]}`},
		{"named struct is a reference", inner{}, `{"$ref":"#/$defs/inner","$defs":{"inner":{"type":"object","properties":{"x":{"type":"integer","format":"int64"}},"required":["x"]}}}`},
		{"slice of named structs", []inner{}, `{"type":"array","items":{"$ref":"#/$defs/inner"},"$defs":{"inner":{"type":"object","properties":{"x":{"type":"integer","format":"int64"}},"required":["x"]}}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := roundTrip(t, SchemaOf(tt.v))
			if !jsonEqual(t, got, tt.want) {
				t.Errorf("SchemaOf = %s\nwant %s", mustJSON(t, got), tt.want)
			}
		})
	}
}

func TestSchemaOfStructs(t *testing.T) {
	tests := []struct {
		name string
		v    any
		ptr  string // JSON pointer into the schema
		want string // JSON; "" means the pointer must not resolve
	}{
		{"required without omitempty", basic{}, "/$defs/basic/required", `["a","E","g","when","blob","any","Raw","addr","fixed","Counts"]`},
		{"omitempty is optional", basic{}, "/$defs/basic/properties/b", `{"type":"integer","format":"int64"}`},
		{"tag without a name keeps the Go name", basic{}, "/$defs/basic/properties/F", `{"type":"integer","format":"int32","minimum":0}`},
		{"omitzero is optional", basic{}, "/$defs/basic/properties/h", `{"type":"number","format":"double"}`},
		{"json dash skips", basic{}, "/$defs/basic/properties/C", ``},
		{"unexported skipped", basic{}, "/$defs/basic/properties/d", ``},
		{"string option", basic{}, "/$defs/basic/properties/g", `{"type":"string"}`},
		{"time", basic{}, "/$defs/basic/properties/when", `{"type":"string","format":"date-time"}`},
		{"bytes", basic{}, "/$defs/basic/properties/blob", `{"type":"string","format":"byte"}`},
		{"any", basic{}, "/$defs/basic/properties/any", `{}`},
		{"raw message", basic{}, "/$defs/basic/properties/Raw", `{}`},
		{"text marshaler", basic{}, "/$defs/basic/properties/addr", `{"type":"string"}`},
		{"array", basic{}, "/$defs/basic/properties/fixed", `{"type":"array","items":{"type":"integer","format":"int64"},"minItems":2,"maxItems":2}`},
		{"int keys", basic{}, "/$defs/basic/properties/Counts", `{"type":"object","additionalProperties":{"type":"string"}}`},

		{"pointer to string", pointers{}, "/$defs/pointers/properties/s", `{"type":["string","null"]}`},
		{"pointer to time", pointers{}, "/$defs/pointers/properties/t", `{"type":["string","null"],"format":"date-time"}`},
		{"pointer to struct", pointers{}, "/$defs/pointers/properties/n", `{"anyOf":[{"$ref":"#/$defs/inner"},{"type":"null"}]}`},
		{"pointer to slice", pointers{}, "/$defs/pointers/properties/l", `{"type":["array","null"],"items":{"type":"integer","format":"int64"}}`},
		{"double pointer", pointers{}, "/$defs/pointers/properties/p", `{"type":["boolean","null"]}`},
		{"pointer to any", pointers{}, "/$defs/pointers/properties/a", `{}`},
		{"pointers still required", pointers{}, "/$defs/pointers/required", `["s","n","l","p","a"]`},

		{"nested struct", nested{}, "/$defs/nested/properties/in", `{"$ref":"#/$defs/inner"}`},
		{"nested definition", nested{}, "/$defs/inner/properties/x", `{"type":"integer","format":"int64"}`},
		{"slice of structs", nested{}, "/$defs/nested/properties/list", `{"type":"array","items":{"$ref":"#/$defs/inner"}}`},
		{"map of pointers", nested{}, "/$defs/nested/properties/by_name", `{"type":"object","additionalProperties":{"anyOf":[{"$ref":"#/$defs/inner"},{"type":"null"}]}}`},
		{"slice of slices", nested{}, "/$defs/nested/properties/matrix/items", `{"type":"array","items":{"type":"number","format":"float"}}`},
		{"anonymous struct inline", nested{}, "/$defs/nested/properties/anon", `{"type":"object","properties":{"y":{"type":"string"}},"required":["y"]}`},

		{"embedded flattened", embedded{}, "/$defs/embedded/properties/created", `{"type":"string","format":"date-time"}`},
		{"shallower field wins", embedded{}, "/$defs/embedded/properties/id", `{"type":"string"}`},
		{"embedded with a name is a field", embedded{}, "/$defs/embedded/properties/hidden", `{"$ref":"#/$defs/hidden"}`},
		{"embedded pointer fields optional", embedded{}, "/$defs/embedded/required", `["created","hidden","own","id"]`},
		{"embedded types not defined", embedded{}, "/$defs/base", ``},
		{"ambiguous names dropped", conflicting{}, "/$defs/conflicting/properties/Dup", ``},
		{"unambiguous names kept", conflicting{}, "/$defs/conflicting/required", `["L","R"]`},

		{"enum and doc", documented{}, "/$defs/documented/properties/role", `{"type":"string","enum":["viewer","operator","admin"],"description":"The user's role."}`},
		{"nullable enum gains null", documented{}, "/$defs/documented/properties/level", `{"type":["integer","null"],"format":"int64","enum":[1,2,3,null]}`},
		{"number enum", documented{}, "/$defs/documented/properties/ratio/enum", `[0.5,1]`},
		{"boolean enum", documented{}, "/$defs/documented/properties/on/enum", `[true]`},
		{"slice tags apply to items", documented{}, "/$defs/documented/properties/names", `{"type":"array","items":{"type":"string","enum":["a","b"],"minLength":1,"maxLength":8}}`},
		{"lengths", documented{}, "/$defs/documented/properties/code", `{"type":"string","minLength":3,"maxLength":3}`},
		{"doc beside a reference", documented{}, "/$defs/documented/properties/nested", `{"$ref":"#/$defs/inner","description":"A nested value."}`},

		{"recursive slice", tree{}, "/$defs/tree/properties/children", `{"type":"array","items":{"$ref":"#/$defs/tree"}}`},
		{"recursive pointer", tree{}, "/$defs/tree/properties/parent", `{"anyOf":[{"$ref":"#/$defs/tree"},{"type":"null"}]}`},
		{"mutual recursion", ping{}, "/$defs/pong/properties/Ping", `{"anyOf":[{"$ref":"#/$defs/ping"},{"type":"null"}]}`},

		{"same name, other package", points{}, "/$defs/image.Point/required", `["X","Y"]`},
		{"same name, this package", points{}, "/$defs/openapi.Point/required", `["z"]`},
		{"no short name on a collision", points{}, "/$defs/Point", ``},
		{"references follow the names", points{}, "/$defs/points/properties/again", `{"anyOf":[{"$ref":"#/$defs/openapi.Point"},{"type":"null"}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := roundTrip(t, SchemaOf(tt.v))
			got, ok := pointer(doc, tt.ptr)
			switch {
			case tt.want == "" && ok:
				t.Errorf("%s = %s, want nothing there", tt.ptr, mustJSON(t, got))
			case tt.want != "" && !ok:
				t.Errorf("%s is missing from %s", tt.ptr, mustJSON(t, doc))
			case tt.want != "" && !jsonEqual(t, got, tt.want):
				t.Errorf("%s = %s\nwant %s", tt.ptr, mustJSON(t, got), tt.want)
			}
		})
	}
}

func TestSchemaOfPanicsOnWhatJSONCannotWrite(t *testing.T) {
	tests := []struct {
		name string
		v    any
		want string
	}{
		{"channel", struct{ C chan int }{}, "cannot be encoded"},
		{"function", []func(){}, "cannot be encoded"},
		{"complex", map[string]complex64{}, "cannot be encoded"},
		{"struct map key", map[inner]int{}, "map keys"},
		{"bad integer enum", struct {
			N int `enum:"1,two"`
		}{}, "enum tag"},
		{"enum on a struct", struct {
			I inner `enum:"a"`
		}{}, "enum tag"},
		{"length on an integer", struct {
			N int `maxLength:"3"`
		}{}, "not a string"},
		{"negative length", struct {
			S string `minLength:"-1"`
		}{}, "non-negative"},
		{"min above max", struct {
			S string `minLength:"4" maxLength:"2"`
		}{}, "greater than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				msg, _ := recover().(string)
				if !strings.Contains(msg, tt.want) {
					t.Errorf("panic = %q, want it to mention %q", msg, tt.want)
				}
			}()
			SchemaOf(tt.v)
		})
	}
}
