package io.github.adder4j.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code adder --version}: the adder4j, DJL and libtorch versions of this build, and the running JVM. */
public final class VersionProvider implements IVersionProvider {

    /** Creates the provider (picocli instantiates it). */
    public VersionProvider() {
        // stateless
    }

    /** Three lines: adder4j version, engine versions, JVM and OS. */
    @Override
    public String[] getVersion() {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read version.properties", e);
        }
        return new String[] {
            "adder " + p.getProperty("version", "unknown") + " (adder4j)",
            "DJL " + p.getProperty("djl", "unknown") + ", PyTorch engine, libtorch " + p.getProperty("libtorch", "unknown")
                    + " (CPU)",
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch")
        };
    }
}
