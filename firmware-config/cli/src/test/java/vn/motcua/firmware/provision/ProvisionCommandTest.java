package vn.motcua.firmware.provision;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.motcua.protocol.broker.MosquittoPassword;
import vn.motcua.firmware.support.Cli;
import vn.motcua.firmware.support.Processes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProvisionCommandTest {

    private static String perms(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void givenSiteAndKiosk_whenProvisioned_thenSecretsAre0600AndNeverPrinted(@TempDir Path dir) throws Exception {
        Path ca = dir.resolve("ca.pem");
        Files.writeString(ca, "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
        Path out = dir.resolve("out");

        Cli r = Cli.run("provision", "--site", "so-gddt-hn", "--kiosk", "kiosk-01", "--out", out.toString(),
                "--central-keys", dir.resolve("central").toString(), "--ca-bundle", ca.toString());

        assertEquals(0, r.status(), r.err());
        String password = Files.readString(out.resolve(Provisioner.KIOSK_PASSWORD)).strip();
        assertTrue(password.length() >= 32, "password too short");
        assertFalse(r.out().contains(password) || r.err().contains(password), "the password was printed");
        String entry = Files.readString(out.resolve(Provisioner.PASSWORD_FILE));
        assertFalse(r.out().contains(entry.strip()), "the hash was printed");
        assertTrue(r.out().contains("broker login: so-gddt-hn.kiosk-01"), r.out());

        assertEquals("rw-------", perms(out.resolve(Provisioner.KIOSK_PASSWORD)));
        assertEquals("rw-------", perms(out.resolve(Provisioner.PASSWORD_FILE)));
        assertEquals("rw-------", perms(dir.resolve("central").resolve(Provisioner.CENTRAL_PRIVATE_KEY)));
        assertEquals("rw-r--r--", perms(out.resolve(Provisioner.ACL_FILE)));
        assertTrue(MosquittoPassword.matches(password.toCharArray(), entry.strip().substring("so-gddt-hn.kiosk-01:".length())));

        assertEquals("""
                user so-gddt-hn.kiosk-01
                topic write kiosk/v1/so-gddt-hn/kiosk-01/events
                topic write kiosk/v1/so-gddt-hn/kiosk-01/status
                topic write kiosk/v1/so-gddt-hn/kiosk-01/telemetry
                topic write kiosk/v1/so-gddt-hn/kiosk-01/cmd/result
                topic read kiosk/v1/so-gddt-hn/kiosk-01/ack
                topic read kiosk/v1/so-gddt-hn/kiosk-01/cmd
                topic read kiosk/v1/so-gddt-hn/kiosk-01/config
                """, Files.readString(out.resolve(Provisioner.ACL_FILE)));
        assertEquals(Files.readString(ca), Files.readString(out.resolve(Provisioner.KIOSK_CA)));
    }

    @Test
    void givenTwoKiosks_whenProvisioned_thenOneSigningKeyServesBothAndIsAnEd25519PublicKey(@TempDir Path dir)
            throws Exception {
        Path central = dir.resolve("central");
        assertEquals(0, Cli.run("provision", "--site", "s", "--kiosk", "k1", "--out", dir.resolve("k1").toString(),
                "--central-keys", central.toString()).status());
        byte[] privateKey = Files.readAllBytes(central.resolve(Provisioner.CENTRAL_PRIVATE_KEY));
        assertEquals(0, Cli.run("provision", "--site", "s", "--kiosk", "k2", "--out", dir.resolve("k2").toString(),
                "--central-keys", central.toString()).status());

        assertEquals(new String(privateKey), Files.readString(central.resolve(Provisioner.CENTRAL_PRIVATE_KEY)));
        String pub1 = Files.readString(dir.resolve("k1").resolve(Provisioner.KIOSK_SIGNING_KEY));
        assertEquals(pub1, Files.readString(dir.resolve("k2").resolve(Provisioner.KIOSK_SIGNING_KEY)));
        byte[] der = Base64.getMimeDecoder().decode(pub1.replaceAll("-----[A-Z ]+-----", ""));
        assertEquals("EdDSA", KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der)).getAlgorithm());
        assertFalse(Files.readString(dir.resolve("k1").resolve(Provisioner.PASSWORD_FILE))
                .equals(Files.readString(dir.resolve("k2").resolve(Provisioner.PASSWORD_FILE))));
    }

    @Test
    void givenBadIds_whenProvisioned_thenRefusedAndNothingWritten(@TempDir Path dir) {
        Cli r = Cli.run("provision", "--site", "so/gddt", "--kiosk", "k1", "--out", dir.resolve("out").toString());
        assertEquals(1, r.status());
        assertTrue(r.err().contains("--site and --kiosk must be 1-64 characters"), r.err());
        assertTrue(Files.notExists(dir.resolve("out")));
        assertEquals(2, Cli.run("provision", "--site", "s").status());
    }

    @Test
    void givenHashFromMosquittoPasswd_whenRecomputedWithItsSalt_thenTheSameEntryComesOut(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("passwd");
        Processes.Result r = Processes.run(List.of("mosquitto_passwd", "-c", "-b", file.toString(), "kiosk", "Mật-khẩu 1"));
        assertEquals(0, r.status(), r.output());
        String hash = Files.readString(file).strip().substring("kiosk:".length());
        Matcher m = Pattern.compile("\\$7\\$([0-9]+)\\$([^$]+)\\$([^$]+)").matcher(hash);
        assertTrue(m.matches(), hash);

        assertEquals(hash, MosquittoPassword.hash("Mật-khẩu 1".toCharArray(), Base64.getDecoder().decode(m.group(2)),
                Integer.parseInt(m.group(1))));
        assertEquals(MosquittoPassword.ITERATIONS, Integer.parseInt(m.group(1)));
        assertEquals(12, Base64.getDecoder().decode(m.group(2)).length);
        assertTrue(MosquittoPassword.matches("Mật-khẩu 1".toCharArray(), hash));
        assertFalse(MosquittoPassword.matches("Mật-khẩu 2".toCharArray(), hash));
    }
}
