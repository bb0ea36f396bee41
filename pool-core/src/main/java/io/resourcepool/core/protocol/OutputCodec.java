package io.resourcepool.core.protocol;

import io.resourcepool.api.Bytes;
import io.resourcepool.api.JobId;
import io.resourcepool.api.spi.sandbox.OutputChannel;
import java.nio.ByteBuffer;
import java.util.UUID;

/** The binary form of an OUTPUT chunk: job id (16 bytes), attempt (u32), channel (1 byte), data. */
final class OutputCodec {
    private static final int HEADER = 16 + 4 + 1;

    private OutputCodec() {}

    static Bytes encode(JobMessage.Output out) {
        ByteBuffer buf = ByteBuffer.allocate(HEADER + out.data().size());
        buf.putLong(out.jobId().value().getMostSignificantBits());
        buf.putLong(out.jobId().value().getLeastSignificantBits());
        buf.putInt(out.attempt());
        buf.put((byte) (out.channel() == OutputChannel.STDOUT ? 1 : 2));
        buf.put(out.data().asReadOnlyBuffer());
        return Bytes.adopt(buf.array());
    }

    static JobMessage.Output decode(Bytes payload) {
        if (payload.size() < HEADER) {
            throw new BadMessageException(ErrorCode.MALFORMED, "OUTPUT is " + payload.size() + " bytes; at least " + HEADER + " are needed");
        }
        ByteBuffer buf = payload.asReadOnlyBuffer();
        JobId job = new JobId(new UUID(buf.getLong(), buf.getLong()));
        int attempt = buf.getInt();
        OutputChannel channel = switch (buf.get()) {
            case 1 -> OutputChannel.STDOUT;
            case 2 -> OutputChannel.STDERR;
            default -> throw new BadMessageException(ErrorCode.MALFORMED, "OUTPUT channel must be 1 (stdout) or 2 (stderr)");
        };
        byte[] data = new byte[buf.remaining()];
        buf.get(data);
        return new JobMessage.Output(job, attempt, channel, Bytes.adopt(data));
    }
}
