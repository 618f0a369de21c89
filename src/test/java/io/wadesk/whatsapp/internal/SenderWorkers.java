package io.wadesk.whatsapp.internal;

import org.springframework.context.ApplicationContext;

/** Starts and stops the sender worker of an application that a scenario of another package started. */
public final class SenderWorkers {

    private SenderWorkers() {}

    public static void start(ApplicationContext app) {
        app.getBean(OutboundSenderWorker.class).start();
    }

    public static void stop(ApplicationContext app) {
        app.getBean(OutboundSenderWorker.class).stop();
    }
}
