-- A migration of a release newer than the code under test (database.SchemaMigrationTest).
CREATE TABLE a_newer_release (id integer PRIMARY KEY);
