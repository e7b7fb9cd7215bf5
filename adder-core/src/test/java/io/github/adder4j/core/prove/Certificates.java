package io.github.adder4j.core.prove;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The committed test certificates. */
final class Certificates {
    private Certificates() { }

    /** The certificate of rope19-10 ({@code adder prove --preset rope19-10 --certificate ...}). */
    static Certificate rope19() {
        try (InputStream in = Certificates.class.getResourceAsStream("/prove/rope19-10.proof.json")) {
            return Certificate.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
