package org.hospital.surveillance.app.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Credentials verified recently, so that a client sending HTTP Basic on every call pays a password
 * hash (BCrypt, tens of milliseconds of CPU) once per {@code ttl} instead of on every request.
 *
 * <p>What is kept per user is an HMAC-SHA-256 of the password that was verified, under a key drawn
 * at random when the process starts (never stored, never logged: a heap dump does not give an
 * offline guess table that works against another process, and the plain password is never kept),
 * together with the stored (encoded) password it was verified against. A presented password is
 * accepted from here only if its HMAC equals the remembered one (constant-time compare) AND the
 * user's stored password is still the one it was verified against, so a changed user is verified
 * afresh. Only successful checks are remembered; a wrong password always goes to the real check.
 */
final class CredentialCache {

    private static final String HMAC = "HmacSHA256";

    private record Verified(byte[] passwordMac, byte[] storedPassword) {
    }

    private final Cache<String, Verified> verified;
    private final SecretKeySpec key;
    private final boolean enabled;

    /** @param maximumUsers 0 turns the cache off: every call is checked by the password encoder */
    CredentialCache(Duration ttl, int maximumUsers) {
        this.enabled = maximumUsers > 0 && !ttl.isNegative() && !ttl.isZero();
        this.verified = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maximumUsers).build();
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        this.key = new SecretKeySpec(random, HMAC);
    }

    /** True when this user's password was verified within the ttl and the user's stored password has not changed since. */
    boolean isVerified(String username, String presentedPassword, String storedPassword) {
        Verified entry = enabled ? verified.getIfPresent(username) : null;
        if (entry == null || storedPassword == null) {
            return false;
        }
        boolean sameUser = MessageDigest.isEqual(entry.storedPassword(), bytes(storedPassword));
        boolean samePassword = MessageDigest.isEqual(entry.passwordMac(), mac(username, presentedPassword));
        return sameUser & samePassword;
    }

    /** Called only after the real password check succeeded. */
    void remember(String username, String presentedPassword, String storedPassword) {
        if (enabled) {
            verified.put(username, new Verified(mac(username, presentedPassword), bytes(storedPassword)));
        }
    }

    private byte[] mac(String username, String password) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            mac.update(bytes(username));
            // A separator no user name contains, so ("ab","c") and ("a","bc") differ.
            mac.update((byte) 0);
            return mac.doFinal(bytes(password));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
