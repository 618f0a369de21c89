package io.wadesk.retention.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Seals, once the application is up, the legal-hold reasons written in clear before migration V28. */
@Component
class HoldReasonSealing {

    private static final Logger log = LoggerFactory.getLogger(HoldReasonSealing.class);

    private final LegalHolds holds;

    HoldReasonSealing(LegalHolds holds) {
        this.holds = holds;
    }

    @EventListener(ApplicationReadyEvent.class)
    void sealClearReasons() {
        int sealed = holds.sealClearReasons();
        if (sealed > 0) {
            // The clear text stays in dead row versions until PostgreSQL vacuums the table.
            log.info("Sealed the reasons of {} legal hold(s) stored in clear before version 28", sealed);
        }
    }
}
