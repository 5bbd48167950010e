package config

import (
	"path/filepath"
	"time"
)

// Default listen address, shared by both profiles: loopback only.
const DefaultListen = "127.0.0.1:7800"

// Defaults returns the built-in configuration for a profile in an environment.
func Defaults(profile string, env Environment) Config {
	c := Config{
		Profile: profile,
		Server: ServerConfig{
			Listen:          DefaultListen,
			ReadTimeout:     15 * time.Second,
			WriteTimeout:    30 * time.Second,
			IdleTimeout:     120 * time.Second,
			ShutdownTimeout: 15 * time.Second,
			BodyLimit:       4 << 20,
			ControlSocket:   "./data/control.sock",
		},
		Database: DatabaseConfig{
			DSN:             "sqlite:./data/diwan.db",
			MaxOpenConns:    10,
			MaxIdleConns:    2,
			ConnMaxLifetime: time.Hour,
			ConnMaxIdleTime: 5 * time.Minute,
			AutoMigrate:     true,
		},
		Redis:    RedisConfig{KeyPrefix: "diwan:"},
		Security: SecurityConfig{KeyFile: "./data/secret.key"},
		Plugins:  PluginsConfig{RunDir: "./data/run", Dir: "./bin/plugins", IdleTimeout: 5 * time.Minute},
		Log:      LogConfig{Level: "info", Format: "text", Access: "changes", Dir: "./data/logs", MaxSize: 64 << 20},
		Health:   HealthConfig{CheckTimeout: 2 * time.Second},
		Auth: AuthConfig{
			SessionIdleTimeout:     30 * time.Minute,
			SessionAbsoluteTimeout: 12 * time.Hour,
			MinPasswordLength:      12,
			Argon2Memory:           19456,
			Argon2Time:             2,
			Argon2Threads:          1,
			AccountMaxFailures:     5,
			IPMaxFailures:          20,
			FailureWindow:          15 * time.Minute,
			LockoutBase:            time.Minute,
			LockoutMax:             time.Hour,
			SetupLinkTTL:           time.Hour,
		},
	}
	if profile == ProfileProd {
		c.Log.Format = "json"
		c.Database.DSN = "sqlite:/var/lib/diwan/diwan.db"
		c.Security.KeyFile = "/var/lib/diwan/secret.key"
		c.Plugins.RunDir = "/var/lib/diwan/run"
		c.Plugins.Dir = "/usr/lib/diwan/plugins"
		c.Log.Dir = "/var/lib/diwan/logs"
		c.Server.ControlSocket = "/run/diwan/control.sock"
	}
	if env.Container && !env.Terminal {
		// A log collector reads the container's output. The listen address
		// stays loopback: a public one is only ever chosen explicitly.
		c.Log.Format = "json"
	}
	if env.Systemd && env.StateDirectory != "" {
		c.Database.DSN = "sqlite:" + filepath.Join(env.StateDirectory, "diwan.db")
		c.Security.KeyFile = filepath.Join(env.StateDirectory, "secret.key")
		c.Plugins.RunDir = filepath.Join(env.StateDirectory, "run")
		c.Server.ControlSocket = filepath.Join(env.StateDirectory, "control.sock")
		c.Log.Dir = filepath.Join(env.StateDirectory, "logs")
	}
	return c
}
