// Command spplus-ferretdb runs FerretDB v1 (MongoDB wire protocol) with its SQLite back end for the
// local stack (deploy/local/stack.sh). It embeds github.com/FerretDB/FerretDB/ferretdb instead of
// building cmd/ferretdb, whose `go install` build panics on a missing generated version file.
//
// Usage: spplus-ferretdb -listen 127.0.0.1:27017 -data-dir /path/to/data
//
// It runs until SIGTERM or SIGINT, then closes the listener and the SQLite databases and exits 0.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen", envOr("SPPLUS_FERRETDB_LISTEN", "127.0.0.1:27017"), "TCP address to listen on")
	dataDir := flag.String("data-dir", envOr("SPPLUS_FERRETDB_DATA_DIR", "ferretdb-data"), "directory of the SQLite databases (one file per database)")
	logLevel := flag.String("log-level", envOr("SPPLUS_FERRETDB_LOG_LEVEL", "info"), "debug, info, warn or error")
	flag.Parse()

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fatal("bad -log-level: %v", err)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))
	slog.SetDefault(logger)

	dir, err := filepath.Abs(*dataDir)
	if err != nil {
		fatal("bad -data-dir: %v", err)
	}
	if err = os.MkdirAll(dir, 0o755); err != nil {
		fatal("cannot create data dir: %v", err)
	}

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: *listen},
		Logger:    logger,
		Handler:   "sqlite",
		SQLiteURL: "file:" + strings.TrimSuffix(dir, "/") + "/",
	})
	if err != nil {
		fatal("cannot start FerretDB: %v", err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()

	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := f.Run(ctx); err != nil {
			logger.Error("FerretDB stopped with an error", "error", err)
		}
	}()

	logger.Info("spplus-ferretdb listening", "addr", *listen, "data_dir", dir)

	select {
	case <-done:
		// Run returned without a signal: the listener failed.
		fatal("FerretDB stopped unexpectedly")
	case <-ctx.Done():
	}

	stop() // a second signal now kills the process the default way
	logger.Info("signal received, shutting down")

	select {
	case <-done:
		logger.Info("stopped cleanly")
	case <-time.After(15 * time.Second):
		fatal("shutdown timed out, exiting")
	}
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

func fatal(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "spplus-ferretdb: "+format+"\n", args...)
	os.Exit(1)
}
