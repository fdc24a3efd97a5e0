package io.strangler.router.internal;

import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.EvaluationContext;
import dev.openfeature.sdk.FeatureProvider;
import dev.openfeature.sdk.Metadata;
import dev.openfeature.sdk.ProviderEvaluation;
import dev.openfeature.sdk.Reason;
import dev.openfeature.sdk.Value;
import io.strangler.router.FlagSpec;
import java.util.Map;
import java.util.function.Supplier;

/**
 * In-process OpenFeature provider fed by the router's flags (routes file and routes topic). Boolean flags only: on
 * when enabled and the targeting key is a listed user or falls in the flag's percentage (murmur3, monotone).
 */
public final class ConfigFlagProvider implements FeatureProvider {

    private final Supplier<Map<String, FlagSpec>> flags;

    public ConfigFlagProvider(Supplier<Map<String, FlagSpec>> flags) {
        this.flags = flags;
    }

    @Override
    public Metadata getMetadata() {
        return () -> "strangler-router-config";
    }

    @Override
    public ProviderEvaluation<Boolean> getBooleanEvaluation(String key, Boolean defaultValue,
            EvaluationContext ctx) {
        FlagSpec flag = flags.get().get(key);
        if (flag == null) {
            return ProviderEvaluation.<Boolean>builder().value(defaultValue).reason(Reason.ERROR.name())
                    .errorCode(ErrorCode.FLAG_NOT_FOUND).errorMessage("no flag " + key).build();
        }
        if (!flag.enabled()) {
            return ProviderEvaluation.<Boolean>builder().value(false).reason(Reason.DISABLED.name()).build();
        }
        String target = ctx == null ? null : ctx.getTargetingKey();
        if (target != null && flag.users().contains(target)) {
            return ProviderEvaluation.<Boolean>builder().value(true).reason(Reason.TARGETING_MATCH.name()).build();
        }
        boolean on = target != null && StickyHash.inCandidate(key, target, flag.percent());
        return ProviderEvaluation.<Boolean>builder().value(on).reason(Reason.SPLIT.name()).build();
    }

    @Override
    public ProviderEvaluation<String> getStringEvaluation(String key, String defaultValue, EvaluationContext ctx) {
        return mismatch(defaultValue);
    }

    @Override
    public ProviderEvaluation<Integer> getIntegerEvaluation(String key, Integer defaultValue, EvaluationContext ctx) {
        return mismatch(defaultValue);
    }

    @Override
    public ProviderEvaluation<Double> getDoubleEvaluation(String key, Double defaultValue, EvaluationContext ctx) {
        return mismatch(defaultValue);
    }

    @Override
    public ProviderEvaluation<Value> getObjectEvaluation(String key, Value defaultValue, EvaluationContext ctx) {
        return mismatch(defaultValue);
    }

    private static <T> ProviderEvaluation<T> mismatch(T defaultValue) {
        return ProviderEvaluation.<T>builder().value(defaultValue).reason(Reason.ERROR.name())
                .errorCode(ErrorCode.TYPE_MISMATCH).errorMessage("router flags are boolean").build();
    }
}
