package io.wadesk.shared;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a web handler (or a whole controller) that never shows anything of a kept transcript: metadata, settings, live
 * work on an open conversation, commands. The opposite of {@link AuditedRead}; {@code TranscriptRoutesTests} requires
 * one of the two on every route, and on each handler method (not only its class) in the packages that handle
 * conversations (desk, archive, conversation, retention web layers).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface NoTranscriptContent {

    /** Why nothing of a kept transcript can show here. */
    String value() default "";
}
