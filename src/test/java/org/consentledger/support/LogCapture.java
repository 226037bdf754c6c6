package org.consentledger.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtFormatter;
import org.jboss.logmanager.ExtLogRecord;

/**
 * Takes over one logger for the length of a test: what it logs is kept for the test to assert on
 * and kept out of the build's output, where an expected error would look like a failure.
 */
public final class LogCapture implements AutoCloseable {

    /** Fills in a message's parameters in whichever style the call used (printf, {0}, none). */
    private static final ExtFormatter MESSAGES = new ExtFormatter() {
        @Override
        public String format(ExtLogRecord record) {
            return formatMessage(record);
        }
    };

    private final Logger logger;
    private final boolean usedParentHandlers;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record instanceof ExtLogRecord ext) {
                ext.copyMdc(); // the MDC of the thread that logged, not of the test reading it later
            }
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private LogCapture(Logger logger) {
        this.logger = logger;
        this.usedParentHandlers = logger.getUseParentHandlers();
        logger.addHandler(handler);
        logger.setUseParentHandlers(false);
    }

    /** Captures what the class logs under its own name, as io.quarkus.logging.Log does. */
    public static LogCapture of(Class<?> type) {
        return new LogCapture(Logger.getLogger(type.getName()));
    }

    public List<LogRecord> records() {
        return List.copyOf(records);
    }

    /** Captures a log category and everything below it; "" is the root, which sees every category. */
    public static LogCapture of(String category) {
        return new LogCapture(Logger.getLogger(category));
    }

    /** The value the logging MDC held under that key when the record was logged. */
    public static String mdc(LogRecord record, String key) {
        return record instanceof ExtLogRecord ext ? ext.getMdc(key) : null;
    }

    /** The message with its parameters filled in. */
    public static String message(LogRecord record) {
        return MESSAGES.formatMessage(record);
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setUseParentHandlers(usedParentHandlers);
    }
}
