package io.wadesk.database;

import java.net.InetAddress;
import java.net.UnknownHostException;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Scheduled jobs for every module. Each job that must run once across instances is annotated
 * {@code @SchedulerLock}; the lock lives in PostgreSQL and uses the database's clock, so instances with drifting
 * clocks still agree.
 *
 * <p>A lock alone keeps two runs from overlapping, not one period from running twice: each instance has its own
 * trigger, and a job released at the end of its run is taken again by the other instance's trigger a moment later. So
 * each job holds its lock at least for its period ({@code lockAtLeastFor}): the interval of an interval job; for a
 * cron job, which fires at the same time on every instance, {@code wadesk.scheduling.clock-tolerance} (default one
 * minute), how far apart the instances' clocks may be, to stay below the shortest cron period.
 *
 * <p>{@code wadesk.scheduling.enabled=false} switches every scheduled job off (a test that calls a job directly may
 * want that).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "wadesk.scheduling.enabled", havingValue = "true", matchIfMissing = true)
@EnableScheduling
@EnableSchedulerLock(defaultLockAtMostFor = "PT5M")
class SchedulingConfiguration {

    @Bean
    LockProvider lockProvider(DataSource dataSource) {
        return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .usingDbTime()
                .withLockedByValue(instance())
                .build());
    }

    /** Who holds a lock, in {@code shedlock.locked_by}: the host alone cannot tell two instances on one machine. */
    private static String instance() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException ex) {
            host = "unknown-host";
        }
        return host + " pid " + ProcessHandle.current().pid();
    }
}
