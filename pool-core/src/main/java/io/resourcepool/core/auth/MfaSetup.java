package io.resourcepool.core.auth;

import io.resourcepool.api.Secret;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * What a user needs, once, to start using a second factor: the seed for their authenticator app, as an
 * {@code otpauth://} URI, and their recovery codes. Neither is kept anywhere in clear after this is shown.
 *
 * @param username whose
 * @param otpauthUri the URI to type or scan into an authenticator app; holds the seed
 * @param recoveryCodes codes that each let the user in once without the app
 */
public record MfaSetup(String username, Secret otpauthUri, List<Secret> recoveryCodes) {
    /** The issuer name authenticator apps show next to the account. */
    public static final String ISSUER = "ResourcePool";

    /** Checks the fields and copies the list. */
    public MfaSetup {
        Objects.requireNonNull(username, "username must be given");
        Objects.requireNonNull(otpauthUri, "otpauthUri must be given");
        recoveryCodes = List.copyOf(recoveryCodes);
    }

    /**
     * The seed in base32, as the URI carries it, for typing into an app that cannot scan.
     *
     * @return the seed's {@code secret} parameter
     */
    public Secret base32Seed() {
        String uri = otpauthUri.reveal();
        int start = uri.indexOf("secret=");
        if (start < 0) {
            throw new IllegalStateException("the otpauth URI carries no secret parameter");
        }
        int end = uri.indexOf('&', start);
        return Secret.of(uri.substring(start + "secret=".length(), end < 0 ? uri.length() : end));
    }

    /**
     * The standard URI of a TOTP seed (the Key Uri Format authenticator apps read): SHA1, 6 digits, 30 seconds.
     *
     * @param username the account name shown in the app
     * @param seed the seed
     * @return the URI, as secret as the seed
     */
    static Secret otpauthUri(String username, byte[] seed) {
        String label = URLEncoder.encode(ISSUER + ":" + username, StandardCharsets.UTF_8).replace("+", "%20");
        return Secret.of("otpauth://totp/" + label + "?secret=" + Base32.encode(seed) + "&issuer=" + ISSUER
                + "&algorithm=SHA1&digits=" + Totp.DIGITS + "&period=" + Totp.STEP_SECONDS);
    }

    /** Shows the user and the number of codes, never the URI or the codes. */
    @Override
    public String toString() {
        return "MfaSetup[username=" + username + ", recoveryCodes=" + recoveryCodes.size() + "]";
    }
}
