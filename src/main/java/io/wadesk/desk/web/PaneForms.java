package io.wadesk.desk.web;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** The forms of the conversation pane's commands, as their requests bind them. */
final class PaneForms {

    private PaneForms() {}

    /** A reply: nothing typed is an empty text, which the command refuses with its reason. */
    record Reply(String text) {

        Reply {
            text = text == null ? "" : text;
        }
    }

    /** A pause: the configured default when no length is chosen, else an ISO-8601 duration ({@code PT3H}). */
    record Pause(String duration) {

        boolean defaultLength() {
            return duration == null || duration.isBlank();
        }

        /** Empty for something that is not a duration: the command is then refused as a pause not allowed. */
        Optional<Duration> length() {
            try {
                return Optional.of(Duration.parse(duration));
            } catch (DateTimeParseException ex) {
                return Optional.empty();
            }
        }
    }

    /**
     * A transfer to a colleague ({@code agent-<id>}) or to a team ({@code team-<id>}), with an optional note for
     * whoever takes it.
     */
    record Transfer(@NotNull String target, String note) {

        private static final String AGENT = "agent-";
        private static final String TEAM = "team-";

        boolean toAgent() {
            return target.startsWith(AGENT);
        }

        /** The colleague's or the team's id; anything else is a bad request. */
        long id() {
            String prefix = toAgent() ? AGENT : TEAM;
            if (!target.startsWith(prefix)) {
                throw unknownTarget();
            }
            try {
                return Long.parseLong(target.substring(prefix.length()));
            } catch (NumberFormatException ex) {
                throw unknownTarget();
            }
        }

        /** The note as written, or null when there is none. */
        String cleanNote() {
            return note == null || note.isBlank() ? null : note.strip();
        }

        private static ResponseStatusException unknownTarget() {
            return new ResponseStatusException(HttpStatus.BAD_REQUEST, "Unknown transfer target");
        }
    }
}
