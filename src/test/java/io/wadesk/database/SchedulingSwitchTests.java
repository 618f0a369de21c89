package io.wadesk.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.wadesk.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.scheduling.annotation.ScheduledAnnotationBeanPostProcessor;

/**
 * {@code wadesk.scheduling.enabled=false} (the tests' setting) leaves no scheduled job running: no library may turn
 * {@code @Scheduled} on behind {@link SchedulingConfiguration}'s back (Spring Modulith's moments did, and every test
 * context then ran every job on the shared database, without locks).
 */
@IntegrationTest
class SchedulingSwitchTests {

    @Autowired
    ApplicationContext context;

    @Test
    void withSchedulingOffNoScheduledMethodIsEverCalled() {
        assertThat(context.getBeanNamesForType(ScheduledAnnotationBeanPostProcessor.class))
                .isEmpty();
        assertThat(context.getBeanNamesForType(SchedulingConfiguration.class)).isEmpty();
    }
}
