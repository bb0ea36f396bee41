package io.resourcepool.core.hub;

import io.resourcepool.api.Bytes;
import io.resourcepool.api.spi.sandbox.OutputChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of one attempt's stdout and stderr as the hub received them from the worker (so after the worker's
 * output cap), for the {@code job.finished} audit row: a copy of the output kept elsewhere can later be shown to
 * be what the job wrote. The hub keeps only the output's tail, so the digests are taken as the chunks pass. A hub
 * restarted while the job ran, or that lost chunks with a broken connection (the worker's copy of the tail then says
 * so), saw only part of the output: the row then says the digests cover what it received.
 */
final class OutputDigests {
    private final MessageDigest stdout = sha256();
    private final MessageDigest stderr = sha256();
    private boolean whole;
    private long stdoutBytes;
    private long stderrBytes;

    /**
     * @param fromTheStart false when the attempt was already running when the hub began to hear its output
     */
    OutputDigests(boolean fromTheStart) {
        this.whole = fromTheStart;
    }

    /** The hub learned that it missed some of the output. */
    synchronized void missedSome() {
        whole = false;
    }

    synchronized void add(OutputChannel channel, Bytes data) {
        if (channel == OutputChannel.STDERR) {
            stderr.update(data.asReadOnlyBuffer());
            stderrBytes += data.size();
        } else {
            stdout.update(data.asReadOnlyBuffer());
            stdoutBytes += data.size();
        }
    }

    /** For example {@code stdout sha256 ab12… (8 bytes), stderr sha256 e3b0… (0 bytes)}; ends the digests. */
    synchronized String summary() {
        return "stdout sha256 " + HexFormat.of().formatHex(stdout.digest()) + " (" + stdoutBytes + " bytes), stderr sha256 "
                + HexFormat.of().formatHex(stderr.digest()) + " (" + stderrBytes + " bytes)"
                + (whole ? "" : ", of the part the hub received (it missed some)");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
