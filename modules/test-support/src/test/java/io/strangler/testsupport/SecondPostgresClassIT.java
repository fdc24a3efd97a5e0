package io.strangler.testsupport;

class SecondPostgresClassIT extends PostgresClassFixtureContract {

    SecondPostgresClassIT(@Postgres TestDatabase db) {
        super(db);
    }
}
