package io.wadesk.admin.internal;

import io.wadesk.whatsapp.WhatsAppConnection;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Meta's identifiers as the WhatsApp module writes them ({@link WhatsAppConnection#ID},
 * {@link WhatsAppConnection#VERSION}): a list of business numbers, one optional id (the WABA), or a Graph API version.
 * The message is a bundle key.
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = WhatsAppField.Check.class)
public @interface WhatsAppField {

    Kind value();

    String message();

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    enum Kind {
        /** Ids separated by commas or spaces (none is fine). */
        IDS,
        /** One id, or blank. */
        OPTIONAL_ID,
        API_VERSION
    }

    class Check implements ConstraintValidator<WhatsAppField, String> {

        private Kind kind;

        @Override
        public void initialize(WhatsAppField rule) {
            this.kind = rule.value();
        }

        @Override
        public boolean isValid(String text, ConstraintValidatorContext context) {
            return switch (kind) {
                case IDS ->
                    FormText.items(text).stream()
                            .allMatch(id -> WhatsAppConnection.ID.matcher(id).matches());
                case OPTIONAL_ID ->
                    text.isEmpty() || WhatsAppConnection.ID.matcher(text).matches();
                case API_VERSION -> WhatsAppConnection.VERSION.matcher(text).matches();
            };
        }
    }
}
