package io.strangler.cli.run;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.strangler.apply.ApplySink;
import io.strangler.apply.ApplySinkConfig;
import io.strangler.capture.CaptureConfig;
import io.strangler.capture.CaptureProcessor;
import io.strangler.consistency.ConsistencyAuditor;
import io.strangler.consistency.ConsistencyConfig;
import io.strangler.core.mapping.ResolvedMapping;
import io.strangler.core.metrics.KafkaMetricsText;
import io.strangler.sync.SyncApp;
import io.strangler.sync.SyncConfig;
import io.strangler.sync.SyncPipeline;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Each processor seen through {@link RunnableProcessor}: its own lifecycle mapped onto {@link ProcessorState}, its
 * metrics rendered for Prometheus. The processors themselves are the library's; nothing here changes what they do.
 */
public final class Processors {

    private Processors() {
    }

    static RunnableProcessor capture(CaptureConfig config) {
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        CaptureProcessor capture = new CaptureProcessor(config, meters);
        return new RunnableProcessor() {
            @Override
            public void start() {
                capture.start();
            }

            @Override
            public ProcessorState state() {
                return switch (capture.state()) {
                    case CREATED, STARTING -> ProcessorState.STARTING;
                    case RUNNING -> ProcessorState.RUNNING;
                    case RETRYING -> ProcessorState.DEGRADED;
                    case STOPPING -> ProcessorState.STOPPING;
                    case STOPPED -> ProcessorState.STOPPED;
                    case FAILED -> ProcessorState.FAILED;
                };
            }

            @Override
            public String prometheusMetrics() {
                return meters.scrape();
            }

            @Override
            public String lastError() {
                return capture.lastError().map(Throwable::getMessage).orElse(null);
            }

            @Override
            public void close() {
                capture.close();
                meters.close();
            }
        };
    }

    static RunnableProcessor apply(ApplySinkConfig config) {
        ApplySink sink = ApplySink.create(config);
        return new RunnableProcessor() {
            @Override
            public void start() {
                sink.start();
            }

            @Override
            public ProcessorState state() {
                ApplySink.Status status = sink.status();
                return switch (status.state()) {
                    case CREATED, STARTING -> ProcessorState.STARTING;
                    case RUNNING -> status.targetReachable() ? ProcessorState.RUNNING : ProcessorState.DEGRADED;
                    case STOPPING -> ProcessorState.STOPPING;
                    case STOPPED -> ProcessorState.STOPPED;
                    case FAILED -> ProcessorState.FAILED;
                };
            }

            @Override
            public String prometheusMetrics() {
                return sink.scrape();
            }

            @Override
            public String lastError() {
                return sink.status().lastError();
            }

            @Override
            public void close() {
                sink.close();
            }
        };
    }

    static RunnableProcessor sync(SyncConfig config) {
        SyncApp sync;
        try {
            sync = SyncApp.fromConfig(config);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the database catalogues to validate the mappings: "
                    + e.getMessage(), e);
        }
        return new RunnableProcessor() {
            @Override
            public void start() {
                sync.start();
            }

            @Override
            public ProcessorState state() {
                return streamsState(sync.streamsState());
            }

            @Override
            public String prometheusMetrics() {
                return KafkaMetricsText.render(sync.metrics());
            }

            @Override
            public String lastError() {
                return sync.lastError();
            }

            @Override
            public void close() {
                sync.close();
            }
        };
    }

    static RunnableProcessor consistency(ConsistencyConfig config) {
        return new Auditor(config);
    }

    /** The consistency auditor as a processor, with its consistency percentage for status lines. */
    public static final class Auditor implements RunnableProcessor {

        private final ConsistencyConfig config;
        private final List<ResolvedMapping> mappings;
        private volatile ConsistencyAuditor auditor;

        /** Resolves the mappings against both databases (bad input fails here, before anything starts). */
        public Auditor(ConsistencyConfig config) {
            this.config = config;
            this.mappings = ConsistencyAuditor.resolveMappings(config);
        }

        @Override
        public void start() {
            auditor = ConsistencyAuditor.start(config, mappings);
        }

        @Override
        public ProcessorState state() {
            ConsistencyAuditor current = auditor;
            if (current == null) {
                return ProcessorState.STARTING;
            }
            return switch (current.state()) {
                case STARTING, REBALANCING -> ProcessorState.STARTING;
                case RUNNING -> ProcessorState.RUNNING;
                case STOPPED -> ProcessorState.STOPPED;
                case FAILED -> ProcessorState.FAILED;
            };
        }

        @Override
        public String prometheusMetrics() {
            ConsistencyAuditor current = auditor;
            return current == null ? "" : KafkaMetricsText.render(current.metrics());
        }

        /** The overall consistency at the auditor's last status; empty before the first. */
        public Optional<Double> consistencyPercent() {
            ConsistencyAuditor current = auditor;
            return current == null ? Optional.empty() : current.gauge("consistency-percent");
        }

        @Override
        public void close() {
            ConsistencyAuditor current = auditor;
            if (current != null) {
                current.close();
            }
        }
    }

    /** Several processors run as one (in {@code strangler sync}): the worst state, every part's metrics. */
    public static RunnableProcessor together(RunnableProcessor first, RunnableProcessor second) {
        return new RunnableProcessor() {
            @Override
            public void start() {
                first.start();
                second.start();
            }

            @Override
            public ProcessorState state() {
                return worse(first.state(), second.state());
            }

            @Override
            public String prometheusMetrics() {
                return first.prometheusMetrics() + second.prometheusMetrics();
            }

            @Override
            public String lastError() {
                return first.lastError() != null ? first.lastError() : second.lastError();
            }

            @Override
            public void close() {
                try {
                    second.close();
                } finally {
                    first.close();
                }
            }
        };
    }

    /** The whole pipeline of {@code strangler sync}: RUNNING when every part is, FAILED when any part is. */
    public static RunnableProcessor pipeline(SyncPipeline pipeline) {
        return new RunnableProcessor() {
            @Override
            public void start() {
                pipeline.start();
            }

            @Override
            public ProcessorState state() {
                SyncPipeline.Status status = pipeline.status();
                ProcessorState worst = streamsState(pipeline.sync().streamsState());
                for (SyncPipeline.SideStatus side : status.sides().values()) {
                    worst = worse(worse(worst, partState(side.captureState())), partState(side.applyState()));
                }
                return worst;
            }

            @Override
            public String prometheusMetrics() {
                return pipeline.prometheusMetrics();
            }

            @Override
            public String lastError() {
                return pipeline.status().lastError();
            }

            @Override
            public void close() {
                pipeline.close();
            }
        };
    }

    private static ProcessorState streamsState(KafkaStreams.State state) {
        if (state == null) {
            return ProcessorState.STARTING;
        }
        return switch (state) {
            case CREATED, REBALANCING -> ProcessorState.STARTING;
            case RUNNING -> ProcessorState.RUNNING;
            case PENDING_SHUTDOWN -> ProcessorState.STOPPING;
            case NOT_RUNNING -> ProcessorState.STOPPED;
            case PENDING_ERROR, ERROR -> ProcessorState.FAILED;
        };
    }

    /** A capture's or an apply sink's state, by name (both enums share these names). */
    private static ProcessorState partState(String name) {
        return switch (name) {
            case "RUNNING" -> ProcessorState.RUNNING;
            case "RETRYING" -> ProcessorState.DEGRADED;
            case "STOPPING" -> ProcessorState.STOPPING;
            case "STOPPED" -> ProcessorState.STOPPED;
            case "FAILED" -> ProcessorState.FAILED;
            default -> ProcessorState.STARTING;
        };
    }

    /** FAILED over STOPPED over STOPPING over DEGRADED over STARTING over RUNNING. */
    private static ProcessorState worse(ProcessorState a, ProcessorState b) {
        return rank(a) >= rank(b) ? a : b;
    }

    private static int rank(ProcessorState state) {
        return switch (state) {
            case RUNNING -> 0;
            case STARTING -> 1;
            case DEGRADED -> 2;
            case STOPPING -> 3;
            case STOPPED -> 4;
            case FAILED -> 5;
        };
    }
}
