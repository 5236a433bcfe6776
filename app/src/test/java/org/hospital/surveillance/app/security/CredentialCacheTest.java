package org.hospital.surveillance.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The pure rules of the cache of verified credentials: what it may accept without the real check. */
@Timeout(10)
class CredentialCacheTest {

    private static final String STORED = "{bcrypt}$2a$10$abcdefghijklmnopqrstuv";

    private final CredentialCache cache = new CredentialCache(Duration.ofMinutes(10), 100);

    @Test
    void acceptsOnlyThePasswordThatWasVerified() {
        assertThat(cache.isVerified("nurse1", "secret", STORED)).as("nothing verified yet").isFalse();
        cache.remember("nurse1", "secret", STORED);
        assertThat(cache.isVerified("nurse1", "secret", STORED)).isTrue();
        assertThat(cache.isVerified("nurse1", "secret2", STORED)).isFalse();
        assertThat(cache.isVerified("nurse1", "", STORED)).isFalse();
        assertThat(cache.isVerified("nurse2", "secret", STORED)).as("another user").isFalse();
    }

    @Test
    void aUserWhoseStoredPasswordChangedIsCheckedAgain() {
        cache.remember("nurse1", "secret", STORED);
        assertThat(cache.isVerified("nurse1", "secret", "{bcrypt}$2a$10$another")).isFalse();
        assertThat(cache.isVerified("nurse1", "secret", null)).isFalse();
    }

    @Test
    void theUserNameAndPasswordCannotBeShiftedIntoEachOther() {
        cache.remember("ab", "c", STORED);
        assertThat(cache.isVerified("ab", "c", STORED)).isTrue();
        // Same concatenation "abc", other split: a different key and a different HMAC.
        cache.remember("a", "bc", STORED);
        assertThat(cache.isVerified("a", "bc", STORED)).isTrue();
        assertThat(cache.isVerified("a", "c", STORED)).isFalse();
    }

    @Test
    void sizeZeroRemembersNothing() {
        CredentialCache off = new CredentialCache(Duration.ofMinutes(10), 0);
        off.remember("nurse1", "secret", STORED);
        assertThat(off.isVerified("nurse1", "secret", STORED)).isFalse();
    }

    @Test
    void anotherProcessKeyGivesAnotherHmacSoNothingIsSharedBetweenCaches() {
        CredentialCache other = new CredentialCache(Duration.ofMinutes(10), 100);
        cache.remember("nurse1", "secret", STORED);
        assertThat(other.isVerified("nurse1", "secret", STORED)).isFalse();
    }
}
