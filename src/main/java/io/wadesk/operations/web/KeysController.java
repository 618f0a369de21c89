package io.wadesk.operations.web;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.wadesk.crypto.KeyRetirementRefusedException;
import io.wadesk.crypto.KeyStatus;
import io.wadesk.operations.internal.KeyAdministration;
import io.wadesk.shared.NoTranscriptContent;
import io.wadesk.user.SignedInUser;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The keys screen: each KEK with its status, the progress of re-wrapping under the active one (polled by htmx while
 * it is not complete), "rotate now", and retiring a key no data key uses any more.
 */
@NoTranscriptContent("key administration")
@Controller
class KeysController {

    /** How the screen names a key's state. */
    enum State {
        ACTIVE,
        /** Older than the active key and still wrapping data keys: rotation has not finished with it. */
        RETIRING,
        /** Older than the active key and unused: it can be retired. */
        UNUSED,
        RETIRED
    }

    record KeyRow(KeyStatus key, State state) {}

    private final KeyAdministration keys;
    private final MessageSource messages;

    KeysController(KeyAdministration keys, MessageSource messages) {
        this.keys = keys;
        this.messages = messages;
    }

    @GetMapping("/admin/keys")
    String page(Model model) {
        addPage(model);
        return "admin/data/keys";
    }

    @GetMapping("/admin/keys/progress")
    String progress(Model model) {
        addProgress(model);
        return "admin/data/keys :: progress";
    }

    @PostMapping("/admin/keys/rotation")
    String rotate(
            @AuthenticationPrincipal SignedInUser user, HtmxRequest htmx, Model model, RedirectAttributes redirect) {
        boolean started = keys.rotateNow(user.getUsername());
        if (htmx.isHtmxRequest()) {
            model.addAttribute("rotationStarted", started);
            addProgress(model);
            return "admin/data/keys :: progress";
        }
        redirect.addFlashAttribute("rotationStarted", started);
        return "redirect:/admin/keys";
    }

    @PostMapping("/admin/keys/{id}/retire")
    String retire(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable String id,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            keys.retire(user.getUsername(), id);
        } catch (KeyRetirementRefusedException refused) {
            return refused(refused, model, response);
        }
        redirect.addFlashAttribute("retired", id);
        return "redirect:/admin/keys";
    }

    /** The keys page again, with status 422 and why the key stays. */
    private String refused(KeyRetirementRefusedException refused, Model model, HttpServletResponse response) {
        response.setStatus(422);
        model.addAttribute("error", why(refused));
        addPage(model);
        return "admin/data/keys";
    }

    /** Why the key stays, in the request's language. */
    private String why(KeyRetirementRefusedException refused) {
        return messages.getMessage(
                "admindata.keys.retire.refused." + refused.reason(),
                new Object[] {refused.keyId(), refused.dataKeysLeft()},
                LocaleContextHolder.getLocale());
    }

    private void addPage(Model model) {
        model.addAttribute(
                "keys",
                keys.keys().stream().map(key -> new KeyRow(key, state(key))).toList());
        addProgress(model);
    }

    private void addProgress(Model model) {
        model.addAttribute("progress", keys.progress());
        model.addAttribute("rotating", keys.rotating());
    }

    private static State state(KeyStatus key) {
        if (key.active()) {
            return State.ACTIVE;
        }
        if (key.retiredAt() != null) {
            return State.RETIRED;
        }
        return key.dataKeys() > 0 ? State.RETIRING : State.UNUSED;
    }
}
