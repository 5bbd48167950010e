package migrations

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

type pluginV1 struct {
	bun.BaseModel `bun:"table:plugins"`

	ID          string    `bun:"id,pk,type:varchar(32)"`
	Version     string    `bun:"version,notnull,type:varchar(64)"`
	BinaryPath  string    `bun:"binary_path,notnull,type:varchar(1024)"`
	SHA256      string    `bun:"sha256,notnull,type:varchar(64)"`
	Enabled     bool      `bun:"enabled,notnull"`
	Settings    string    `bun:"settings,notnull,type:text"`
	Granted     string    `bun:"granted,notnull,type:text"`
	State       string    `bun:"state,notnull,type:varchar(16)"`
	LastError   string    `bun:"last_error,notnull,type:text"`
	InstalledAt time.Time `bun:"installed_at,notnull"`
	UpdatedAt   time.Time `bun:"updated_at,notnull"`
}

func init() {
	register("20261125000003", "plugins",
		func(ctx context.Context, tx bun.Tx) error {
			_, err := tx.NewCreateTable().Model((*pluginV1)(nil)).Exec(ctx)
			return err
		},
		func(ctx context.Context, tx bun.Tx) error {
			_, err := tx.NewDropTable().Model((*pluginV1)(nil)).IfExists().Exec(ctx)
			return err
		})
}
