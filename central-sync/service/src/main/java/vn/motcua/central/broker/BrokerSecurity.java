package vn.motcua.central.broker;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.PublishAuthorizer;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.SubscriptionAuthorizer;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerOutput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerOutput;
import com.hivemq.extension.sdk.api.client.parameter.ConnectionAttributeStore;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.connect.ConnectPacket;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import com.hivemq.extension.sdk.api.packets.subscribe.SubackReasonCode;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.motcua.protocol.broker.BrokerLogin;
import vn.motcua.protocol.broker.TopicRights;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The embedded broker's logins and topic rights, as an extension of HiveMQ's own: every client logs in (kiosks with
 * the password file firmware-config provision writes, central with its own login), and every PUBLISH, Will and
 * SUBSCRIBE is checked against {@link TopicRights}. A refused publish is dropped (an MQTT 5 client gets PUBACK
 * 0x87 Not authorized), a refused subscription gets SUBACK 0x87.
 * <p>
 * A kiosk must connect with its own client id ({@link BrokerLogin#clientId()}): a session is bound to its client id,
 * and a kiosk that took central's id with {@code cleanStart=false} would inherit central's subscriptions without
 * their ever being checked against its login.
 */
final class BrokerSecurity implements ExtensionMain {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerSecurity.class);
    /** The authenticated login of a connection, read by the authorizers: "central" or "kiosk:SITE.KIOSK". */
    private static final String LOGIN_ATTRIBUTE = "vn.motcua.broker.login";
    private static final String CENTRAL = "central";
    private static final String KIOSK_PREFIX = "kiosk:";

    private final CentralLogin central;
    private final KioskLogins kiosks;

    BrokerSecurity(CentralLogin central, KioskLogins kiosks) {
        this.central = central;
        this.kiosks = kiosks;
    }

    @Override
    public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
        LoginAuthenticator authenticator = new LoginAuthenticator();
        TopicAuthorizer authorizer = new TopicAuthorizer();
        Services.securityRegistry().setAuthenticatorProvider(in -> authenticator);
        Services.securityRegistry().setAuthorizerProvider(in -> authorizer);
    }

    @Override
    public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
        // nothing held
    }

    private final class LoginAuthenticator implements SimpleAuthenticator {
        @Override
        public void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
            ConnectPacket connect = input.getConnectPacket();
            String clientId = connect.getClientId();
            Optional<String> user = connect.getUserName();
            Optional<ByteBuffer> password = connect.getPassword();
            if (user.isEmpty() || password.isEmpty()) {
                LOG.warn("broker: client '{}' refused: no user name and password", clientId);
                output.failAuthentication(ConnackReasonCode.NOT_AUTHORIZED, "a login is required");
                return;
            }
            ConnectionAttributeStore attributes = input.getConnectionInformation().getConnectionAttributeStore();
            if (central.matches(user.get(), bytes(password.get()))) {
                attributes.putAsString(LOGIN_ATTRIBUTE, CENTRAL);
                output.authenticateSuccessfully();
                return;
            }
            Optional<BrokerLogin> kiosk = BrokerLogin.parse(user.get());
            if (kiosk.isEmpty() || !kiosks.check(kiosk.get(), password.get())) {
                LOG.warn("broker: client '{}' refused: bad user name or password for '{}'", clientId, user.get());
                output.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "bad user name or password");
                return;
            }
            if (!kiosk.get().clientId().equals(clientId)) {
                LOG.warn("broker: kiosk {} refused: it connects as '{}', not as its own client id '{}'",
                        user.get(), clientId, kiosk.get().clientId());
                output.failAuthentication(ConnackReasonCode.CLIENT_IDENTIFIER_NOT_VALID,
                        "kiosk " + user.get() + " connects as " + kiosk.get().clientId());
                return;
            }
            attributes.putAsString(LOGIN_ATTRIBUTE, KIOSK_PREFIX + user.get());
            output.authenticateSuccessfully();
        }

        private static byte[] bytes(ByteBuffer buffer) {
            byte[] b = new byte[buffer.remaining()];
            buffer.duplicate().get(b);
            return b;
        }
    }

    private static final class TopicAuthorizer implements PublishAuthorizer, SubscriptionAuthorizer {
        @Override
        public void authorizePublish(PublishAuthorizerInput input, PublishAuthorizerOutput output) {
            String topic = input.getPublishPacket().getTopic();
            String login = login(input.getConnectionInformation().getConnectionAttributeStore());
            boolean allowed = CENTRAL.equals(login) ? TopicRights.centralMayPublish(topic)
                    : kiosk(login).map(k -> TopicRights.kioskMayPublish(k, topic)).orElse(false);
            if (allowed) {
                output.authorizeSuccessfully();
            } else {
                LOG.warn("broker: {} (client '{}') may not publish on '{}': dropped", login,
                        input.getClientInformation().getClientId(), topic);
                output.failAuthorization(AckReasonCode.NOT_AUTHORIZED, "not allowed to publish on " + topic);
            }
        }

        @Override
        public void authorizeSubscribe(SubscriptionAuthorizerInput input, SubscriptionAuthorizerOutput output) {
            String filter = input.getSubscription().getTopicFilter();
            String login = login(input.getConnectionInformation().getConnectionAttributeStore());
            boolean allowed = CENTRAL.equals(login)
                    || kiosk(login).map(k -> TopicRights.kioskMaySubscribe(k, filter)).orElse(false);
            if (allowed) {
                output.authorizeSuccessfully();
            } else {
                LOG.warn("broker: {} (client '{}') may not subscribe to '{}': refused", login,
                        input.getClientInformation().getClientId(), filter);
                output.failAuthorization(SubackReasonCode.NOT_AUTHORIZED, "not allowed to subscribe to " + filter);
            }
        }

        private static String login(ConnectionAttributeStore attributes) {
            return attributes.getAsString(LOGIN_ATTRIBUTE).orElse("nobody");
        }

        private static Optional<BrokerLogin> kiosk(String login) {
            return login.startsWith(KIOSK_PREFIX) ? BrokerLogin.parse(login.substring(KIOSK_PREFIX.length()))
                    : Optional.empty();
        }
    }
}
