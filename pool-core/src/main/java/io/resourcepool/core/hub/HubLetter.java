package io.resourcepool.core.hub;

import io.resourcepool.api.Bytes;
import io.resourcepool.api.HubId;
import io.resourcepool.api.JobId;
import io.resourcepool.api.spi.store.HandoverMessage;
import io.resourcepool.api.spi.transport.Frame;
import io.resourcepool.core.protocol.Message;
import io.resourcepool.core.protocol.MessageCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Optional;

/**
 * What one hub tells another about a job through the database's handover queue ({@link JobsAcrossHubs}): a job that
 * waits for a node ({@link #QUEUED}), a wish to hear a job's progress ({@link #FOLLOW}), a cancel ({@link #CANCEL}),
 * and a job's progress itself ({@link #EVENT}: its start, output or end, as the protocol's own message). The payload
 * is the sender, the watch the progress goes to on the asking hub, the job, a text (who cancels), and for an event
 * the protocol frame of its message.
 *
 * @param kind what it is, one of the constants here
 * @param from the hub that sent it
 * @param watch the asking hub's number for whoever waits on the job's progress; 0 when none
 * @param job the job
 * @param text for a cancel, who asked for it; otherwise empty
 * @param event for an event, the message it carries
 */
record HubLetter(String kind, HubId from, long watch, JobId job, String text, Optional<Message> event) {
    /** A job that waits for a node: a hub that can place it may (one start wins), and tells the watch. */
    static final String QUEUED = "job.queued";
    /** Send the job's progress, from what is kept so far, to the watch. */
    static final String FOLLOW = "job.follow";
    /** Cancel the job, for the user named in the text. */
    static final String CANCEL = "job.cancel";
    /** The job's start, output or end, for the watch. */
    static final String EVENT = "job.event";

    private static final MessageCodec CODEC = MessageCodec.shared(HandoverMessage.MAX_PAYLOAD_BYTES);

    /** Checks the fields. */
    HubLetter {
        HandoverMessage.requireKind(kind);
        Objects.requireNonNull(from, "from must be given");
        Objects.requireNonNull(job, "job must be given");
        Objects.requireNonNull(text, "text must be given");
        Objects.requireNonNull(event, "event must be given");
    }

    static HubLetter of(String kind, HubId from, long watch, JobId job) {
        return new HubLetter(kind, from, watch, job, "", Optional.empty());
    }

    static HubLetter event(HubId from, long watch, JobId job, Message message) {
        return new HubLetter(EVENT, from, watch, job, "", Optional.of(message));
    }

    /** The letter as the handover queue carries it. */
    Bytes payload() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(from.value());
            out.writeLong(watch);
            out.writeUTF(job.toString());
            out.writeUTF(text);
            if (event.isPresent()) {
                Frame frame = CODEC.encode(event.get());
                out.writeInt(frame.type());
                frame.payload().writeTo(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Bytes.adopt(bytes.toByteArray());
    }

    /**
     * Reads a letter from the queue.
     *
     * @throws IllegalArgumentException when the payload is not a letter of this kind
     */
    static HubLetter read(HandoverMessage message) {
        byte[] payload = message.payload().toByteArray();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            HubId from = HubId.of(in.readUTF());
            long watch = in.readLong();
            JobId job = JobId.parse(in.readUTF());
            String text = in.readUTF();
            Optional<Message> event = Optional.empty();
            if (in.available() > 0) {
                int type = in.readInt();
                event = Optional.of(CODEC.decode(new Frame(type, Bytes.adopt(in.readAllBytes()))));
            }
            return new HubLetter(message.kind(), from, watch, job, text, event);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("handover message " + message.sequence() + " (" + message.kind() + ") is not readable: " + e.getMessage(), e);
        }
    }
}
