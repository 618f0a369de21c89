package io.wadesk.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The properties of an application started by a benchmark or a scenario with the simulator on: listening on a free
 * loopback port, its Cloud API client talking to the simulator's fake Graph API there, the simulator's statuses held
 * back past the run (so that the webhook's load does not share the cores with the sender), the sender off until the
 * caller starts it, and the log quiet. Command-line arguments outrank the test configuration on the class path.
 */
public final class SimulatorOnLoopback {

    private SimulatorOnLoopback() {}

    /** @return properties to add to, then pass through {@link BenchmarkOptions} as the application's arguments */
    public static Map<String, String> properties(int maxCustomers) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("server.port", Integer.toString(port));
        properties.put("server.address", "127.0.0.1");
        properties.put("wadesk.simulator.enabled", "true");
        properties.put("wadesk.simulator.status-delay", "1h");
        properties.put("wadesk.simulator.max-customers", Integer.toString(maxCustomers));
        properties.put("wadesk.whatsapp.graph-url", "http://127.0.0.1:" + port + "/simulator/graph");
        properties.put("wadesk.whatsapp.sender.enabled", "false");
        properties.put("logging.level.root", "WARN");
        return properties;
    }
}
