package io.wadesk.simulator.internal;

import java.time.Instant;
import java.util.List;

/**
 * A message of a simulated customer's phone: one the customer sent ({@code fromCustomer}) or one the business sent
 * through the fake Graph API, with its delivery status, the reply buttons it offers, and the media id of its image or
 * document, if it has one.
 */
public record SimulatedMessage(
        String wamid,
        boolean fromCustomer,
        String type,
        String text,
        List<Button> buttons,
        String status,
        Instant at,
        String mediaId) {

    public record Button(String id, String title) {}

    SimulatedMessage withStatus(String newStatus) {
        return new SimulatedMessage(wamid, fromCustomer, type, text, buttons, newStatus, at, mediaId);
    }
}
