package vn.motcua.agent.config;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

/** Wall time of the kiosk, in its configured zone. Tests replace this bean to cross midnight. */
@Factory
public class ClockFactory {
    @Singleton
    Clock clock(KioskSettings kiosk) {
        return Clock.system(kiosk.zone());
    }
}
