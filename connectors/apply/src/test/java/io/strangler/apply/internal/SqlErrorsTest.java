package io.strangler.apply.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import org.junit.jupiter.api.Test;

class SqlErrorsTest {

    @Test
    void shouldTreatDataConstraintAndUnknownObjectStatesAsRejectedContent() {
        for (String state : new String[] {"22001", "23505", "23514", "42703", "42P01", "21000", "44000"}) {
            assertThat(SqlErrors.classify(new SQLException("x", state))).as(state).isEqualTo(SqlErrors.Kind.DATA);
        }
    }

    @Test
    void shouldTreatConnectionFailuresAndUnknownStatesAsConnectivityNeverData() {
        assertThat(SqlErrors.classify(new SQLException("refused", "08001"))).isEqualTo(SqlErrors.Kind.CONNECTIVITY);
        assertThat(SqlErrors.classify(new SQLException("shutdown", "57P01"))).isEqualTo(SqlErrors.Kind.CONNECTIVITY);
        assertThat(SqlErrors.classify(new SQLException("no state"))).isEqualTo(SqlErrors.Kind.CONNECTIVITY);
        // a connection exception wins over a misleading state
        assertThat(SqlErrors.classify(new SQLNonTransientConnectionException("closed", "23000")))
                .isEqualTo(SqlErrors.Kind.CONNECTIVITY);
    }

    @Test
    void shouldRetryPermissionDeniedInsteadOfDeadLetteringEveryCommand() {
        assertThat(SqlErrors.classify(new SQLException("permission denied for table t", "42501")))
                .isEqualTo(SqlErrors.Kind.CONNECTIVITY);
        assertThat(SqlErrors.classify(new SQLException("INSERT command denied to user", "42000", 1142)))
                .isEqualTo(SqlErrors.Kind.CONNECTIVITY);
        assertThat(SqlErrors.classify(new SQLException("syntax error", "42000", 1064))).isEqualTo(SqlErrors.Kind.DATA);
    }

    @Test
    void shouldRetryDeadlocksAndSerializationFailures() {
        assertThat(SqlErrors.classify(new SQLException("deadlock", "40P01"))).isEqualTo(SqlErrors.Kind.TRANSIENT);
        assertThat(SqlErrors.classify(new SQLException("serialization", "40001"))).isEqualTo(SqlErrors.Kind.TRANSIENT);
    }

    @Test
    void shouldFindTheStatementsOwnErrorInsideABatchFailure() {
        BatchUpdateException batch = new BatchUpdateException("Batch entry 3 failed", null, 0, new int[0], null);
        batch.setNextException(new SQLException("duplicate key value violates unique constraint", "23505"));

        assertThat(SqlErrors.sqlState(batch)).isEqualTo("23505");
        assertThat(SqlErrors.message(batch)).contains("duplicate key");
        assertThat(SqlErrors.classify(batch)).isEqualTo(SqlErrors.Kind.DATA);
    }
}
