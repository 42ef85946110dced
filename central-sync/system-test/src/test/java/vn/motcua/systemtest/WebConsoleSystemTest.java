package vn.motcua.systemtest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.motcua.protocol.ProtocolCodec;
import vn.motcua.protocol.Topics;
import vn.motcua.protocol.message.Command;
import vn.motcua.protocol.message.CommandResult;
import vn.motcua.protocol.message.KioskStatus;
import vn.motcua.protocol.sign.Signatures;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web console in real headless Chromium against central-sync and a kiosk-agent as separate processes, with a
 * Mosquitto broker: sign-in, live fleet state, signed commands, signed configuration, offline detection and alerts,
 * and the agent refusing forged, expired and replayed commands and a badly signed configuration.
 * Screenshots of every page, and its HTML as the browser holds it, go to central-sync/target/screenshots/.
 */
class WebConsoleSystemTest {
    private static final String SITE = "so-gddt-web";
    private static final String KIOSK = "kiosk-web-1";
    private static final String ADMIN = "quantri";
    private static final String ADMIN_PASSWORD = "mat-khau-rat-dai-2026";
    private static final Path SCREENSHOTS = Path.of("..", "target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String COUNTER_NAME = "#cfg-counters tbody tr:first-child input[data-f=nameVi]";

    private final ProtocolCodec codec = new ProtocolCodec();
    private final List<ManagedProcess> started = new ArrayList<>();
    private Path work;
    private WebDriver browser;
    private MqttClient probe;
    private final BlockingQueue<CommandResult> results = new LinkedBlockingQueue<>();
    private final BlockingQueue<byte[]> sentCommands = new LinkedBlockingQueue<>();

    @BeforeEach
    void freshWorkFolder(TestInfo test) throws Exception {
        work = RunFolder.of(test);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterEach
    void stopEverything() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (probe != null && probe.isConnected()) {
            probe.disconnect();
        }
        for (ManagedProcess p : started) {
            p.stop();
        }
    }

    private WebDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--window-size=1366,900", "--lang=vi");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private void shot(String name) throws Exception {
        File f = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(f.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        // the page as the browser holds it, beside its picture: two runs' pages can be compared as text
        Files.writeString(SCREENSHOTS.resolve(name + ".html"), browser.getPageSource(), StandardCharsets.UTF_8);
    }

    private String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    private void waitFor(String what, java.util.function.Function<WebDriver, Boolean> condition) {
        // pages reload themselves when a result arrives: an element read during the reload is stale, not a failure
        new WebDriverWait(browser, WAIT).withMessage(what)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition);
    }

    @Test
    void givenCentralAgentAndBroker_whenStaffUseTheConsole_thenFleetCommandsConfigAndAlertsWorkEndToEnd()
            throws Exception {
        Mosquitto broker = Mosquitto.create(work);
        started.add(broker);
        broker.start();
        CentralSync central = CentralSync.create("central-web", broker.url(), 0,
                "jdbc:sqlite:" + work.resolve("central.db").toAbsolutePath(), work);
        central.putEnv("CENTRAL_ADMIN_USER", ADMIN);
        central.putEnv("CENTRAL_ADMIN_PASSWORD", ADMIN_PASSWORD);
        central.putEnv("FLEET_OFFLINE_AFTER", "5s");
        central.putEnv("FLEET_ALERT_OFFLINE_AFTER", "0s");
        central.putEnv("FLEET_EVALUATE_EVERY", "500ms");
        central.putEnv("REPORTS_ROLLUP_EVERY", "1s");
        started.add(central);
        central.start();
        assertTrue(Files.exists(central.signingPublicKey), "central creates a demo key pair on first start");

        KioskAgent agent = KioskAgent.create(SITE, KIOSK, broker.url(), work);
        agent.putEnv("KIOSK_COMMAND_KEY", central.signingPublicKey.toString());
        agent.putEnv("AGENT_TELEMETRY_INTERVAL", "1s");
        started.add(agent);
        agent.start();
        startProbe(broker.url());

        browser = chromium();
        String base = central.api("");

        // no session: the sign-in page
        browser.get(base + "/fleet");
        assertTrue(browser.getCurrentUrl().endsWith("/login"), browser.getCurrentUrl());
        browser.findElement(By.id("username")).sendKeys(ADMIN);
        browser.findElement(By.id("password")).sendKeys("sai-mat-khau");
        browser.findElement(By.id("sign-in-button")).click();
        assertTrue(text("#sign-in-error").contains("Sai tên đăng nhập"), text("#sign-in-error"));
        shot("01-sign-in-error");
        browser.findElement(By.id("password")).sendKeys(ADMIN_PASSWORD);
        browser.findElement(By.id("sign-in-button")).click();
        waitFor("fleet page after sign-in", d -> d.getCurrentUrl().endsWith("/fleet"));

        // the kiosk shows online, with its telemetry, live over SSE
        // a kiosk's row is named by its site and id: two sites may both have a kiosk-web-1
        String row = "tr[id='k-" + SITE + "/" + KIOSK + "']";
        waitFor("kiosk row online", d -> !d.findElements(By.cssSelector(row)).isEmpty()
                && "Trực tuyến".equals(d.findElement(By.cssSelector(row + " td[data-f=state]")).getText())
                && !d.findElement(By.cssSelector(row + " td[data-f=diskPercent]")).getText().isEmpty());
        String sample = new String(getClass().getResourceAsStream("/site-config.json") == null
                ? Files.readAllBytes(Path.of("..", "..", "kiosk-agent", "src", "main", "resources", "sample-site",
                "site-config.json"))
                : getClass().getResourceAsStream("/site-config.json").readAllBytes(), StandardCharsets.UTF_8);
        long bundled = Http.JSON.readTree(sample).get("version").asLong();
        String published = String.valueOf(bundled + 1);
        assertEquals(String.valueOf(bundled), text(row + " td[data-f=configVersion]"),
                "the kiosk runs the bundled site configuration");
        assertEquals(System.getProperty("expected.agent.version"), text(row + " td[data-f=version]"),
                "the agent reports the version it was built as");
        shot("02-fleet-online");

        // a command sent from the kiosk page reaches the agent, and its result shows
        browser.findElement(By.cssSelector(row + " a")).click();
        waitFor("kiosk page", d -> !d.findElements(By.id("command-form")).isEmpty());
        assertTrue(browser.findElement(By.cssSelector("#chart-disk path")).getAttribute("d").startsWith("M"),
                "the 24-hour disk chart has the readings so far");
        new Select(browser.findElement(By.id("command-type"))).selectByValue("show_notice");
        browser.findElement(By.id("notice-text")).sendKeys("Bộ phận Một cửa nghỉ trưa từ 11:30 đến 13:30.");
        browser.findElement(By.id("notice-minutes")).clear();
        browser.findElement(By.id("notice-minutes")).sendKeys("90");
        browser.findElement(By.id("send-command")).click();
        waitFor("notice command done", d -> !d.findElements(By.cssSelector("#history tr[data-state=ok]")).isEmpty());
        assertTrue(text("#history tr[data-state=ok]").contains("notice kept until"),
                "no kiosk screen follows this agent, so it keeps the notice for one: " + text("#history"));
        byte[] captured = sentCommands.poll(30, TimeUnit.SECONDS);
        assertNotNull(captured, "the probe saw the command central sent");
        assertTrue(new String(captured, StandardCharsets.UTF_8).contains("\"minutes\":\"90\""),
                "the notice's time reaches the kiosk, signed with the rest");

        new Select(browser.findElement(By.id("command-type"))).selectByValue("restart_app");
        browser.findElement(By.id("send-command")).click();
        waitFor("restart refused", d -> !d.findElements(By.cssSelector("#history tr[data-state=failed]")).isEmpty());
        assertTrue(text("#history tr[data-state=failed]").contains("no kiosk screen is connected"), text("#history"));
        shot("03-kiosk-commands");

        // the agent refuses a replayed, a forged and an expired command, saying why
        results.clear();
        probe.publish(Topics.of(SITE, KIOSK, Topics.CMD), captured, 1, false);
        CommandResult replay = nextResult();
        assertFalse(replay.ok());
        assertTrue(replay.message().contains("replayed"), replay.message());

        PrivateKey attacker = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate();
        probe.publish(Topics.of(SITE, KIOSK, Topics.CMD), signed(attacker, Duration.ofMinutes(5), 0), 1, false);
        CommandResult forged = nextResult();
        assertFalse(forged.ok());
        assertEquals("rejected: bad signature", forged.message());

        PrivateKey centralKey = Signatures.readPrivateKey(central.signingPublicKey.resolveSibling(
                "command-signing.key"));
        probe.publish(Topics.of(SITE, KIOSK, Topics.CMD), signed(centralKey, Duration.ofMinutes(5), 20), 1, false);
        CommandResult expired = nextResult();
        assertFalse(expired.ok());
        assertTrue(expired.message().startsWith("rejected: expired"), expired.message());

        // a configuration published from the page reaches the agent; the fleet page shows the version it runs
        browser.get(base + "/admin/config");
        WebElement json = browser.findElement(By.id("config-json"));
        // typed into the advanced view: the form follows the JSON
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1];"
                + "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));", json, sample);
        String firstCounter = Http.JSON.readTree(sample).get("counters").get(0).get("nameVi").asText();
        assertEquals(firstCounter, browser.findElement(By.cssSelector(COUNTER_NAME)).getAttribute("value"),
                "the form shows the draft typed as JSON");
        Path catalogue = work.resolve("thu-tuc.csv").toAbsolutePath();
        Files.writeString(catalogue, "code,nameVi,nameEn,field,level,fullyOnline,fee,timeLimit,documents,portalUrl,"
                + "service\n1.005090,\"Xác minh văn bằng, chứng chỉ\",,Văn bằng,3,true,,5 ngày,Đơn đề nghị,"
                + "https://dichvucong.gov.vn/p/1.005090,A\n2.001914,Cấp bản sao văn bằng,,,,không,,,,"
                + "https://dichvucong.gov.vn/p/2.001914,A\n");
        browser.findElement(By.id("procedures-file")).sendKeys(catalogue.toString());
        waitFor("catalogue imported into the draft", d -> d.findElement(By.id("import-msg")).getText()
                .contains("2 thủ tục"));
        assertTrue(browser.findElement(By.id("config-json")).getAttribute("value").contains("2.001914"));
        // a file that is neither: refused with the reason, and the draft keeps the catalogue already imported
        Path notWorkbook = work.resolve("anh-chup.xlsx").toAbsolutePath();
        Files.write(notWorkbook, new byte[]{(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, (byte) 0xFF});
        browser.findElement(By.id("procedures-file")).sendKeys(notWorkbook.toString());
        waitFor("not a workbook refused", d -> d.findElement(By.id("import-msg")).getAttribute("class")
                .contains("error"));
        assertTrue(text("#import-msg").contains("anh-chup.xlsx") && text("#import-msg").contains(".xlsx"),
                text("#import-msg"));
        assertTrue(browser.findElement(By.id("config-json")).getAttribute("value").contains("2.001914"));
        ((JavascriptExecutor) browser).executeScript(
                "document.getElementById('import-msg').scrollIntoView({block: 'center'})");
        shot("04a-config-import-refused");
        // the same catalogue as an Excel workbook, one code typed as a number, replaces the draft's procedures
        Path workbook = work.resolve("thu-tuc.xlsx").toAbsolutePath();
        Files.write(workbook, catalogueWorkbook());
        browser.findElement(By.id("procedures-file")).sendKeys(workbook.toString());
        waitFor("workbook imported into the draft", d -> d.findElement(By.id("import-msg")).getText()
                .contains("3 thủ tục"));
        String draft = browser.findElement(By.id("config-json")).getAttribute("value");
        assertTrue(draft.contains("\"code\": \"101\"") && draft.contains("Công nhận tốt nghiệp THPT"), draft);
        ((JavascriptExecutor) browser).executeScript(
                "document.getElementById('import-msg').scrollIntoView({block: 'center'})");
        shot("04b-config-xlsx-imported");
        // the form, not the JSON: a counter id used twice is refused and marked where it was typed
        WebElement secondCounterId = browser.findElement(By.cssSelector("#cfg-counters tbody tr:nth-child(2) "
                + "input[data-f=id]"));
        String secondId = secondCounterId.getAttribute("value");
        secondCounterId.clear();
        secondCounterId.sendKeys(browser.findElement(By.cssSelector("#cfg-counters tbody tr:first-child "
                + "input[data-f=id]")).getAttribute("value"));
        browser.findElement(By.id("publish-config")).click();
        waitFor("duplicate counter id refused", d -> d.findElement(By.id("config-msg")).getAttribute("class")
                .contains("error"));
        assertTrue(text("#config-msg").contains("counters[1].id"), text("#config-msg"));
        assertTrue(secondCounterId.getAttribute("class").contains("invalid"), "the refused field is marked");
        shot("04c-config-form-refused");
        secondCounterId.clear();
        secondCounterId.sendKeys(secondId);
        assertTrue(browser.findElements(By.cssSelector("#config-easy .invalid")).isEmpty(),
                "editing clears the refusal");
        // a counter renamed in the form is in the JSON draft that is signed and published
        String renamed = "Quầy 1 — Tiếp nhận hồ sơ văn bằng";
        WebElement counterName = browser.findElement(By.cssSelector(COUNTER_NAME));
        counterName.clear();
        counterName.sendKeys(renamed);
        draft = browser.findElement(By.id("config-json")).getAttribute("value");
        assertEquals(renamed, Http.JSON.readTree(draft).get("counters").get(0).get("nameVi").asText());
        assertTrue(draft.contains("Công nhận tốt nghiệp THPT"), "the imported catalogue is still in the draft");
        ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
        shot("04d-config-form");
        browser.findElement(By.id("publish-config")).click();
        waitFor("config published", d -> published.equals(d.findElement(By.id("config-version")).getText()));
        shot("04-config-published");
        browser.navigate().refresh();
        waitFor("the published configuration is the page's draft", d -> renamed.equals(
                d.findElement(By.cssSelector(COUNTER_NAME)).getAttribute("value")));
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(820, 1180));
        ((JavascriptExecutor) browser).executeScript(
                "document.getElementById('cfg-services').scrollIntoView({block: 'start'})");
        shot("04e-config-form-tablet");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1366, 900));
        browser.get(base + "/fleet");
        waitFor("kiosk runs the published version", d -> published.equals(
                d.findElement(By.cssSelector(row + " td[data-f=configVersion]")).getText()));
        shot("05-fleet-config-published");

        // a configuration with a bad signature is not applied: the agent keeps the published version
        ObjectNode forgedConfig = (ObjectNode) Http.JSON.readTree(sample);
        forgedConfig.put("version", 99);
        forgedConfig.put("sig", Signatures.sign(attacker, "anything".getBytes(StandardCharsets.UTF_8)));
        MqttMessage bad = new MqttMessage(Http.JSON.writeValueAsBytes(forgedConfig));
        bad.setQos(1);
        bad.setRetained(true);
        probe.publish(Topics.of(SITE, KIOSK, Topics.CONFIG), bad);
        await("agent refuses the badly signed configuration").atMost(WAIT).until(() ->
                Files.readString(agent.log()).contains("site configuration version 99 refused, keeping version " + published));
        results.clear();
        probe.publish(Topics.of(SITE, KIOSK, Topics.CMD), signed(centralKey, Duration.ofMinutes(5), 0, "reload_config",
                Map.of()), 1, false);
        CommandResult reload = nextResult();
        assertTrue(reload.ok(), reload.message());
        assertTrue(reload.message().contains("version " + published), reload.message());

        // ratings made on the kiosk reach the satisfaction report and its CSV export
        rate(agent, "very_satisfied", "1", null);
        rate(agent, "very_satisfied", "2", null);
        rate(agent, "satisfied", "1", null);
        rate(agent, "dissatisfied", "2", "Chờ lâu quá");
        browser.get(base + "/reports");
        await("four ratings rolled up").atMost(WAIT).until(() -> {
            browser.navigate().refresh();
            return "4".equals(text("#total-ratings"));
        });
        assertEquals("75.0 %", text("#satisfied-share"));
        assertTrue(text("#low-ratings").contains("Chờ lâu quá"), text("#low-ratings"));
        await("four tickets in the queue figures").atMost(WAIT).until(() -> {
            browser.navigate().refresh();
            return text("#queue-services").contains("A 4");
        });
        assertTrue(text("#queue-services thead").contains("Thời gian chờ TB"), text("#queue-services thead"));
        assertTrue(text("#queue-counters thead").contains("Thời gian phục vụ TB"), text("#queue-counters thead"));
        shot("12-reports");
        ((JavascriptExecutor) browser).executeScript("document.getElementById('queue-services').scrollIntoView()");
        shot("13-reports-queue-and-low-ratings");
        String csv = fetchText("/reports/export.csv?period=month");
        List<String> lines = csv.lines().toList();
        // the file starts with a byte order mark for spreadsheets; the browser's text decoder drops it
        assertEquals("period,group,very_satisfied,satisfied,neutral,dissatisfied,very_dissatisfied,total,"
                + "satisfied_share", lines.get(0).replace("\uFEFF", ""));
        assertEquals(2, lines.size(), csv);
        String[] cells = lines.get(1).split(",");
        assertEquals(List.of("2", "1", "0", "1", "0", "4", "0.7500"), List.of(cells).subList(2, 9), csv);
        String byCounter = fetchText("/reports/export.csv?groupBy=counter");
        assertTrue(byCounter.contains("\"1\",1,1,0,0,0,2,1.0000"), byCounter);
        assertTrue(byCounter.contains("\"2\",1,0,0,1,0,2,0.5000"), byCounter);
        // filters are bound, never spliced into SQL
        String injected = fetchText("/reports/export.csv?site=" + java.net.URLEncoder.encode("x' OR '1'='1",
                StandardCharsets.UTF_8) + "&counter=" + java.net.URLEncoder.encode("1; DROP TABLE rating_daily; --",
                StandardCharsets.UTF_8));
        assertEquals(1, injected.lines().count(), injected);
        assertTrue(fetchText("/reports/export.csv?groupBy=site_id%20--").contains("groupBy"));
        assertTrue(fetchText("/reports/export.csv").contains(",4,0.7500"), "the rollup is intact");
        // the XLSX link beside the CSV one: the same figures, the low rating and the queue, in Vietnamese
        String xlsxLink = browser.findElement(By.id("export-xlsx")).getAttribute("href");
        assertTrue(xlsxLink.contains("/reports/export.xlsx?from="), xlsxLink);
        try (XSSFWorkbook report = new XSSFWorkbook(new java.io.ByteArrayInputStream(
                fetchBytes(xlsxLink.replace("period=day", "period=month"))))) {
            assertEquals(List.of("Đánh giá", "Đánh giá chưa hài lòng", "Số liệu hàng đợi"),
                    List.of(report.getSheetName(0), report.getSheetName(1), report.getSheetName(2)));
            Sheet ratings = report.getSheetAt(0);
            assertEquals(1, ratings.getLastRowNum(), "one month, as in the CSV");
            List<Double> counts = new ArrayList<>();
            for (int c = 2; c <= 8; c++) {
                counts.add(ratings.getRow(1).getCell(c).getNumericCellValue());
            }
            assertEquals(List.of(2.0, 1.0, 0.0, 1.0, 0.0, 4.0, 0.75), counts);
            Sheet low = report.getSheetAt(1);
            assertEquals(1, low.getLastRowNum());
            assertEquals("Chờ lâu quá", low.getRow(1).getCell(8).getStringCellValue());
            Sheet queue = report.getSheetAt(2);
            assertEquals(List.of("Dịch vụ", "A", "4"), List.of(queue.getRow(1).getCell(0).getStringCellValue(),
                    queue.getRow(1).getCell(1).getStringCellValue(),
                    String.valueOf((long) queue.getRow(1).getCell(2).getNumericCellValue())));
        }
        List<String> queueCsv = fetchText("/reports/queue.csv").lines().toList();
        assertEquals("by,key,issued,called,average_wait_seconds,served,average_service_seconds,no_shows",
                queueCsv.get(0).replace("\uFEFF", ""));
        assertEquals("service,\"A\",4,0,,0,,0", queueCsv.get(1), "four tickets issued, none called yet");

        // English
        browser.get(base + "/fleet?lang=en");
        waitFor("English fleet page", d -> "Online".equals(
                d.findElement(By.cssSelector(row + " td[data-f=state]")).getText()));
        shot("06-fleet-english");
        browser.get(base + "/fleet?lang=vi");

        // with more kiosks than a page holds: pages, whole-fleet totals, filters, in the browser
        for (int i = 1; i <= 120; i++) {
            probe.publish(Topics.of("site-khac", String.format("kiosk-khac-%03d", i), Topics.STATUS),
                    codec.encode(new KioskStatus(true, "0.1.0", "boot-khac", java.time.OffsetDateTime.now())), 1,
                    false);
        }
        waitFor("the live totals count every kiosk", d -> "121".equals(text("#count-kiosks")));
        browser.navigate().refresh();
        assertEquals(100, browser.findElements(By.cssSelector("#fleet tbody tr")).size(), "a page holds 100");
        assertTrue(browser.findElements(By.cssSelector(row)).isEmpty(), "kiosk-web-1 sorts after kiosk-khac-*");
        shot("06a-fleet-paged");
        browser.findElement(By.cssSelector("#pager-top a[rel=next]")).click();
        waitFor("second page", d -> d.getCurrentUrl().endsWith("/fleet?page=2"));
        assertEquals(21, browser.findElements(By.cssSelector("#fleet tbody tr")).size());
        waitFor("kiosk-web-1 on page 2, live", d -> "Trực tuyến".equals(
                d.findElement(By.cssSelector(row + " td[data-f=state]")).getText()));
        // the other kiosks fall offline after the shortened time-out; this site's one kiosk stays online
        new Select(browser.findElement(By.id("filter-site"))).selectByVisibleText(SITE);
        new Select(browser.findElement(By.id("filter-state"))).selectByValue("offline");
        browser.findElement(By.id("filter-apply")).click();
        waitFor("nothing offline at this site", d -> !d.findElements(By.id("no-match")).isEmpty());
        assertTrue(browser.getCurrentUrl().contains("state=offline"), browser.getCurrentUrl());
        new Select(browser.findElement(By.id("filter-state"))).selectByValue("online");
        browser.findElement(By.id("filter-q")).sendKeys("WEB");
        browser.findElement(By.id("filter-apply")).click();
        waitFor("filtered to the one kiosk", d -> d.findElements(By.cssSelector("#fleet tbody tr")).size() == 1
                && !d.findElements(By.cssSelector(row)).isEmpty());
        assertEquals("121", text("#count-kiosks"), "totals stay those of the whole fleet");
        shot("06b-fleet-filtered");
        browser.get(base + "/fleet");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(820, 1180));
        shot("06c-fleet-tablet");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1366, 900));
        // the kiosk's own rows, live: the next check watches it go offline
        browser.get(base + "/fleet?q=kiosk-web");

        // the agent dies: offline within the shortened time-out, and an offline alert is raised
        agent.kill();
        waitFor("kiosk offline", d -> "Mất kết nối".equals(
                d.findElement(By.cssSelector(row + " td[data-f=state]")).getText()));
        waitFor("open alert counted", d -> !"0".equals(
                d.findElement(By.cssSelector(row + " td[data-f=openAlerts]")).getText()));
        shot("07-fleet-offline");
        browser.get(base + "/alerts");
        WebElement alert = browser.findElement(By.cssSelector("#alerts tr[data-kind=offline].open"));
        assertTrue(alert.getText().contains(KIOSK), alert.getText());
        shot("08-alerts");
        alert.findElement(By.cssSelector("button.ack")).click();
        waitFor("alert acknowledged", d -> d.findElement(By.cssSelector("#alerts tr[data-kind=offline]")).getText()
                .contains(ADMIN));
        shot("09-alert-acknowledged");

        // a viewer sees the fleet but gets no command form, and the API refuses a command from them
        browser.get(base + "/admin/users");
        shot("10-users");
        WebElement form = browser.findElement(By.id("user-form"));
        form.findElement(By.name("username")).sendKeys("xem");
        form.findElement(By.name("password")).sendKeys("chi-duoc-xem-thoi");
        new Select(form.findElement(By.name("role"))).selectByValue("viewer");
        form.findElement(By.cssSelector("button")).click();
        waitFor("viewer listed", d -> d.findElement(By.id("users")).getText().contains("xem"));
        browser.findElement(By.id("sign-out")).click();
        waitFor("signed out", d -> d.getCurrentUrl().endsWith("/login"));
        browser.get(base + "/fleet");
        assertTrue(browser.getCurrentUrl().endsWith("/login"), "the session is gone after sign-out");
        browser.findElement(By.id("username")).sendKeys("xem");
        browser.findElement(By.id("password")).sendKeys("chi-duoc-xem-thoi");
        browser.findElement(By.id("sign-in-button")).click();
        waitFor("viewer on fleet page", d -> d.getCurrentUrl().endsWith("/fleet"));
        browser.get(base + "/fleet/kiosks/" + KIOSK);
        assertTrue(browser.findElements(By.id("command-form")).isEmpty());
        shot("11-kiosk-viewer");
        Object status = ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('/api/kiosks/%s/commands', {method: 'POST', headers: {'Content-Type': 'application/json',
                  'X-CSRF-Token': document.querySelector('meta[name=csrf]').content},
                  body: JSON.stringify({type: 'restart_app', args: {}})}).then(r => done(r.status));
                """.formatted(KIOSK));
        assertEquals(403L, status);
    }

    private void rate(KioskAgent agent, String level, String counter, String comment) throws Exception {
        Http http = new Http();
        Http.Response ticket = http.post(agent.api("/api/tickets"), "{\"service\":\"A\",\"priority\":null}",
                UUID.randomUUID().toString());
        assertEquals(201, ticket.status(), ticket.body().toString());
        ObjectNode rating = Http.JSON.createObjectNode();
        rating.put("ticketId", ticket.body().get("ticketId").asText());
        rating.put("counter", counter);
        rating.put("officerId", "cb-nguyen-van-a");
        rating.put("procedureCode", "1.005090");
        rating.put("level", level);
        rating.put("scale", 5);
        rating.putArray("reasons").add(comment == null ? "none" : "long_wait");
        rating.put("comment", comment);
        Http.Response r = http.post(agent.api("/api/ratings"), rating.toString(), UUID.randomUUID().toString());
        assertEquals(201, r.status(), r.body().toString());
    }

    /** GET in the browser's session, as the export link does; returns the body's bytes. */
    private byte[] fetchBytes(String url) {
        String base64 = (String) ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.blob())"
                        + ".then(b => { const f = new FileReader(); f.onload = () => done(f.result.split(',')[1]);"
                        + " f.readAsDataURL(b); });", url);
        return java.util.Base64.getDecoder().decode(base64);
    }

    /** The procedure catalogue as an Excel workbook, as a desk's staff would type it. */
    private static byte[] catalogueWorkbook() throws java.io.IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook(); java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream()) {
            Sheet sheet = wb.createSheet("Danh mục");
            Object[][] rows = {
                    {"code", "nameVi", "fullyOnline", "timeLimit", "portalUrl", "service"},
                    {"1.005090", "Xác minh văn bằng, chứng chỉ", true, "5 ngày", "https://dichvucong.gov.vn/p/1.005090", "A"},
                    {"2.001914", "Cấp bản sao văn bằng", false, "", "https://dichvucong.gov.vn/p/2.001914", "A"},
                    {},
                    {101, "Công nhận tốt nghiệp THPT", "không", 3, "https://dichvucong.gov.vn/p/101", "A"}};
            for (int r = 0; r < rows.length; r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    Object v = rows[r][c];
                    if (v instanceof Boolean b) {
                        row.createCell(c).setCellValue(b);
                    } else if (v instanceof Number n) {
                        row.createCell(c).setCellValue(n.doubleValue());
                    } else {
                        row.createCell(c).setCellValue((String) v);
                    }
                }
            }
            wb.write(out);
            return out.toByteArray();
        }
    }

    /** GET in the browser's session, as the export link does; returns the body as text. */
    private String fetchText(String path) {
        return (String) ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.text()).then(done);", path);
    }

    private byte[] signed(PrivateKey key, Duration ttl, int minutesAgo) {
        return signed(key, ttl, minutesAgo, "show_notice", Map.of("text", "giả mạo"));
    }

    private byte[] signed(PrivateKey key, Duration ttl, int minutesAgo, String type, Map<String, String> args) {
        OffsetDateTime issued = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(minutesAgo);
        Command unsigned = new Command(UUID.randomUUID().toString(), type, args, issued, issued.plus(ttl), "");
        String sig = Signatures.sign(key, Signatures.commandBytes(SITE, KIOSK, unsigned));
        return codec.encode(new Command(unsigned.id(), type, args, issued, issued.plus(ttl), sig));
    }

    private CommandResult nextResult() throws InterruptedException {
        CommandResult r = results.poll(30, TimeUnit.SECONDS);
        assertNotNull(r, "the agent answered on cmd/result");
        return r;
    }

    /** Listens as central would to the kiosk's command results, and to the commands central sends. */
    private void startProbe(String url) throws Exception {
        probe = new MqttClient(url, "web-test-probe-" + UUID.randomUUID().toString().substring(0, 8), null);
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        String resultTopic = Topics.of(SITE, KIOSK, Topics.CMD_RESULT);
        // a global callback: Paho v5's subscribe(topic, qos, listener) recurses into itself
        probe.setCallback(new org.eclipse.paho.mqttv5.client.MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                if (topic.equals(resultTopic)) {
                    results.add(codec.decodeCommandResult(message.getPayload()));
                } else {
                    sentCommands.add(message.getPayload());
                }
            }

            @Override
            public void disconnected(org.eclipse.paho.mqttv5.client.MqttDisconnectResponse response) {
            }

            @Override
            public void mqttErrorOccurred(org.eclipse.paho.mqttv5.common.MqttException e) {
            }

            @Override
            public void deliveryComplete(org.eclipse.paho.mqttv5.client.IMqttToken token) {
            }

            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
            }

            @Override
            public void authPacketArrived(int reasonCode, org.eclipse.paho.mqttv5.common.packet.MqttProperties p) {
            }
        });
        probe.connect(options);
        probe.subscribe(new String[]{resultTopic, Topics.of(SITE, KIOSK, Topics.CMD)}, new int[]{1, 1});
    }
}
