package io.wadesk.user;

/**
 * The first admin's password ({@code WADESK_ADMIN_PASSWORD}) does not follow the password policy. Its message is one
 * sentence for the operator, shown by {@link FirstAdminPasswordFailureAnalyzer}; it never contains the password.
 */
class FirstAdminPasswordException extends IllegalStateException {

    private final PasswordPolicy.Problem problem;
    private final int minLength;

    FirstAdminPasswordException(PasswordPolicy.Problem problem, int minLength) {
        super("WADESK_ADMIN_PASSWORD does not follow the password policy: " + reason(problem, minLength) + ".");
        this.problem = problem;
        this.minLength = minLength;
    }

    PasswordPolicy.Problem problem() {
        return problem;
    }

    int minLength() {
        return minLength;
    }

    private static String reason(PasswordPolicy.Problem problem, int minLength) {
        return switch (problem) {
            case TOO_SHORT -> "it is shorter than " + minLength + " characters";
            case TOO_LONG -> "it is longer than " + PasswordPolicy.MAX_LENGTH + " characters";
            case SAME_AS_USERNAME, SAME_AS_CURRENT -> "it is the same as WADESK_ADMIN_USERNAME";
            case COMMON -> "it is one of the most common passwords";
        };
    }
}
