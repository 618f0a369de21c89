package io.wadesk.archive.internal;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Lays an evidence export out as an A4 PDF with Apache PDFBox: the conversation's metadata, the integrity block (the
 * content's SHA-256, the chain head, the verification outcome) and every message. The font is the Liberation Sans
 * that PDFBox ships, embedded (subset), so French accents print everywhere; a character it has no glyph for (most
 * emoji) prints as a white square with its code point instead of breaking the export.
 */
@Component
class EvidencePdf {

    private static final String FONT = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";
    private static final float MARGIN = 50;
    private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;
    private static final Color INK = new Color(0x1f, 0x29, 0x33);
    private static final Color MUTED = new Color(0x5f, 0x6b, 0x7a);
    private static final Color OK = new Color(0x15, 0x80, 0x3d);
    private static final Color BROKEN = new Color(0xb9, 0x1c, 0x1c);

    private final MessageSource messages;
    private final Clock clock;

    EvidencePdf(MessageSource messages, Clock clock) {
        this.messages = messages;
        this.clock = clock;
    }

    byte[] render(Evidence evidence, Locale locale) {
        try (PDDocument document = new PDDocument();
                InputStream fontFile = EvidencePdf.class.getResourceAsStream(FONT)) {
            Writer out = new Writer(document, PDType0Font.load(document, fontFile));
            describe(document.getDocumentInformation(), evidence, locale);
            conversation(out, evidence, locale);
            integrity(out, evidence, locale);
            messages(out, evidence.transcript(), locale);
            out.close();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            document.save(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("The evidence PDF could not be written", e);
        }
    }

    private void describe(PDDocumentInformation info, Evidence evidence, Locale locale) {
        info.setTitle(text(locale, "archive.pdf.title") + " "
                + evidence.transcript().conversation().id());
        info.setCreator("wadesk");
        Calendar created = new GregorianCalendar();
        created.setTimeInMillis(evidence.exportedAt().toEpochMilli());
        info.setCreationDate(created);
    }

    private void conversation(Writer out, Evidence evidence, Locale locale) throws IOException {
        ArchivedConversation c = evidence.transcript().conversation();
        out.line(text(locale, "archive.pdf.title"), 16, INK, 0);
        out.gap(6);
        out.field(text(locale, "archive.pdf.conversation"), c.id().toString());
        out.field(text(locale, "archive.field.team"), orDash(c.teamName()));
        out.field(text(locale, "archive.field.agent"), orDash(c.agentName()));
        out.field(text(locale, "archive.field.opened"), date(c.openedAt()));
        out.field(text(locale, "archive.field.closed"), date(c.closedAt()));
        out.field(text(locale, "archive.field.consent"), text(locale, "archive.consent." + c.consent()));
        out.field(text(locale, "archive.field.tags"), c.tags().isEmpty() ? "-" : String.join(", ", c.tags()));
        out.field(text(locale, "archive.pdf.exportedAt"), date(evidence.exportedAt()));
        out.field(text(locale, "archive.pdf.exportedBy"), evidence.exportedBy());
        out.gap(8);
    }

    private void integrity(Writer out, Evidence evidence, Locale locale) throws IOException {
        ChainCheck check = evidence.check();
        out.line(text(locale, "archive.pdf.integrity"), 12, INK, 0);
        out.field(text(locale, "archive.pdf.sha256"), evidence.sha256());
        out.field(text(locale, "archive.pdf.chainHead"), orDash(check.chainHead()));
        out.line(verdict(check, locale), 10, check.intact() ? OK : BROKEN, 0);
        out.line(text(locale, "archive.pdf.howToCheck"), 8, MUTED, 0);
        out.gap(10);
    }

    private void messages(Writer out, Transcript transcript, Locale locale) throws IOException {
        out.line(text(locale, "archive.pdf.messages", transcript.messages().size()), 12, INK, 0);
        for (TranscriptLine line : transcript.lines()) {
            out.gap(4);
            String who = text(locale, line.outbound() ? "archive.from.business" : "archive.from.customer");
            String delivery = line.status() == null ? "" : " · " + text(locale, "archive.delivery." + line.status());
            out.line("#" + line.position() + " · " + date(line.sentAt()) + " · " + who + delivery, 8, MUTED, 0);
            for (String paragraph : body(line, locale)) {
                out.line(paragraph, 10, INK, 12);
            }
        }
    }

    /** What a message says, as lines of text: a file, a place or an answer gets a label in brackets. */
    private List<String> body(TranscriptLine line, Locale locale) {
        String label = text(locale, "archive.kind." + line.kind());
        return switch (line.kind()) {
            case "text", "answer", "system", "order" -> List.of(orDash(line.text()));
            case "location" ->
                List.of("[" + label + "] " + String.join(", ", present(line.text(), line.detail()))
                        + (line.latitude() == null ? "" : " (" + line.latitude() + ", " + line.longitude() + ")"));
            case "buttons" -> List.of(orDash(line.text()), "[" + String.join(" | ", line.choices()) + "]");
            case "contacts" -> List.of("[" + label + "] " + String.join(", ", line.choices()));
            case "template" -> List.of("[" + label + " " + line.detail() + "] " + String.join(" · ", line.choices()));
            case "reaction" -> List.of("[" + label + "] " + orDash(line.text()));
            case "image", "audio", "video", "sticker", "document" -> file(line, label);
            default -> List.of("[" + text(locale, "archive.kind.other", line.type()) + "]");
        };
    }

    private static List<String> file(TranscriptLine line, String label) {
        String file = "[" + label + (line.detail() == null ? "" : ": " + line.detail()) + "]";
        return line.text() == null ? List.of(file) : List.of(file, line.text());
    }

    private String verdict(ChainCheck check, Locale locale) {
        if (check.intact()) {
            return text(locale, "archive.verify.INTACT");
        }
        return text(
                locale,
                "archive.verify." + check.outcome().name(),
                check.position() == null ? "-" : check.position(),
                check.messageId() == null ? "-" : check.messageId());
    }

    private static List<String> present(String... parts) {
        List<String> out = new ArrayList<>();
        for (String part : parts) {
            if (part != null && !part.isBlank()) {
                out.add(part);
            }
        }
        return out;
    }

    private String date(Instant instant) {
        return instant == null
                ? "-"
                : DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss")
                        .withZone(clock.getZone())
                        .format(instant);
    }

    private static String orDash(String value) {
        return value == null || value.isBlank() ? "-" : value;
    }

    private String text(Locale locale, String key, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    /** Writes lines top to bottom, wrapping words to the width and starting new pages as needed. */
    private static final class Writer {

        private final PDDocument document;
        private final PDType0Font font;
        private final Map<Integer, Boolean> printable = new HashMap<>();
        private PDPageContentStream stream;
        private float y;

        Writer(PDDocument document, PDType0Font font) throws IOException {
            this.document = document;
            this.font = font;
            newPage();
        }

        void field(String label, String value) throws IOException {
            line(label + " : " + value, 9, INK, 0);
        }

        void gap(float points) {
            y -= points;
        }

        void line(String text, float size, Color color, float indent) throws IOException {
            for (String wrapped : wrap(safe(text), size, WIDTH - indent)) {
                if (y - size < MARGIN) {
                    newPage();
                }
                y -= size * 1.35f;
                stream.beginText();
                stream.setFont(font, size);
                stream.setNonStrokingColor(color);
                stream.newLineAtOffset(MARGIN + indent, y);
                stream.showText(wrapped);
                stream.endText();
            }
        }

        void close() throws IOException {
            stream.close();
        }

        private void newPage() throws IOException {
            if (stream != null) {
                stream.close();
            }
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            stream = new PDPageContentStream(document, page);
            y = PDRectangle.A4.getHeight() - MARGIN;
        }

        private List<String> wrap(String text, float size, float width) throws IOException {
            List<String> lines = new ArrayList<>();
            for (String paragraph : text.split("\\R", -1)) {
                wrapParagraph(paragraph, size, width, lines);
            }
            return lines;
        }

        /** Adds the paragraph's lines: whole words while they fit, a word wider than a line cut where it must be. */
        private void wrapParagraph(String paragraph, float size, float width, List<String> lines) throws IOException {
            StringBuilder current = new StringBuilder();
            for (String word : paragraph.split(" ", -1)) {
                String candidate = current.length() == 0 ? word : current + " " + word;
                if (widthOf(candidate, size) <= width || current.length() == 0) {
                    current.setLength(0);
                    current.append(candidate);
                } else {
                    lines.add(current.toString());
                    current.setLength(0);
                    current.append(word);
                }
                while (widthOf(current.toString(), size) > width && current.length() > 1) {
                    int cut = fit(current.toString(), size, width);
                    lines.add(current.substring(0, cut));
                    current.delete(0, cut);
                }
            }
            lines.add(current.toString());
        }

        private int fit(String text, float size, float width) throws IOException {
            int cut = text.length() - 1;
            while (cut > 1 && widthOf(text.substring(0, cut), size) > width) {
                cut--;
            }
            return Character.isLowSurrogate(text.charAt(cut)) ? cut - 1 : cut;
        }

        private float widthOf(String text, float size) throws IOException {
            return font.getStringWidth(text) / 1000 * size;
        }

        /** Characters the font cannot draw become a white square with their code point; tabs become spaces. */
        private String safe(String text) {
            StringBuilder out = new StringBuilder();
            text.replace('\t', ' ').codePoints().forEach(cp -> {
                if (cp == '\n' || cp == '\r' || printable.computeIfAbsent(cp, this::canDraw)) {
                    out.appendCodePoint(cp);
                } else if (!Character.isISOControl(cp) && cp != 0xFE0F && cp != 0x200D) {
                    out.append(printable.computeIfAbsent((int) '□', this::canDraw) ? "□" : "?")
                            .append(String.format(Locale.ROOT, "U+%04X", cp));
                }
            });
            return out.toString();
        }

        private boolean canDraw(int codePoint) {
            if (Character.isISOControl(codePoint)) {
                return false;
            }
            try {
                return font.encode(new String(Character.toChars(codePoint))).length > 0;
            } catch (IllegalArgumentException | IOException missing) {
                return false;
            }
        }
    }
}
