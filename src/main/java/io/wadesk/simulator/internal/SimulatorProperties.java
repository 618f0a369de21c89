package io.wadesk.simulator.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The built-in WhatsApp simulator (dev and demo only).
 *
 * @param enabled whether {@code /simulator} and the fake Graph API are served ({@code WADESK_SIMULATOR_ENABLED});
 *     defaults to demo mode on the embedded database, see {@link SimulatorEnvironmentPostProcessor}
 * @param statusDelay the pause before each of the sent, delivered and read statuses of a message sent to a customer
 * @param webhookUrl where the simulator posts what Meta would; empty means this application's own webhook
 * @param maxCustomers simulated customers kept in memory, the oldest forgotten first
 * @param maxMessages messages kept per customer, the oldest forgotten first
 */
@ConfigurationProperties("wadesk.simulator")
public record SimulatorProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("400ms") Duration statusDelay,
        @DefaultValue("") String webhookUrl,
        @DefaultValue("100") int maxCustomers,
        @DefaultValue("200") int maxMessages) {}
