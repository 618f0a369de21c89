package io.wadesk.desk.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.wadesk.desk.internal.Bubble;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

/**
 * The HTML of a thread's bubbles ({@code fragments/message :: bubble(m)}), each rendered once and then reused.
 *
 * <p>A 200-message thread is the same fragment 200 times, and rendering it cost most of the time of opening a long
 * conversation (docs/benchmarks.md, "Desk pages"). A bubble's HTML depends only on the {@link Bubble} (a record of
 * values: text, file state, tick, reactions, quote…) and the reader's language, so that pair is the cache key: a
 * message whose tick moves or that gets a reaction is a different bubble, rendered anew; nothing needs evicting.
 * Entries expire 10 minutes after they were written, so the text of a transcript destroyed since stays in memory no
 * longer than that (never in the database, never served: a destroyed message is another bubble).
 */
@Component
class BubbleHtml {

    private record Key(Bubble bubble, Locale locale) {}

    private final Cache<Key, String> cache = Caffeine.newBuilder()
            .maximumSize(20_000)
            .expireAfterWrite(Duration.ofMinutes(10))
            .build();

    private final ITemplateEngine templates;

    BubbleHtml(ITemplateEngine templates) {
        this.templates = templates;
    }

    /** The HTML of each bubble, in order, for the current request's reader. */
    List<String> of(List<Bubble> bubbles) {
        Locale locale = LocaleContextHolder.getLocale();
        return bubbles.stream()
                .map(bubble -> cache.get(new Key(bubble, locale), key -> render(key.bubble(), locale)))
                .toList();
    }

    private String render(Bubble bubble, Locale locale) {
        ServletRequestAttributes attributes =
                (ServletRequestAttributes) RequestContextHolder.currentRequestAttributes();
        HttpServletRequest request = attributes.getRequest();
        HttpServletResponse response = attributes.getResponse();
        // A web context, so that the fragment's links (@{/media/…}) are built as in the page around it.
        WebContext context = new WebContext(
                JakartaServletWebApplication.buildApplication(request.getServletContext())
                        .buildExchange(request, response),
                locale,
                Map.of("m", bubble));
        return templates.process("fragments/message", Set.of("bubble"), context);
    }
}
