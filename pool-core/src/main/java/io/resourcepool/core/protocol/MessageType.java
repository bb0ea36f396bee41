package io.resourcepool.core.protocol;

import java.util.Optional;

/** The payload type (u16) of each message on the wire. Numbers are part of the protocol: never reuse one. */
public enum MessageType {
    HELLO(1), CHALLENGE(2),
    LOGIN(10), RESUME(11), LOGOUT(12), AUTH_OK(13), AUTH_FAILED(14), PASSWORD_CHANGE(15),
    ENROLL(20), ENROLLED(21),
    REGISTER(30), HEARTBEAT(31), HEARTBEAT_ACK(32),
    RUN(40), OUTPUT_COPY(41), ACCEPTED(42), TASK(43), OUTPUT(44), RESULT(45), CANCEL(46), SUBMIT(47), FOLLOW(48), RESULT_ACK(49),
    NODES(50), NODE_LIST(51), AGGREGATE(52), AGGREGATE_RESULT(53), JOBS(54), JOB_LIST(55), JOB(56), JOB_DETAIL(57),
    USER_ADD(60), USER_LIST(61), USER_LIST_RESULT(62), JOIN_TOKEN_CREATE(63), JOIN_TOKEN_CREATED(64),
    SESSION_REVOKE(65), USER_UNLOCK(66), NODE_REMOVE(67), NODE_DRAIN(68), USER_REMOVE(69), USER_ROLE(78), USER_PASSWORD_RESET(79), ALERT_TEST(84),
    REFRESH(85),
    JOIN_TOKEN_LIST(72), JOIN_TOKEN_LIST_RESULT(73), JOIN_TOKEN_REVOKE(74),
    MFA_ENABLE(75), MFA_ENABLED(76), MFA_DISABLE(77), MFA_SETUP_OWN(91), MFA_REMOVE_OWN(92),
    PING(70), PONG(71),
    AUDIT_LIST(80), AUDIT_LIST_RESULT(81), AUDIT_VERIFY(82), AUDIT_VERIFY_RESULT(83), AUDIT_SEARCH(93),
    RENEW_CERTIFICATE(87), CERTIFICATE_RENEWED(88), RENEW_REQUESTED(89),
    OK(90), ERROR(99),
    USAGE(100), USAGE_RESULT(101);

    private static final MessageType[] BY_CODE = new MessageType[128];

    static {
        for (MessageType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final int code;

    MessageType(int code) {
        this.code = code;
    }

    /**
     * The payload type number.
     *
     * @return the u16 code
     */
    public int code() {
        return code;
    }

    /**
     * Looks a payload type up.
     *
     * @param code the u16 code from a frame
     * @return the type, or empty when the code is not one of ours
     */
    public static Optional<MessageType> fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? Optional.ofNullable(BY_CODE[code]) : Optional.empty();
    }
}
