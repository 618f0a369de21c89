package io.wadesk.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.wadesk.support.IntegrationTest;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

/**
 * Issue 16, point 8: X-Forwarded-* headers are believed from the configured proxies only (WADESK_TRUSTED_PROXIES),
 * loopback by default, not from every private address as Tomcat's own default does.
 */
@IntegrationTest
class TrustedProxiesTests {

    @Autowired
    Environment environment;

    @Test
    void byDefaultOnlyLoopbackIsATrustedProxy() {
        Pattern trusted = Pattern.compile(environment.getProperty("server.tomcat.remoteip.internal-proxies"));

        assertThat(trusted.matcher("127.0.0.1").matches()).isTrue();
        assertThat(trusted.matcher("0:0:0:0:0:0:0:1").matches()).isTrue();
        for (String untrusted : new String[] {"10.0.0.5", "192.168.1.10", "172.16.0.1", "169.254.1.1", "203.0.113.9"}) {
            assertThat(trusted.matcher(untrusted).matches()).as(untrusted).isFalse();
        }
    }

    @Test
    void theOperatorsSettingIsTheOneTomcatUses() {
        assertThat(environment.getProperty("server.tomcat.remoteip.internal-proxies"))
                .isEqualTo(environment.getProperty("wadesk.trusted-proxies"));
    }
}
