package vn.motcua.agent.support;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;
import vn.motcua.agent.config.ClockFactory;
import vn.motcua.agent.config.KioskSettings;

import java.time.Clock;
import java.time.Instant;

@Factory
@Requires(env = Environment.TEST)
public class TestClockFactory {
    @Singleton
    @Replaces(bean = Clock.class, factory = ClockFactory.class)
    MutableClock clock(KioskSettings kiosk) {
        return new MutableClock(Instant.now(), kiosk.zone());
    }
}
