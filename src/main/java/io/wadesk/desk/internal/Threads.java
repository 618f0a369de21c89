package io.wadesk.desk.internal;

import io.wadesk.conversation.ConversationHistory;
import io.wadesk.conversation.ConversationView;
import io.wadesk.conversation.DeliveryStatus;
import io.wadesk.conversation.Direction;
import io.wadesk.conversation.MediaFiles;
import io.wadesk.conversation.MessageView;
import io.wadesk.display.MessageDisplay;
import io.wadesk.display.MessageDisplay.Kind;
import io.wadesk.whatsapp.ApprovedTemplates;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns a conversation's stored messages into the bubbles of its thread: reactions are put on the message they are
 * about (the latest of each side wins, an empty one removes it), replies carry a snippet of what they quote, files say
 * whether they can be shown yet, our messages carry their delivery tick. What each message shows is its
 * {@link MessageDisplay}; this class only lays it out for the desk (links, map and file states, ticks). Access rules
 * are the caller's.
 */
@Service
public class Threads {

    private static final int SNIPPET = 120;

    private final ConversationHistory history;
    private final MediaFiles files;
    private final ApprovedTemplates templates;

    Threads(ConversationHistory history, MediaFiles files, ApprovedTemplates templates) {
        this.history = history;
        this.files = files;
        this.templates = templates;
    }

    /** A stored message with what it shows. */
    record Shown(MessageView message, MessageDisplay display) {}

    /** What a bubble needs besides its message: the thread's reactions, files, quoted messages and templates. */
    private record Around(
            Reactions reactions,
            Map<UUID, MediaFiles.FileState> files,
            Map<String, MessageView> byWamid,
            UUID contactId,
            Supplier<List<ApprovedTemplates.ApprovedTemplate>> approved) {}

    /** The bubbles of a conversation, oldest first. */
    @Transactional(readOnly = true)
    public List<Bubble> of(UUID conversationId) {
        List<Shown> messages = history.messages(conversationId).stream()
                .map(m -> new Shown(m, MessageDisplay.of(m.type(), m.content())))
                .toList();
        if (messages.isEmpty()) {
            return List.of();
        }
        Around around = around(conversationId, messages);
        List<Bubble> bubbles = new ArrayList<>();
        for (Shown shown : messages) {
            if (shown.display().kind() != Kind.REACTION) {
                bubbles.add(bubble(shown, around));
            } else {
                // Shown on its message; only a reaction to a message outside this thread gets a line of its own.
                around.reactions().orphan(shown).ifPresent(emoji -> bubbles.add(orphan(shown.message(), emoji)));
            }
        }
        return bubbles;
    }

    private Around around(UUID conversationId, List<Shown> messages) {
        Map<String, MessageView> byWamid = new HashMap<>();
        messages.stream().map(Shown::message).filter(m -> m.wamid() != null).forEach(m -> byWamid.put(m.wamid(), m));
        return new Around(
                Reactions.of(messages, byWamid.keySet()),
                files.statesOf(conversationId),
                byWamid,
                history.conversation(conversationId)
                        .map(ConversationView::contactId)
                        .orElse(null),
                memo(templates::list));
    }

    private static Bubble orphan(MessageView m, String emoji) {
        return new Bubble(
                m.id(),
                m.direction() == Direction.OUTBOUND,
                "reaction",
                m.sentAt(),
                List.of(),
                null,
                null,
                List.of(),
                null,
                null,
                List.of(),
                new Bubble.Notice("thread.reaction.elsewhere", List.of(emoji)),
                null,
                List.of(),
                false,
                null);
    }

    private Bubble bubble(Shown shown, Around around) {
        MessageView m = shown.message();
        MessageDisplay d = shown.display();
        boolean outbound = m.direction() == Direction.OUTBOUND;
        return new Bubble(
                m.id(),
                outbound,
                d.kind().word(),
                m.sentAt(),
                // A WhatsApp notice's words are in its notice; every other text is shown with its links.
                d.kind() == Kind.SYSTEM ? List.of() : Links.segments(d.text()),
                d.media() == null ? null : media(d.media(), around.files().get(m.id())),
                d.place() == null ? null : place(d.place()),
                d.cards().stream().map(Threads::card).toList(),
                d.answer() == null ? null : answer(d.answer()),
                d.template() == null ? null : template(d.template(), around.approved()),
                d.buttons(),
                d.notice() == null ? null : notice(d.notice()),
                quote(m, around),
                around.reactions().on(m),
                m.context() != null && (m.context().forwarded() || m.context().frequentlyForwarded()),
                outbound ? tick(m) : null);
    }

    private Bubble.Quote quote(MessageView m, Around around) {
        String quoted = m.context() == null ? null : m.context().quotedWamid();
        if (quoted == null) {
            return null;
        }
        MessageView inThread = around.byWamid().get(quoted);
        UUID targetId = inThread == null ? null : inThread.id();
        MessageView original = inThread != null ? inThread : earlier(m.phoneNumberId(), quoted, around.contactId());
        if (original == null || original.content() == null) {
            return new Bubble.Quote(null, false, false, null, null);
        }
        boolean outbound = original.direction() == Direction.OUTBOUND;
        MessageDisplay shown = MessageDisplay.of(original.type(), original.content());
        String text = wordsOf(shown);
        if (text != null && !text.isBlank()) {
            return new Bubble.Quote(targetId, true, outbound, snippet(text), null);
        }
        return new Bubble.Quote(
                targetId, true, outbound, null, "thread.quote." + shown.kind().word());
    }

    /** A quoted message of an earlier conversation of the same customer; never another customer's message. */
    private MessageView earlier(String phoneNumberId, String wamid, UUID contactId) {
        return history.message(phoneNumberId, wamid)
                .filter(found -> contactId != null
                        && history.conversation(found.conversationId())
                                .map(c -> contactId.equals(c.contactId()))
                                .orElse(false))
                .orElse(null);
    }

    /** The words of a message, for a quote: its text, caption, answer, buttons' body or place's name. */
    private static String wordsOf(MessageDisplay d) {
        if (d.kind() == Kind.TEXT || d.kind() == Kind.BUTTONS || d.kind().file()) {
            return d.text();
        } else if (d.kind() == Kind.ANSWER) {
            return d.answer().title();
        } else if (d.kind() == Kind.LOCATION) {
            return d.place().name();
        }
        return null;
    }

    private static String snippet(String text) {
        String flat = text.strip().replaceAll("\\s+", " ");
        return flat.length() <= SNIPPET ? flat : flat.substring(0, SNIPPET - 1).stripTrailing() + "…";
    }

    private static Bubble.Media media(MessageDisplay.Media f, MediaFiles.FileState file) {
        String state = file == null
                ? "pending"
                : switch (file.state()) {
                    case "STORED" -> "ready";
                    case "FAILED" -> "failed";
                    default -> "pending";
                };
        String mime = file != null && file.mimeType() != null ? file.mimeType() : f.mimeType();
        return new Bubble.Media(state, mime, f.filename(), file == null ? null : size(file.sizeBytes()));
    }

    static Bubble.Size size(Long bytes) {
        if (bytes == null) {
            return null;
        }
        if (bytes < 1024) {
            return new Bubble.Size("thread.size.b", bytes);
        }
        if (bytes < 1024 * 1024) {
            return new Bubble.Size("thread.size.kb", bytes / 1024.0);
        }
        return new Bubble.Size("thread.size.mb", bytes / (1024.0 * 1024.0));
    }

    private static Bubble.Place place(MessageDisplay.Place p) {
        double lat = p.latitude() == null ? 0 : p.latitude();
        double lon = p.longitude() == null ? 0 : p.longitude();
        return new Bubble.Place(lat, lon, p.name(), p.address(), Links.safeUrl(p.url()), p.mapUrl());
    }

    private static Bubble.Card card(MessageDisplay.Card c) {
        return new Bubble.Card(c.name(), c.organisation(), entries(c.phones()), entries(c.emails()));
    }

    private static List<Bubble.Entry> entries(List<MessageDisplay.Entry> entries) {
        return entries.stream().map(e -> new Bubble.Entry(e.value(), e.type())).toList();
    }

    private static Bubble.Answer answer(MessageDisplay.Answer a) {
        return new Bubble.Answer("thread.answer." + a.kind(), a.label(), a.description());
    }

    private static Bubble.Template template(
            MessageDisplay.Template t, Supplier<List<ApprovedTemplates.ApprovedTemplate>> approved) {
        String body = approved.get().stream()
                .filter(a -> a.name().equals(t.name()) && Objects.equals(a.language(), t.language()))
                .findFirst()
                .map(a -> t.filled(a.bodyText()))
                .orElse(null);
        return new Bubble.Template(t.name(), t.language(), body, t.parameters());
    }

    private static Bubble.Notice notice(MessageDisplay.Notice n) {
        return new Bubble.Notice("thread." + n.key(), n.args());
    }

    private static Bubble.Tick tick(MessageView m) {
        DeliveryStatus status = m.status() == null ? DeliveryStatus.PENDING : m.status();
        return new Bubble.Tick(
                status.name().toLowerCase(Locale.ROOT),
                status == DeliveryStatus.FAILED ? FailureReasons.of(m.errorCode()) : null);
    }

    private static <T> Supplier<T> memo(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }
}
