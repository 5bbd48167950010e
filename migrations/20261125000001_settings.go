package migrations

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

type settingV1 struct {
	bun.BaseModel `bun:"table:settings"`

	Name      string    `bun:"name,pk,type:varchar(191)"`
	Value     string    `bun:"value,notnull,type:text"`
	UpdatedAt time.Time `bun:"updated_at,notnull"`
}

func init() {
	register("20261125000001", "settings",
		func(ctx context.Context, tx bun.Tx) error {
			_, err := tx.NewCreateTable().Model((*settingV1)(nil)).Exec(ctx)
			return err
		},
		func(ctx context.Context, tx bun.Tx) error {
			_, err := tx.NewDropTable().Model((*settingV1)(nil)).IfExists().Exec(ctx)
			return err
		})
}
