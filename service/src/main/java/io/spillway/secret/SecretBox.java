package io.spillway.secret;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals definitions that hold secrets before they reach Redis: AES-GCM under the configured key, bound to
 * the record's id (so a sealed value cannot be moved to another id). Sealed values read
 * {@code enc:v1:<key id>:<base64 of iv and ciphertext>}; anything else is a value stored in clear, read as
 * is. A previous key opens what it sealed during a rotation. Without a key, values stay in clear.
 */
public final class SecretBox {
    public static final String PREFIX = "enc:v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom random = new SecureRandom();

    private final Key current;
    private final Key previous;

    private record Key(String id, SecretKeySpec spec) {
    }

    /**
     * @param currentKey base64 of a 16, 24 or 32 byte AES key, or null/blank for none
     * @param previousKey the key being rotated out, or null/blank
     */
    public SecretBox(String currentKey, String previousKey) {
        this.current = key("SPILLWAY_SECRET_KEY", currentKey);
        this.previous = key("SPILLWAY_SECRET_KEY_PREVIOUS", previousKey);
    }

    public boolean encrypts() {
        return current != null;
    }

    public String seal(String id, String plaintext) {
        if (current == null) {
            return plaintext;
        }
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, current.spec(), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(id.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
            return PREFIX + current.id() + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt the definition of '" + id + "': " + e.getClass().getSimpleName());
        }
    }

    public String open(String id, String stored) {
        if (!stored.startsWith(PREFIX)) {
            return stored;
        }
        int colon = stored.indexOf(':', PREFIX.length());
        String keyId = colon < 0 ? "" : stored.substring(PREFIX.length(), colon);
        Key key = current != null && current.id().equals(keyId) ? current
                : previous != null && previous.id().equals(keyId) ? previous : null;
        if (key == null) {
            throw new IllegalStateException("the definition of '" + id + "' is encrypted with key " + keyId
                    + ", which is neither SPILLWAY_SECRET_KEY nor SPILLWAY_SECRET_KEY_PREVIOUS: set the key it was"
                    + " written with");
        }
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(colon + 1));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key.spec(), new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            cipher.updateAAD(id.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the definition of '" + id + "' does not decrypt with key " + keyId
                    + " (altered, or stored under another id)");
        }
    }

    /** True when a stored value should be written again: in clear while a key is set, or under an older key. */
    public boolean needsReseal(String stored) {
        return current != null && !stored.startsWith(PREFIX + current.id() + ":");
    }

    private static Key key(String name, String base64) {
        if (base64 == null || base64.isBlank()) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(name + " is not base64: generate one with 'openssl rand -base64 32'");
        }
        if (bytes.length != 16 && bytes.length != 24 && bytes.length != 32) {
            throw new IllegalStateException(name + " must decode to 16, 24 or 32 bytes (it has " + bytes.length
                    + "): generate one with 'openssl rand -base64 32'");
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return new Key(HexFormat.of().formatHex(digest, 0, 4), new SecretKeySpec(bytes, "AES"));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
