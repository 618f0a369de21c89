package io.wadesk;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
@ConfigurationPropertiesScan
public class WadeskApplication {

    public static void main(String[] args) {
        useAPoolForAsyncTasks();
        SpringApplication.run(WadeskApplication.class, args);
    }

    /**
     * On a machine of one or two cores the JDK gives {@code CompletableFuture}'s asynchronous steps a new thread each
     * (its common pool then has a parallelism of 1), and the JDK's HTTP client takes such a step for every call to
     * the Cloud API: three threads started per message sent or file fetched. A common pool of two threads does the
     * same work without that churn. Set before anything uses the pool; an explicit setting is kept.
     */
    static void useAPoolForAsyncTasks() {
        String property = "java.util.concurrent.ForkJoinPool.common.parallelism";
        if (System.getProperty(property) == null && Runtime.getRuntime().availableProcessors() <= 2) {
            System.setProperty(property, "2");
        }
    }

    /** Every rule that depends on time reads this clock, so that tests can move it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
