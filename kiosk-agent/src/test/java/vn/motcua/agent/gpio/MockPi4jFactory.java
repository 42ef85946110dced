package vn.motcua.agent.gpio;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;

/** In tests, Pi4J's mock platform in place of the gpiod provider: inputs are driven by the test, outputs only record. */
@Factory
@Requires(env = Environment.TEST)
@Requires(property = "agent.gpio.enabled", value = "true")
public class MockPi4jFactory {
    @Singleton
    @Replaces(bean = Context.class, factory = Pi4jFactory.class)
    @Bean(preDestroy = "shutdown")
    Context mockPi4j() {
        return Pi4J.newContextBuilder().add(new MockPlatform())
                .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance())
                .build();
    }
}
