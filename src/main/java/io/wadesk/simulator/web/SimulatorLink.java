package io.wadesk.simulator.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Tells the header to show the simulator's link: it exists only while the simulator is on. */
@ControllerAdvice
@ConditionalOnBooleanProperty("wadesk.simulator.enabled")
class SimulatorLink {

    @ModelAttribute("simulatorEnabled")
    boolean simulatorEnabled() {
        return true;
    }
}
