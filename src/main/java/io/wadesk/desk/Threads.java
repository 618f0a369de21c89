package io.wadesk.desk;

import io.wadesk.conversation.ConversationHistory;
import io.wadesk.conversation.ConversationView;
import io.wadesk.conversation.DeliveryStatus;
import io.wadesk.conversation.Direction;
import io.wadesk.conversation.MediaFiles;
import io.wadesk.conversation.MessageContent;
import io.wadesk.conversation.MessageView;
import io.wadesk.whatsapp.ApprovedTemplates;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns a conversation's stored messages into the bubbles of its thread: reactions are put on the message they are
 * about (the latest of each side wins, an empty one removes it), replies carry a snippet of what they quote, files say
 * whether they can be shown yet, our messages carry their delivery tick. Access rules are the caller's.
 */
@Service
public class Threads {

    private static final int SNIPPET = 120;
    private static final Map<Class<?>, String> KIND = Map.ofEntries(
            Map.entry(MessageContent.Text.class, "text"),
            Map.entry(MessageContent.Location.class, "location"),
            Map.entry(MessageContent.Contacts.class, "contacts"),
            Map.entry(MessageContent.InteractiveReply.class, "answer"),
            Map.entry(MessageContent.QuickReply.class, "answer"),
            Map.entry(MessageContent.Template.class, "template"),
            Map.entry(MessageContent.Buttons.class, "buttons"),
            Map.entry(MessageContent.Order.class, "order"),
            Map.entry(MessageContent.SystemNotice.class, "system"),
            Map.entry(MessageContent.Unsupported.class, "unsupported"),
            Map.entry(MessageContent.Reaction.class, "reaction"));
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_]+)\\s*}}");

    private final ConversationHistory history;
    private final MediaFiles files;
    private final ApprovedTemplates templates;

    Threads(ConversationHistory history, MediaFiles files, ApprovedTemplates templates) {
        this.history = history;
        this.files = files;
        this.templates = templates;
    }

    /** The bubbles of a conversation, oldest first. */
    @Transactional(readOnly = true)
    public List<Bubble> of(UUID conversationId) {
        List<MessageView> messages = history.messages(conversationId);
        if (messages.isEmpty()) {
            return List.of();
        }
        UUID contactId = history.conversation(conversationId)
                .map(ConversationView::contactId)
                .orElse(null);
        Map<UUID, MediaFiles.FileState> fileStates = files.statesOf(conversationId);
        Map<String, MessageView> byWamid = new HashMap<>();
        messages.stream().filter(m -> m.wamid() != null).forEach(m -> byWamid.put(m.wamid(), m));

        // Reactions, in order: a later one of the same side replaces the earlier, an empty one removes it.
        Map<String, Map<Boolean, String>> reactions = new HashMap<>();
        List<MessageView> orphanReactions = new ArrayList<>();
        for (MessageView m : messages) {
            if (m.content() instanceof MessageContent.Reaction reaction && reaction.targetWamid() != null) {
                Map<Boolean, String> onTarget =
                        reactions.computeIfAbsent(reaction.targetWamid(), wamid -> new LinkedHashMap<>());
                boolean outbound = m.direction() == Direction.OUTBOUND;
                if (reaction.emoji() == null || reaction.emoji().isBlank()) {
                    onTarget.remove(outbound);
                } else {
                    onTarget.put(outbound, reaction.emoji());
                }
                if (!byWamid.containsKey(reaction.targetWamid())) {
                    orphanReactions.add(m);
                }
            }
        }

        Supplier<List<ApprovedTemplates.ApprovedTemplate>> approved = memo(templates::list);
        List<Bubble> bubbles = new ArrayList<>();
        for (MessageView m : messages) {
            if (m.content() instanceof MessageContent.Reaction reaction) {
                // Shown on its message; only a reaction to a message outside this thread gets a line of its own.
                if (orphanReactions.contains(m) && isLatestFor(m, reaction, messages)) {
                    Optional<Bubble> orphan = orphan(m, reactions.get(reaction.targetWamid()));
                    orphan.ifPresent(bubbles::add);
                }
                continue;
            }
            List<Bubble.Reaction> on = m.wamid() == null
                    ? List.of()
                    : reactions.getOrDefault(m.wamid(), Map.of()).entrySet().stream()
                            .map(e -> new Bubble.Reaction(e.getValue(), e.getKey()))
                            .toList();
            bubbles.add(bubble(m, fileStates.get(m.id()), quote(m, byWamid, contactId), on, approved));
        }
        return bubbles;
    }

    private static boolean isLatestFor(MessageView m, MessageContent.Reaction reaction, List<MessageView> messages) {
        MessageView latest = null;
        for (MessageView other : messages) {
            if (other.content() instanceof MessageContent.Reaction r
                    && Objects.equals(r.targetWamid(), reaction.targetWamid())
                    && other.direction() == m.direction()) {
                latest = other;
            }
        }
        return latest == m;
    }

    private static Optional<Bubble> orphan(MessageView m, Map<Boolean, String> current) {
        String emoji = current == null ? null : current.get(m.direction() == Direction.OUTBOUND);
        if (emoji == null) {
            return Optional.empty();
        }
        return Optional.of(new Bubble(
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
                null));
    }

    private Bubble.Quote quote(MessageView m, Map<String, MessageView> byWamid, UUID contactId) {
        String quoted = m.context() == null ? null : m.context().quotedWamid();
        if (quoted == null) {
            return null;
        }
        MessageView original = byWamid.get(quoted);
        UUID targetId = original == null ? null : original.id();
        if (original == null) {
            // An earlier conversation of the same customer; never another customer's message.
            original = history.message(m.phoneNumberId(), quoted)
                    .filter(found -> contactId != null
                            && history.conversation(found.conversationId())
                                    .map(c -> contactId.equals(c.contactId()))
                                    .orElse(false))
                    .orElse(null);
        }
        if (original == null || original.content() == null) {
            return new Bubble.Quote(null, false, false, null, null);
        }
        boolean outbound = original.direction() == Direction.OUTBOUND;
        String text = textOf(original.content());
        if (text != null && !text.isBlank()) {
            return new Bubble.Quote(targetId, true, outbound, snippet(text), null);
        }
        return new Bubble.Quote(targetId, true, outbound, null, "thread.quote." + kindOf(original));
    }

    private static String snippet(String text) {
        String flat = text.strip().replaceAll("\\s+", " ");
        return flat.length() <= SNIPPET ? flat : flat.substring(0, SNIPPET - 1).stripTrailing() + "…";
    }

    /** The words of a message, for a quote: its text, caption, answer or template body. */
    private static String textOf(MessageContent content) {
        if (content instanceof MessageContent.Text t) {
            return t.body();
        } else if (content instanceof MessageContent.Media media) {
            return media.caption();
        } else if (content instanceof MessageContent.Buttons b) {
            return b.body();
        } else if (content instanceof MessageContent.InteractiveReply r) {
            return r.title();
        } else if (content instanceof MessageContent.QuickReply q) {
            return q.text();
        } else if (content instanceof MessageContent.Location l) {
            return l.name();
        }
        return null;
    }

    /** What the bubble shows: one word per rendering of {@code fragments/message.html}. */
    static String kindOf(MessageView m) {
        MessageContent content = m.content();
        if (content == null) {
            return "destroyed";
        }
        if (content instanceof MessageContent.Media media) {
            return mediaKind(m.type(), media);
        }
        return KIND.getOrDefault(content.getClass(), "unsupported");
    }

    private static String mediaKind(String type, MessageContent.Media media) {
        String kind = type == null ? "document" : type.toLowerCase(Locale.ROOT);
        return switch (kind) {
            case "image", "sticker", "video", "document" -> kind;
            case "audio" -> Boolean.TRUE.equals(media.voice()) ? "voice" : "audio";
            default -> "document";
        };
    }

    private Bubble bubble(
            MessageView m,
            MediaFiles.FileState file,
            Bubble.Quote quote,
            List<Bubble.Reaction> reactions,
            Supplier<List<ApprovedTemplates.ApprovedTemplate>> approved) {
        boolean outbound = m.direction() == Direction.OUTBOUND;
        String kind = kindOf(m);
        List<Bubble.Segment> text = List.of();
        Bubble.Media media = null;
        Bubble.Place place = null;
        List<Bubble.Card> cards = List.of();
        Bubble.Answer answer = null;
        Bubble.Template template = null;
        List<String> buttons = List.of();
        Bubble.Notice notice = null;
        MessageContent content = m.content();
        if (content == null) {
            notice = new Bubble.Notice("thread.message.destroyed", List.of());
        } else if (content instanceof MessageContent.Text t) {
            text = Links.segments(t.body());
        } else if (content instanceof MessageContent.Media f) {
            text = Links.segments(f.caption());
            media = media(f, file);
        } else if (content instanceof MessageContent.Location l) {
            place = place(l);
        } else if (content instanceof MessageContent.Contacts c) {
            cards = cards(c);
        } else if (content instanceof MessageContent.InteractiveReply r) {
            answer = answer(r);
        } else if (content instanceof MessageContent.QuickReply q) {
            answer = new Bubble.Answer("thread.answer.quickReply", q.text() != null ? q.text() : q.payload(), null);
        } else if (content instanceof MessageContent.Template t) {
            template = template(t, approved);
        } else if (content instanceof MessageContent.Buttons b) {
            text = Links.segments(b.body());
            buttons = b.buttons() == null
                    ? List.of()
                    : b.buttons().stream().map(MessageContent.Button::title).toList();
        } else if (content instanceof MessageContent.Order o) {
            text = Links.segments(o.text());
            notice = new Bubble.Notice(
                    "thread.order", List.of(o.items() == null ? 0 : o.items().size()));
        } else if (content instanceof MessageContent.SystemNotice s) {
            notice = system(s);
        } else if (content instanceof MessageContent.Unsupported u) {
            notice = unsupported(u);
        }
        return new Bubble(
                m.id(),
                outbound,
                kind,
                m.sentAt(),
                text,
                media,
                place,
                cards,
                answer,
                template,
                buttons,
                notice,
                quote,
                reactions,
                m.context() != null && (m.context().forwarded() || m.context().frequentlyForwarded()),
                outbound ? tick(m) : null);
    }

    private static Bubble.Media media(MessageContent.Media f, MediaFiles.FileState file) {
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

    private static Bubble.Place place(MessageContent.Location l) {
        double lat = l.latitude() == null ? 0 : l.latitude();
        double lon = l.longitude() == null ? 0 : l.longitude();
        String mapUrl = String.format(
                Locale.ROOT, "https://www.openstreetmap.org/?mlat=%1$.6f&mlon=%2$.6f#map=16/%1$.6f/%2$.6f", lat, lon);
        return new Bubble.Place(lat, lon, l.name(), l.address(), Links.safeUrl(l.url()), mapUrl);
    }

    private static List<Bubble.Card> cards(MessageContent.Contacts c) {
        if (c.cards() == null) {
            return List.of();
        }
        return c.cards().stream()
                .map(card -> new Bubble.Card(
                        nameOf(card.name()),
                        card.org() == null ? null : card.org().company(),
                        card.phones() == null
                                ? List.of()
                                : card.phones().stream()
                                        .map(p -> new Bubble.Entry(p.phone() != null ? p.phone() : p.waId(), p.type()))
                                        .filter(e -> e.value() != null)
                                        .toList(),
                        card.emails() == null
                                ? List.of()
                                : card.emails().stream()
                                        .map(e -> new Bubble.Entry(e.email(), e.type()))
                                        .filter(e -> e.value() != null)
                                        .toList()))
                .toList();
    }

    private static String nameOf(MessageContent.ContactCard.Name name) {
        if (name == null) {
            return null;
        }
        if (name.formattedName() != null && !name.formattedName().isBlank()) {
            return name.formattedName();
        }
        String joined = String.join(
                        " ",
                        java.util.stream.Stream.of(name.firstName(), name.lastName())
                                .filter(Objects::nonNull)
                                .toList())
                .strip();
        return joined.isEmpty() ? null : joined;
    }

    private static Bubble.Answer answer(MessageContent.InteractiveReply r) {
        String kind = r.kind() == null ? "" : r.kind();
        return switch (kind) {
            case "list_reply" -> new Bubble.Answer("thread.answer.list", r.title(), r.description());
            case "nfm_reply" -> new Bubble.Answer("thread.answer.form", r.flowName(), null);
            default -> new Bubble.Answer("thread.answer.button", r.title(), null);
        };
    }

    private static Bubble.Template template(
            MessageContent.Template t, Supplier<List<ApprovedTemplates.ApprovedTemplate>> approved) {
        List<String> parameters = t.parameters() == null ? List.of() : t.parameters();
        String body = approved.get().stream()
                .filter(a -> a.name().equals(t.name()) && Objects.equals(a.language(), t.language()))
                .findFirst()
                .map(a -> fill(a.bodyText(), parameters))
                .orElse(null);
        return new Bubble.Template(t.name(), t.language(), body, parameters);
    }

    /** The template's body with its placeholders replaced, in the order they first appear. */
    static String fill(String body, List<String> parameters) {
        if (body == null || body.isBlank()) {
            return null;
        }
        List<String> names = new ArrayList<>();
        Matcher matcher = PLACEHOLDER.matcher(body);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            if (!names.contains(name)) {
                names.add(name);
            }
            int index = names.indexOf(name);
            String value = index < parameters.size() ? parameters.get(index) : matcher.group();
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static Bubble.Notice system(MessageContent.SystemNotice s) {
        String kind = s.kind() == null ? "" : s.kind();
        return switch (kind) {
            case "user_changed_number" -> new Bubble.Notice("thread.system.changedNumber", List.of());
            case "user_changed_user_id" -> new Bubble.Notice("thread.system.changedUserId", List.of());
            default -> new Bubble.Notice("thread.system.other", List.of(s.body() == null ? "" : s.body()));
        };
    }

    private static Bubble.Notice unsupported(MessageContent.Unsupported u) {
        String raw = u.rawType() == null ? "" : u.rawType();
        return switch (raw) {
            case "edit" -> new Bubble.Notice("thread.unsupported.edit", List.of());
            case "poll_creation" -> new Bubble.Notice("thread.unsupported.poll", List.of());
            case "video_note" -> new Bubble.Notice("thread.unsupported.videoNote", List.of());
            case "" -> new Bubble.Notice("thread.unsupported.unknown", List.of());
            default -> new Bubble.Notice("thread.unsupported.type", List.of(raw));
        };
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
