package io.wadesk.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

/**
 * The rules every job that must run once across instances follows (what the two-instance scenario,
 * {@code scripts/two-instances}, found broken): ShedLock only locks a method that returns nothing, and a lock released
 * the moment the run ends lets the other instance, whose trigger fires a little later, run the same period again.
 */
class ScheduledJobLocksTests {

    private static final List<Method> jobs = new ArrayList<>();

    @BeforeAll
    static void findJobs() throws ClassNotFoundException {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Component.class));
        for (BeanDefinition candidate : scanner.findCandidateComponents("io.wadesk")) {
            Class<?> type = ClassUtils.forName(candidate.getBeanClassName(), null);
            for (Method method : type.getDeclaredMethods()) {
                if (method.isAnnotationPresent(SchedulerLock.class)) {
                    jobs.add(method);
                }
            }
        }
    }

    @Test
    void theJobsAreFound() {
        assertThat(jobs)
                .extracting(job -> job.getAnnotation(SchedulerLock.class).name())
                .contains("pause-expiry", "keep-open-reminder", "live-event-purge", "retention-run");
    }

    @Test
    void everyLockedJobReturnsNothing() {
        // ShedLock refuses, at every run, a method returning a primitive ("Can not lock method returning primitive
        // value"): such a job never runs.
        assertThat(jobs)
                .allSatisfy(job ->
                        assertThat(job.getReturnType()).as(job.toString()).isEqualTo(void.class));
    }

    @Test
    void everyLockedJobHoldsItsLockForAPeriod() {
        assertThat(jobs)
                .allSatisfy(
                        job -> assertThat(job.getAnnotation(SchedulerLock.class).lockAtLeastFor())
                                .as(job.toString())
                                .isNotEmpty());
    }
}
