package io.salesforcealerts.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@code /api/*} request needs {@code Authorization: Bearer <api.token>}. Without a configured
 * token one is generated at first start and kept in a file only the owner can read.
 */
public class ApiAuthentication {

    private static final Logger LOG = LoggerFactory.getLogger(ApiAuthentication.class);

    private final byte[] token;

    public ApiAuthentication(String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    /** The configured token, or the one stored in {@code tokenFile}, created with owner-only permissions if absent. */
    public static String resolveToken(String configured, Path tokenFile) throws IOException {
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        if (Files.isRegularFile(tokenFile)) {
            String stored = Files.readString(tokenFile, StandardCharsets.UTF_8).trim();
            if (!stored.isEmpty()) {
                LOG.info("API token read from {}", tokenFile.toAbsolutePath().normalize());
                return stored;
            }
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Path dir = tokenFile.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".api-token", ".tmp");
        try {
            restrictToOwner(tmp);
            Files.writeString(tmp, generated + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, tokenFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        LOG.warn("No api.token configured: generated one and stored it in {} (readable by this user only)."
                + " Send it as 'Authorization: Bearer <token>'.", tokenFile.toAbsolutePath().normalize());
        return generated;
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system (Windows): the user profile's ACLs apply
        }
    }

    /** Called before every API route (route configuration {@code api-errors}). */
    public void check(Exchange exchange) {
        if (!isAuthorized(exchange.getMessage().getHeader("Authorization", String.class))) {
            throw new ApiRequestException(401, "UNAUTHORIZED", "authentication required");
        }
    }

    public boolean isAuthorized(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] presented = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        // constant time: the answer's timing says nothing about how much of the token matched
        return MessageDigest.isEqual(presented, token);
    }
}
