package io.wadesk.retention.web;

import io.wadesk.retention.internal.RefusedException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/** A refused request is shown on the page it came from, in the admin's language, with HTTP 422. */
@Component
class Refusals {

    private final MessageSource messages;

    Refusals(MessageSource messages) {
        this.messages = messages;
    }

    void show(RefusedException refused, Locale locale, Model model, HttpServletResponse response) {
        response.setStatus(422);
        model.addAttribute("error", messages.getMessage(refused.messageKey(), refused.arguments(), locale));
    }
}
