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
 * A number as an admin types it in a text field: a whole number between {@link #min()} and {@link #max()}; blank
 * only when {@link #optional()} (then it means "the default"). The message is a bundle key.
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = WholeNumber.Check.class)
public @interface WholeNumber {

    String message();

    int min() default Integer.MIN_VALUE;

    int max() default Integer.MAX_VALUE;

    boolean optional() default false;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<WholeNumber, String> {

        private WholeNumber rule;

        @Override
        public void initialize(WholeNumber rule) {
            this.rule = rule;
        }

        @Override
        public boolean isValid(String text, ConstraintValidatorContext context) {
            if (text == null || text.isBlank()) {
                return rule.optional();
            }
            Integer value = FormText.number(text);
            return value != null && value >= rule.min() && value <= rule.max();
        }
    }
}
