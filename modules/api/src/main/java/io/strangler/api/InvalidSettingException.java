package io.strangler.api;

/**
 * A setting given to one of the API's builders is missing or wrong. The message starts with the setting's name, as
 * the builder method spells it, e.g. {@code sync.monolith: is required (call monolith(Database))}.
 */
public final class InvalidSettingException extends IllegalArgumentException {

    private final String setting;

    public InvalidSettingException(String setting, String problem) {
        super(setting + ": " + problem);
        this.setting = setting;
    }

    public InvalidSettingException(String setting, String problem, Throwable cause) {
        super(setting + ": " + problem, cause);
        this.setting = setting;
    }

    /** The bad setting, e.g. {@code sync.monolith} or {@code router.ramp.steps}. */
    public String setting() {
        return setting;
    }

    static <T> T require(String setting, T value, String hint) {
        if (value == null) {
            throw new InvalidSettingException(setting, "is required (" + hint + ")");
        }
        return value;
    }
}
