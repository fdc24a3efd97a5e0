package io.strangler.testsupport;

class FirstPostgresClassIT extends PostgresClassFixtureContract {

    FirstPostgresClassIT(@Postgres TestDatabase db) {
        super(db);
    }
}
