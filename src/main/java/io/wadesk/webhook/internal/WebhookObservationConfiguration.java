package io.wadesk.webhook.internal;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Webhook POSTs are measured by {@code wadesk.webhook.ack} only. The generic observations of a request (the
 * {@code http.server.requests} timer, and one observation per Spring Security filter) cost more CPU than the rest
 * of the acknowledgement path together, and Meta may send thousands per second.
 */
@Configuration(proxyBeanMethods = false)
class WebhookObservationConfiguration {

    static final String WEBHOOK_PATHS = "/webhooks/";

    @Bean
    ObservationPredicate noObservationOfWebhookRequests() {
        return (name, context) -> !isWebhookRequest(context);
    }

    private static boolean isWebhookRequest(Observation.Context context) {
        if (context instanceof ServerRequestObservationContext server) {
            return isWebhook(server.getCarrier());
        }
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                && isWebhook(attributes.getRequest());
    }

    private static boolean isWebhook(HttpServletRequest request) {
        String uri = request.getRequestURI();
        return uri != null && uri.startsWith(request.getContextPath() + WEBHOOK_PATHS);
    }
}
