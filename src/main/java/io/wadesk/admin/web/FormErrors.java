package io.wadesk.admin.web;

import io.wadesk.admin.internal.Refused;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.Errors;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.web.server.ResponseStatusException;

/**
 * How the admin screens check a bound form and answer a refused one. A form shows one error: the first in the order
 * of its fields, which is the order its rules are checked in; constraint messages are bundle keys. A value that cannot
 * even be converted (a role that does not exist) is a bad request, as it was when the fields were request parameters.
 */
final class FormErrors {

    private FormErrors() {}

    /**
     * Checks the form's constraints, then the rules that need the module's data (they add their errors to the
     * fields).
     *
     * @throws Refused with the first error
     */
    static void check(BindingResult errors, Consumer<Errors> moreRules) {
        if (errors.getFieldErrors().stream().anyMatch(FieldError::isBindingFailure)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        moreRules.accept(errors);
        first(errors).ifPresent(key -> {
            throw new Refused(key);
        });
    }

    static void check(BindingResult errors) {
        check(errors, noMoreRules -> {});
    }

    private static Optional<String> first(BindingResult errors) {
        if (!errors.hasErrors()) {
            return Optional.empty();
        }
        RecordComponent[] fields = errors.getTarget().getClass().getRecordComponents();
        return Arrays.stream(fields == null ? new RecordComponent[0] : fields)
                .map(field -> errors.getFieldError(field.getName()))
                .filter(Objects::nonNull)
                .findFirst()
                .map(ObjectError::getDefaultMessage)
                .or(() -> Optional.ofNullable(errors.getAllErrors().get(0).getDefaultMessage()));
    }

    /** The page again, with status 422 and the refusal's message key under {@code attribute}. */
    static String refused(
            HttpServletResponse response, Model model, String attribute, Refused refused, Supplier<String> page) {
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        model.addAttribute(attribute, refused.messageKey());
        return page.get();
    }
}
