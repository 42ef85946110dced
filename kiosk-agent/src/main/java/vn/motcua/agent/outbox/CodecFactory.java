package vn.motcua.agent.outbox;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import vn.motcua.protocol.ProtocolCodec;

@Factory
public class CodecFactory {
    @Singleton
    ProtocolCodec protocolCodec() {
        return new ProtocolCodec();
    }
}
