package io.wadesk.support;

import io.wadesk.user.Role;
import io.wadesk.user.UserAccount;
import io.wadesk.user.UserAccounts;
import java.util.concurrent.atomic.AtomicInteger;

/** Creates users with unique names, so that tests sharing one database never see each other's users. */
public class TestUsers {

    public static final String PASSWORD = "correct horse battery staple";

    private static final AtomicInteger sequence = new AtomicInteger();

    private final UserAccounts accounts;

    public TestUsers(UserAccounts accounts) {
        this.accounts = accounts;
    }

    public UserAccount create(Role role) {
        String username = role.name().toLowerCase() + "-" + System.nanoTime() + "-" + sequence.incrementAndGet();
        return accounts.create(new UserAccounts.NewUser(username, "Test " + role, "Test", role, PASSWORD));
    }
}
