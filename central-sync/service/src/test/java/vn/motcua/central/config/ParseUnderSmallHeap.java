package vn.motcua.central.config;

import vn.motcua.central.api.BadParameterException;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Uploads each file named on the command line to the catalogue parser and prints one line per file: what was
 * refused, or how many procedures were read. Run by {@link HostileCatalogueFilesTest} in a JVM with a small heap;
 * running out of memory ends it with a non-zero status.
 */
public final class ParseUnderSmallHeap {
    private ParseUnderSmallHeap() {
    }

    public static void main(String[] args) throws Exception {
        for (String arg : args) {
            byte[] file = Files.readAllBytes(Path.of(arg));
            try {
                System.out.println("parsed " + ProcedureUpload.parse(file).size());
            } catch (BadParameterException e) {
                System.out.println("refused " + e.parameter() + ": " + e.getMessage());
            }
        }
    }
}
