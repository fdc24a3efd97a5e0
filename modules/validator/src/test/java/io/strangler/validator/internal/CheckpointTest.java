package io.strangler.validator.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.core.row.CanonicalKey;
import io.strangler.core.row.CanonicalRow;
import io.strangler.validator.Discrepancy;
import io.strangler.validator.DiscrepancyKind;
import io.strangler.validator.ValidationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {

    private static final SegmentOutcome WITH_DETAIL = new SegmentOutcome(10, 9, 9, 1, 0, 0, List.of(new Discrepancy(
            DiscrepancyKind.MISSING_ON_SERVICE, CanonicalKey.of(Map.of("id", 5L)), CanonicalRow.of(Map.of("id", 5L)),
            null, List.of())), false, 19);

    @Test
    void shouldResumeWithThePlanAndFinishedSegmentsIgnoringATornLastLine(@TempDir Path dir) throws Exception {
        // Given a run that finished two of three segments and died while writing
        Path file = dir.resolve("run.checkpoint");
        Checkpoint first = Checkpoint.openOrCreate(file, "tables=[orders]");
        first.plan("orders", "merge", List.of("r:1:10", "r:11:20", "r:21:30"));
        first.save();
        first.done("orders", "r:1:10", WITH_DETAIL);
        first.done("orders", "r:21:30", SegmentOutcome.matching(7));
        Files.writeString(file, "{\"table\":\"orders\",\"segm", StandardOpenOption.APPEND);

        // When
        Checkpoint resumed = Checkpoint.openOrCreate(file, "tables=[orders]");
        resumed.done("orders", "r:11:20", SegmentOutcome.matching(3));
        Checkpoint again = Checkpoint.openOrCreate(file, "tables=[orders]");

        // Then
        assertThat(resumed.runId()).isEqualTo(first.runId());
        assertThat(again.table("orders").segments()).containsExactly("r:1:10", "r:11:20", "r:21:30");
        assertThat(again.table("orders").done()).containsOnlyKeys("r:1:10", "r:11:20", "r:21:30");
        assertThat(again.table("orders").done().get("r:1:10")).isEqualTo(WITH_DETAIL);
    }

    @Test
    void shouldRefuseACheckpointOfAnotherValidation(@TempDir Path dir) {
        Path file = dir.resolve("run.checkpoint");
        Checkpoint first = Checkpoint.openOrCreate(file, "tables=[orders]");
        first.plan("orders", "merge", List.of("all"));
        first.save();

        assertThatThrownBy(() -> Checkpoint.openOrCreate(file, "tables=[customers]"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("belongs to a different validation");
    }
}
