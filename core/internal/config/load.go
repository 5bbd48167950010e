package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"reflect"
	"strings"

	"github.com/knadh/koanf/parsers/yaml"
	"github.com/knadh/koanf/providers/file"
	"github.com/knadh/koanf/v2"
)

// EnvPrefix starts every environment variable Diwan reads.
const EnvPrefix = "DIWAN_"

// EnvConfigFile names the config file when --config is not given.
const EnvConfigFile = EnvPrefix + "CONFIG"

// DefaultFile is read when present and no file is named.
const DefaultFile = "/etc/diwan/diwan.yaml"

// Setting is one value given from outside the file, e.g. by a flag.
type Setting struct {
	Key    string
	Value  any
	Origin string
}

// Options are the inputs of Load.
type Options struct {
	// File is the config file named on the command line; empty means
	// $DIWAN_CONFIG, then DefaultFile if it exists.
	File string
	// DefaultFile overrides DefaultFile (tests point it elsewhere).
	DefaultFile string
	// Environ is the process environment as KEY=VALUE pairs.
	Environ []string
	// Flags are the settings given as command-line flags, last layer.
	Flags []Setting
	// Env is the detected environment; nil means detect now.
	Env *Environment
}

// Load layers defaults, file, environment and flags into a validated Config.
// Every problem found is returned at once in a *ValidationError.
func Load(opts Options) (*Config, error) {
	var problems Problems
	var layers [][]Setting
	if l, ok := fileLayer(opts, &problems); ok {
		layers = append(layers, l)
	}
	layers = append(layers, envLayer(opts.Environ, &problems), opts.Flags)

	profile := ProfileDev
	for _, l := range layers {
		for _, s := range l {
			if p, ok := s.Value.(string); ok && s.Key == "profile" && (p == ProfileDev || p == ProfileProd) {
				profile = p
			}
		}
	}
	env := DetectEnvironment(os.Getenv)
	if opts.Env != nil {
		env = *opts.Env
	}
	cfg := Defaults(profile, env)
	cfg.env = env
	cfg.origins = map[string]string{}
	for _, l := range layers {
		for _, s := range l {
			cfg.set(s, &problems)
		}
	}
	problems = append(problems, cfg.Validate()...)
	if len(problems) > 0 {
		return nil, &ValidationError{Problems: problems}
	}
	return &cfg, nil
}

// set assigns one setting, recording its origin or the problem with it.
func (c *Config) set(s Setting, problems *Problems) {
	f, ok := lookupField(s.Key)
	if !ok {
		msg := "unknown key"
		if isSection(s.Key) {
			if s.Value == nil {
				return // an empty section in YAML
			}
			msg = "is a section: set the keys under it"
		}
		problems.add(s.Key, s.Origin, msg)
		return
	}
	if err := assign(reflect.ValueOf(c).Elem().FieldByIndex(f.index), s.Value); err != nil {
		problems.add(s.Key, s.Origin, err.Error())
		return
	}
	c.origins[s.Key] = s.Origin
}

// fileLayer reads the YAML file, if any, into flat settings.
func fileLayer(opts Options, problems *Problems) ([]Setting, bool) {
	path, explicit := opts.File, opts.File != ""
	if !explicit {
		path, explicit = lookupEnv(opts.Environ, EnvConfigFile)
	}
	if !explicit {
		path = opts.DefaultFile
		if path == "" {
			path = DefaultFile
		}
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			return nil, false
		}
	}
	origin := "file " + path
	k := koanf.New(".")
	if err := k.Load(file.Provider(path), yaml.Parser()); err != nil {
		msg := err.Error()
		if errors.Is(err, fs.ErrNotExist) {
			msg = "file not found"
		}
		problems.add("config", origin, msg)
		return nil, false
	}
	all := k.All()
	out := make([]Setting, 0, len(all))
	for _, key := range k.Keys() {
		out = append(out, Setting{Key: key, Value: all[key], Origin: origin})
	}
	return out, true
}

// envLayer maps DIWAN_SECTION__KEY=value to section.key, and for secrets
// DIWAN_SECTION__KEY_FILE=path to the file's contents.
func envLayer(environ []string, problems *Problems) []Setting {
	var out []Setting
	for _, kv := range environ {
		name, value, _ := strings.Cut(kv, "=")
		if !strings.HasPrefix(name, EnvPrefix) || name == EnvConfigFile {
			continue
		}
		origin := "env " + name
		key := envKey(name)
		if _, ok := lookupField(key); ok {
			out = append(out, Setting{Key: key, Value: value, Origin: origin})
			continue
		}
		base, isFile := strings.CutSuffix(key, "_file")
		if f, ok := lookupField(base); isFile && ok && f.secret {
			data, err := os.ReadFile(value) //nolint:gosec // G304: the operator names the secret file; that is the feature
			if err != nil {
				problems.add(base, origin, fmt.Sprintf("cannot read secret file: %v", errors.Unwrap(err)))
				continue
			}
			out = append(out, Setting{Key: base, Value: strings.TrimRight(string(data), "\r\n"), Origin: origin})
			continue
		}
		problems.add(key, origin, "unknown key")
	}
	return out
}

func envKey(name string) string {
	return strings.ReplaceAll(strings.ToLower(strings.TrimPrefix(name, EnvPrefix)), "__", ".")
}

func lookupEnv(environ []string, name string) (string, bool) {
	for _, kv := range environ {
		if k, v, _ := strings.Cut(kv, "="); k == name {
			return v, v != ""
		}
	}
	return "", false
}
