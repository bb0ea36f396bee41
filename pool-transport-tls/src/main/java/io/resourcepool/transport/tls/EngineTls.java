package io.resourcepool.transport.tls;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

/**
 * TLS through the JDK's {@link SSLEngine} over the blocking streams of a plain socket, keeping no buffer
 * between records: the hub's side of every connection. The JDK's TLS socket keeps some 6 KiB of buffers for as
 * long as a connection lives (its decrypted bytes, the last record); here a record is read whole into a buffer
 * lent by {@link RecordBuffers}, decrypted into an array of its own size, and the loan returned, so an idle
 * connection holds only the five bytes of the next record's header and what TLS itself keeps (its session and
 * ciphers). Reads take one record at a time and never more, so nothing read ahead is ever left over.
 *
 * <p>One thread reads; writes come one at a time under a lock, which a read that must answer the peer (a TLS
 * 1.3 key update) also takes. The engine allows a read and a write at once.
 */
final class EngineTls implements TlsStreams {
    /** Bytes in a TLS record's header: content type, version, length. */
    static final int HEADER_BYTES = 5;
    /** The largest record TLS allows: 2^14 bytes of data, 2,048 of expansion, and the header. */
    static final int MAX_RECORD_BYTES = (1 << 14) + 2048 + HEADER_BYTES;
    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);

    private final SSLEngine engine;
    private final InputStream rawIn;
    private final OutputStream rawOut;
    private final ReentrantLock writing = new ReentrantLock();
    private final byte[] header = new byte[HEADER_BYTES];
    /** Decrypted bytes not read yet; an empty shared buffer once they are, so nothing is kept. */
    private ByteBuffer plain = NOTHING;
    private boolean ended;
    private final InputStream in = new Decrypted();
    private final OutputStream out = new Encrypting();

    private EngineTls(SSLEngine engine, Socket socket) throws IOException {
        this.engine = engine;
        this.rawIn = socket.getInputStream();
        this.rawOut = socket.getOutputStream();
    }

    /**
     * Runs the handshake on the calling thread. A failure that TLS would announce to the peer (a certificate
     * refused, a protocol not offered) is sent as its alert before the exception is thrown, as the TLS socket does.
     *
     * @param engine an engine set up for its side, not yet used
     * @param socket the connected plain socket, whose closing (by a watchdog) ends a handshake that takes too long
     * @return the streams, once the handshake is done
     * @throws IOException when the handshake fails or the socket breaks
     */
    static EngineTls handshake(SSLEngine engine, Socket socket) throws IOException {
        EngineTls tls = new EngineTls(engine, socket);
        tls.runHandshake();
        return tls;
    }

    private void runHandshake() throws IOException {
        engine.beginHandshake();
        try {
            HandshakeStatus status = engine.getHandshakeStatus();
            while (status != HandshakeStatus.FINISHED && status != HandshakeStatus.NOT_HANDSHAKING) {
                status = switch (status) {
                    case NEED_WRAP -> wrap(NOTHING).getHandshakeStatus();
                    case NEED_TASK -> runTasks();
                    case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> handshakeRecord();
                    default -> throw new SSLException("unexpected handshake status " + status);
                };
            }
        } catch (SSLException e) {
            sendAlert();
            throw e;
        }
    }

    /** Takes one record during the handshake; a peer that hangs up instead is a broken handshake. */
    private HandshakeStatus handshakeRecord() throws IOException {
        if (engine.getHandshakeStatus() == HandshakeStatus.NEED_UNWRAP_AGAIN) {
            return unwrap(NOTHING).getHandshakeStatus();
        }
        ByteBuffer record = readRecord();
        if (record == null) {
            throw new EOFException("the remote host terminated the handshake");
        }
        try {
            SSLEngineResult result = unwrap(record);
            if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
                throw new SSLException("the peer ended TLS during the handshake");
            }
            return result.getHandshakeStatus();
        } finally {
            RecordBuffers.SHARED.giveBack(record);
        }
    }

    private void sendAlert() {
        try {
            engine.closeOutbound();
            wrap(NOTHING);
        } catch (IOException | RuntimeException e) {
            // the alert is a courtesy to a peer whose handshake failed; the failure itself is what the caller sees
            return;
        }
    }

    private HandshakeStatus runTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
        return engine.getHandshakeStatus();
    }

    /**
     * Reads the next whole record into a lent buffer, or returns null when the stream ended before a record began.
     * A header that cannot start a TLS record is handed to the engine alone, so its refusal reads as the TLS
     * socket's does ("Unsupported or unrecognized SSL message"), without waiting for a body that may never come.
     */
    private ByteBuffer readRecord() throws IOException {
        int got = rawIn.read(header, 0, HEADER_BYTES);
        if (got < 0) {
            return null;
        }
        readFully(header, got, HEADER_BYTES - got);
        int first = header[0] & 0xFF;
        int length = ((header[3] & 0xFF) << 8) | (header[4] & 0xFF);
        if (!looksLikeRecord(header) || HEADER_BYTES + length > MAX_RECORD_BYTES) {
            unwrap(ByteBuffer.wrap(header.clone()));
            throw new SSLException("Unsupported or unrecognized SSL message: a record of " + length + " bytes of content type " + first);
        }
        ByteBuffer record = RecordBuffers.SHARED.lend(HEADER_BYTES + length);
        record.put(header);
        readFully(record.array(), HEADER_BYTES, length);
        record.position(0).limit(HEADER_BYTES + length);
        return record;
    }

    private static boolean looksLikeRecord(byte[] header) {
        int type = header[0] & 0xFF;
        return type >= 20 && type <= 24 && header[1] == 3;
    }

    private void readFully(byte[] into, int offset, int count) throws IOException {
        int done = 0;
        while (done < count) {
            int n = rawIn.read(into, offset + done, count - done);
            if (n < 0) {
                throw new EOFException("the remote host terminated the connection part way through a TLS record");
            }
            done += n;
        }
    }

    /**
     * Decrypts one record into an array of its own: after the handshake, the record's size, which its data never
     * exceeds; during it, or should the engine want more, room for the largest record's data.
     */
    private SSLEngineResult unwrap(ByteBuffer record) throws SSLException {
        boolean established = engine.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING;
        ByteBuffer into = ByteBuffer.allocate(established ? record.remaining() : roomForAnyRecord(record));
        SSLEngineResult result = engine.unwrap(record, into);
        if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
            into = ByteBuffer.allocate(roomForAnyRecord(record));
            result = engine.unwrap(record, into);
        }
        if (result.bytesProduced() > 0) {
            plain = into.flip();
        }
        return result;
    }

    private int roomForAnyRecord(ByteBuffer record) {
        return Math.max(engine.getSession().getApplicationBufferSize(), record.remaining());
    }

    /**
     * Encrypts what {@code data} holds (all of it, record by record; nothing for a handshake or alert message) and
     * writes the records.
     */
    private SSLEngineResult wrap(ByteBuffer data) throws IOException {
        writing.lock();
        ByteBuffer record = RecordBuffers.SHARED.lend(engine.getSession().getPacketBufferSize());
        try {
            SSLEngineResult result;
            do {
                record.clear();
                result = engine.wrap(data, record);
                if (result.getStatus() != SSLEngineResult.Status.OK && result.getStatus() != SSLEngineResult.Status.CLOSED) {
                    throw new SSLException("cannot encrypt for the peer: " + result.getStatus());
                }
                rawOut.write(record.array(), 0, record.position());
            } while (data.hasRemaining() && result.getStatus() == SSLEngineResult.Status.OK);
            return result;
        } finally {
            RecordBuffers.SHARED.giveBack(record);
            writing.unlock();
        }
    }

    /** Decrypts records until one gives application data; false when the peer ended TLS or the stream. */
    private boolean fill() throws IOException {
        while (!plain.hasRemaining()) {
            if (ended) {
                return false;
            }
            ByteBuffer record = readRecord();
            if (record == null) {
                ended = true;
                return false;
            }
            SSLEngineResult result;
            try {
                result = unwrap(record);
            } finally {
                RecordBuffers.SHARED.giveBack(record);
            }
            if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
                ended = true;
            }
            answerPeer(result.getHandshakeStatus());
        }
        return true;
    }

    /** After the handshake TLS 1.3 may ask for an answer (a key update); it goes out at once. */
    private void answerPeer(HandshakeStatus status) throws IOException {
        HandshakeStatus next = status;
        while (!ended && (next == HandshakeStatus.NEED_TASK || next == HandshakeStatus.NEED_WRAP)) {
            next = next == HandshakeStatus.NEED_TASK ? runTasks() : wrap(NOTHING).getHandshakeStatus();
        }
    }

    @Override
    public SSLSession session() {
        return engine.getSession();
    }

    @Override
    public InputStream in() {
        return in;
    }

    @Override
    public OutputStream out() {
        return out;
    }

    @Override
    public void sayGoodbye() throws IOException {
        engine.closeOutbound();
        wrap(NOTHING);
    }

    /** The decrypted bytes, handed out from the current record; the buffer is let go once read. */
    private final class Decrypted extends InputStream {
        @Override
        public int read() throws IOException {
            if (!fill()) {
                return -1;
            }
            int b = plain.get() & 0xFF;
            letGoIfRead();
            return b;
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(length, plain.remaining());
            plain.get(into, offset, n);
            letGoIfRead();
            return n;
        }

        @Override
        public int available() {
            return plain.remaining();
        }

        private void letGoIfRead() {
            if (!plain.hasRemaining()) {
                plain = NOTHING;
            }
        }
    }

    /** Each write goes out at once as one or more records; there is nothing to flush. */
    private final class Encrypting extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] data, int offset, int length) throws IOException {
            if (length > 0) {
                wrap(ByteBuffer.wrap(data, offset, length));
            }
        }
    }
}
