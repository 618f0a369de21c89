package io.wadesk.user;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who can sign in on a new installation: the demo users ({@code WADESK_DEMO}) or a first admin
 * ({@code WADESK_ADMIN_USERNAME} / {@code WADESK_ADMIN_PASSWORD}).
 */
@ConfigurationProperties("wadesk")
public record UserBootstrapProperties(boolean demo, Admin admin) {

    public UserBootstrapProperties {
        admin = admin == null ? new Admin(null, null) : admin;
    }

    public record Admin(String username, String password) {}
}
