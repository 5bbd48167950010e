package sdk

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func TestPrepareServesWithoutArguments(t *testing.T) {
	var out, errOut bytes.Buffer
	if code, done := prepare(validPlugin(), nil, &out, &errOut); done {
		t.Errorf("prepare ended the process with %d: %s", code, errOut.String())
	}
}

func TestPrepareDescribes(t *testing.T) {
	var out, errOut bytes.Buffer
	code, done := prepare(validPlugin(), []string{"-describe"}, &out, &errOut)
	if !done || code != 0 {
		t.Fatalf("prepare = %d, %v: %s", code, done, errOut.String())
	}
	var got struct {
		ID               string  `json:"id"`
		Activation       string  `json:"activation"`
		ProtocolVersions []int32 `json:"protocol_versions"`
		ResourceKinds    []struct {
			Kind string `json:"kind"`
		} `json:"resource_kinds"`
	}
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("%v in %s", err, out.String())
	}
	if got.ID != "hello" || got.Activation != "ACTIVATION_ON_DEMAND" || len(got.ProtocolVersions) != 1 ||
		len(got.ResourceKinds) != 1 || got.ResourceKinds[0].Kind != "greeting" {
		t.Errorf("describe = %+v", got)
	}
}

func TestPrepareRefusesAnInvalidManifest(t *testing.T) {
	m := validManifest()
	m.ID, m.Schedules[0].Cron = "Bad", "daily"
	var out, errOut bytes.Buffer
	code, done := prepare(fullTestPlugin{bareTestPlugin{m}}, []string{"-describe"}, &out, &errOut)
	if !done || code != 1 || out.Len() != 0 {
		t.Fatalf("prepare = %d, %v, stdout %q", code, done, out.String())
	}
	for _, want := range []string{"manifest has 2 problem(s)", "  id: must match", "  schedules[0].cron: must be five cron fields"} {
		if !strings.Contains(errOut.String(), want) {
			t.Errorf("stderr %q does not contain %q", errOut.String(), want)
		}
	}
}

func TestPrepareRefusesOtherArguments(t *testing.T) {
	var out, errOut bytes.Buffer
	code, done := prepare(validPlugin(), []string{"serve"}, &out, &errOut)
	if !done || code != 2 || !strings.Contains(errOut.String(), "usage:") {
		t.Errorf("prepare = %d, %v, %q", code, done, errOut.String())
	}
}

func validPlugin() Plugin {
	return fullTestPlugin{bareTestPlugin{validManifest()}}
}
