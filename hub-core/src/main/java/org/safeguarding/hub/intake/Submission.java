package org.safeguarding.hub.intake;

import org.safeguarding.hub.partner.Feed;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * A message as received: which agency sent it (from the authenticated principal or the configured
 * drop folder or pull source, never the payload), on which feed, and its bytes.
 */
public record Submission(String agencyId, Feed feed, String partnerMessageId, String contentType, byte[] body,
                         Instant receivedAt) {

    /**
     * {@code receivedAt} is kept to the microsecond, as PostgreSQL stores it: the receipt answered
     * first and the one a re-send gets name the same instant (an outside tester saw 02.847045957Z, then
     * 02.847046Z).
     */
    public Submission {
        receivedAt = receivedAt == null ? null : receivedAt.truncatedTo(ChronoUnit.MICROS);
    }

    public String contentHash() {
        return sha256(body);
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }
}
