package io.wadesk.audit.internal;

import io.wadesk.crypto.AuditMac;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The chain's head written outside the database, so that removing the last entries, or rewriting the whole chain,
 * no longer verifies: each checkpoint is one line, signed with the audit MAC key, appended (and synced) to
 * {@code wadesk.audit.checkpoint-file} and written to the application log (logger {@code io.wadesk.audit.checkpoint}),
 * which an operator ships to a store the database's administrators cannot rewrite (WORM bucket, SIEM).
 */
@Component
class AuditCheckpoints {

    private static final Logger log = LoggerFactory.getLogger("io.wadesk.audit.checkpoint");
    private static final Pattern LINE =
            Pattern.compile("(v1 seq=(\\d+) mac=([0-9a-f]{64}) at=(\\S+)) sig=([0-9a-f]{64})");

    private final Path file;
    private final AuditMac mac;
    private final Clock clock;

    AuditCheckpoints(
            @Value("${wadesk.audit.checkpoint-file:${wadesk.data-dir:./data}/audit-checkpoints.log}") String file,
            AuditMac mac,
            Clock clock) {
        this.file = Path.of(file).toAbsolutePath().normalize();
        this.mac = mac;
        this.clock = clock;
    }

    /** One signed checkpoint: the head of the chain ({@code seq}, {@code mac}) when it was written. */
    record Checkpoint(long seq, String mac, Instant at, int line) {}

    /** The checkpoints that verify, and the number of the first line that does not (0 when all do). */
    record Read(List<Checkpoint> valid, int firstForgedLine) {

        Optional<Checkpoint> latest() {
            return valid.stream().reduce((a, b) -> b.seq() >= a.seq() ? b : a);
        }
    }

    synchronized Checkpoint write(long seq, String headMac) {
        Instant at = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String body = "v1 seq=" + seq + " mac=" + headMac + " at=" + at;
        String line = body + " sig=" + mac.checkpointSignature(body);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(
                    file,
                    line + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND,
                    StandardOpenOption.DSYNC);
        } catch (IOException ex) {
            throw new UncheckedIOException("Could not append the audit checkpoint to " + file, ex);
        }
        log.info("audit-checkpoint {}", line);
        return new Checkpoint(seq, headMac, at, -1);
    }

    synchronized Read read() {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException ex) {
            return new Read(List.of(), 0);
        } catch (IOException ex) {
            throw new UncheckedIOException("Could not read the audit checkpoints in " + file, ex);
        }
        List<Checkpoint> valid = new ArrayList<>();
        int forged = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            Matcher line = LINE.matcher(lines.get(i).strip());
            if (line.matches() && AuditMac.same(mac.checkpointSignature(line.group(1)), line.group(5))) {
                valid.add(new Checkpoint(
                        Long.parseLong(line.group(2)), line.group(3), Instant.parse(line.group(4)), i + 1));
            } else if (forged == 0) {
                forged = i + 1;
            }
        }
        return new Read(valid, forged);
    }

    Path file() {
        return file;
    }
}
