package main

// FerretDB 1.24's SQLite back end looks documents up by `_id` with the expression
// `_ferretdb_sjson->'$._id'` (finds, updates and deletes alike), but builds its unique `_id`
// index on `_ferretdb_sjson->"_id"`. SQLite only uses an expression index for the very same
// expression, so every lookup by `_id` reads the whole table: about 100 ms at 20,000 documents,
// measured. This adds, beside FerretDB's own, an index on the expression the lookups use, to
// every collection table of every database, as soon as it exists (checked every second). With
// it, a lookup, update or delete by `_id` takes about a millisecond whatever the size.
//
// FerretDB does not know of these indexes (listIndexes does not show them); they go with their
// table when a collection or a database is dropped.

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "modernc.org/sqlite"
)

const idIndexSuffix = "_spplus_id"

// indexIDs runs until ctx is done, indexing every new collection table under dir.
func indexIDs(ctx context.Context, dir string, logger *slog.Logger) {
	for {
		files, _ := filepath.Glob(filepath.Join(dir, "*.sqlite"))
		for _, file := range files {
			if err := indexFile(ctx, file, logger); err != nil && ctx.Err() == nil {
				logger.Debug("cannot index _id yet", "file", filepath.Base(file), "error", err)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(time.Second):
		}
	}
}

func indexFile(ctx context.Context, file string, logger *slog.Logger) error {
	if _, err := os.Stat(file); err != nil {
		return err
	}
	db, err := sql.Open("sqlite", "file:"+file+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)

	// Read-only unless an index is missing: the tables without one.
	rows, err := db.QueryContext(ctx, `SELECT table_name FROM _ferretdb_collections
		WHERE table_name || ? NOT IN (SELECT name FROM sqlite_master WHERE type = 'index')`,
		idIndexSuffix)
	if err != nil {
		return err // a database file FerretDB has not set up yet
	}
	var tables []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			rows.Close()
			return err
		}
		tables = append(tables, t)
	}
	rows.Close()

	for _, t := range tables {
		q := fmt.Sprintf(
			`CREATE INDEX IF NOT EXISTS %q ON %q (_ferretdb_sjson->'$._id')`,
			t+idIndexSuffix, t,
		)
		if _, err := db.ExecContext(ctx, q); err != nil {
			if strings.Contains(err.Error(), "no such table") {
				continue // dropped meanwhile
			}
			return err
		}
		logger.Debug("_id lookups indexed", "file", filepath.Base(file), "table", t)
	}
	return nil
}
