package io.wadesk.user;

import io.wadesk.settings.Settings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * What a new password must be: at least the minimum length admins set (12 by default), at most 128 characters, not
 * the username, and not one of the 10,000 most common passwords (src/main/resources/security/common-passwords.txt),
 * whatever its case and whatever digits or symbols surround it. Applies to every password a person chooses or an admin sets on screen.
 */
@Component
public class PasswordPolicy {

    public static final String MIN_LENGTH = "user.password-min-length";
    public static final int DEFAULT_MIN_LENGTH = 12;
    public static final int LOWEST_MIN_LENGTH = 8;
    public static final int HIGHEST_MIN_LENGTH = 64;
    public static final int MAX_LENGTH = 128;

    private final Settings settings;
    private final Set<String> common;

    PasswordPolicy(Settings settings) {
        this.settings = settings;
        this.common = load();
    }

    /** Why a password is refused. */
    public enum Problem {
        TOO_SHORT,
        TOO_LONG,
        SAME_AS_USERNAME,
        SAME_AS_CURRENT,
        COMMON
    }

    public Optional<Problem> check(String username, String password) {
        if (password == null || password.codePointCount(0, password.length()) < minLength()) {
            return Optional.of(Problem.TOO_SHORT);
        }
        if (password.length() > MAX_LENGTH) {
            return Optional.of(Problem.TOO_LONG);
        }
        String folded = password.strip().toLowerCase(Locale.ROOT);
        if (username != null && folded.equals(username.toLowerCase(Locale.ROOT))) {
            return Optional.of(Problem.SAME_AS_USERNAME);
        }
        if (isCommon(password)) {
            return Optional.of(Problem.COMMON);
        }
        return Optional.empty();
    }

    public int minLength() {
        return settings.getInt(MIN_LENGTH, DEFAULT_MIN_LENGTH);
    }

    public void setMinLength(int length, long actorId) {
        if (length < LOWEST_MIN_LENGTH || length > HIGHEST_MIN_LENGTH) {
            throw new IllegalArgumentException("A minimum password length is between 8 and 64");
        }
        settings.set(MIN_LENGTH, Integer.toString(length), actorId);
    }

    /**
     * In the list, whatever the case, or a listed word with only digits and symbols around it ("Password2024!"):
     * lengthening a common password that way is the first thing a guesser tries.
     */
    public boolean isCommon(String password) {
        String folded = password.strip().toLowerCase(Locale.ROOT);
        String core = folded.replaceAll("^[^\\p{L}]+|[^\\p{L}]+$", "");
        return common.contains(folded) || (core.length() >= 4 && common.contains(core));
    }

    private static Set<String> load() {
        Set<String> passwords = new HashSet<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new ClassPathResource("security/common-passwords.txt").getInputStream(), StandardCharsets.UTF_8))) {
            reader.lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.strip().toLowerCase(Locale.ROOT))
                    .forEach(passwords::add);
        } catch (IOException ex) {
            throw new UncheckedIOException("The list of common passwords is missing", ex);
        }
        return Set.copyOf(passwords);
    }
}
