package io.wadesk.admin.web;

import io.wadesk.admin.internal.Refused;
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
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * How the admin screens check a bound form and answer: a refused one with its page again, a saved one with a redirect. A form shows one error: the first in the order
 * of its fields, which is the order its rules are checked in; constraint messages are bundle keys. A value that cannot
 * even be converted (a role that does not exist) is a bad request, as it was when the fields were request parameters.
 */
final class Forms {

    private Forms() {}

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
    static ModelAndView refused(Model model, String attribute, Refused refused, Supplier<String> page) {
        model.addAttribute(attribute, refused.messageKey());
        return new ModelAndView(page.get(), model.asMap(), HttpStatus.UNPROCESSABLE_CONTENT);
    }

    /** To the page, which says (the message of {@code key}) what was done. */
    static ModelAndView saved(RedirectAttributes redirect, String key, String path) {
        redirect.addFlashAttribute("saved", key);
        return new ModelAndView("redirect:" + path);
    }
}
