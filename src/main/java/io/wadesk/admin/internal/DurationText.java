package io.wadesk.admin.internal;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A duration as admins type it ({@link Durations}), or with {@link #list()} a comma-separated list of them. The
 * message is a bundle key.
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = DurationText.Check.class)
public @interface DurationText {

    String message();

    boolean list() default false;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<DurationText, String> {

        private boolean list;

        @Override
        public void initialize(DurationText rule) {
            this.list = rule.list();
        }

        @Override
        public boolean isValid(String text, ConstraintValidatorContext context) {
            return list ? Durations.parseList(text) != null : Durations.parse(text) != null;
        }
    }
}
