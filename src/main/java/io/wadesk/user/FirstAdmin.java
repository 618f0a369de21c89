package io.wadesk.user;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * A new installation with no admin gets one from WADESK_ADMIN_USERNAME / WADESK_ADMIN_PASSWORD, or says how. The
 * password must follow the {@link PasswordPolicy}, or the application does not start. Runs after {@link DemoUsers},
 * which may already have created one.
 */
@Component
@Order(1)
class FirstAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);

    private final UserAccounts accounts;
    private final UserBootstrapProperties properties;
    private final PasswordPolicy policy;

    FirstAdmin(UserAccounts accounts, UserBootstrapProperties properties, PasswordPolicy policy) {
        this.accounts = accounts;
        this.properties = properties;
        this.policy = policy;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (accounts.anyAdmin()) {
            return;
        }
        UserBootstrapProperties.Admin admin = properties.admin();
        if (!StringUtils.hasText(admin.username()) || !StringUtils.hasText(admin.password())) {
            log.warn("No admin exists yet: restart with WADESK_ADMIN_USERNAME and WADESK_ADMIN_PASSWORD set to"
                    + " create the first one.");
            return;
        }
        create(admin);
    }

    private void create(UserBootstrapProperties.Admin admin) {
        policy.check(admin.username(), admin.password()).ifPresent(problem -> {
            throw new FirstAdminPasswordException(problem, policy.minLength());
        });
        accounts.create(new UserAccounts.NewUser(
                admin.username(), admin.username(), admin.username(), Role.ADMIN, admin.password()));
        log.info("Created the first admin, {}", admin.username());
    }
}
