package io.wadesk.audit.internal;

import io.wadesk.crypto.AuditMac;
import io.wadesk.crypto.FieldRef;
import io.wadesk.crypto.KeyOwner;
import io.wadesk.crypto.Opened;
import io.wadesk.crypto.Vault;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * How an entry is stored: its staff free text (reason, details) sealed with the crypto module, and its MAC over the
 * previous entry's MAC and every column as stored. The MAC covers the sealed bytes, not the plaintext, so that the
 * chain verifies without opening anything, even once an audit data key is destroyed.
 *
 * <p>The sealed values belong to one owner per month of the entry ({@code audit}/{@code 2026-11}): a month of free
 * text can be shredded as a whole without touching the chain.
 */
@Component
class AuditCodec {

    /** The "previous MAC" of the first entry. */
    static final String GENESIS = "0".repeat(64);

    private static final String FORMAT = "wadesk-audit-entry-v2";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<TreeMap<String, String>> DETAILS = new TypeReference<>() {};

    private final Vault vault;
    private final AuditMac mac;

    AuditCodec(Vault vault, AuditMac mac) {
        this.vault = vault;
        this.mac = mac;
    }

    /** An entry as stored in {@code audit_log}. */
    record Stored(
            long seq,
            Instant at,
            String actor,
            String action,
            String targetType,
            String targetId,
            byte[] reason,
            byte[] details,
            String mac) {}

    byte[] sealReason(long seq, Instant at, String reason) {
        return vault.sealText(owner(at), FieldRef.of("audit_log", "reason", seq), reason);
    }

    byte[] sealDetails(long seq, Instant at, String detailsJson) {
        return vault.sealText(owner(at), FieldRef.of("audit_log", "details", seq), detailsJson);
    }

    static String json(Map<String, String> details) {
        return JSON.writeValueAsString(details);
    }

    /** The reason in clear; null when there was none, or when the month's audit key was destroyed. */
    String openReason(Stored entry) {
        return open(entry, "reason", entry.reason());
    }

    Map<String, String> openDetails(Stored entry) {
        String json = open(entry, "details", entry.details());
        return json == null ? Map.of() : JSON.readValue(json, DETAILS);
    }

    private String open(Stored entry, String column, byte[] sealed) {
        if (sealed == null) {
            return null;
        }
        Opened opened = vault.open(owner(entry.at()), FieldRef.of("audit_log", column, entry.seq()), sealed);
        return opened instanceof Opened.Value value ? value.text() : null;
    }

    /** The MAC an entry must carry after {@code previousMac}. */
    String macOf(String previousMac, Stored entry) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (String text : new String[] {
                FORMAT,
                previousMac,
                Long.toString(entry.seq()),
                entry.at().toString(),
                entry.actor(),
                entry.action(),
                entry.targetType(),
                entry.targetId()
            }) {
                write(out, text == null ? null : text.getBytes(StandardCharsets.UTF_8));
            }
            write(out, entry.reason());
            write(out, entry.details());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return mac.entryMac(bytes.toByteArray());
    }

    /** Length-prefixed, -1 for null: no two different entries give the same bytes. */
    private static void write(DataOutputStream out, byte[] field) throws IOException {
        if (field == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(field.length);
            out.write(field);
        }
    }

    private static KeyOwner owner(Instant at) {
        return KeyOwner.of("audit", YearMonth.from(at.atZone(ZoneOffset.UTC)).toString());
    }
}
