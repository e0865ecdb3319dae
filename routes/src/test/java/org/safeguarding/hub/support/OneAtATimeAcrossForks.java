package org.safeguarding.hub.support;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A test class that starts hub processes of its own (three nodes, or a hub killed and started
 * again): such classes run one at a time even when the suite's test JVMs run side by side
 * (pom.xml, {@code hub.test.forks}), so that two of them never start four or five JVMs at once on a
 * two-core machine and miss their start-up deadlines. Held through an OS file lock on
 * {@code target/one-at-a-time.lock}, which every test JVM of the module shares; other classes go on
 * in the other JVM meanwhile.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(OneAtATimeAcrossForks.Lock.class)
public @interface OneAtATimeAcrossForks {

    /** Takes the lock before the class's first test and releases it after its last. */
    final class Lock implements BeforeAllCallback, AfterAllCallback {

        private static final Path FILE = Path.of("target", "one-at-a-time.lock");
        private static final ExtensionContext.Namespace HELD = ExtensionContext.Namespace.create(Lock.class);

        @Override
        public void beforeAll(ExtensionContext context) throws IOException {
            Files.createDirectories(FILE.getParent());
            FileChannel channel = FileChannel.open(FILE, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.lock(); // waits while a class in another test JVM holds it
            context.getStore(HELD).put("lock", lock);
            context.getStore(HELD).put("channel", channel);
        }

        @Override
        public void afterAll(ExtensionContext context) throws IOException {
            FileLock lock = context.getStore(HELD).remove("lock", FileLock.class);
            FileChannel channel = context.getStore(HELD).remove("channel", FileChannel.class);
            if (lock != null) {
                lock.release();
            }
            if (channel != null) {
                channel.close();
            }
        }
    }
}
