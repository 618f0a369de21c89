package io.wadesk.conversation;

import java.util.List;

/** An approved WhatsApp template to send, with the values of its parameters in order. */
public record TemplateRequest(String name, String language, List<String> parameters) {

    public TemplateRequest {
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
    }
}
