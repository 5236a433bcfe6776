package org.hospital.surveillance.app.security;

/**
 * The platform's roles: who may submit which facts (docs/write-api.md) and read what (each
 * operation's {@code x-roles} in the OpenAPI description).
 */
public final class Roles {
    public static final String LAB = "LAB";
    public static final String NURSE = "NURSE";
    public static final String EPIDEMIOLOGIST = "EPIDEMIOLOGIST";
    public static final String ADMIN = "ADMIN";

    private Roles() {
    }
}
