package io.wadesk.desk.internal;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import org.nibor.autolink.LinkExtractor;
import org.nibor.autolink.LinkSpan;
import org.nibor.autolink.LinkType;
import org.nibor.autolink.Span;

/**
 * Splits a customer's text into plain runs and links, so that templates can make links clickable with
 * {@code th:href} and {@code th:text} and never render the text as HTML. Only http and https become links: a
 * {@code javascript:} or {@code data:} address stays text; {@code www.} addresses are opened over https.
 */
final class Links {

    private static final LinkExtractor EXTRACTOR = LinkExtractor.builder()
            .linkTypes(EnumSet.of(LinkType.URL, LinkType.WWW))
            .build();

    private Links() {}

    static List<Bubble.Segment> segments(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        List<Bubble.Segment> segments = new ArrayList<>();
        StringBuilder plain = new StringBuilder();
        for (Span span : EXTRACTOR.extractSpans(text)) {
            String part = text.substring(span.getBeginIndex(), span.getEndIndex());
            String href = span instanceof LinkSpan link ? href(link.getType(), part) : null;
            if (href == null) {
                plain.append(part);
            } else {
                flush(plain, segments);
                segments.add(new Bubble.Segment(part, href));
            }
        }
        flush(plain, segments);
        return segments;
    }

    /** The plain text gathered so far, as one segment. */
    private static void flush(StringBuilder plain, List<Bubble.Segment> segments) {
        if (!plain.isEmpty()) {
            segments.add(new Bubble.Segment(plain.toString(), null));
            plain.setLength(0);
        }
    }

    /** The address to open for a link found in the text, or null if it must stay text. */
    static String href(LinkType type, String found) {
        if (type == LinkType.WWW) {
            return "https://" + found;
        }
        String lower = found.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://") ? found : null;
    }

    /** An address given by WhatsApp (a place's page) is shown as a link only when it is http or https. */
    static String safeUrl(String url) {
        if (url == null) {
            return null;
        }
        String lower = url.strip().toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://") ? url.strip() : null;
    }
}
