package vn.motcua.firmware;

import vn.motcua.device.ConfigProblem;
import vn.motcua.device.KioskConfig;
import vn.motcua.device.KioskConfigException;
import vn.motcua.device.KioskConfigLoader;
import vn.motcua.device.PinHash;
import vn.motcua.firmware.provision.Provisioner;
import vn.motcua.firmware.render.Renderer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/** The {@code firmware-config} command. Exit status: 0 done, 1 the input is wrong, 2 the command line is wrong. */
public final class FirmwareConfig {
    static final int OK = 0;
    static final int INVALID = 1;
    static final int USAGE = 2;
    static final String USAGE_TEXT = """
            usage: firmware-config validate KIOSK_YAML
                   firmware-config render KIOSK_YAML --out DIR
                   firmware-config provision --site SITE --kiosk KIOSK --out DIR [--central-keys DIR] [--ca-bundle PEM]
                   firmware-config hash-pin            (reads the staff PIN from standard input)
            """;

    private final PrintStream out;
    private final PrintStream err;
    private final InputStream in;

    public FirmwareConfig(PrintStream out, PrintStream err, InputStream in) {
        this.out = out;
        this.err = err;
        this.in = in;
    }

    public static void main(String[] args) {
        System.exit(new FirmwareConfig(System.out, System.err, System.in).run(args));
    }

    public int run(String... args) {
        if (args.length == 0) {
            err.print(USAGE_TEXT);
            return USAGE;
        }
        try {
            return switch (args[0]) {
                case "validate" -> validate(args);
                case "render" -> render(args);
                case "provision" -> provision(args);
                case "hash-pin" -> hashPin();
                default -> usage("unknown command '" + args[0] + "'");
            };
        } catch (UsageException e) {
            return usage(e.getMessage());
        } catch (IOException | IllegalArgumentException e) {
            err.println("firmware-config " + args[0] + ": " + e.getMessage());
            return INVALID;
        }
    }

    private int usage(String problem) {
        err.println("firmware-config: " + problem);
        err.print(USAGE_TEXT);
        return USAGE;
    }

    private int validate(String[] args) {
        if (args.length != 2) {
            throw new UsageException("validate takes one file");
        }
        Path file = Path.of(args[1]);
        if (load(file) == null) {
            return INVALID;
        }
        out.println(file + ": valid");
        return OK;
    }

    private KioskConfig load(Path file) {
        try {
            return KioskConfigLoader.load(file);
        } catch (KioskConfigException e) {
            for (ConfigProblem p : e.problems()) {
                err.println(file + (p.line() > 0 ? ":" + p.line() : "") + ": " + p.keyAndMessage());
            }
            err.println(file + ": " + e.problems().size() + (e.problems().size() == 1 ? " problem" : " problems"));
            return null;
        }
    }

    private int render(String[] args) throws IOException {
        Map<String, String> options = options(args, 2, List.of("--out"));
        if (args.length < 2 || args[1].startsWith("--") || !options.containsKey("--out")) {
            throw new UsageException("render takes a file and --out DIR");
        }
        Path file = Path.of(args[1]);
        KioskConfig config = load(file);
        if (config == null) {
            return INVALID;
        }
        Path dir = Path.of(options.get("--out"));
        SortedMap<String, String> files = Renderer.render(config, Files.readString(file, StandardCharsets.UTF_8));
        for (Map.Entry<String, String> f : files.entrySet()) {
            FileWriter.write(dir.resolve(f.getKey()), f.getValue(), FileWriter.PUBLIC);
            out.println(dir.resolve(f.getKey()));
        }
        return OK;
    }

    private int provision(String[] args) throws IOException {
        Map<String, String> o = options(args, 1, List.of("--site", "--kiosk", "--out", "--central-keys", "--ca-bundle"));
        for (String required : List.of("--site", "--kiosk", "--out")) {
            if (!o.containsKey(required)) {
                throw new UsageException("provision needs " + required);
            }
        }
        Path outDir = Path.of(o.get("--out"));
        Path central = Path.of(o.getOrDefault("--central-keys", "central-keys"));
        Path ca = o.containsKey("--ca-bundle") ? Path.of(o.get("--ca-bundle")) : null;
        List<String> written = new Provisioner(new SecureRandom())
                .provision(o.get("--site"), o.get("--kiosk"), outDir, central, ca);
        out.println("broker login: " + Provisioner.username(o.get("--site"), o.get("--kiosk"))
                + " (the password is only in the 0600 files below)");
        for (String path : written) {
            Path p = Path.of(path);
            out.println(p.isAbsolute() ? p : outDir.resolve(p));
        }
        if (ca == null) {
            out.println("no --ca-bundle: the kiosk will trust the broker through the system's CA store");
        }
        return OK;
    }

    private int hashPin() throws IOException {
        String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
        if (line == null || !line.matches("[0-9]{4,12}")) {
            err.println("firmware-config hash-pin: the PIN must be 4-12 digits on standard input");
            return INVALID;
        }
        out.println(PinHash.hash(line.toCharArray(), new SecureRandom()));
        return OK;
    }

    private static Map<String, String> options(String[] args, int from, List<String> allowed) {
        Map<String, String> options = new HashMap<>();
        for (int i = from; i < args.length; i += 2) {
            if (!allowed.contains(args[i])) {
                throw new UsageException("unknown option '" + args[i] + "'; allowed: " + String.join(", ", allowed));
            }
            if (i + 1 >= args.length) {
                throw new UsageException(args[i] + " needs a value");
            }
            options.put(args[i], args[i + 1]);
        }
        return options;
    }

    private static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
