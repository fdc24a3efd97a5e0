package io.strangler.deploy.containers;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/** Runs a container test only where a Docker engine answers; elsewhere says so once, in one line, and skips. */
public final class DockerRequired implements ExecutionCondition {

    private static final Logger LOGGER = LoggerFactory.getLogger(DockerRequired.class);
    private static final AtomicBoolean SAID = new AtomicBoolean();

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (DockerClientFactory.instance().isDockerAvailable()) {
            return ConditionEvaluationResult.enabled("a Docker engine is available");
        }
        String reason = "Testcontainers ITs skipped: no Docker engine on this machine"
                + " (DockerClientFactory.instance().isDockerAvailable() is false)";
        if (SAID.compareAndSet(false, true)) {
            LOGGER.warn(reason);
        }
        return ConditionEvaluationResult.disabled(reason);
    }
}
