package io.wadesk.support;

import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.ContextRefreshedEvent;

/** Counts the application contexts a test run has open, so that the test database outlives them. */
public class OpenContexts implements ApplicationListener<ApplicationEvent> {

    private static final AtomicInteger open = new AtomicInteger();

    static int count() {
        return open.get();
    }

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (event instanceof ContextRefreshedEvent refreshed
                && refreshed.getApplicationContext().getParent() == null) {
            open.incrementAndGet();
        } else if (event instanceof ContextClosedEvent closed
                && closed.getApplicationContext().getParent() == null) {
            open.decrementAndGet();
        }
    }
}
