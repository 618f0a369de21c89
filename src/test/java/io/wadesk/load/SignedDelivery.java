package io.wadesk.load;

import java.util.List;

/**
 * One POST as Meta would send it: the exact bytes and their {@code X-Hub-Signature-256}, with what it carries so that
 * the run can follow each item to the desk.
 *
 * @param kind text, media, status or batch
 * @param messageIds the wamids of the inbound messages it carries
 * @param statusKeys {@code wamid/status} of the statuses it carries
 */
public record SignedDelivery(
        byte[] body, String signature, String kind, List<String> messageIds, List<String> statusKeys) {}
