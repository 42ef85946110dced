package vn.motcua.agent.remote;

import io.micronaut.context.annotation.Context;
import jakarta.annotation.PostConstruct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.motcua.agent.config.CentralPublicKey;
import vn.motcua.agent.config.KioskSettings;
import vn.motcua.agent.site.SiteConfigStore;
import vn.motcua.agent.sync.MqttTransport;
import vn.motcua.agent.telemetry.TelemetryPublisher;
import vn.motcua.protocol.ProtocolCodec;
import vn.motcua.protocol.ProtocolException;
import vn.motcua.protocol.Topics;
import vn.motcua.protocol.message.SiteConfig;
import vn.motcua.protocol.sign.Signatures;

/**
 * Applies the retained {@code config} central publishes, only when its signature verifies with central's key; a bad
 * signature or invalid content leaves the running configuration as it is. The version the kiosk runs goes out in
 * its telemetry.
 */
@Context
public class SignedConfigs {
    private static final Logger LOG = LoggerFactory.getLogger(SignedConfigs.class);

    private final MqttTransport transport;
    private final ProtocolCodec codec;
    private final SiteConfigStore store;
    private final TelemetryPublisher telemetry;
    private final CentralPublicKey key;
    private final String siteId;

    public SignedConfigs(MqttTransport transport, ProtocolCodec codec, SiteConfigStore store,
                         TelemetryPublisher telemetry, CentralPublicKey key, KioskSettings kiosk) {
        this.transport = transport;
        this.codec = codec;
        this.store = store;
        this.telemetry = telemetry;
        this.key = key;
        this.siteId = kiosk.siteId();
    }

    @PostConstruct
    void register() {
        transport.onMessage(Topics.CONFIG, (suffix, payload) -> {
            if (payload.length > 0 && accept(payload)) {
                telemetry.publishOnce();
            }
        });
    }

    /** Returns whether the configuration was applied. */
    public boolean accept(byte[] payload) {
        SiteConfig config;
        try {
            config = codec.decodeSiteConfig(payload);
        } catch (ProtocolException e) {
            LOG.warn("site configuration refused, keeping version {}: invalid ({})", store.current().version(),
                    e.getMessage());
            return false;
        }
        if (key.get() == null || !signedByCentral(payload, config)) {
            LOG.warn("site configuration version {} refused, keeping version {}: {}", config.version(),
                    store.current().version(), key.get() == null ? "no public key configured" : "bad signature");
            return false;
        }
        SiteConfigStore.Outcome outcome = store.apply(payload);
        switch (outcome) {
            case APPLIED -> {
            }
            case RUNNING -> LOG.info("site configuration version {} runs already", config.version());
            case OLDER -> LOG.warn("site configuration version {} refused, keeping version {}: version {} was "
                    + "applied before, an older one is a replay", config.version(), store.current().version(),
                    store.appliedVersion());
            case SAME_VERSION_OTHER_CONTENT -> LOG.warn("site configuration version {} refused, keeping version {}: "
                    + "other content under a version applied before", config.version(), store.current().version());
        }
        return outcome == SiteConfigStore.Outcome.APPLIED;
    }

    /**
     * The bytes as received verify a configuration from a newer central, with fields this build ignores; this
     * build's own encoding verifies one whose JSON was re-spaced on the way.
     */
    private boolean signedByCentral(byte[] payload, SiteConfig config) {
        return Signatures.verify(key.get(), Signatures.configBytes(siteId, codec.siteConfigWithoutSig(payload)),
                config.sig())
                || Signatures.verify(key.get(), Signatures.configBytes(siteId, config, codec), config.sig());
    }
}
