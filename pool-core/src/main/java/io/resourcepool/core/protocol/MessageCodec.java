package io.resourcepool.core.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.resourcepool.api.Bytes;
import io.resourcepool.api.ProtocolException;
import io.resourcepool.api.spi.transport.Frame;
import java.io.IOException;
import java.util.stream.Collectors;

/**
 * Turns frames into messages and back. Both directions are exhaustive switches without {@code default}: a
 * new message or payload type does not compile until it is handled here. Thread-safe.
 */
public final class MessageCodec {
    private static final java.util.Map<Integer, MessageCodec> SHARED = new java.util.concurrent.ConcurrentHashMap<>();

    private final ObjectMapper json;

    /**
     * A codec whose JSON strings may be as long as a frame allows.
     *
     * @param maxFrameBytes the transport's frame limit
     */
    public MessageCodec(int maxFrameBytes) {
        this.json = StrictJson.create(maxFrameBytes);
    }

    /**
     * The codec for a frame limit, shared: a codec is thread-safe and its JSON mapper costs tens of kilobytes,
     * so thousands of connections share one rather than each making its own.
     *
     * @param maxFrameBytes the transport's frame limit
     * @return the shared codec
     */
    public static MessageCodec shared(int maxFrameBytes) {
        return SHARED.computeIfAbsent(maxFrameBytes, MessageCodec::new);
    }

    /**
     * Encodes a message.
     *
     * @param message the message
     * @return its frame
     */
    public Frame encode(Message message) {
        MessageType type = typeOf(message);
        Bytes payload = message instanceof JobMessage.Output out ? OutputCodec.encode(out) : writeJson(message);
        return new Frame(type.code(), payload);
    }

    /**
     * Decodes a frame.
     *
     * @param frame the frame
     * @return its message
     * @throws BadMessageException with {@link ErrorCode#UNKNOWN_TYPE} or {@link ErrorCode#MALFORMED}, naming the
     *     field at fault
     */
    public Message decode(Frame frame) {
        MessageType type = MessageType.fromCode(frame.type()).orElseThrow(() ->
                new BadMessageException(ErrorCode.UNKNOWN_TYPE, "payload type " + frame.type() + " is not part of protocol version "
                        + HandshakeMessage.PROTOCOL_VERSION));
        Class<? extends Message> shape = switch (type) {
            case HELLO -> HandshakeMessage.Hello.class;
            case CHALLENGE -> HandshakeMessage.Challenge.class;
            case LOGIN -> AuthMessage.Login.class;
            case RESUME -> AuthMessage.Resume.class;
            case REFRESH -> AuthMessage.Refresh.class;
            case LOGOUT -> AuthMessage.Logout.class;
            case AUTH_OK -> AuthMessage.AuthOk.class;
            case AUTH_FAILED -> AuthMessage.AuthFailed.class;
            case PASSWORD_CHANGE -> AuthMessage.PasswordChange.class;
            case ENROLL -> EnrolmentMessage.Enroll.class;
            case ENROLLED -> EnrolmentMessage.Enrolled.class;
            case RENEW_CERTIFICATE -> EnrolmentMessage.Renew.class;
            case CERTIFICATE_RENEWED -> EnrolmentMessage.Renewed.class;
            case RENEW_REQUESTED -> EnrolmentMessage.RenewNow.class;
            case REGISTER -> NodeMessage.Register.class;
            case HEARTBEAT -> NodeMessage.Heartbeat.class;
            case HEARTBEAT_ACK -> NodeMessage.HeartbeatAck.class;
            case RUN -> JobMessage.Run.class;
            case ACCEPTED -> JobMessage.Accepted.class;
            case TASK -> JobMessage.Task.class;
            case OUTPUT -> JobMessage.Output.class;
            case RESULT -> JobMessage.Result.class;
            case CANCEL -> JobMessage.Cancel.class;
            case SUBMIT -> JobMessage.Submit.class;
            case FOLLOW -> JobMessage.Follow.class;
            case RESULT_ACK -> JobMessage.ResultAck.class;
            case OUTPUT_COPY -> JobMessage.OutputCopy.class;
            case NODES -> QueryMessage.Nodes.class;
            case NODE_LIST -> QueryMessage.NodeList.class;
            case AGGREGATE -> QueryMessage.Aggregate.class;
            case AGGREGATE_RESULT -> QueryMessage.AggregateResult.class;
            case USAGE -> QueryMessage.Usage.class;
            case USAGE_RESULT -> QueryMessage.UsageResult.class;
            case JOBS -> JobQueryMessage.Jobs.class;
            case JOB_LIST -> JobQueryMessage.JobList.class;
            case JOB -> JobQueryMessage.Job.class;
            case JOB_DETAIL -> JobQueryMessage.JobDetail.class;
            case USER_ADD -> AdminMessage.UserAdd.class;
            case USER_LIST -> AdminMessage.UserList.class;
            case USER_LIST_RESULT -> AdminMessage.UserListResult.class;
            case JOIN_TOKEN_CREATE -> AdminMessage.JoinTokenCreate.class;
            case JOIN_TOKEN_CREATED -> AdminMessage.JoinTokenCreated.class;
            case SESSION_REVOKE -> AdminMessage.SessionRevoke.class;
            case USER_UNLOCK -> AdminMessage.UserUnlock.class;
            case USER_REMOVE -> AdminMessage.UserRemove.class;
            case USER_ROLE -> AdminMessage.UserRole.class;
            case USER_PASSWORD_RESET -> AdminMessage.UserPasswordReset.class;
            case ALERT_TEST -> AdminMessage.AlertTest.class;
            case NODE_REMOVE -> AdminMessage.NodeRemove.class;
            case NODE_DRAIN -> AdminMessage.NodeDrain.class;
            case JOIN_TOKEN_LIST -> AdminMessage.JoinTokenList.class;
            case JOIN_TOKEN_LIST_RESULT -> AdminMessage.JoinTokenListResult.class;
            case JOIN_TOKEN_REVOKE -> AdminMessage.JoinTokenRevoke.class;
            case MFA_ENABLE -> MfaMessage.MfaEnable.class;
            case MFA_ENABLED -> MfaMessage.MfaEnabled.class;
            case MFA_DISABLE -> MfaMessage.MfaDisable.class;
            case MFA_SETUP_OWN -> MfaMessage.MfaSetupOwn.class;
            case MFA_REMOVE_OWN -> MfaMessage.MfaRemoveOwn.class;
            case AUDIT_LIST -> AuditMessage.AuditList.class;
            case AUDIT_SEARCH -> AuditMessage.AuditSearch.class;
            case AUDIT_LIST_RESULT -> AuditMessage.AuditListResult.class;
            case AUDIT_VERIFY -> AuditMessage.AuditVerify.class;
            case AUDIT_VERIFY_RESULT -> AuditMessage.AuditVerifyResult.class;
            case PING -> ControlMessage.Ping.class;
            case PONG -> ControlMessage.Pong.class;
            case OK -> ControlMessage.Ok.class;
            case ERROR -> ControlMessage.Error.class;
        };
        return shape == JobMessage.Output.class ? OutputCodec.decode(frame.payload()) : readJson(type, shape, frame.payload());
    }

    /**
     * The payload type of a message.
     *
     * @param message the message
     * @return its type
     */
    public static MessageType typeOf(Message message) {
        return switch (message) {
            case HandshakeMessage.Hello m -> MessageType.HELLO;
            case HandshakeMessage.Challenge m -> MessageType.CHALLENGE;
            case AuthMessage.Login m -> MessageType.LOGIN;
            case AuthMessage.Resume m -> MessageType.RESUME;
            case AuthMessage.Refresh m -> MessageType.REFRESH;
            case AuthMessage.Logout m -> MessageType.LOGOUT;
            case AuthMessage.AuthOk m -> MessageType.AUTH_OK;
            case AuthMessage.AuthFailed m -> MessageType.AUTH_FAILED;
            case AuthMessage.PasswordChange m -> MessageType.PASSWORD_CHANGE;
            case EnrolmentMessage.Enroll m -> MessageType.ENROLL;
            case EnrolmentMessage.Enrolled m -> MessageType.ENROLLED;
            case EnrolmentMessage.Renew m -> MessageType.RENEW_CERTIFICATE;
            case EnrolmentMessage.Renewed m -> MessageType.CERTIFICATE_RENEWED;
            case EnrolmentMessage.RenewNow m -> MessageType.RENEW_REQUESTED;
            case NodeMessage.Register m -> MessageType.REGISTER;
            case NodeMessage.Heartbeat m -> MessageType.HEARTBEAT;
            case NodeMessage.HeartbeatAck m -> MessageType.HEARTBEAT_ACK;
            case JobMessage.Run m -> MessageType.RUN;
            case JobMessage.Accepted m -> MessageType.ACCEPTED;
            case JobMessage.Task m -> MessageType.TASK;
            case JobMessage.Output m -> MessageType.OUTPUT;
            case JobMessage.Result m -> MessageType.RESULT;
            case JobMessage.Cancel m -> MessageType.CANCEL;
            case JobMessage.Submit m -> MessageType.SUBMIT;
            case JobMessage.Follow m -> MessageType.FOLLOW;
            case JobMessage.ResultAck m -> MessageType.RESULT_ACK;
            case JobMessage.OutputCopy m -> MessageType.OUTPUT_COPY;
            case QueryMessage.Nodes m -> MessageType.NODES;
            case QueryMessage.NodeList m -> MessageType.NODE_LIST;
            case QueryMessage.Aggregate m -> MessageType.AGGREGATE;
            case QueryMessage.AggregateResult m -> MessageType.AGGREGATE_RESULT;
            case QueryMessage.Usage m -> MessageType.USAGE;
            case QueryMessage.UsageResult m -> MessageType.USAGE_RESULT;
            case JobQueryMessage.Jobs m -> MessageType.JOBS;
            case JobQueryMessage.JobList m -> MessageType.JOB_LIST;
            case JobQueryMessage.Job m -> MessageType.JOB;
            case JobQueryMessage.JobDetail m -> MessageType.JOB_DETAIL;
            case AdminMessage.UserAdd m -> MessageType.USER_ADD;
            case AdminMessage.UserList m -> MessageType.USER_LIST;
            case AdminMessage.UserListResult m -> MessageType.USER_LIST_RESULT;
            case AdminMessage.JoinTokenCreate m -> MessageType.JOIN_TOKEN_CREATE;
            case AdminMessage.JoinTokenCreated m -> MessageType.JOIN_TOKEN_CREATED;
            case AdminMessage.SessionRevoke m -> MessageType.SESSION_REVOKE;
            case AdminMessage.UserUnlock m -> MessageType.USER_UNLOCK;
            case AdminMessage.UserRemove m -> MessageType.USER_REMOVE;
            case AdminMessage.UserRole m -> MessageType.USER_ROLE;
            case AdminMessage.UserPasswordReset m -> MessageType.USER_PASSWORD_RESET;
            case AdminMessage.AlertTest m -> MessageType.ALERT_TEST;
            case AdminMessage.NodeRemove m -> MessageType.NODE_REMOVE;
            case AdminMessage.NodeDrain m -> MessageType.NODE_DRAIN;
            case AdminMessage.JoinTokenList m -> MessageType.JOIN_TOKEN_LIST;
            case AdminMessage.JoinTokenListResult m -> MessageType.JOIN_TOKEN_LIST_RESULT;
            case AdminMessage.JoinTokenRevoke m -> MessageType.JOIN_TOKEN_REVOKE;
            case MfaMessage.MfaEnable m -> MessageType.MFA_ENABLE;
            case MfaMessage.MfaEnabled m -> MessageType.MFA_ENABLED;
            case MfaMessage.MfaDisable m -> MessageType.MFA_DISABLE;
            case MfaMessage.MfaSetupOwn m -> MessageType.MFA_SETUP_OWN;
            case MfaMessage.MfaRemoveOwn m -> MessageType.MFA_REMOVE_OWN;
            case AuditMessage.AuditList m -> MessageType.AUDIT_LIST;
            case AuditMessage.AuditSearch m -> MessageType.AUDIT_SEARCH;
            case AuditMessage.AuditListResult m -> MessageType.AUDIT_LIST_RESULT;
            case AuditMessage.AuditVerify m -> MessageType.AUDIT_VERIFY;
            case AuditMessage.AuditVerifyResult m -> MessageType.AUDIT_VERIFY_RESULT;
            case ControlMessage.Ping m -> MessageType.PING;
            case ControlMessage.Pong m -> MessageType.PONG;
            case ControlMessage.Ok m -> MessageType.OK;
            case ControlMessage.Error m -> MessageType.ERROR;
        };
    }

    private Bytes writeJson(Message message) {
        try {
            return Bytes.adopt(json.writeValueAsBytes(message));
        } catch (JsonProcessingException e) {
            throw new ProtocolException("cannot encode " + typeOf(message) + ": " + e.getOriginalMessage(), e);
        }
    }

    private Message readJson(MessageType type, Class<? extends Message> shape, Bytes payload) {
        try (var in = new java.io.ByteArrayInputStream(payload.toByteArray())) {
            return json.readValue(in, shape);
        } catch (UnrecognizedPropertyException e) {
            throw bad(type, "unknown field '" + e.getPropertyName() + "'");
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause();
            throw bad(type, cause instanceof ProtocolException || cause instanceof IllegalArgumentException
                    ? cause.getMessage() : "invalid value");
        } catch (StreamConstraintsException e) {
            throw bad(type, "too large: " + e.getOriginalMessage());
        } catch (MismatchedInputException e) {
            throw bad(type, "field '" + path(e) + "': " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw bad(type, "not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw bad(type, "unreadable payload");
        }
    }

    private static String path(MismatchedInputException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static BadMessageException bad(MessageType type, String what) {
        String text = what.length() > 300 ? what.substring(0, 300) + "…" : what;
        return new BadMessageException(ErrorCode.MALFORMED, "bad " + type + " message: " + text);
    }
}
