package io.resourcepool.launcher.agent;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What travels on the agent's socket. The client sends one request: a magic number, a kind (a command, stop, or
 * status), the working directory and the arguments. The agent answers with frames, each a type byte and a length:
 * standard output, standard error, and at the end the exit code, or a refusal (the client then runs the command
 * itself). Reads and writes go straight to the channel, not through {@code Channels.newInputStream}, whose streams
 * share one lock and would block the agent's writer while its reader waits for the client to hang up.
 */
public final class AgentFrames {
    /** "POOL", then the protocol's version; a request without it is refused. */
    static final int MAGIC = 0x504F4F01;
    /** Run the command line. */
    public static final byte COMMAND = 1;
    /** Stop the agent. */
    public static final byte STOP = 2;
    /** Say whether the agent runs (its answer: its process id on stdout, exit 0). */
    public static final byte STATUS = 3;

    static final byte OUT = 1;
    static final byte ERR = 2;
    static final byte EXIT = 3;
    static final byte REFUSED = 4;

    private static final int MAX_STRING = 1 << 20;

    private AgentFrames() {}

    /** One request. */
    record Request(byte kind, String directory, List<String> args) {}

    /** One answer frame: output bytes, an exit code, or a refusal's reason. */
    record Frame(byte type, byte[] bytes, int exitCode) {
        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    static void writeRequest(SocketChannel channel, Request request) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(MAGIC);
        out.writeByte(request.kind());
        writeString(out, request.directory());
        out.writeInt(request.args().size());
        for (String arg : request.args()) {
            writeString(out, arg);
        }
        writeFully(channel, ByteBuffer.wrap(bytes.toByteArray()));
    }

    static Request readRequest(SocketChannel channel) throws IOException {
        if (readInt(channel) != MAGIC) {
            throw new IOException("not a pool agent request");
        }
        byte kind = readFully(channel, 1).get();
        String directory = readString(channel);
        int count = readInt(channel);
        if (count < 0 || count > 10_000) {
            throw new IOException("too many arguments: " + count);
        }
        List<String> args = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            args.add(readString(channel));
        }
        return new Request(kind, directory, args);
    }

    static void writeOutput(SocketChannel channel, byte type, byte[] bytes, int offset, int length) throws IOException {
        ByteBuffer frame = ByteBuffer.allocate(5 + length).put(type).putInt(length).put(bytes, offset, length).flip();
        writeFully(channel, frame);
    }

    static void writeExit(SocketChannel channel, int code) throws IOException {
        writeFully(channel, ByteBuffer.allocate(5).put(EXIT).putInt(code).flip());
    }

    static void writeRefusal(SocketChannel channel, String reason) throws IOException {
        byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
        writeOutput(channel, REFUSED, bytes, 0, bytes.length);
    }

    static Frame readFrame(SocketChannel channel) throws IOException {
        ByteBuffer head = readFully(channel, 5);
        byte type = head.get();
        int value = head.getInt();
        if (type == EXIT) {
            return new Frame(type, new byte[0], value);
        }
        if (value < 0 || value > MAX_STRING) {
            throw new IOException("a frame of " + value + " bytes");
        }
        return new Frame(type, readFully(channel, value).array(), 0);
    }

    private static void writeString(DataOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readString(SocketChannel channel) throws IOException {
        int length = readInt(channel);
        if (length < 0 || length > MAX_STRING) {
            throw new IOException("a string of " + length + " bytes");
        }
        return new String(readFully(channel, length).array(), StandardCharsets.UTF_8);
    }

    private static int readInt(SocketChannel channel) throws IOException {
        return readFully(channel, 4).getInt();
    }

    private static ByteBuffer readFully(SocketChannel channel, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new EOFException("the other side closed the socket");
            }
        }
        return buffer.flip();
    }

    /** Writes the whole buffer as one frame: a job's stdout and stderr arrive on other threads than the command's. */
    private static void writeFully(SocketChannel channel, ByteBuffer buffer) throws IOException {
        synchronized (channel) {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
    }
}
