package io.wadesk.retention.internal;

import io.wadesk.archive.TranscriptAccess;
import io.wadesk.conversation.KeptTranscripts;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * The right of access: everything kept about a contact as JSON ({@link CustomerRequests#export}, audited as
 * {@code customer.data.exported}), and each kept transcript in it on record as an export through the archive's one
 * door, before the file is given.
 */
@Service
public class RightOfAccess {

    private final CustomerRequests requests;
    private final TranscriptAccess transcripts;

    RightOfAccess(CustomerRequests requests, TranscriptAccess transcripts) {
        this.requests = requests;
        this.transcripts = transcripts;
    }

    /** @throws RefusedException when the contact is unknown */
    public byte[] export(Actor actor, UUID contactId) {
        byte[] json = requests.export(actor, contactId);
        requests.file(contactId)
                .ifPresent(file -> file.transcripts().stream()
                        .filter(transcript -> KeptTranscripts.kept(transcript.status(), transcript.transcript()))
                        .forEach(transcript ->
                                transcripts.exportedToCustomer(actor.name(), transcript.conversationId())));
        return json;
    }
}
