package io.wadesk.crypto;

import java.nio.file.Path;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The key ring, read once at start-up. (Scheduling, which the rotation poller needs, is switched on once for every
 * module in {@code io.wadesk.database.SchedulingConfiguration}.)
 */
@Configuration(proxyBeanMethods = false)
class CryptoConfiguration {

    @Bean
    KeyRing keyRing(Environment environment) {
        Path dataDir = Path.of(environment.getProperty("wadesk.data-dir", "./data"));
        return new KeyRingLoader(environment, new DemoKeys(dataDir)).load();
    }

    /** Refuses to start on a retired active key, before any request needs one. */
    @Bean
    ApplicationRunner activeKekCheck(KekRegistry registry) {
        return args -> registry.registerActive();
    }
}
