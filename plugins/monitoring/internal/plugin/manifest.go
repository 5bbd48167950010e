package plugin

import "github.com/diwanpanel/diwan/sdk"

// The resource kinds and actions the plugin declares.
const (
	KindAlert         = "alert"
	KindChannel       = "channel"
	ActionQuery       = "query"
	ActionTestChannel = "test_channel"
)

const settingsSchema = `{
  "type": "object",
  "properties": {
    "interval": {"type": "integer", "minimum": 1, "maximum": 60, "default": 1,
      "description": "Seconds between samples."},
    "publish_samples": {"type": "boolean", "default": true,
      "description": "Publish a sample event to the dashboard every interval."}
  },
  "additionalProperties": false
}`

const alertSchema = `{
  "type": "object",
  "properties": {
    "id": {"type": "string", "readOnly": true},
    "name": {"type": "string", "minLength": 1, "maxLength": 100},
    "metric": {"type": "string", "minLength": 1, "maxLength": 160,
      "description": "A metric such as cpu_usage_ratio, or one series of it such as filesystem_used_ratio@/var."},
    "condition": {"type": "string", "enum": [">", "<"]},
    "threshold": {"type": "number"},
    "duration": {"type": "integer", "minimum": 0, "maximum": 86400, "default": 0,
      "description": "Seconds the condition must hold before the alert fires."},
    "channels": {"type": "array", "maxItems": 10, "items": {"type": "string"}},
    "enabled": {"type": "boolean", "default": true},
    "status": {"type": "object", "readOnly": true},
    "history": {"type": "array", "readOnly": true}
  },
  "required": ["name", "metric", "condition", "threshold"],
  "additionalProperties": false
}`

const channelSchema = `{
  "type": "object",
  "properties": {
    "id": {"type": "string", "readOnly": true},
    "name": {"type": "string", "minLength": 1, "maxLength": 100},
    "type": {"type": "string", "enum": ["webhook", "email"]},
    "url": {"type": "string", "format": "uri", "maxLength": 2048},
    "host": {"type": "string", "maxLength": 253},
    "port": {"type": "integer", "minimum": 1, "maximum": 65535},
    "security": {"type": "string", "enum": ["starttls", "tls", "none"], "default": "starttls"},
    "username": {"type": "string", "maxLength": 200},
    "password": {"type": "string", "maxLength": 200, "writeOnly": true},
    "from": {"type": "string", "format": "email"},
    "to": {"type": "array", "minItems": 1, "maxItems": 10, "items": {"type": "string", "format": "email"}},
    "password_set": {"type": "boolean", "readOnly": true},
    "status": {"type": "object", "readOnly": true}
  },
  "required": ["name", "type"],
  "additionalProperties": false
}`

const querySchema = `{
  "type": "object",
  "properties": {
    "metric": {"type": "string", "minLength": 1, "maxLength": 160},
    "from": {"type": "string", "format": "date-time", "description": "Default: an hour before to."},
    "to": {"type": "string", "format": "date-time", "description": "Default: now."},
    "resolution": {"type": "string", "enum": ["auto", "raw", "1m", "1h"], "default": "auto"}
  },
  "required": ["metric"],
  "additionalProperties": false
}`

const testChannelSchema = `{
  "type": "object",
  "properties": {"channel": {"type": "string", "minLength": 1, "maxLength": 64}},
  "required": ["channel"],
  "additionalProperties": false
}`

func text(en, ar string) sdk.Text { return sdk.Text{"en": en, "ar": ar} }

// manifest is what the plugin declares.
var manifest = sdk.Manifest{
	ID:      "monitoring",
	Version: "0.1.0",
	Name:    text("Monitoring", "المراقبة"),
	Description: text(
		"Samples the host every second, keeps a year of history in bounded space, streams live charts, alerts through webhooks and email, and speaks Prometheus.",
		"يقيس الخادم كل ثانية، ويحفظ سنة من السجل في مساحة محدودة، ويبث الرسوم الحية، وينبّه عبر الخطافات والبريد، ويتحدث بروميثيوس."),
	Activation: sdk.ActivationAlways,
	Permissions: []sdk.Permission{
		{Name: sdk.PermissionKV, Reason: text("Stores the metric history, alerts and channels.", "لحفظ سجل القياسات والتنبيهات والقنوات.")},
		{Name: sdk.PermissionSecrets, Reason: text("Keeps SMTP passwords encrypted.", "لحفظ كلمات مرور البريد مشفّرة.")},
		{Name: sdk.PermissionEventsPublish, Reason: text("Streams live samples and alert changes to the dashboard.", "لبث القياسات الحية وتغيّرات التنبيهات إلى لوحة التحكم.")},
	},
	SettingsSchema: settingsSchema,
	ResourceKinds: []sdk.ResourceKind{
		{
			Kind: KindAlert, Title: text("Alerts", "التنبيهات"), Schema: alertSchema,
			Columns: []sdk.Column{
				{Field: "/name", Title: text("Name", "الاسم")},
				{Field: "/metric", Title: text("Metric", "المقياس")},
				{Field: "/condition", Title: text("Condition", "الشرط")},
				{Field: "/threshold", Title: text("Threshold", "العتبة")},
				{Field: "/status/state", Title: text("State", "الحالة")},
			},
		},
		{
			Kind: KindChannel, Title: text("Notification channels", "قنوات الإشعار"), Schema: channelSchema,
			Columns: []sdk.Column{
				{Field: "/name", Title: text("Name", "الاسم")},
				{Field: "/type", Title: text("Type", "النوع")},
				{Field: "/status/last_error", Title: text("Last error", "آخر خطأ")},
			},
		},
	},
	Actions: []sdk.Action{
		{Name: ActionQuery, Title: text("Query history", "استعلام السجل"), InputSchema: querySchema},
		{Name: ActionTestChannel, Title: text("Send a test notification", "إرسال إشعار تجريبي"), InputSchema: testChannelSchema},
	},
	Views: []sdk.View{
		{ID: "alerts", Title: text("Alerts", "التنبيهات"), ResourceKind: KindAlert},
		{ID: "channels", Title: text("Notification channels", "قنوات الإشعار"), ResourceKind: KindChannel},
	},
}
