package vn.motcua.agent.support;

import vn.motcua.protocol.ProtocolCodec;
import vn.motcua.protocol.message.Ack;
import vn.motcua.protocol.message.Command;
import vn.motcua.protocol.message.SiteConfig;
import vn.motcua.protocol.sign.Signatures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Central's command-signing key pair for a test: the public half as the agent reads it; commands, acks and site
 * configurations signed with the private half, as central signs them.
 */
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
        return command(siteId, kioskId, id, type, args, Instant.now(), Duration.ofMinutes(5));
    }

    /** A command issued at {@code issuedAt} (central's clock), valid for {@code validFor}, signed. */
    public byte[] command(String siteId, String kioskId, String id, String type, Map<String, String> args,
                          Instant issuedAt, Duration validFor) {
        OffsetDateTime issued = issuedAt.atOffset(ZoneOffset.UTC);
        Command unsigned = new Command(id, type, args, issued, issued.plus(validFor), "");
        String sig = Signatures.sign(pair.getPrivate(), Signatures.commandBytes(siteId, kioskId, unsigned));
        return codec.encode(new Command(id, type, args, issued, issued.plus(validFor), sig));
    }

    /** Central's ack of one batch, signed: what central publishes on the kiosk's {@code ack} topic. */
    public byte[] ack(String siteId, String kioskId, String batchId, long upToSeq) {
        Ack unsigned = new Ack(siteId, kioskId, upToSeq, batchId, null);
        return codec.encode(unsigned.signed(Signatures.sign(pair.getPrivate(), Signatures.ackBytes(unsigned))));
    }

    /**
     * The configuration as a newer central would sign it: with {@code extra} fields this build does not know, set by
     * {@code addFields} on the JSON object before it is signed.
     */
    public byte[] configWithFieldsFromANewerCentral(String siteId, SiteConfig base, long version, String siteName,
                                                    java.util.function.Consumer<com.fasterxml.jackson.databind.node.ObjectNode> addFields) {
        SiteConfig unsigned = new SiteConfig(version, siteName, base.services(), base.counters(), base.officers(),
                base.procedures(), base.ratingScale(), base.notices(), null).withPublicPage(base.publicBaseUrl(), base.alertAhead());
        try {
            com.fasterxml.jackson.databind.node.ObjectNode json = (com.fasterxml.jackson.databind.node.ObjectNode)
                    new com.fasterxml.jackson.databind.ObjectMapper().readTree(codec.encode(unsigned));
            json.remove("sig");
            addFields.accept(json);
            json.put("sig", Signatures.sign(pair.getPrivate(), Signatures.configBytes(siteId, codec.encode(json))));
            return codec.encode(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The configuration with {@code version}, signed for {@code siteId}, as central publishes it on {@code config}. */
    public byte[] config(String siteId, SiteConfig base, long version, String siteName) {
        SiteConfig unsigned = new SiteConfig(version, siteName, base.services(), base.counters(), base.officers(),
                base.procedures(), base.ratingScale(), base.notices(), null).withPublicPage(base.publicBaseUrl(), base.alertAhead());
        String sig = Signatures.sign(pair.getPrivate(), Signatures.configBytes(siteId, unsigned, codec));
        return codec.encode(unsigned.withSig(sig));
    }

    /** As {@link #config(String, SiteConfig, long, String)}, with the site's ID card priority age. */
    public byte[] config(String siteId, SiteConfig base, long version, String siteName, Integer priorityAge) {
        SiteConfig unsigned = new SiteConfig(version, siteName, base.services(), base.counters(), base.officers(),
                base.procedures(), base.ratingScale(), base.notices(), null).withPriorityAge(priorityAge);
        return codec.encode(unsigned.signed(version,
                Signatures.sign(pair.getPrivate(), Signatures.configBytes(siteId, unsigned, codec))));
    }

    public static Path tempFolder(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
