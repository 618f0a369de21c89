package io.wadesk.database;

import java.sql.SQLException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/**
 * Turns "cannot connect to the configured database" into one sentence naming the URL, instead of the stack traces
 * of every bean that needed a connection.
 */
class DatabaseUnreachableFailureAnalyzer extends AbstractFailureAnalyzer<SQLException> {

    private final Environment environment;

    DatabaseUnreachableFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SQLException cause) {
        String state = cause.getSQLState();
        if (state == null || !(state.startsWith("08") || state.startsWith("28") || state.equals("3D000"))) {
            return null;
        }
        String url = environment.getProperty("spring.datasource.url", "(no URL)");
        String description = "wadesk cannot reach its PostgreSQL database at " + url + ": " + reason(cause) + ".";
        String action = "Start that PostgreSQL server or correct SPRING_DATASOURCE_URL, SPRING_DATASOURCE_USERNAME"
                + " and SPRING_DATASOURCE_PASSWORD; leave SPRING_DATASOURCE_URL unset to run on the embedded"
                + " database.";
        return new FailureAnalysis(description, action, cause);
    }

    private static String reason(Throwable failure) {
        Throwable deepest = failure;
        while (deepest.getCause() != null && deepest.getCause() != deepest) {
            deepest = deepest.getCause();
        }
        String message = deepest.getMessage() == null ? deepest.getClass().getSimpleName() : deepest.getMessage();
        return message.strip();
    }
}
