package io.wadesk.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.web.http.DefaultCookieSerializer;

/**
 * The session cookie (sessions themselves live in PostgreSQL, through Spring Session JDBC). Declared here rather than
 * through {@code server.servlet.session.cookie.*} so that it is the same whatever the servlet container.
 */
@Configuration(proxyBeanMethods = false)
class SessionCookieConfiguration {

    static final String COOKIE_NAME = "WADESK_SESSION";

    @Bean
    DefaultCookieSerializer cookieSerializer() {
        DefaultCookieSerializer serializer = new DefaultCookieSerializer();
        serializer.setCookieName(COOKIE_NAME);
        serializer.setUseHttpOnlyCookie(true);
        serializer.setSameSite("Lax");
        serializer.setCookiePath("/");
        // Secure is left to the request: set when it arrived over TLS (directly or through X-Forwarded-Proto).
        return serializer;
    }
}
