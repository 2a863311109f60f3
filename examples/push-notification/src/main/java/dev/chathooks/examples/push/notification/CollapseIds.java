package dev.chathooks.examples.push.notification;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Collapse ids: the message id, or its SHA-256 in hex when it is longer than APNs allows. */
final class CollapseIds {
    /** The longest apns-collapse-id APNs accepts, in bytes. */
    static final int MAX_BYTES = 64;

    private CollapseIds() {}

    static String of(String messageId) {
        byte[] bytes = messageId.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_BYTES) {
            return messageId;
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
