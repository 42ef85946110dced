package vn.motcua.agent.gpio;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

@Factory
@Requires(property = "agent.gpio.enabled", value = "true")
public class Pi4jFactory {
    /** The gpiod provider on a Raspberry Pi (any model, Pi 5 included). */
    @Singleton
    @Bean(preDestroy = "shutdown")
    Context pi4j() {
        return Pi4J.newAutoContext();
    }
}
