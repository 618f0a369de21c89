package io.wadesk.user;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a first admin password the policy refuses into one sentence and what to do, instead of a stack trace. */
class FirstAdminPasswordFailureAnalyzer extends AbstractFailureAnalyzer<FirstAdminPasswordException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, FirstAdminPasswordException cause) {
        return new FailureAnalysis(
                cause.getMessage(),
                "Set WADESK_ADMIN_PASSWORD to a password of at least " + cause.minLength() + " characters (at most "
                        + PasswordPolicy.MAX_LENGTH + ") that is neither the username nor a common password, for"
                        + " instance four random words, and start again.",
                cause);
    }
}
