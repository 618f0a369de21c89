package io.wadesk.user.web;

import io.wadesk.audit.AuditEntry;
import io.wadesk.audit.AuditLog;
import io.wadesk.shared.NoTranscriptContent;
import io.wadesk.user.PasswordChangeGate;
import io.wadesk.user.PasswordPolicy;
import io.wadesk.user.SignedInUser;
import io.wadesk.user.UserAccounts;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Everyone's own password: changed when they want, and before anything else after an admin reset it. */
@NoTranscriptContent("the user's own password")
@Controller
class AccountController {

    private final UserAccounts accounts;
    private final PasswordPolicy policy;
    private final AuditLog audit;

    AccountController(UserAccounts accounts, PasswordPolicy policy, AuditLog audit) {
        this.accounts = accounts;
        this.policy = policy;
        this.audit = audit;
    }

    @GetMapping(PasswordChangeGate.CHANGE_PASSWORD)
    String form(@AuthenticationPrincipal SignedInUser user, Model model) {
        model.addAttribute("forced", accounts.access(user.id()) == UserAccounts.Access.CHANGE_PASSWORD_FIRST);
        model.addAttribute("minLength", policy.minLength());
        return "account/password";
    }

    @PostMapping(PasswordChangeGate.CHANGE_PASSWORD)
    @Transactional
    String change(
            @AuthenticationPrincipal SignedInUser user,
            @RequestParam(defaultValue = "") String currentPassword,
            @RequestParam(defaultValue = "") String newPassword,
            @RequestParam(defaultValue = "") String confirmPassword,
            Model model,
            HttpServletResponse response) {
        String error = null;
        if (!newPassword.equals(confirmPassword)) {
            error = "adminconf.password.error.mismatch";
        } else {
            try {
                accounts.changePassword(user.id(), currentPassword, newPassword);
                audit.record(AuditEntry.of(user.getUsername(), "user.password.changed", "user", user.id()));
            } catch (UserAccounts.WrongPasswordException wrong) {
                error = "adminconf.password.error.current";
            } catch (UserAccounts.PasswordRefusedException refused) {
                error = "adminconf.password.error." + refused.problem().name();
            }
        }
        if (error != null) {
            // The refused change rolls back quietly (it marked the transaction), and the form says why.
            TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
            model.addAttribute("error", error);
            model.addAttribute("forced", accounts.access(user.id()) == UserAccounts.Access.CHANGE_PASSWORD_FIRST);
            model.addAttribute("minLength", policy.minLength());
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return "account/password";
        }
        return "redirect:/";
    }
}
