package io.wadesk.user.web;

import io.wadesk.shared.NoTranscriptContent;
import io.wadesk.user.PasswordChangeGate;
import io.wadesk.user.PasswordPolicy;
import io.wadesk.user.SignedInUser;
import io.wadesk.user.UserAccounts;
import io.wadesk.user.internal.OwnPassword;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

/** Everyone's own password: changed when they want, and before anything else after an admin reset it. */
@NoTranscriptContent("the user's own password")
@Controller
class AccountController {

    private final OwnPassword ownPassword;
    private final UserAccounts accounts;
    private final PasswordPolicy policy;

    AccountController(OwnPassword ownPassword, UserAccounts accounts, PasswordPolicy policy) {
        this.ownPassword = ownPassword;
        this.accounts = accounts;
        this.policy = policy;
    }

    @GetMapping(PasswordChangeGate.CHANGE_PASSWORD)
    String form(@AuthenticationPrincipal SignedInUser user, Model model) {
        model.addAttribute("forced", accounts.access(user.id()) == UserAccounts.Access.CHANGE_PASSWORD_FIRST);
        model.addAttribute("minLength", policy.minLength());
        return "account/password";
    }

    @PostMapping(PasswordChangeGate.CHANGE_PASSWORD)
    String change(
            @AuthenticationPrincipal SignedInUser user,
            @ModelAttribute OwnPassword.Change change,
            Model model,
            HttpServletResponse response) {
        try {
            ownPassword.change(user, change);
        } catch (OwnPassword.Refused refused) {
            // The refused change rolled back, and the form says why.
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("error", refused.messageKey());
            return form(user, model);
        }
        return "redirect:/";
    }
}
