package io.strangler.testsupport;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * What one class logs during each test, for tests that assert a warning was (or was not) given:
 * {@code @RegisterExtension final LogCapture unknownKeys = LogCapture.of(UnknownKeys.class);} then
 * {@code assertThat(unknownKeys.messages()).isEmpty()}. Each test starts with an empty capture.
 */
public final class LogCapture implements BeforeEachCallback, AfterEachCallback {

    private final Class<?> source;
    private ListAppender<ILoggingEvent> appender;

    private LogCapture(Class<?> source) {
        this.source = source;
    }

    public static LogCapture of(Class<?> source) {
        return new LogCapture(source);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        appender = new ListAppender<>();
        appender.start();
        logger().addAppender(appender);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        logger().detachAppender(appender);
        appender.stop();
    }

    /** The formatted messages logged so far in this test, in order. */
    public List<String> messages() {
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private Logger logger() {
        return (Logger) LoggerFactory.getLogger(source);
    }
}
