package io.wadesk.conversation;

/** What a command on a conversation gives back: it was done, or the precise reason it was refused. */
public sealed interface CommandResult<T> {

    record Done<T>(T value) implements CommandResult<T> {}

    record Refused<T>(Refusal reason) implements CommandResult<T> {}

    static <T> CommandResult<T> done(T value) {
        return new Done<>(value);
    }

    static <T> CommandResult<T> refused(Refusal reason) {
        return new Refused<>(reason);
    }

    default boolean isDone() {
        return this instanceof Done;
    }
}
