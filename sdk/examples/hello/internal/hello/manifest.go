package hello

import "github.com/diwanpanel/diwan/sdk"

// Kind is the resource kind the plugin serves.
const Kind = "greeting"

// ActionWave is the action the plugin runs.
const ActionWave = "wave"

const settingsSchema = `{"type":"object","properties":{"greeting":{"type":"string","maxLength":64}},"additionalProperties":false}`

const greetingSchema = `{
  "type": "object",
  "properties": {
    "id": {"type": "string", "readOnly": true},
    "name": {"type": "string", "minLength": 1, "maxLength": 64},
    "message": {"type": "string", "maxLength": 280}
  },
  "required": ["name"],
  "additionalProperties": false
}`

const waveSchema = `{
  "type": "object",
  "properties": {"times": {"type": "integer", "minimum": 1, "maximum": 10}},
  "required": ["times"],
  "additionalProperties": false
}`

// manifest is what the plugin declares: who it is, the permission it needs,
// its settings, its one resource kind and its one action.
var manifest = sdk.Manifest{
	ID:      "hello",
	Version: "0.1.0",
	Name:    sdk.Text{"en": "Hello", "ar": "مرحبا"},
	Description: sdk.Text{
		"en": "Keeps greetings and waves on demand: a small example of a Diwan plugin.",
		"ar": "يحفظ التحيات ويلوّح عند الطلب: مثال صغير على إضافة لديوان.",
	},
	Activation: sdk.ActivationOnDemand,
	Permissions: []sdk.Permission{{
		Name:   sdk.PermissionKV,
		Reason: sdk.Text{"en": "Stores the greetings.", "ar": "لحفظ التحيات."},
	}},
	SettingsSchema: settingsSchema,
	ResourceKinds: []sdk.ResourceKind{{
		Kind:   Kind,
		Title:  sdk.Text{"en": "Greetings", "ar": "التحيات"},
		Schema: greetingSchema,
		Columns: []sdk.Column{
			{Field: "/name", Title: sdk.Text{"en": "Name", "ar": "الاسم"}},
			{Field: "/message", Title: sdk.Text{"en": "Message", "ar": "الرسالة"}},
		},
	}},
	Actions: []sdk.Action{{
		Name:        ActionWave,
		Title:       sdk.Text{"en": "Wave", "ar": "لوّح"},
		InputSchema: waveSchema,
	}},
	Views: []sdk.View{{
		ID:           "greetings",
		Title:        sdk.Text{"en": "Greetings", "ar": "التحيات"},
		ResourceKind: Kind,
	}},
}
