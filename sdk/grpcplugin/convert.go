package grpcplugin

import (
	pluginv1 "github.com/diwanpanel/diwan/proto/panel/plugin/v1"
	"github.com/diwanpanel/diwan/sdk"
)

// This file turns the contract's messages into the SDK's types, for the
// core's side. Empty lists and texts become nil, so that a manifest that
// crossed the wire compares equal to the one the plugin built when that
// one uses nil for "none".

func manifestFromProto(m *pluginv1.Manifest) sdk.Manifest {
	out := sdk.Manifest{
		ID:             m.GetId(),
		Version:        m.GetVersion(),
		Name:           textFromProto(m.GetName()),
		Description:    textFromProto(m.GetDescription()),
		Activation:     activationFromProto(m.GetActivation()),
		SettingsSchema: m.GetSettingsSchema(),
	}
	for _, p := range m.GetPermissions() {
		out.Permissions = append(out.Permissions, sdk.Permission{Name: p.GetName(), Reason: textFromProto(p.GetReason())})
	}
	for _, k := range m.GetResourceKinds() {
		out.ResourceKinds = append(out.ResourceKinds, kindFromProto(k))
	}
	for _, a := range m.GetActions() {
		out.Actions = append(out.Actions, sdk.Action{
			Name: a.GetName(), Title: textFromProto(a.GetTitle()), InputSchema: a.GetInputSchema(), Destructive: a.GetDestructive(),
		})
	}
	for _, v := range m.GetViews() {
		out.Views = append(out.Views, sdk.View{ID: v.GetId(), Title: textFromProto(v.GetTitle()), ResourceKind: v.GetResourceKind()})
	}
	for _, s := range m.GetSchedules() {
		out.Schedules = append(out.Schedules, sdk.Schedule{Name: s.GetName(), Cron: s.GetCron(), Action: s.GetAction(), Input: s.GetInputJson()})
	}
	return out
}

func kindFromProto(k *pluginv1.ResourceKind) sdk.ResourceKind {
	out := sdk.ResourceKind{Kind: k.GetKind(), Title: textFromProto(k.GetTitle()), Schema: k.GetSchema()}
	for _, c := range k.GetColumns() {
		out.Columns = append(out.Columns, sdk.Column{Field: c.GetField(), Title: textFromProto(c.GetTitle())})
	}
	return out
}

func textFromProto(t *pluginv1.Text) sdk.Text {
	if len(t.GetByLocale()) == 0 {
		return nil
	}
	out := make(sdk.Text, len(t.GetByLocale()))
	for k, v := range t.GetByLocale() {
		out[k] = v
	}
	return out
}

func activationFromProto(a pluginv1.Activation) sdk.Activation {
	switch a {
	case pluginv1.Activation_ACTIVATION_ALWAYS:
		return sdk.ActivationAlways
	case pluginv1.Activation_ACTIVATION_ON_DEMAND:
		return sdk.ActivationOnDemand
	default:
		return sdk.ActivationUnspecified
	}
}

func healthFromProto(h *pluginv1.CheckHealthResponse) sdk.Health {
	status := sdk.HealthUnknown
	switch h.GetStatus() {
	case pluginv1.HealthStatus_HEALTH_STATUS_OK:
		status = sdk.HealthOK
	case pluginv1.HealthStatus_HEALTH_STATUS_DEGRADED:
		status = sdk.HealthDegraded
	case pluginv1.HealthStatus_HEALTH_STATUS_DOWN:
		status = sdk.HealthDown
	}
	return sdk.Health{Status: status, Message: h.GetMessage()}
}

func resourceFromProto(r *pluginv1.Resource) sdk.Resource {
	return sdk.Resource{Kind: r.GetKind(), ID: r.GetId(), JSON: r.GetJson()}
}
