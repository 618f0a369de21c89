package io.wadesk.demo;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/** Demo mode only: the clock that lets the archive be seeded in the past. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("wadesk.demo")
class DemoConfiguration {

    @Bean
    @Primary
    DemoClock demoClock() {
        return new DemoClock(Clock.systemUTC());
    }
}
