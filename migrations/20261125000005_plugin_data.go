package migrations

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

type pluginDataV1 struct {
	bun.BaseModel `bun:"table:plugin_data"`

	PluginID  string    `bun:"plugin_id,pk,type:varchar(32)"`
	Space     string    `bun:"space,pk,type:varchar(8)"`
	Key       string    `bun:"data_key,pk,type:varchar(191)"`
	Value     []byte    `bun:"value,notnull"`
	UpdatedAt time.Time `bun:"updated_at,notnull"`
}

func init() {
	register("20261125000005", "plugin_data",
		func(ctx context.Context, tx bun.Tx) error {
			_, err := tx.NewCreateTable().Model((*pluginDataV1)(nil)).Exec(ctx)
			return err
		},
		func(ctx context.Context, tx bun.Tx) error {
			_, err := tx.NewDropTable().Model((*pluginDataV1)(nil)).IfExists().Exec(ctx)
			return err
		})
}
