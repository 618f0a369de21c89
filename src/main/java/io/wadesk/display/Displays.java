package io.wadesk.display;

import io.wadesk.conversation.MessageContent;
import io.wadesk.display.MessageDisplay.Kind;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

/** The one mapping from a message's stored content to its {@link MessageDisplay}: one method per family of content. */
final class Displays {

    private Displays() {}

    static MessageDisplay of(String type, MessageContent content) {
        Shape shape = new Shape(type);
        if (content == null) {
            return shape.kind(Kind.DESTROYED).notice("message.destroyed").build();
        } else if (content instanceof MessageContent.Text t) {
            return shape.kind(Kind.TEXT).text(t.body()).build();
        } else if (content instanceof MessageContent.Media m) {
            return media(shape, m);
        } else if (content instanceof MessageContent.Location l) {
            return shape.kind(Kind.LOCATION)
                    .place(new MessageDisplay.Place(l.latitude(), l.longitude(), l.name(), l.address(), l.url()))
                    .build();
        } else if (content instanceof MessageContent.Contacts c) {
            return shape.kind(Kind.CONTACTS).cards(cards(c)).build();
        }
        return answerOrOurs(shape, content);
    }

    private static MessageDisplay answerOrOurs(Shape shape, MessageContent content) {
        if (content instanceof MessageContent.InteractiveReply r) {
            return shape.kind(Kind.ANSWER).answer(answer(r)).build();
        } else if (content instanceof MessageContent.QuickReply q) {
            String label = q.text() != null ? q.text() : q.payload();
            return shape.kind(Kind.ANSWER)
                    .answer(new MessageDisplay.Answer("quickReply", q.text(), null, label))
                    .build();
        } else if (content instanceof MessageContent.Template t) {
            List<String> parameters = t.parameters() == null ? List.of() : t.parameters();
            return shape.kind(Kind.TEMPLATE)
                    .template(new MessageDisplay.Template(t.name(), t.language(), parameters))
                    .build();
        } else if (content instanceof MessageContent.Buttons b) {
            return shape.kind(Kind.BUTTONS).text(b.body()).buttons(titles(b)).build();
        }
        return noticeOrReaction(shape, content);
    }

    private static MessageDisplay noticeOrReaction(Shape shape, MessageContent content) {
        if (content instanceof MessageContent.Reaction r) {
            return shape.kind(Kind.REACTION)
                    .reaction(new MessageDisplay.Reaction(r.targetWamid(), r.emoji()))
                    .build();
        } else if (content instanceof MessageContent.Order o) {
            int items = o.items() == null ? 0 : o.items().size();
            return shape.kind(Kind.ORDER).text(o.text()).notice("order", items).build();
        } else if (content instanceof MessageContent.SystemNotice s) {
            return system(shape.kind(Kind.SYSTEM).text(s.body()), s);
        } else if (content instanceof MessageContent.Unsupported u) {
            return unsupported(shape.kind(Kind.UNSUPPORTED), u);
        }
        return shape.kind(Kind.UNSUPPORTED).notice("unsupported.unknown").build();
    }

    private static MessageDisplay media(Shape shape, MessageContent.Media m) {
        String type = shape.type == null ? "document" : shape.type.toLowerCase(Locale.ROOT);
        Kind kind = switch (type) {
            case "image" -> Kind.IMAGE;
            case "sticker" -> Kind.STICKER;
            case "video" -> Kind.VIDEO;
            case "audio" -> Boolean.TRUE.equals(m.voice()) ? Kind.VOICE : Kind.AUDIO;
            default -> Kind.DOCUMENT;
        };
        return shape.kind(kind)
                .text(m.caption())
                .media(new MessageDisplay.Media(m.mimeType(), m.filename()))
                .build();
    }

    private static MessageDisplay.Answer answer(MessageContent.InteractiveReply r) {
        String kind = r.kind() == null ? "" : r.kind();
        return switch (kind) {
            case "list_reply" -> new MessageDisplay.Answer("list", r.title(), r.description(), r.title());
            case "nfm_reply" -> new MessageDisplay.Answer("form", r.title(), null, r.flowName());
            default -> new MessageDisplay.Answer("button", r.title(), null, r.title());
        };
    }

    private static List<String> titles(MessageContent.Buttons b) {
        return b.buttons() == null
                ? List.of()
                : b.buttons().stream().map(MessageContent.Button::title).toList();
    }

    private static MessageDisplay system(Shape shape, MessageContent.SystemNotice s) {
        String kind = s.kind() == null ? "" : s.kind();
        return switch (kind) {
            case "user_changed_number" -> shape.notice("system.changedNumber").build();
            case "user_changed_user_id" -> shape.notice("system.changedUserId").build();
            default ->
                shape.notice("system.other", s.body() == null ? "" : s.body()).build();
        };
    }

    private static MessageDisplay unsupported(Shape shape, MessageContent.Unsupported u) {
        String raw = u.rawType() == null ? "" : u.rawType();
        return switch (raw) {
            case "edit" -> shape.notice("unsupported.edit").build();
            case "poll_creation" -> shape.notice("unsupported.poll").build();
            case "video_note" -> shape.notice("unsupported.videoNote").build();
            case "" -> shape.notice("unsupported.unknown").build();
            default -> shape.notice("unsupported.type", raw).build();
        };
    }

    private static List<MessageDisplay.Card> cards(MessageContent.Contacts c) {
        return c.cards() == null
                ? List.of()
                : c.cards().stream().map(Displays::card).toList();
    }

    private static MessageDisplay.Card card(MessageContent.ContactCard card) {
        String organisation = card.org() == null ? null : card.org().company();
        return new MessageDisplay.Card(nameOf(card.name()), organisation, phones(card), emails(card));
    }

    /** A card's numbers; a WhatsApp user's id stands for a number the card does not give. */
    private static List<MessageDisplay.Entry> phones(MessageContent.ContactCard card) {
        return card.phones() == null
                ? List.of()
                : card.phones().stream()
                        .map(p -> new MessageDisplay.Entry(p.phone() != null ? p.phone() : p.waId(), p.type()))
                        .filter(e -> e.value() != null)
                        .toList();
    }

    private static List<MessageDisplay.Entry> emails(MessageContent.ContactCard card) {
        return card.emails() == null
                ? List.of()
                : card.emails().stream()
                        .map(e -> new MessageDisplay.Entry(e.email(), e.type()))
                        .filter(e -> e.value() != null)
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
                        Stream.of(name.firstName(), name.lastName())
                                .filter(Objects::nonNull)
                                .toList())
                .strip();
        return joined.isEmpty() ? null : joined;
    }

    /** The parts of a display being made; those not set stay null or empty. */
    private static final class Shape {

        private final String type;
        private Kind kind;
        private String text;
        private MessageDisplay.Media media;
        private MessageDisplay.Place place;
        private List<MessageDisplay.Card> cards = List.of();
        private MessageDisplay.Answer answer;
        private MessageDisplay.Template template;
        private List<String> buttons = List.of();
        private MessageDisplay.Reaction reaction;
        private MessageDisplay.Notice notice;

        Shape(String type) {
            this.type = type;
        }

        Shape kind(Kind value) {
            kind = value;
            return this;
        }

        Shape text(String value) {
            text = value;
            return this;
        }

        Shape media(MessageDisplay.Media value) {
            media = value;
            return this;
        }

        Shape place(MessageDisplay.Place value) {
            place = value;
            return this;
        }

        Shape cards(List<MessageDisplay.Card> value) {
            cards = value;
            return this;
        }

        Shape answer(MessageDisplay.Answer value) {
            answer = value;
            return this;
        }

        Shape template(MessageDisplay.Template value) {
            template = value;
            return this;
        }

        Shape buttons(List<String> value) {
            buttons = value;
            return this;
        }

        Shape reaction(MessageDisplay.Reaction value) {
            reaction = value;
            return this;
        }

        Shape notice(String key, Object... args) {
            notice = new MessageDisplay.Notice(key, List.of(args));
            return this;
        }

        MessageDisplay build() {
            return new MessageDisplay(
                    kind, type, text, media, place, cards, answer, template, buttons, reaction, notice);
        }
    }
}
