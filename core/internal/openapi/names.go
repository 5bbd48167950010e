package openapi

import (
	"reflect"
	"regexp"
	"strconv"
	"strings"
)

// Name levels, tried in turn for types whose names collide.
const (
	levelShort    = iota // "User"
	levelPackage         // "users.User"
	levelPath            // "github.com_diwanpanel_diwan_core_internal_users.User"
	levelNumbered        // levelPath plus "-1", "-2": same path, e.g. types local to functions
)

var (
	packagePaths = regexp.MustCompile(`(?:[\w.\-]+/)+`)
	unsafeChars  = regexp.MustCompile(`[^A-Za-z0-9._\-]+`)
)

// definitions names every struct type met, fills in the references to it
// and returns the schemas by name. reserved names belong to schemas defined
// elsewhere and are never given to a type.
func (r *reflector) definitions(reserved map[string]bool) map[string]any {
	names := componentNames(r.order, reserved)
	out := make(map[string]any, len(names))
	for t, name := range names {
		out[name] = r.defs[t]
		for _, ref := range r.refs[t] {
			ref["$ref"] = r.prefix + name
		}
	}
	return out
}

// componentNames gives each type its short name, and moves every type in a
// collision to the next level together, so no name depends on which type
// came first. types is in the order first met, which only numbering uses.
func componentNames(types []reflect.Type, reserved map[string]bool) map[reflect.Type]string {
	level := make(map[reflect.Type]int, len(types))
	for {
		byName := groupByName(types, level)
		moved := false
		for name, group := range byName {
			if len(group) == 1 && !reserved[name] {
				continue
			}
			for _, t := range group {
				if level[t] < levelNumbered {
					level[t]++
					moved = true
				}
			}
		}
		if !moved {
			return assignNames(byName, reserved)
		}
	}
}

// groupByName lists the types wearing each name, keeping the types' order.
func groupByName(types []reflect.Type, level map[reflect.Type]int) map[string][]reflect.Type {
	byName := make(map[string][]reflect.Type)
	for _, t := range types {
		name := typeName(t, level[t])
		byName[name] = append(byName[name], t)
	}
	return byName
}

// assignNames numbers the types still sharing a name, in the order met.
func assignNames(byName map[string][]reflect.Type, reserved map[string]bool) map[reflect.Type]string {
	names := make(map[reflect.Type]string)
	for name, group := range byName {
		if len(group) == 1 && !reserved[name] {
			names[group[0]] = name
			continue
		}
		for i, t := range group {
			names[t] = name + "-" + strconv.Itoa(i+1)
		}
	}
	return names
}

// typeName spells a type's name at a level, keeping only the characters a
// component name may hold.
func typeName(t reflect.Type, level int) string {
	var name string
	switch level {
	case levelShort:
		name = t.Name()
	case levelPackage:
		name = t.String()
	default:
		name = t.PkgPath() + "." + t.Name()
	}
	if level < levelPath {
		name = packagePaths.ReplaceAllString(name, "")
	}
	return strings.Trim(unsafeChars.ReplaceAllString(name, "_"), "_")
}
