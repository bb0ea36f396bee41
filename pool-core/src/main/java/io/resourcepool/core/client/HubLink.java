package io.resourcepool.core.client;

import io.resourcepool.api.PoolException;
import io.resourcepool.api.ProtocolException;
import io.resourcepool.api.TransportException;
import io.resourcepool.api.spi.transport.Connection;
import io.resourcepool.core.protocol.AdminMessage;
import io.resourcepool.core.protocol.AuditMessage;
import io.resourcepool.core.protocol.AuthMessage;
import io.resourcepool.core.protocol.ControlMessage;
import io.resourcepool.core.protocol.EnrolmentMessage;
import io.resourcepool.core.protocol.HandshakeMessage;
import io.resourcepool.core.protocol.JobMessage;
import io.resourcepool.core.protocol.JobQueryMessage;
import io.resourcepool.core.protocol.Message;
import io.resourcepool.core.protocol.MessageChannel;
import io.resourcepool.core.protocol.MessageCodec;
import io.resourcepool.core.protocol.MfaMessage;
import io.resourcepool.core.protocol.NodeMessage;
import io.resourcepool.core.protocol.QueryMessage;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * A connection to a hub after the handshake, shared by any number of threads: each request gets its own id
 * and its answer is matched by that id, so many requests and job streams share one connection. A reader
 * (virtual) thread owned by the link delivers answers; messages that answer nothing (a worker's TASK and
 * CANCEL, heartbeat acks) go to the {@code unsolicited} consumer on that thread.
 */
public final class HubLink implements RequestLine, AutoCloseable {
    private final MessageChannel channel;
    private final HandshakeMessage.Challenge challenge;
    private final Consumer<Message> unsolicited;
    private final AtomicLong requestIds = new AtomicLong();
    private final Map<Long, CompletableFuture<Message>> pending = new ConcurrentHashMap<>();
    /** Every job stream from its RUN or FOLLOW to its end, so that an ERROR for the request ends it at any point. */
    private final Map<Long, JobListener> jobsByRequest = new ConcurrentHashMap<>();
    /** The accepted ones, by job id, which output and RESULT carry. */
    private final Map<String, Followed> jobsById = new ConcurrentHashMap<>();
    private final Thread reader;
    private final CompletableFuture<RuntimeException> ended = new CompletableFuture<>();

    private HubLink(MessageChannel channel, HandshakeMessage.Challenge challenge, Consumer<Message> unsolicited) {
        this.channel = channel;
        this.challenge = challenge;
        this.unsolicited = unsolicited;
        this.reader = Thread.ofVirtual().name("hub-link-reader-" + channel.connection().remoteAddress()).unstarted(this::readLoop);
    }

    /**
     * Performs the handshake on a fresh connection and starts the reader.
     *
     * @param connection the connection, owned by the link from now on
     * @param codec the codec
     * @param role {@code client} or {@code worker}
     * @param software name and version, for the hub's logs
     * @param unsolicited receives messages that answer no request
     * @return the link
     * @throws ProtocolException when the hub does not answer HELLO with CHALLENGE
     */
    public static HubLink open(Connection connection, MessageCodec codec, String role, String software, Consumer<Message> unsolicited) {
        MessageChannel channel = new MessageChannel(connection, codec);
        try {
            channel.send(new HandshakeMessage.Hello(HandshakeMessage.PROTOCOL_VERSION, role, software));
            Message answer = channel.receive();
            if (answer instanceof ControlMessage.Error error) {
                throw RemoteErrors.toException(error);
            }
            if (!(answer instanceof HandshakeMessage.Challenge challenge)) {
                throw new ProtocolException("the hub answered HELLO with " + MessageCodec.typeOf(answer) + " instead of CHALLENGE");
            }
            HubLink link = new HubLink(channel, challenge, unsolicited);
            link.reader.start();
            return link;
        } catch (RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * The hub's CHALLENGE.
     *
     * @return the challenge
     */
    public HandshakeMessage.Challenge challenge() {
        return challenge;
    }

    /**
     * The underlying connection, for its peer identity and address.
     *
     * @return the connection
     */
    public Connection connection() {
        return channel.connection();
    }

    /**
     * Sends a request and waits for its answer.
     *
     * @param request makes the request from a fresh request id
     * @param expected the answer's type
     * @param timeout how long to wait
     * @param <T> the answer's type
     * @return the answer
     * @throws PoolException the exception matching an ERROR answer, or TransportException when the link breaks
     *     or the answer does not come in time
     */
    @Override
    public <T extends Message> T call(LongFunction<? extends Message> request, Class<T> expected, Duration timeout) {
        long id = requestIds.incrementAndGet();
        CompletableFuture<Message> answer = new CompletableFuture<>();
        pending.put(id, answer);
        try {
            send(request.apply(id));
            Message message = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (message instanceof ControlMessage.Error error) {
                throw RemoteErrors.toException(error);
            }
            if (message instanceof AuthMessage.AuthFailed failed) {
                throw failed.toException();
            }
            if (!expected.isInstance(message)) {
                throw new ProtocolException("expected " + expected.getSimpleName() + " but the hub sent " + MessageCodec.typeOf(message));
            }
            return expected.cast(message);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted while waiting for the hub", e);
        } catch (TimeoutException e) {
            throw new TransportException("the hub did not answer within " + timeout.toMillis() + " ms", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof PoolException p ? p : new TransportException("request failed", e.getCause());
        } finally {
            pending.remove(id);
        }
    }

    /**
     * Starts a job and streams what the hub sends about it to the listener.
     *
     * @param request makes the RUN (or FOLLOW) from a fresh request id
     * @param listener receives acceptance, output and the result, or the failure
     */
    public void runJob(LongFunction<? extends Message> request, JobListener listener) {
        long id = requestIds.incrementAndGet();
        jobsByRequest.put(id, listener);
        try {
            send(request.apply(id));
        } catch (RuntimeException e) {
            jobsByRequest.remove(id);
            throw e;
        }
    }

    /**
     * Sends a message that expects no answer.
     *
     * @param message the message
     */
    public void send(Message message) {
        channel.send(message);
    }

    /**
     * Says whether the link can still carry requests.
     *
     * @return false once closed or broken
     */
    public boolean isOpen() {
        return channel.connection().isOpen() && reader.isAlive();
    }

    /**
     * Completes when the link ends, closed by either side or broken, with why: for holders of a link that wait on
     * messages of their own (unsolicited ones) and must stop waiting when no more can come.
     *
     * @return the reason the link ended, a {@link PoolException}
     */
    public CompletableFuture<RuntimeException> ended() {
        return ended.copy();
    }

    /** Closes the connection; waiting requests fail with a TransportException. */
    @Override
    public void close() {
        channel.close();
    }

    private void readLoop() {
        RuntimeException ending = new TransportException("the connection to the hub was closed");
        try {
            while (true) {
                dispatch(channel.receive());
            }
        } catch (RuntimeException e) {
            ending = e instanceof PoolException ? e : new TransportException("the connection to the hub broke", e);
        } finally {
            channel.close();
            failEverything(ending);
            ended.complete(ending);
        }
    }

    private void dispatch(Message message) {
        switch (message) {
            case JobMessage.Output out -> {
                Followed followed = jobsById.get(out.jobId().toString());
                if (followed != null) {
                    followed.listener().output(out.channel(), out.data());
                }
            }
            case JobMessage.Result result -> {
                Followed followed = jobsById.remove(result.jobId());
                if (followed != null) {
                    jobsByRequest.remove(followed.requestId());
                    followed.listener().result(result);
                } else {
                    unsolicited.accept(result);
                }
            }
            case ControlMessage.Error error when error.requestId() == 0 -> throw RemoteErrors.toException(error);
            default -> answerOrPass(message);
        }
    }

    private void answerOrPass(Message message) {
        OptionalLong id = answeredRequest(message);
        if (id.isEmpty()) {
            unsolicited.accept(message);
            return;
        }
        long requestId = id.getAsLong();
        JobListener job = message instanceof JobMessage.Accepted ? jobsByRequest.get(requestId) : jobsByRequest.remove(requestId);
        if (job != null) {
            if (message instanceof JobMessage.Accepted accepted) {
                jobsById.put(accepted.jobId(), new Followed(requestId, job));
                job.accepted(accepted);
            } else {
                // an ERROR may end a stream after its ACCEPTED too: the hub dropped a follower that fell behind
                jobsById.values().removeIf(f -> f.requestId() == requestId);
                job.failed(message instanceof ControlMessage.Error e ? RemoteErrors.toException(e)
                        : new ProtocolException("the hub answered RUN with " + MessageCodec.typeOf(message)));
            }
            return;
        }
        CompletableFuture<Message> waiting = pending.get(id.getAsLong());
        if (waiting != null) {
            waiting.complete(message);
        }
    }

    private void failEverything(RuntimeException cause) {
        pending.values().forEach(f -> f.completeExceptionally(cause));
        jobsByRequest.values().forEach(l -> l.failed(cause));
        jobsByRequest.clear();
        jobsById.clear();
    }

    /** A job stream once accepted: the request that opened it, and who hears it. */
    private record Followed(long requestId, JobListener listener) {}

    private static OptionalLong answeredRequest(Message message) {
        long id = switch (message) {
            case AuthMessage.AuthOk m -> m.requestId();
            case AuthMessage.AuthFailed m -> m.requestId();
            case EnrolmentMessage.Enrolled m -> m.requestId();
            case EnrolmentMessage.Renewed m -> m.requestId();
            case NodeMessage.HeartbeatAck m -> m.requestId();
            case JobMessage.Accepted m -> m.requestId();
            case QueryMessage.NodeList m -> m.requestId();
            case QueryMessage.AggregateResult m -> m.requestId();
            case QueryMessage.UsageResult m -> m.requestId();
            case JobQueryMessage.JobList m -> m.requestId();
            case JobQueryMessage.JobDetail m -> m.requestId();
            case AdminMessage.UserListResult m -> m.requestId();
            case AdminMessage.JoinTokenCreated m -> m.requestId();
            case AdminMessage.JoinTokenListResult m -> m.requestId();
            case MfaMessage.MfaEnabled m -> m.requestId();
            case AuditMessage.AuditListResult m -> m.requestId();
            case AuditMessage.AuditVerifyResult m -> m.requestId();
            case ControlMessage.Pong m -> m.requestId();
            case ControlMessage.Ok m -> m.requestId();
            case ControlMessage.Error m -> m.requestId();
            default -> 0;
        };
        return id > 0 ? OptionalLong.of(id) : OptionalLong.empty();
    }
}
