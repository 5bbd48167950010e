package plugintest

import "github.com/diwanpanel/diwan/sdk"

// normalize returns m with empty lists and texts as nil, so that a manifest
// compares equal to itself after crossing the wire whichever the plugin used.
func normalize(m sdk.Manifest) sdk.Manifest {
	m.Name, m.Description = text(m.Name), text(m.Description)
	m.Permissions = list(m.Permissions, func(p sdk.Permission) sdk.Permission {
		p.Reason = text(p.Reason)
		return p
	})
	m.ResourceKinds = list(m.ResourceKinds, func(k sdk.ResourceKind) sdk.ResourceKind {
		k.Title = text(k.Title)
		k.Columns = list(k.Columns, func(c sdk.Column) sdk.Column {
			c.Title = text(c.Title)
			return c
		})
		return k
	})
	m.Actions = list(m.Actions, func(a sdk.Action) sdk.Action {
		a.Title = text(a.Title)
		return a
	})
	m.Views = list(m.Views, func(v sdk.View) sdk.View {
		v.Title = text(v.Title)
		return v
	})
	m.Schedules = list(m.Schedules, func(s sdk.Schedule) sdk.Schedule { return s })
	return m
}

func text(t sdk.Text) sdk.Text {
	if len(t) == 0 {
		return nil
	}
	return t
}

func list[T any](in []T, fn func(T) T) []T {
	if len(in) == 0 {
		return nil
	}
	out := make([]T, len(in))
	for i, v := range in {
		out[i] = fn(v)
	}
	return out
}
