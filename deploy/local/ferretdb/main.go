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
	"net/http"
	_ "net/http/pprof" // CPU and heap profiles on -debug-listen
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
	// WAL with synchronous=NORMAL: a commit survives the crash or kill -9 of any process,
	// FerretDB included; only an operating system crash or a power cut may undo the last
	// commits. FULL also syncs the log at every commit, which costs most of the server's time
	// on a machine like ours.
	synchronous := flag.String("synchronous", envOr("SPPLUS_FERRETDB_SYNCHRONOUS", "normal"), "SQLite synchronous pragma: full or normal")
	debugListen := flag.String("debug-listen", envOr("SPPLUS_FERRETDB_DEBUG_LISTEN", ""), "address of Go's profiler pages (/debug/pprof/); none when empty")
	flag.Parse()

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fatal("bad -log-level: %v", err)
	}
	if *synchronous != "full" && *synchronous != "normal" {
		fatal("bad -synchronous: %q (full or normal)", *synchronous)
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
		SQLiteURL: "file:" + strings.TrimSuffix(dir, "/") + "/?_pragma=synchronous(" + *synchronous + ")",
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

	go indexIDs(ctx, dir, logger)

	if *debugListen != "" {
		go func() {
			logger.Info("profiler listening", "addr", *debugListen)
			if err := http.ListenAndServe(*debugListen, nil); err != nil {
				logger.Error("profiler stopped", "error", err)
			}
		}()
	}

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
