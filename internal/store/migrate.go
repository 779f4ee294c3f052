package store

import (
	"context"
	"fmt"
	"time"
)

// migrations are the schema versions, in order: migrations[i] takes the
// schema from version i to i+1. Only ever append.
var migrations = [][]string{
	// 1: articles, full-text index, technique and source filters.
	{
		`CREATE TABLE articles(
			rowid INTEGER PRIMARY KEY,
			id TEXT NOT NULL UNIQUE,
			outlet TEXT NOT NULL DEFAULT '',
			domain TEXT NOT NULL DEFAULT '',
			published TEXT NOT NULL DEFAULT '',
			title TEXT NOT NULL DEFAULT '',
			words INTEGER NOT NULL DEFAULT 0,
			report BLOB NOT NULL,
			sig1 BLOB,
			sig3 BLOB,
			added TEXT NOT NULL)`,
		`CREATE INDEX articles_domain ON articles(domain)`,
		`CREATE INDEX articles_outlet ON articles(outlet COLLATE NOCASE)`,
		`CREATE INDEX articles_published ON articles(published)`,
		`CREATE VIRTUAL TABLE fts USING fts5(title, text, tokenize = 'unicode61 remove_diacritics 2')`,
		`CREATE TABLE techniques(
			article INTEGER NOT NULL REFERENCES articles(rowid),
			technique TEXT NOT NULL,
			n INTEGER NOT NULL,
			PRIMARY KEY(technique, article)) WITHOUT ROWID`,
		`CREATE INDEX techniques_article ON techniques(article)`,
		`CREATE TABLE sources(
			article INTEGER NOT NULL REFERENCES articles(rowid),
			name TEXT NOT NULL,
			type TEXT NOT NULL,
			n INTEGER NOT NULL,
			PRIMARY KEY(name, type, article)) WITHOUT ROWID`,
	},
	// 2: stories and their corroboration.
	{
		`CREATE TABLE stories(
			id TEXT PRIMARY KEY,
			title TEXT NOT NULL,
			first TEXT NOT NULL,
			last TEXT NOT NULL,
			articles INTEGER NOT NULL,
			outlets INTEGER NOT NULL,
			conflicts INTEGER NOT NULL,
			data BLOB NOT NULL)`,
		`CREATE INDEX stories_rank ON stories(outlets DESC, articles DESC)`,
		`CREATE TABLE story_articles(
			article INTEGER PRIMARY KEY REFERENCES articles(rowid),
			story TEXT NOT NULL,
			duplicate_of INTEGER,
			agree INTEGER NOT NULL DEFAULT 0,
			conflict INTEGER NOT NULL DEFAULT 0)`,
		`CREATE INDEX story_articles_story ON story_articles(story)`,
	},
	// 3: the main event's signature, kept beside the report so that
	// clustering need not decode every report (NULL for reports stored
	// before: clustering decodes those).
	{
		`ALTER TABLE articles ADD COLUMN event TEXT`,
	},
	// 4: incremental clustering: the event day, indexed, and how far the
	// last clustering got.
	{
		`ALTER TABLE articles ADD COLUMN day INTEGER`,
		`UPDATE articles SET day = nullif(json_extract(event, '$.day'), -1) WHERE event IS NOT NULL`,
		`CREATE INDEX articles_day ON articles(day)`,
		`CREATE TABLE cluster_state(id INTEGER PRIMARY KEY CHECK (id = 1), last_rowid INTEGER NOT NULL)`,
	},
	// 5: per-article section counts, so that outlet profiles need not
	// decode reports: technique spans, claims and unsupported claims (NULL
	// when the section was not computed).
	{
		`ALTER TABLE articles ADD COLUMN spans INTEGER`,
		`ALTER TABLE articles ADD COLUMN claims INTEGER`,
		`ALTER TABLE articles ADD COLUMN unsupported INTEGER`,
		`UPDATE articles SET spans = json_array_length(report, '$.techniques') WHERE json_type(report, '$.techniques') = 'array'`,
		`UPDATE articles SET claims = json_array_length(report, '$.claims'),
			unsupported = (SELECT count(*) FROM json_each(articles.report, '$.claims') c WHERE json_extract(c.value, '$.support') = 'unsupported')
			WHERE json_type(report, '$.claims') = 'array'`,
	},
	// 6: find reports stored without an event signature (by a sift before
	// version 3) without scanning the table.
	{
		`CREATE INDEX articles_noevent ON articles(id) WHERE event IS NULL`,
	},
	// 7: reports in their own table, so that scans of the articles table
	// (clustering, outlet profiles, search filters) do not read the report
	// JSON's overflow pages; the article's own propaganda and credibility
	// scores kept beside it for outlet trends.
	{
		`CREATE TABLE reports(
			article INTEGER PRIMARY KEY REFERENCES articles(rowid),
			report BLOB NOT NULL)`,
		`INSERT INTO reports(article, report) SELECT rowid, report FROM articles`,
		`ALTER TABLE articles ADD COLUMN propaganda REAL`,
		`ALTER TABLE articles ADD COLUMN credibility REAL`,
		`UPDATE articles SET propaganda = json_extract(report, '$.scores.propaganda'),
			credibility = json_extract(report, '$.scores.credibility')
			WHERE json_type(report, '$.scores') = 'object'`,
		`ALTER TABLE articles DROP COLUMN report`,
	},
}

// SchemaVersion is the schema version this code writes.
var SchemaVersion = len(migrations)

// Version returns the store's schema version.
func (s *Store) Version(ctx context.Context) (int, error) {
	var v int
	err := s.db.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&v)
	return v, err
}

func (s *Store) migrate(ctx context.Context, target int) error {
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations(
		version INTEGER PRIMARY KEY, applied TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("migrations table: %w", err)
	}
	return s.migrateTo(ctx, target)
}

// migrateTo applies the migrations up to version target, each in its own
// transaction together with its row in schema_migrations.
func (s *Store) migrateTo(ctx context.Context, target int) error {
	cur, err := s.Version(ctx)
	if err != nil {
		return fmt.Errorf("schema version: %w", err)
	}
	if cur > len(migrations) {
		return fmt.Errorf("store schema version %d is newer than this sift (%d): upgrade sift", cur, len(migrations))
	}
	for v := cur; v < target; v++ {
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		for _, stmt := range migrations[v] {
			if _, err := tx.ExecContext(ctx, stmt); err != nil {
				tx.Rollback()
				return fmt.Errorf("migration %d: %w", v+1, err)
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations(version, applied) VALUES(?, ?)`,
			v+1, time.Now().UTC().Format(time.RFC3339)); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %d: %w", v+1, err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("migration %d: %w", v+1, err)
		}
	}
	return nil
}
