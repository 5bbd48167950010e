package pluginv1

import (
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"google.golang.org/protobuf/reflect/protoreflect"
)

var update = flag.Bool("update", false, "record the current contract as released")

// contractLines describes every RPC, message field and enum value of the
// contract, one line each, sorted.
func contractLines() []string {
	var out []string
	for _, fd := range []protoreflect.FileDescriptor{File_panel_plugin_v1_plugin_proto, File_panel_plugin_v1_host_proto} {
		services := fd.Services()
		for i := range services.Len() {
			s := services.Get(i)
			for j := range s.Methods().Len() {
				m := s.Methods().Get(j)
				out = append(out, fmt.Sprintf("rpc %s.%s(%s) %s stream=%t", s.Name(), m.Name(), m.Input().FullName(), m.Output().FullName(), m.IsStreamingServer()))
			}
		}
		out = append(out, messageLines(fd.Messages())...)
		enums := fd.Enums()
		for i := range enums.Len() {
			out = append(out, enumLines(enums.Get(i))...)
		}
	}
	slices.Sort(out)
	return out
}

func messageLines(msgs protoreflect.MessageDescriptors) []string {
	var out []string
	for i := range msgs.Len() {
		m := msgs.Get(i)
		fields := m.Fields()
		for j := range fields.Len() {
			f := fields.Get(j)
			kind := f.Kind().String()
			if f.Message() != nil {
				kind = string(f.Message().FullName())
			}
			if f.Enum() != nil {
				kind = string(f.Enum().FullName())
			}
			out = append(out, fmt.Sprintf("field %s %d %s %s %s", m.FullName(), f.Number(), f.Name(), f.Cardinality(), kind))
		}
		out = append(out, messageLines(m.Messages())...)
	}
	return out
}

func enumLines(e protoreflect.EnumDescriptor) []string {
	var out []string
	for i := range e.Values().Len() {
		v := e.Values().Get(i)
		out = append(out, fmt.Sprintf("enum %s %d %s", e.FullName(), v.Number(), v.Name()))
	}
	return out
}

// Released parts of the contract are never changed or removed, only added
// to: every recorded line must still be there, unchanged.
func TestReleasedContractOnlyGrows(t *testing.T) {
	current := contractLines()
	const path = "testdata/released.txt"
	if *update {
		if err := os.WriteFile(path, []byte(strings.Join(current, "\n")+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		if !slices.Contains(current, line) {
			t.Errorf("released contract changed or removed: %s", line)
		}
	}
}

func TestServicesAreComplete(t *testing.T) {
	want := map[string]int{"Plugin": 10, "Host": 8}
	for _, fd := range []protoreflect.FileDescriptor{File_panel_plugin_v1_plugin_proto, File_panel_plugin_v1_host_proto} {
		for i := range fd.Services().Len() {
			s := fd.Services().Get(i)
			if n := s.Methods().Len(); n != want[string(s.Name())] {
				t.Errorf("service %s has %d methods, want %d", s.Name(), n, want[string(s.Name())])
			}
			delete(want, string(s.Name()))
		}
	}
	if len(want) > 0 {
		t.Errorf("services missing: %v", want)
	}
}
