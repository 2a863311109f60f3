package dev.chathooks.mockservers;

import java.util.Base64;

/** PEM text for DER bytes. */
final class Pem {
    private Pem() {}

    static String encode(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
