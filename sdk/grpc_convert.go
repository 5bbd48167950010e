package sdk

import (
	"github.com/diwanpanel/diwan/sdk/protocol"

	pluginv1 "github.com/diwanpanel/diwan/proto/panel/plugin/v1"
)

// This file turns the SDK's types into the contract's messages, for the
// plugin side. grpcplugin holds the opposite direction, for the core side.

func manifestToProto(m Manifest) *pluginv1.Manifest {
	out := &pluginv1.Manifest{
		Id:               m.ID,
		Version:          m.Version,
		Name:             textToProto(m.Name),
		Description:      textToProto(m.Description),
		Activation:       activationToProto(m.Activation),
		SettingsSchema:   m.SettingsSchema,
		ProtocolVersions: []int32{protocol.ProtocolVersion},
	}
	for _, p := range m.Permissions {
		out.Permissions = append(out.Permissions, &pluginv1.Permission{Name: p.Name, Reason: textToProto(p.Reason)})
	}
	for _, k := range m.ResourceKinds {
		out.ResourceKinds = append(out.ResourceKinds, kindToProto(k))
	}
	for _, a := range m.Actions {
		out.Actions = append(out.Actions, &pluginv1.Action{
			Name: a.Name, Title: textToProto(a.Title), InputSchema: a.InputSchema, Destructive: a.Destructive,
		})
	}
	for _, v := range m.Views {
		out.Views = append(out.Views, &pluginv1.View{Id: v.ID, Title: textToProto(v.Title), ResourceKind: v.ResourceKind})
	}
	for _, s := range m.Schedules {
		out.Schedules = append(out.Schedules, &pluginv1.Schedule{Name: s.Name, Cron: s.Cron, Action: s.Action, InputJson: s.Input})
	}
	return out
}

func kindToProto(k ResourceKind) *pluginv1.ResourceKind {
	out := &pluginv1.ResourceKind{Kind: k.Kind, Title: textToProto(k.Title), Schema: k.Schema}
	for _, c := range k.Columns {
		out.Columns = append(out.Columns, &pluginv1.Column{Field: c.Field, Title: textToProto(c.Title)})
	}
	return out
}

func textToProto(t Text) *pluginv1.Text {
	if len(t) == 0 {
		return nil
	}
	byLocale := make(map[string]string, len(t))
	for k, v := range t {
		byLocale[k] = v
	}
	return &pluginv1.Text{ByLocale: byLocale}
}

func activationToProto(a Activation) pluginv1.Activation {
	switch a {
	case ActivationAlways:
		return pluginv1.Activation_ACTIVATION_ALWAYS
	case ActivationOnDemand:
		return pluginv1.Activation_ACTIVATION_ON_DEMAND
	default:
		return pluginv1.Activation_ACTIVATION_UNSPECIFIED
	}
}

func healthToProto(h Health) *pluginv1.CheckHealthResponse {
	status := pluginv1.HealthStatus_HEALTH_STATUS_UNSPECIFIED
	switch h.Status {
	case HealthOK:
		status = pluginv1.HealthStatus_HEALTH_STATUS_OK
	case HealthDegraded:
		status = pluginv1.HealthStatus_HEALTH_STATUS_DEGRADED
	case HealthDown:
		status = pluginv1.HealthStatus_HEALTH_STATUS_DOWN
	}
	return &pluginv1.CheckHealthResponse{Status: status, Message: h.Message}
}

func resourceToProto(r Resource) *pluginv1.Resource {
	return &pluginv1.Resource{Kind: r.Kind, Id: r.ID, Json: r.JSON}
}
