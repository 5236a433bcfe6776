package org.hospital.surveillance.app.security;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code surveillance.login.*}: the cost of checking a password on every call, and what stops
 * guessing (docs/security.md).
 *
 * @param cacheTtl                   how long a verified (user, password) is accepted without hashing the password again
 * @param cacheSize                  at most this many users' verified credentials are remembered (0: no cache)
 * @param failuresPerUserAndAddress  failed logins of one user from one address before that pair is answered 429
 * @param failuresPerAddress         failed logins from one address, whatever the user, before that address is answered 429
 * @param failureWindow              a budget refills completely over this time (one attempt back every window / budget)
 * @param trackedAddresses           at most this many (user, address) pairs and addresses are tracked (the least recent are forgotten)
 */
@Validated
@ConfigurationProperties("surveillance.login")
public record LoginSettings(
        @DefaultValue("10m") Duration cacheTtl,
        @DefaultValue("1000") @Min(0) int cacheSize,
        @DefaultValue("5") @Min(1) int failuresPerUserAndAddress,
        @DefaultValue("20") @Min(1) int failuresPerAddress,
        @DefaultValue("15m") Duration failureWindow,
        @DefaultValue("10000") @Min(1) int trackedAddresses) {
}
