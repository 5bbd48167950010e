package sdk

import (
	"context"
	"encoding/json"
)

// bareTestPlugin implements Plugin and nothing else.
type bareTestPlugin struct{ m Manifest }

func (p bareTestPlugin) Manifest() Manifest                                     { return p.m }
func (p bareTestPlugin) Configure(context.Context, json.RawMessage, Host) error { return nil }
func (p bareTestPlugin) CheckHealth(context.Context) Health                     { return Health{Status: HealthOK} }

var _ Plugin = bareTestPlugin{}

// fullTestPlugin adds the resource and action capabilities, doing nothing.
type fullTestPlugin struct{ bareTestPlugin }

func (fullTestPlugin) List(context.Context, string, PageRequest) (Page, error) { return Page{}, nil }
func (fullTestPlugin) Get(context.Context, string, string) (Resource, error) {
	return Resource{}, ErrNotFound
}
func (fullTestPlugin) Apply(context.Context, string, string, json.RawMessage) (Resource, error) {
	return Resource{}, ErrNotFound
}
func (fullTestPlugin) Delete(context.Context, string, string) error { return ErrNotFound }
func (fullTestPlugin) Invoke(context.Context, string, json.RawMessage, Reporter) (json.RawMessage, error) {
	return nil, nil
}

var (
	_ ResourceProvider = fullTestPlugin{}
	_ ActionRunner     = fullTestPlugin{}
)
