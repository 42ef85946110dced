package vn.motcua.firmware;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Writes output files with exact permissions; a secret is created 0600 before its first byte is written. */
public final class FileWriter {
    public static final Set<PosixFilePermission> PUBLIC = PosixFilePermissions.fromString("rw-r--r--");
    public static final Set<PosixFilePermission> SECRET = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwxr-xr-x");

    private FileWriter() {
    }

    public static void write(Path file, String content, Set<PosixFilePermission> permissions) throws IOException {
        write(file, content.getBytes(StandardCharsets.UTF_8), permissions);
    }

    public static void write(Path file, byte[] content, Set<PosixFilePermission> permissions) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        createDirectories(parent);
        Path temp = Files.createTempFile(parent, "." + file.getFileName(), ".tmp",
                PosixFilePermissions.asFileAttribute(permissions));
        try {
            Files.write(temp, content);
            Files.setPosixFilePermissions(temp, permissions);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        createDirectories(dir.getParent());
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
        Files.setPosixFilePermissions(dir, DIRECTORY);
    }
}
