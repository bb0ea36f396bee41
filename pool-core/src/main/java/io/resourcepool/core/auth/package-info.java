/**
 * Who may use the hub: people log in with a password, keep a session by its token, and machines enroll
 * with a join token.
 *
 * <ul>
 *   <li>{@link io.resourcepool.core.auth.Authenticator}: login with lockout, session resume and logout,
 *       and a user's own password change;</li>
 *   <li>{@link io.resourcepool.core.auth.UserAdministration} and
 *       {@link io.resourcepool.core.auth.FirstAdmin}: accounts, and the {@code admin} made on first start;</li>
 *   <li>{@link io.resourcepool.core.auth.JoinTokens}: single-use, expiring enrolment permissions;</li>
 *   <li>{@link io.resourcepool.core.auth.PasswordHasher}, {@link io.resourcepool.core.auth.PasswordPolicy},
 *       {@link io.resourcepool.core.auth.SessionTokens} and {@link io.resourcepool.core.auth.SessionKey}: the
 *       cryptographic parts;</li>
 *   <li>{@link io.resourcepool.core.auth.RateLimiter} and {@link io.resourcepool.core.auth.RateLimits}: how
 *       often one source address may fail to log in, or try to enroll, before it is answered "busy";</li>
 *   <li>{@link io.resourcepool.core.auth.AuthServices}: all of them wired together for a hub.</li>
 * </ul>
 *
 * <p>Rules kept throughout: every authentication failure looks the same to the caller (the reason goes to
 * the audit log only); an unknown user costs the same bcrypt work as a known one; bcrypt runs on a bounded
 * pool that answers "busy" rather than queueing without end; only hashes of tokens are stored; time comes from
 * an injected {@link java.time.InstantSource}; and no password, token or key is ever logged or audited.
 */
package io.resourcepool.core.auth;
