package io.wadesk.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.wadesk.shared.AuditedRead;
import io.wadesk.shared.NoTranscriptContent;
import io.wadesk.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every route of the application says whether it can show a kept transcript (then only through the audited read,
 * {@link AuditedRead}) or not ({@link NoTranscriptContent}), read from the running application's handler mappings: a
 * controller method added later without saying so fails here. In the web layers that handle conversations the answer
 * is required on each method, not only on its class, so that a new method there cannot inherit "no content".
 */
@IntegrationTest
class TranscriptRoutesTests {

    /** Where a handler can reach conversations: each of its methods answers for itself. */
    static final List<String> CONVERSATION_WEB_PACKAGES = List.of(
            "io.wadesk.desk.web", "io.wadesk.archive.web", "io.wadesk.conversation.web", "io.wadesk.retention.web");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyRouteOfTheApplicationIsClassified() {
        Map<RequestMappingInfo, HandlerMethod> routes = mappings.getHandlerMethods();
        assertThat(routes).hasSizeGreaterThan(80);
        assertThat(unclassified(routes))
                .as("routes that do not say whether they show a kept transcript")
                .isEmpty();
    }

    @Test
    void theRoutesThatShowKeptTranscriptsAreTheAuditedOnes() {
        Set<String> audited = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            if (handler.hasMethodAnnotation(AuditedRead.class)) {
                audited.addAll(info.getPatternValues());
            }
        });
        assertThat(audited)
                .contains(
                        "/desk/conversations/{id}",
                        "/desk/history/{id}",
                        "/desk/history/{id}/read",
                        "/desk/conversations/{id}/phone",
                        "/archive/conversations/{id}/read",
                        "/archive/conversations/{id}/export.pdf",
                        "/archive/conversations/{id}/export.json",
                        "/media/{messageId}",
                        "/admin/requests/contacts/{id}",
                        "/admin/requests/contacts/{id}/export");
    }

    @Test
    void aNewUnclassifiedHandlerIsCaught() throws NoSuchMethodException {
        HandlerMethod added = new HandlerMethod(new Added(), Added.class.getDeclaredMethod("added"));
        HandlerMethod classified = new HandlerMethod(new Added(), Added.class.getDeclaredMethod("classified"));
        RequestMappingInfo addedInfo = RequestMappingInfo.paths("/added").build();
        RequestMappingInfo classifiedInfo =
                RequestMappingInfo.paths("/classified").build();

        assertThat(unclassified(Map.of(addedInfo, added, classifiedInfo, classified)))
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .contains("/added", "Added.added");
    }

    /** The routes of the application's own handlers with no answer, as readable lines. */
    static Set<String> unclassified(Map<RequestMappingInfo, HandlerMethod> routes) {
        Set<String> missing = new TreeSet<>();
        routes.forEach((info, handler) -> {
            Class<?> type = handler.getBeanType();
            if (!type.getName().startsWith("io.wadesk.") || classified(handler)) {
                return;
            }
            missing.add(info.getPatternValues() + " " + type.getSimpleName() + "."
                    + handler.getMethod().getName());
        });
        return missing;
    }

    private static boolean classified(HandlerMethod handler) {
        boolean onMethod = handler.hasMethodAnnotation(AuditedRead.class)
                || handler.hasMethodAnnotation(NoTranscriptContent.class);
        boolean bothOnMethod = handler.hasMethodAnnotation(AuditedRead.class)
                && handler.hasMethodAnnotation(NoTranscriptContent.class);
        if (bothOnMethod) {
            return false;
        }
        if (onMethod) {
            return true;
        }
        Class<?> type = handler.getBeanType();
        boolean conversationWeb = CONVERSATION_WEB_PACKAGES.contains(type.getPackageName());
        return !conversationWeb
                && (AnnotatedElementUtils.hasAnnotation(type, AuditedRead.class)
                        || AnnotatedElementUtils.hasAnnotation(type, NoTranscriptContent.class));
    }

    /** A controller as a colleague might add it: one method forgets to say whether it shows a transcript. */
    static class Added {

        @GetMapping("/added")
        String added() {
            return "added";
        }

        @NoTranscriptContent("a test route")
        @GetMapping("/classified")
        String classified() {
            return "classified";
        }
    }
}
