package migrations

import (
	"context"

	"github.com/uptrace/bun"
)

// The catalog keeps each plugin's manifest (JSON, as `-describe` prints it)
// so that activation, schedules and the dashboard's pages are known without
// starting the plugin.
func init() {
	register("20261201000001", "plugin manifest",
		func(ctx context.Context, tx bun.Tx) error {
			_, err := tx.ExecContext(ctx, "ALTER TABLE plugins ADD COLUMN manifest TEXT")
			return err
		},
		func(ctx context.Context, tx bun.Tx) error {
			_, err := tx.ExecContext(ctx, "ALTER TABLE plugins DROP COLUMN manifest")
			return err
		})
}
