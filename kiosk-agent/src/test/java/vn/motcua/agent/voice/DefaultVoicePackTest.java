package vn.motcua.agent.voice;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The default pack, made with the real espeak-ng and measured with sox: every clip is there, in the pack's format,
 * audible and of a plausible length.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DefaultVoicePackTest {
    private static final Pattern RMS = Pattern.compile("RMS\\s+amplitude:\\s+([0-9.]+)");
    private static final Pattern LENGTH = Pattern.compile("Length \\(seconds\\):\\s+([0-9.]+)");
    private Path pack;

    @BeforeAll
    void make() throws IOException {
        pack = Files.createTempDirectory("voice-pack");
        EspeakPackMaker maker = new EspeakPackMaker("espeak-ng", "vi", 140);
        assertTrue(maker.available(), "espeak-ng must be installed (apt-get install espeak-ng)");
        long start = System.nanoTime();
        maker.make(pack);
        System.out.printf("default voice pack: %d clips made in %d ms%n", VoiceClips.names().size(),
                (System.nanoTime() - start) / 1_000_000);
    }

    private record Stat(double rms, double seconds) {
    }

    private static Stat sox(Path wav, String... effects) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("sox", wav.toString(), "-n"));
        command.addAll(List.of(effects));
        command.add("stat");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), wav + ": " + out);
        Matcher rms = RMS.matcher(out);
        Matcher length = LENGTH.matcher(out);
        assertTrue(rms.find() && length.find(), wav + ": " + out);
        return new Stat(Double.parseDouble(rms.group(1)), Double.parseDouble(length.group(1)));
    }

    @Test
    void givenTheDefaultPack_whenEveryClipIsMeasured_thenItIsAudibleAndBetweenAFifthAndFourSeconds() throws Exception {
        List<String> wrong = new ArrayList<>();
        double shortest = Double.MAX_VALUE;
        double longest = 0;
        for (String name : VoiceClips.names()) {
            Path wav = pack.resolve(name + ".wav");
            assertNull(VoicePack.formatProblem(wav), name);
            Stat s = sox(wav);
            shortest = Math.min(shortest, s.seconds());
            longest = Math.max(longest, s.seconds());
            if (s.rms() <= 0.01 || s.seconds() <= 0.2 || s.seconds() >= 4) {
                wrong.add(name + " (RMS " + s.rms() + ", " + s.seconds() + " s)");
            }
        }
        System.out.printf("default voice pack: clips from %.2f s to %.2f s%n", shortest, longest);
        assertEquals(List.of(), wrong);
        assertTrue(VoicePack.missing(pack).isEmpty());
    }

    @Test
    void givenTheDefaultPack_whenSoxCutsTheSilenceAtTheEnds_thenLittleIsLeftToCut_soClipsFollowEachOtherClosely()
            throws Exception {
        List<String> padded = new ArrayList<>();
        for (String name : VoiceClips.names()) {
            Path wav = pack.resolve(name + ".wav");
            double cut = sox(wav).seconds() - sox(wav, "silence", "1", "0.01", "0.5%", "reverse", "silence", "1",
                    "0.01", "0.5%", "reverse").seconds();
            if (cut > 0.25) {
                padded.add(name + " (" + cut + " s of silence)");
            }
        }
        assertEquals(List.of(), padded);
    }

    @Test
    void givenTheDefaultPack_whenItsPropertiesAreRead_thenTheySayLanguageVoiceAndMaker() throws IOException {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(pack.resolve(VoiceClips.PROPERTIES), StandardCharsets.UTF_8)) {
            p.load(in);
        }
        assertEquals("vi", p.getProperty("language"));
        assertTrue(p.getProperty("voice").startsWith("espeak-ng vi"));
        assertNotNull(p.getProperty("madeBy"));
    }

    @Test
    void givenClipsInAnotherFormat_whenChecked_thenTheProblemIsNamed() throws Exception {
        Path stereo = pack.resolve("stereo.wav");
        Path eightBit = pack.resolve("eight-bit.wav");
        Path slow = pack.resolve("slow.wav");
        Path source = pack.resolve("so-1.wav");
        for (String[] args : new String[][]{{"-c", "2", stereo.toString()}, {"-b", "8", eightBit.toString()},
                {"-r", "8000", slow.toString()}}) {
            List<String> cmd = new ArrayList<>(List.of("sox", source.toString()));
            cmd.addAll(List.of(args));
            assertEquals(0, new ProcessBuilder(cmd).inheritIO().start().waitFor(), cmd.toString());
        }
        assertEquals("has 2 channels", VoicePack.formatProblem(stereo));
        assertTrue(VoicePack.formatProblem(eightBit).startsWith("is not 16-bit PCM"));
        assertEquals("is sampled at 8000 Hz", VoicePack.formatProblem(slow));
        Files.writeString(pack.resolve("text.wav"), "not audio");
        assertEquals("is not a RIFF/WAVE file", VoicePack.formatProblem(pack.resolve("text.wav")));
    }
}
