package vn.motcua.agent.voice;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The voice pack the hall display calls numbers with. Keys under {@code agent.voice}; every one has a default.
 * Whether and how loud a site's display speaks is the site configuration's {@code announce}, not a setting here.
 *
 * @param packFolder    an office's own pack (recorded by a person); blank means the default pack, which the agent
 *                      makes with espeak-ng into {@code <kiosk.data-dir>/voice/vi-espeak-ng} when it is missing
 * @param espeakCommand the espeak-ng program that makes the default pack
 * @param espeakVoice   its voice: {@code vi} is Northern Vietnamese
 * @param espeakSpeedWpm its speaking speed, in words per minute
 * @param espeakVoiceEn the voice the kiosk screen's audio guide speaks English with
 */
@ConfigurationProperties("agent.voice")
public record VoiceSettings(
        @Bindable(defaultValue = "") String packFolder,
        @Bindable(defaultValue = "espeak-ng") String espeakCommand,
        @Bindable(defaultValue = "vi") String espeakVoice,
        @Bindable(defaultValue = "140") int espeakSpeedWpm,
        @Bindable(defaultValue = "en") String espeakVoiceEn) {

    public VoiceSettings {
        packFolder = packFolder == null ? "" : packFolder.strip();
        if (espeakCommand == null || espeakCommand.isBlank()) {
            throw new ConfigurationException("agent.voice.espeak-command must name the espeak-ng program, e.g. "
                    + "espeak-ng");
        }
        if (espeakVoice == null || !espeakVoice.matches("[A-Za-z0-9_+-]{1,40}")) {
            throw new ConfigurationException("agent.voice.espeak-voice '" + espeakVoice + "' must be an espeak-ng "
                    + "voice name, e.g. vi");
        }
        if (espeakVoiceEn == null || !espeakVoiceEn.matches("[A-Za-z0-9_+-]{1,40}")) {
            throw new ConfigurationException("agent.voice.espeak-voice-en '" + espeakVoiceEn + "' must be an "
                    + "espeak-ng voice name, e.g. en");
        }
        if (espeakSpeedWpm < 80 || espeakSpeedWpm > 450) {
            throw new ConfigurationException("agent.voice.espeak-speed-wpm " + espeakSpeedWpm + " must be 80-450");
        }
    }

    /** Whether an office's own pack is set. */
    public boolean officePack() {
        return !packFolder.isEmpty();
    }
}
