package io.wadesk.shared;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a web handler that can show the content of a kept transcript (its messages, its files, an export of it) or
 * personal data worth a record (a full phone number, a contact's file): it shows them only after the read is written
 * to the audit log with who, what, when and why (archive's {@code TranscriptAccess} for transcripts). Every route of
 * the application carries this or {@link NoTranscriptContent}: {@code TranscriptRoutesTests} fails on a route with
 * neither, so that a new one cannot skip the question.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface AuditedRead {

    /** What is audited, and how (for the reader of the code and of the route test's failure). */
    String value();
}
