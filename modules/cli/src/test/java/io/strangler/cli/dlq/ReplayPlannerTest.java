package io.strangler.cli.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.core.topic.TopicNames;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReplayPlannerTest {

    private final TopicNames names = new TopicNames();

    @Test
    void shouldSendApplyLettersOriginalKeyAndBytesToTheirTopicAndPartition() {
        DlqEntry letter = DlqEntries.apply(5, "public.orders");

        ReplayDecision decision = new ReplayPlanner(names, Set.of(), false).decide(letter);

        assertThat(decision).isInstanceOf(ReplayDecision.Send.class);
        ReplayDecision.Send send = (ReplayDecision.Send) decision;
        assertThat(send.topic()).isEqualTo("strangler.apply.service");
        assertThat(send.partition()).contains(2);
        assertThat(new String(send.key(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":1}");
        assertThat(send.value()).containsExactly(0, 0, 0, 0, 1, 2);
    }

    @Test
    void shouldSkipCaptureLettersBecauseNothingWasPublished() {
        ReplayDecision decision = new ReplayPlanner(names, Set.of(), false).decide(DlqEntries.capture(3));

        assertThat(decision).isInstanceOfSatisfying(ReplayDecision.Skip.class,
                skip -> assertThat(skip.reason()).contains("not read from a topic").contains("re-snapshot"));
    }

    @Test
    void shouldSkipAlreadyReplayedLettersUnlessAgain() {
        DlqEntry letter = DlqEntries.apply(5, "public.orders");

        assertThat(new ReplayPlanner(names, Set.of("0:5"), false).decide(letter))
                .isInstanceOfSatisfying(ReplayDecision.Skip.class,
                        skip -> assertThat(skip.reason()).contains("already replayed"));
        assertThat(new ReplayPlanner(names, Set.of("0:5"), true).decide(letter))
                .isInstanceOf(ReplayDecision.Send.class);
    }

    @Test
    void shouldSkipBytesThatDidNotDecodeAndStreamsInternalTopics() {
        DlqEntry undecoded = withFormatAndTopic(DlqEntries.apply(5, "t"), "unknown", "strangler.apply.service");
        DlqEntry internal = withFormatAndTopic(DlqEntries.apply(6, "t"), "confluent-avro",
                "strangler-sync-rekey-repartition");

        ReplayPlanner planner = new ReplayPlanner(names, Set.of(), false);

        assertThat(planner.decide(undecoded)).isInstanceOfSatisfying(ReplayDecision.Skip.class,
                skip -> assertThat(skip.reason()).contains("payload is unknown"));
        assertThat(planner.decide(internal)).isInstanceOf(ReplayDecision.Skip.class);
    }

    @Test
    void shouldCountTheLimitInRecordsSentSoThatANextRunGoesOn() {
        ReplayPlanner planner = new ReplayPlanner(names, Set.of("0:1"), false);

        var plan = planner.plan(List.of(DlqEntries.apply(1, "t"), DlqEntries.capture(2), DlqEntries.apply(3, "t"),
                DlqEntries.apply(4, "t")), OptionalInt.of(1));

        assertThat(plan).extracting(d -> d.entry().offset()).containsExactly(1L, 2L, 3L);
        assertThat(plan.get(2)).isInstanceOf(ReplayDecision.Send.class);
    }

    private static DlqEntry withFormatAndTopic(DlqEntry e, String format, String topic) {
        return new DlqEntry(e.partition(), e.offset(), e.component(), e.source(), Optional.of(topic),
                e.topicPartition(), e.topicOffset(), e.table(), e.key(), e.payload(), Optional.of(format),
                e.errorClass(), e.errorMessage(), e.sqlState(), e.failedAt());
    }
}
