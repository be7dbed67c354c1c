package io.roadchief.service;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.roadchief.service.ServiceFixture.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The pages in headless Chromium (Debian's chromium + chromium-driver, no downloads), against the
 * real service and database. Saves the README screenshots to docs/screenshots/.
 */
class CrewPagesBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Instant T0 = Instant.parse("2026-07-01T00:00:00Z");
    static final Path SCREENSHOTS = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("../docs/screenshots").normalize();

    ServiceFixture fx;
    ChromeDriver browser;
    Path profile;
    WebDriverWait wait;

    @BeforeAll
    static void chromiumInstalled() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && System.getenv("CI") != null) {
            fail("CI is set but " + CHROMIUM + " / " + CHROMEDRIVER + " are missing: apt-get install -y chromium chromium-driver");
        }
        assumeTrue(present, "browser tests skipped: " + CHROMIUM + " or " + CHROMEDRIVER
            + " not installed (apt-get install -y chromium chromium-driver); set CI=1 to make this a failure");
    }

    @BeforeEach
    void start() throws Exception {
        // At T0 + 30 h: a severe ticket past its warning (red), a 48 h ticket past half-time (amber), a fresh one (green).
        fx = new ServiceFixture("browser", T0.plus(Duration.ofHours(30)));
        fx.insertTicket("PT-0412", "R-XH-1.001", "XH", false, T0, "assigned", CREW_A);
        fx.insertTicket("PT-0419", "R-XH-1.001", "XH", true, T0.plus(Duration.ofHours(10)), "assigned", CREW_A);
        fx.insertTicket("PT-0425", "R-XH-1.001", "XH", false, T0.plus(Duration.ofHours(25)), "acknowledged", CREW_A);
        fx.insertTicket("PT-0501", "R-PD-1.001", "PD", true, T0.plus(Duration.ofHours(20)), "assigned", CREW_B);
        fx.start(null);

        profile = Files.createTempDirectory("roadchief-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync",
            "--window-size=1280,900", "--lang=zh-CN", "--user-data-dir=" + profile);
        ChromeDriverService driver = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(driver, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    }

    @AfterEach
    void stop() throws Exception {
        try {
            if (browser != null) browser.quit();
        } finally {
            if (fx != null) fx.close();
            if (profile != null) {
                try (var files = Files.walk(profile)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    @Test
    void crewSignsInSeesTicketsByTimeLeftAndAcknowledgesOne() throws Exception {
        signIn("/crew.html", TOKEN_CREW_A);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#tickets .ticket[data-ticket-id='PT-0412']")));

        List<WebElement> cards = browser.findElements(By.cssSelector("#tickets .ticket"));
        assertThat(cards.stream().map(c -> c.getDomAttribute("data-ticket-id"))).containsExactly("PT-0419", "PT-0412", "PT-0425");
        assertThat(cards.get(0).getDomAttribute("class")).contains("colour-red");
        assertThat(cards.get(1).getDomAttribute("class")).contains("colour-amber");
        assertThat(cards.get(2).getDomAttribute("class")).contains("colour-green");
        WebElement first = cards.get(1);
        assertThat(first.findElement(By.className("road")).getText()).isEqualTo("漕溪北路");
        assertThat(first.findElement(By.className("coords")).getText()).isEqualTo("31.18800, 121.43700");
        // 48 h ticket confirmed 30 h ago: 18 h left by the server's clock, counting down in the browser
        // from the moment the page loaded (a loaded machine may take a minute or two to get here).
        assertThat(first.findElement(By.className("countdown")).getText()).matches("剩余 (18小时00分|17小时5[6-9]分)");
        assertThat(browser.findElements(By.cssSelector(".ticket[data-ticket-id='PT-0501']"))).isEmpty();
        screenshot("crew-page-zh.png");

        first.findElement(By.className("act-acknowledge")).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("message"), "class", "msg-ok"));
        wait.until(ExpectedConditions.attributeToBe(By.cssSelector("#tickets .ticket[data-ticket-id='PT-0412']"), "data-status", "acknowledged"));
        assertThat(fx.value("SELECT status FROM ticket WHERE ticket_id = 'PT-0412'")).isEqualTo("acknowledged");
        assertThat(fx.value("SELECT actor FROM ticket_event WHERE ticket_id = 'PT-0412' AND kind = 'acknowledge'")).isEqualTo("li.ming");
        assertThat(fx.count("SELECT count(*) FROM audit_log WHERE target_id = 'PT-0412' AND http_status = 200")).isEqualTo(1);

        browser.findElement(By.id("lang-toggle")).click();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("header h1"), "RoadChief · Crew tickets"));
        assertThat(browser.findElement(By.cssSelector("#tickets .ticket[data-ticket-id='PT-0412'] .status")).getText()).isEqualTo("acknowledged");
        assertThat(browser.findElement(By.cssSelector("#tickets .ticket[data-ticket-id='PT-0412'] .countdown")).getText()).endsWith("left");
        screenshot("crew-page-en.png");

        // The language choice is remembered.
        browser.navigate().refresh();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("header h1"), "RoadChief · Crew tickets"));

        // Start the repair, then mark it repaired with a note and a photo link.
        By card = By.cssSelector("#tickets .ticket[data-ticket-id='PT-0412']");
        // The live feed re-renders the cards at any moment (the page keeps an open repair form and its
        // text across that); each step re-finds its element when the one it held was replaced.
        onCard(card, "act-start", WebElement::click);
        wait.until(ExpectedConditions.attributeToBe(card, "data-status", "in_repair"));
        onCard(card, "act-repaired", WebElement::click);
        onCard(card, "repair-note", e -> e.sendKeys("热补沥青 hot-mix patch, 0.6 m2"));
        onCard(card, "repair-photo", e -> e.sendKeys("https://photos.example/pt-0412.jpg"));
        onCard(card, "submit-repair", WebElement::click);
        wait.until(ExpectedConditions.attributeToBe(card, "data-status", "repaired"));
        assertThat(fx.value("SELECT repair_note FROM ticket WHERE ticket_id = 'PT-0412'")).isEqualTo("热补沥青 hot-mix patch, 0.6 m2");
        assertThat(fx.value("SELECT repair_photo_url FROM ticket WHERE ticket_id = 'PT-0412'")).isEqualTo("https://photos.example/pt-0412.jpg");
        assertThat(browser.findElement(card).getDomAttribute("class")).contains("colour-none");
    }

    /** Acts on an element of a ticket card, again if a live re-render replaced it mid-way. */
    private void onCard(By card, String className, java.util.function.Consumer<WebElement> action) {
        wait.ignoring(StaleElementReferenceException.class).until(d -> {
            action.accept(d.findElement(card).findElement(By.className(className)));
            return true;
        });
    }

    @Test
    void crewIsRefusedWhenChangingAnotherCrewsTicket() throws Exception {
        long eventsBefore = fx.count("SELECT count(*) FROM ticket_event WHERE ticket_id = 'PT-0501'");
        signIn("/crew.html", TOKEN_CREW_A);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#tickets .ticket")));
        browser.findElement(By.id("lookup-id")).sendKeys("PT-0501");
        browser.findElement(By.id("lookup")).click();
        WebElement other = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#lookup-result .ticket[data-ticket-id='PT-0501']")));
        other.findElement(By.className("act-acknowledge")).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("message"), "class", "msg-error"));
        assertThat(browser.findElement(By.id("message")).getText()).isEqualTo("无权操作：该工单不属于您的班组");
        screenshot("crew-page-refused.png");
        assertThat(fx.value("SELECT status FROM ticket WHERE ticket_id = 'PT-0501'")).isEqualTo("assigned");
        assertThat(fx.count("SELECT count(*) FROM ticket_event WHERE ticket_id = 'PT-0501'")).isEqualTo(eventsBefore);
        assertThat(fx.count("SELECT count(*) FROM audit_log WHERE target_id = 'PT-0501' AND user_id = 'li.ming' AND http_status = 403")).isEqualTo(1);
    }

    @Test
    void dutyOfficerSeesGaugesByRiskAndLiveAlerts() throws Exception {
        fx.execute("""
            INSERT INTO gauge (gauge_id, name_zh, name_en, kind, lat, lon, district_code) VALUES
              ('G-101', '漕溪北路下立交', 'Caoxi N Rd underpass', 'road_ponding', 31.19, 121.44, 'XH'),
              ('G-102', '龙华中路', 'Longhua Middle Rd', 'road_ponding', 31.18, 121.45, 'XH'),
              ('G-103', '世纪大道', 'Century Ave', 'road_ponding', 31.23, 121.53, 'PD'),
              ('G-104', '中山南二路', 'S Zhongshan 2nd Rd', 'road_ponding', 31.19, 121.46, 'XH'),
              ('G-105', '宛平南路', 'S Wanping Rd', 'road_ponding', 31.18, 121.44, 'XH');
            INSERT INTO gauge_state (gauge_id, at, level_mm, smoothed_mm, rise_mm_min, risk_level, eta_next_s, health) VALUES
              ('G-101', '%1$s'::timestamptz - interval '1 minute', 342, 338, 14.2, 'orange', 680, 'ok'),
              ('G-102', '%1$s'::timestamptz - interval '1 minute', 160, 158, 3.5, 'yellow', 2400, 'ok'),
              ('G-103', '%1$s'::timestamptz - interval '2 minutes', 12, 12, 0, 'normal', NULL, 'ok'),
              ('G-104', '%1$s'::timestamptz - interval '1 minute', 70, 68, 1.1, 'blue', 4500, 'ok'),
              ('G-105', '%1$s'::timestamptz - interval '2 hours', 40, 40, 0, 'normal', NULL, 'offline');
            """.formatted(fx.clock.instant()));
        signIn("/duty.html", TOKEN_DUTY);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#col-red .gauge[data-gauge-id='G-101']")));
        assertThat(browser.findElements(By.cssSelector("#col-amber .gauge")).stream().map(g -> g.getDomAttribute("data-gauge-id")))
            .containsExactly("G-102", "G-104");
        assertThat(browser.findElements(By.cssSelector("#col-green .gauge")).stream().map(g -> g.getDomAttribute("data-gauge-id")))
            .containsExactly("G-103");
        assertThat(browser.findElement(By.cssSelector("#offline [data-gauge-id='G-105']")).getText()).contains("宛平南路").contains("离线");
        assertThat(browser.findElement(By.cssSelector("#col-red .gauge .age")).getText()).isEqualTo("1 分钟 前");
        assertThat(browser.findElement(By.cssSelector("#col-red .gauge .rise")).getText()).isEqualTo("14.2 毫米/分");
        assertThat(browser.findElement(By.cssSelector("#col-red .gauge .eta")).getText()).isEqualTo("11 分钟");

        // An alert written by the water job arrives over SSE without a reload.
        fx.execute("""
            INSERT INTO alert (alert_id, raised_at, kind, source_id, level, message_zh, message_en) VALUES
              ('water:G-101:orange', '%s', 'water_level', 'G-101', 'orange',
               '漕溪北路下立交 积水 342 毫米，橙色预警，每分钟上涨 14 毫米',
               'Caoxi N Rd underpass: 342 mm of water, orange, rising 14 mm/min')""".formatted(fx.clock.instant()));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("alerts"), "橙色预警"));
        screenshot("duty-page-zh.png");
        browser.findElement(By.id("lang-toggle")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("alerts"), "rising 14 mm/min"));
        screenshot("duty-page-en.png");
    }

    private void signIn(String page, String token) {
        browser.get(fx.baseUrl() + page);
        WebElement input = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
        input.sendKeys(token);
        browser.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("work")));
    }

    private void screenshot(String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
