package io.resourcepool.core.auth;

import io.resourcepool.api.KeySeal;
import io.resourcepool.api.spi.store.Store;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Optional;

/**
 * The authentication services of one hub, wired over one store, one hasher and one session key.
 *
 * <p>Made by {@link #start}, it owns the {@link PasswordHasher} it started and stops it on {@link #close()};
 * made by {@link #over}, it owns no hasher. Over a store shared with other hubs ({@link Store#coordination()}), it
 * starts a {@link CredentialEpochWatch} either way, and stops it on {@link #close()}. It never owns the store.
 *
 * @param authenticator logins, sessions, own password changes
 * @param users account administration
 * @param mfa second factors: setting them up and removing them
 * @param firstAdmin the {@code admin} made on first start
 * @param joinTokens enrolment permissions
 * @param hasher the bcrypt pool in use
 * @param ownsHasher whether {@link #close()} stops the hasher
 * @param otherHubs the watch on other hubs' credential writes, over a shared store; stopped by {@link #close()}
 */
public record AuthServices(
        Authenticator authenticator,
        UserAdministration users,
        MfaEnrolments mfa,
        FirstAdmin firstAdmin,
        JoinTokens joinTokens,
        PasswordHasher hasher,
        boolean ownsHasher,
        Optional<CredentialEpochWatch> otherHubs) implements AutoCloseable {

    /**
     * Starts a hasher from the configuration, reads or makes the session key and the key that seals TOTP
     * seeds in the data directory, and wires the services. Takes a moment: the hasher makes its dummy hash at the configured cost.
     *
     * @param store the hub's open store
     * @param config the configuration
     * @param dataDir the hub's data directory, for {@value SessionKey#FILE_NAME} and {@value SeedVault#FILE_NAME}
     * @param clock the time
     * @return the services, owning their hasher
     */
    public static AuthServices start(Store store, AuthConfig config, Path dataDir, InstantSource clock) {
        return start(store, config, dataDir, clock, KeySeal.none());
    }

    /**
     * Starts the services as {@link #start(Store, AuthConfig, Path, InstantSource)} does, with the key files
     * sealed under a key kept outside the data directory.
     *
     * @param store the hub's open store
     * @param config the configuration
     * @param dataDir the hub's data directory
     * @param clock the time
     * @param seal the seal of the key files
     * @return the services, owning their hasher
     */
    public static AuthServices start(Store store, AuthConfig config, Path dataDir, InstantSource clock, KeySeal seal) {
        SessionKey key = SessionKey.openOrCreate(dataDir, seal);
        SeedVault vault = SeedVault.openOrCreate(dataDir, seal);
        PasswordHasher hasher = PasswordHasher.start(config);
        return wire(store, config, hasher, new Keys(key, vault), clock, true);
    }

    /**
     * Wires the services over parts the caller owns, for embedding and tests.
     *
     * @param store the hub's open store
     * @param config lockout and session lifetime (its bcrypt figures are not used)
     * @param hasher the hasher, which the caller closes
     * @param key the session key
     * @param vault seals TOTP seeds
     * @param clock the time
     * @return the services, owning nothing
     */
    public static AuthServices over(Store store, AuthConfig config, PasswordHasher hasher, SessionKey key, SeedVault vault,
            InstantSource clock) {
        return wire(store, config, hasher, new Keys(key, vault), clock, false);
    }

    /** Stops the watch on other hubs, and the hasher if these services started it. */
    @Override
    public void close() {
        otherHubs.ifPresent(CredentialEpochWatch::close);
        if (ownsHasher) {
            hasher.close();
        }
    }

    private record Keys(SessionKey session, SeedVault seeds) {}

    private static AuthServices wire(Store hubStore, AuthConfig config, PasswordHasher hasher, Keys keys, InstantSource clock,
            boolean ownsHasher) {
        // every part writes credentials through one counting facet, so that the session cache sees each write, and
        // hears those of other hubs sharing the store
        Optional<CredentialEpochWatch> otherHubs = hubStore.coordination().map(CredentialEpochWatch::start);
        Store store = new CountedCredentialsStore(hubStore, otherHubs);
        UserAdministration users = new UserAdministration(store, hasher, config.passwordPolicy(), clock);
        Authenticator authenticator = new Authenticator(store, hasher, new SessionTokens(keys.session()), keys.seeds(), config, clock);
        return new AuthServices(authenticator, users, new MfaEnrolments(store, keys.seeds(), clock), new FirstAdmin(users), new JoinTokens(store, clock), hasher,
                ownsHasher, otherHubs);
    }
}
