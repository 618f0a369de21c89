package io.wadesk.conversation.internal;

import io.wadesk.conversation.Attachment;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Whether a file's first bytes are those of the type it claims: a browser names a file's type from its extension, so
 * an HTML page renamed {@code photo.jpg} arrives as {@code image/jpeg}. A small table for the few types WhatsApp
 * takes (see {@link Attachment}) is enough here; a detection library would know thousands of types we refuse anyway.
 */
public final class FileSignatures {

    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] PDF = {'%', 'P', 'D', 'F', '-'};
    /** The compound file of Office 97–2003 (.doc, .xls, .ppt). */
    private static final byte[] OLE2 = {
        (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1
    };
    /** Office Open XML (.docx, .xlsx, .pptx) is a ZIP archive. */
    private static final byte[] ZIP = {'P', 'K', 3, 4};

    private static final String OOXML = "application/vnd.openxmlformats-officedocument.";

    private static final Map<String, List<byte[]>> SIGNATURES = Map.of(
            "image/jpeg", List.of(JPEG),
            "image/png", List.of(PNG),
            "application/pdf", List.of(PDF),
            "application/msword", List.of(OLE2),
            "application/vnd.ms-excel", List.of(OLE2),
            "application/vnd.ms-powerpoint", List.of(OLE2));

    /** How far a text file is read for a NUL byte, which no text has and every binary format soon does. */
    private static final int TEXT_PROBE = 8192;

    private FileSignatures() {}

    /** True when the bytes start as the type's files do; a type without a known signature never matches. */
    public static boolean matches(String mimeType, byte[] bytes) {
        if (mimeType == null || bytes == null) {
            return false;
        }
        if (mimeType.equals("text/plain")) {
            return isText(bytes);
        }
        List<byte[]> signatures = mimeType.startsWith(OOXML) ? List.of(ZIP) : SIGNATURES.get(mimeType);
        return signatures != null && signatures.stream().anyMatch(signature -> startsWith(bytes, signature));
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static boolean isText(byte[] bytes) {
        for (int i = 0; i < Math.min(bytes.length, TEXT_PROBE); i++) {
            if (bytes[i] == 0) {
                return false;
            }
        }
        return true;
    }
}
