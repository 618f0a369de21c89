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
 * A secret typed in a form (blank keeps the current one): at most {@link #max()} characters once stripped, or with
 * {@link #list()} each of a list typed with commas or spaces. The message is a bundle key.
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = SecretText.Check.class)
public @interface SecretText {

    int max();

    boolean list() default false;

    String message();

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<SecretText, String> {

        private SecretText rule;

        @Override
        public void initialize(SecretText rule) {
            this.rule = rule;
        }

        @Override
        public boolean isValid(String text, ConstraintValidatorContext context) {
            if (rule.list()) {
                return FormText.items(text).stream().allMatch(s -> s.length() <= rule.max());
            }
            return text.strip().length() <= rule.max();
        }
    }
}
