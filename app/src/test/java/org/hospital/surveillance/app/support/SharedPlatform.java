package org.hospital.surveillance.app.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext.Store;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One platform for every test class of the run that only needs "a running platform with
 * fresh-enough data": started by the first class that asks for it, kept in the root
 * {@link ExtensionContext.Store} and closed (its data directory deleted) when the run ends.
 * <p>
 * A class asks with {@code @ExtendWith(SharedPlatform.class)} and a {@code SharedPlatform}
 * parameter on its {@code @BeforeAll} method, then calls {@link #get()}; it must not close the
 * platform. Classes sharing it see each other's facts, so each works in its own wards and with its
 * own natural keys, and asserts on those rather than on hospital-wide counts. A class that needs
 * an empty store, special properties, restarts, a clock fixture or PostgreSQL starts its own
 * {@link Platform} instead.
 */
public final class SharedPlatform implements ParameterResolver {

    private static final Namespace NAMESPACE = Namespace.create(SharedPlatform.class);

    private final Store store;

    /** For JUnit, which registers the extension. */
    public SharedPlatform() {
        this.store = null;
    }

    private SharedPlatform(Store store) {
        this.store = store;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == SharedPlatform.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return new SharedPlatform(context.getRoot().getStore(NAMESPACE));
    }

    /**
     * The shared platform, started on first use; once every event so far is handled, including
     * the alerts the previous class's facts raised, so that they do not land in this class's tests.
     */
    public Platform get() {
        if (store == null) {
            throw new IllegalStateException("Ask for a SharedPlatform as a parameter of a @BeforeAll method");
        }
        Platform platform = store.getOrComputeIfAbsent(Running.class, type -> Running.start(), Running.class).platform;
        platform.awaitQuiet();
        return platform;
    }

    /** Closed by JUnit when the root context closes, i.e. at the end of the run. */
    private record Running(Path dataDir, Platform platform) implements Store.CloseableResource {

        static Running start() {
            try {
                Path dataDir = Files.createTempDirectory("surveillance-shared");
                return new Running(dataDir, Platform.start(dataDir));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                platform.close();
            } finally {
                TempDirs.delete(dataDir);
            }
        }
    }
}
