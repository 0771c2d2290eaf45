package io.salesforcealerts.support;

import java.io.StringWriter;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/** Captures every log line (root at INFO, our packages at DEBUG) while open, for assertions on logs. */
public final class LogCapture implements AutoCloseable {

    private static final String OURS = "io.salesforcealerts";
    private final StringWriter lines = new StringWriter();
    private final WriterAppender appender;

    public LogCapture() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        appender = WriterAppender.newBuilder().setName("capture-" + System.identityHashCode(this)).setTarget(lines)
                .setLayout(PatternLayout.newBuilder().withPattern("%p %c %m %ex%n").build()).build();
        appender.start();
        config.addAppender(appender);
        config.getRootLogger().addAppender(appender, Level.INFO, null);
        config.addLogger(OURS, new LoggerConfig(OURS, Level.DEBUG, true));
        context.updateLoggers();
    }

    public String text() {
        return lines.toString();
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        config.getRootLogger().removeAppender(appender.getName());
        config.removeLogger(OURS);
        context.updateLoggers();
        appender.stop();
    }
}
