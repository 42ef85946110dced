package vn.motcua.agent.support;

import vn.motcua.protocol.ProtocolCodec;
import vn.motcua.protocol.message.Command;
import vn.motcua.protocol.sign.Signatures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/** Central's command-signing key pair for a test: the public half as the agent reads it, commands signed with it. */
public final class CentralKeys {
    private final KeyPair pair;
    private final ProtocolCodec codec = new ProtocolCodec();

    public CentralKeys() {
        try {
            pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the public key as firmware-config provisions it and returns its path (agent.remote.public-key-file). */
    public String writePublicKey(Path folder) {
        Path key = folder.resolve("command-signing.pub");
        try {
            Files.writeString(key, Signatures.pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return key.toString();
    }

    /** A command to one kiosk, valid for five minutes from now, signed, as central publishes it on {@code cmd}. */
    public byte[] command(String siteId, String kioskId, String id, String type, Map<String, String> args) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Command unsigned = new Command(id, type, args, now, now.plusMinutes(5), "");
        String sig = Signatures.sign(pair.getPrivate(), Signatures.commandBytes(siteId, kioskId, unsigned));
        return codec.encode(new Command(id, type, args, now, now.plusMinutes(5), sig));
    }

    public static Path tempFolder(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
