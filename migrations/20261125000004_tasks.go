package migrations

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

type taskV1 struct {
	bun.BaseModel `bun:"table:tasks"`

	ID         string     `bun:"id,pk,type:varchar(32)"`
	Kind       string     `bun:"kind,notnull,type:varchar(64)"`
	Target     string     `bun:"target,notnull,type:varchar(255)"`
	ActorID    *int64     `bun:"actor_id"`
	Actor      string     `bun:"actor,notnull,type:varchar(128)"`
	State      string     `bun:"state,notnull,type:varchar(16)"`
	Progress   float64    `bun:"progress,notnull"`
	Message    string     `bun:"message,notnull,type:text"`
	Result     string     `bun:"result,notnull,type:text"`
	Error      string     `bun:"error,notnull,type:text"`
	CreatedAt  time.Time  `bun:"created_at,notnull"`
	UpdatedAt  time.Time  `bun:"updated_at,notnull"`
	FinishedAt *time.Time `bun:"finished_at"`
}

type taskLogV1 struct {
	bun.BaseModel `bun:"table:task_logs"`

	ID     int64     `bun:"id,pk,autoincrement"`
	TaskID string    `bun:"task_id,notnull,type:varchar(32)"`
	At     time.Time `bun:"at,notnull"`
	Level  string    `bun:"level,notnull,type:varchar(8)"`
	Text   string    `bun:"text,notnull,type:text"`
}

func init() {
	register("20261125000004", "tasks",
		func(ctx context.Context, tx bun.Tx) error {
			if _, err := tx.NewCreateTable().Model((*taskV1)(nil)).Exec(ctx); err != nil {
				return err
			}
			if _, err := tx.NewCreateTable().Model((*taskLogV1)(nil)).
				ForeignKey(`(task_id) REFERENCES tasks (id) ON DELETE CASCADE`).Exec(ctx); err != nil {
				return err
			}
			for _, ix := range []struct{ table, name, col string }{
				{"tasks", "tasks_state_idx", "state"},
				{"tasks", "tasks_created_at_idx", "created_at"},
				{"task_logs", "task_logs_task_id_idx", "task_id"},
			} {
				if _, err := tx.NewCreateIndex().Table(ix.table).Index(ix.name).Column(ix.col).Exec(ctx); err != nil {
					return err
				}
			}
			return nil
		},
		func(ctx context.Context, tx bun.Tx) error {
			for _, m := range []any{(*taskLogV1)(nil), (*taskV1)(nil)} {
				if _, err := tx.NewDropTable().Model(m).IfExists().Exec(ctx); err != nil {
					return err
				}
			}
			return nil
		})
}
