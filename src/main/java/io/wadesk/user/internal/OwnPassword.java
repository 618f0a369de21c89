package io.wadesk.user.internal;

import io.wadesk.audit.AuditEntry;
import io.wadesk.audit.AuditLog;
import io.wadesk.user.SignedInUser;
import io.wadesk.user.UserAccounts;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A person changes their own password: typed twice, the current one proven, the new one by the policy; audited. */
@Service
public class OwnPassword {

    private final UserAccounts accounts;
    private final AuditLog audit;

    OwnPassword(UserAccounts accounts, AuditLog audit) {
        this.accounts = accounts;
        this.audit = audit;
    }

    /** What the password form sends. */
    public record Change(String currentPassword, String newPassword, String confirmPassword) {

        public Change {
            currentPassword = currentPassword == null ? "" : currentPassword;
            newPassword = newPassword == null ? "" : newPassword;
            confirmPassword = confirmPassword == null ? "" : confirmPassword;
        }
    }

    /** A refused change: nothing changed, and the form says why (a bundle key). */
    public static class Refused extends RuntimeException {

        private final String messageKey;

        Refused(String messageKey) {
            super(messageKey);
            this.messageKey = messageKey;
        }

        public String messageKey() {
            return messageKey;
        }
    }

    /**
     * Changes the user's password; their other sessions end.
     *
     * @throws Refused when the two new ones differ, the current one is wrong, or the policy refuses the new one
     */
    @Transactional
    public void change(SignedInUser user, Change change) {
        if (!change.newPassword().equals(change.confirmPassword())) {
            throw new Refused("adminconf.password.error.mismatch");
        }
        try {
            accounts.changePassword(user.id(), change.currentPassword(), change.newPassword());
        } catch (UserAccounts.WrongPasswordException wrong) {
            throw new Refused("adminconf.password.error.current");
        } catch (UserAccounts.PasswordRefusedException refused) {
            throw new Refused("adminconf.password.error." + refused.problem().name());
        }
        audit.record(AuditEntry.of(user.getUsername(), "user.password.changed", "user", user.id()));
    }
}
