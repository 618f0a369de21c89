package io.wadesk.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.wadesk.agent.Agents;
import io.wadesk.agent.Team;
import io.wadesk.agent.Teams;
import io.wadesk.conversation.ConversationHistory;
import io.wadesk.conversation.ConversationStatus;
import io.wadesk.settings.Settings;
import io.wadesk.simulator.internal.Simulator;
import io.wadesk.support.MutableClock;
import io.wadesk.support.TestUsers;
import io.wadesk.user.Role;
import io.wadesk.user.UserAccount;
import io.wadesk.webhook.WebhookSecrets;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The desk as an agent uses it, in Debian's headless Chromium: the whole application listens on a free port with
 * the simulator, its fake Graph API, the inbox worker and the sender on, so a customer's message really goes through
 * the webhook and a reply really goes out and comes back as statuses. The simulator plays the customer in a second
 * window. Screenshots of every step are in {@code target/browser-screenshots/}.
 *
 * <p>An admin's changes are here too (issue 9), so that they run in this same application context: the admin works
 * in a window of their own beside the agent's desk, and the desk must honour what they change at once.
 *
 * <p>The port is chosen before the application starts (the Cloud API client's Graph URL is built from it). The
 * context is closed after the class, so that its workers do not go on claiming other tests' rows.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {
            "wadesk.simulator.enabled=true",
            "wadesk.simulator.status-delay=50ms",
            "wadesk.webhook.worker.enabled=true",
            "wadesk.whatsapp.sender.enabled=true",
            // A few messages to send: two sender threads leave the pool's connections to the pages and the webhook.
            "wadesk.whatsapp.sender.threads=2"
        })
@Import({DeskBrowserTests.OwnDays.class, TestUsers.class})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DeskBrowserTests {

    /**
     * A clock of its own, months after the other tests' days: they shred the inbox keys of the days they purge, and
     * this context's webhook must not seal deliveries under a day another test has already shredded.
     */
    @TestConfiguration(proxyBeanMethods = false)
    static class OwnDays {

        @Bean
        @Primary
        MutableClock browserTestClock() {
            return new MutableClock(Instant.parse("2027-03-01T09:00:00Z"));
        }
    }

    /** Issue 7: a customer's message is on the desk within 2 s, without a reload. */
    private static final Duration LIVE = Duration.ofSeconds(2);
    /** Page loads, htmx swaps, and what the issue sets no bound for (the simulator's own refresh, delivery ticks). */
    private static final Duration PAGE = Duration.ofSeconds(10);

    private static final int PORT = freePort();
    /** A conversation's entry in the agent's list; its text is the contact's name. */
    private static final String ITEM = "#conversations a .desk-item-name";

    private static final AtomicInteger customers = new AtomicInteger();

    @DynamicPropertySource
    static void port(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
    }

    @RegisterExtension
    final Browser browser = new Browser();

    @Autowired
    Simulator simulator;

    @Autowired
    Teams teams;

    @Autowired
    TestUsers users;

    @Autowired
    MutableClock clock;

    @Autowired
    ConversationHistory history;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Agents agents;

    @Autowired
    Settings settings;

    @Autowired
    WebhookSecrets webhookSecrets;

    private UserAccount agent;

    private static boolean warm;

    /** A team of one agent (still UNAVAILABLE) that serves the simulator's number from now on. */
    @BeforeEach
    void team() {
        if (!warm) {
            warmUp();
            warm = true;
        }
        Team team = teams.create("Browser " + UUID.randomUUID(), 5, null);
        teams.servePhoneNumber(team.id(), simulator.phoneNumberId());
        agent = users.create(Role.AGENT);
        teams.addMember(team.id(), agent.id());
    }

    /**
     * One customer message through the webhook and the inbox worker before any test, for a team of its own that no
     * test looks at: the first message in a fresh JVM pays for class loading and compilation along the whole path,
     * which a running server paid long ago, and the 2 s bound is about a running server.
     */
    private void warmUp() {
        Team team = teams.create("Browser warm-up " + UUID.randomUUID(), 5, null);
        teams.servePhoneNumber(team.id(), simulator.phoneNumberId());
        String phone =
                "3369" + String.format("%07d", Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 10_000_000L));
        simulator.addCustomer("Warm-up", phone);
        String wamid = simulator.sendText(phone, "warm-up");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> history.message(simulator.phoneNumberId(), wamid).isPresent());
    }

    @Test
    void anAgentServesACustomerFromFirstMessageToClose() {
        signInAndGoAvailable();
        String desk = browser.window();
        browser.markDocument();

        Customer customer = newCustomerInSimulator();
        liveOnDesk(desk, customer, "Bonjour, ma commande n'est pas arrivée.", ITEM, customer.name());
        browser.switchTo(customer.window());
        browser.shot("simulator-customer-wrote");
        browser.switchTo(desk);
        assertThat(browser.stillSameDocument()).as("the desk was not reloaded").isTrue();
        browser.shot("desk-conversation-arrived");

        deskItem(customer.name()).click();
        browser.await(PAGE, "the conversation pane", d -> bubble("bubble-in", "ma commande n'est pas arrivée"));
        assertThat(badge()).isEqualTo("badge-assigned");
        browser.shot("desk-conversation-open");

        String reply = "Je regarde tout de suite 👍";
        browser.find("#desk-text").sendKeys("Je regarde tout de suite ");
        browser.find("button.emoji-toggle").click();
        browser.await(
                PAGE,
                "the emoji picker",
                d -> browser.findAll("button.emoji[data-emoji='👍']").stream().anyMatch(WebElement::isDisplayed));
        browser.shot("desk-emoji-picker");
        browser.find("button.emoji[data-emoji='👍']").click();
        assertThat(browser.find("#desk-text").getDomProperty("value")).isEqualTo(reply);
        browser.shot("desk-reply-written");
        browser.find("button.composer-send").click();
        browser.await(PAGE, "the reply in the thread", d -> bubble("bubble-out", reply));
        browser.shot("desk-reply-sent");

        browser.switchTo(customer.window());
        browser.await(PAGE, "the reply, read, on the customer's phone", d -> {
            WebElement bubble = simulatorBubble("sim-in", reply);
            return bubble != null
                            && !bubble.findElements(By.cssSelector(".sim-status-read"))
                                    .isEmpty()
                    ? bubble
                    : null;
        });
        browser.shot("simulator-reply-read");

        browser.switchTo(desk);
        browser.await(PAGE, "the read tick on the desk", d -> {
            WebElement bubble = bubble("bubble-out", reply);
            return bubble != null
                    && !bubble.findElements(By.cssSelector(".tick-read")).isEmpty();
        });
        browser.shot("desk-reply-read");

        browser.find(".pause-form button[type=submit]").click();
        browser.await(PAGE, "the conversation paused", d -> "badge-paused".equals(badge()));
        browser.shot("desk-paused");

        browser.markDocument();
        liveOnDesk(
                desk, customer, "Vous avez des nouvelles ?", "#thread .bubble.bubble-in", "Vous avez des nouvelles ?");
        // Back from its pause: active again in the agent's list (refreshed live) and on the server. The open pane's
        // head and composer are not refreshed by the live desk yet (they still say paused until a reload).
        browser.await(PAGE, "the conversation back from its pause in the list", d -> {
            WebElement item = deskItem(customer.name());
            return item != null && !item.getAttribute("class").contains("desk-item-paused");
        });
        assertThat(status(customer)).isEqualTo(ConversationStatus.ASSIGNED);
        assertThat(browser.stillSameDocument()).as("the desk was not reloaded").isTrue();
        browser.shot("desk-back-from-pause");

        browser.find(".close-form button[type=submit]").click();
        browser.await(PAGE, "the conversation closed", d -> "badge-closed".equals(badge()));
        browser.shot("desk-closed");
        assertThat(status(customer)).isEqualTo(ConversationStatus.CLOSED);
    }

    @Test
    void pastTheWindowTheComposerIsLockedAndOnlyATemplateReachesTheCustomer() {
        // An approved template, as a sync from Meta would store it, before the desk lists them.
        String template = approvedTemplate();
        signInAndGoAvailable();
        String desk = browser.window();
        Customer customer = newCustomerInSimulator();
        liveOnDesk(desk, customer, "Bonjour, je voudrais changer mon adresse.", ITEM, customer.name());
        deskItem(customer.name()).click();
        browser.await(PAGE, "the conversation pane", d -> bubble("bubble-in", "changer mon adresse"));
        assertThat(browser.find("#desk-text").isEnabled()).isTrue();
        browser.shot("desk-window-open");

        // A day later the session has passed its absolute lifetime (12 h): the agent signs in again.
        String conversationUrl = browser.driver().getCurrentUrl();
        clock.advance(Duration.ofHours(24).plusMinutes(5));
        browser.open(conversationUrl);
        browser.await(
                PAGE,
                "the sign-in page after the session's lifetime",
                d -> d.getCurrentUrl().contains("/login"));
        signIn(url(""), agent);
        // The simulator's page shares the browser's cookies: it takes the new session's CSRF token.
        browser.switchTo(customer.window());
        browser.open(browser.driver().getCurrentUrl());
        browser.await(
                PAGE,
                "the customer's phone again",
                d -> !browser.findAll("#sim-text").isEmpty());
        browser.switchTo(desk);
        browser.open(conversationUrl);
        browser.await(
                PAGE,
                "the pane after 24 h",
                d -> !browser.findAll(".desk-window-closed").isEmpty());
        assertThat(browser.find("#desk-text").isEnabled()).isFalse();
        assertThat(browser.find("button.composer-send").isEnabled()).isFalse();
        assertThat(browser.find(".composer-lock").isDisplayed()).isTrue();
        assertThat(browser.find(".composer-lock").getText()).isNotBlank();
        browser.shot("desk-window-closed");

        // The lock is the server's: free text forced past the disabled composer is refused, and nothing is sent.
        int before = simulator.thread(customer.phone()).size();
        browser.script("var t = document.getElementById('desk-text'); t.disabled = false; t.value = 'Encore là ?';"
                + " t.form.querySelector('button.composer-send').disabled = false;");
        browser.find("button.composer-send").click();
        browser.await(
                PAGE, "the refusal", d -> !browser.findAll("#pane .alert-error").isEmpty());
        browser.shot("desk-free-text-refused");
        assertThat(jdbc.sql("SELECT count(*) FROM messages m JOIN conversations c ON c.id = m.conversation_id"
                                + " WHERE c.id = ? AND m.direction = 'OUTBOUND' AND m.type = 'text'")
                        .param(conversationOf(customer))
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(simulator.thread(customer.phone())).hasSize(before);

        // The template picker: the only way left to write to the customer, and it pauses the conversation.
        new Select(browser.find("form.template-picker select[name=template]")).selectByValue(template + ":fr");
        browser.await(
                PAGE,
                "the template's field",
                d -> !browser.findAll("form.template-picker input[name^=param]").isEmpty());
        browser.find("form.template-picker input[name^=param]").sendKeys("Inès");
        browser.await(
                PAGE,
                "the preview",
                d -> browser.find(".template-preview-text").getText().contains("Bonjour Inès"));
        browser.shot("desk-template-chosen");
        browser.find("form.template-picker button.template-send").click();
        browser.await(PAGE, "the conversation paused for the customer's answer", d -> "badge-paused".equals(badge()));
        browser.shot("desk-template-sent");

        browser.switchTo(customer.window());
        browser.await(
                PAGE,
                "the template on the customer's phone",
                d -> simulatorBubble("sim-in", template) != null
                        && simulatorBubble("sim-in", template).getText().contains("Inès"));
        browser.shot("simulator-template-received");

        // The customer's answer reopens the window: the conversation comes back and the composer opens again.
        liveOnDesk(desk, customer, "Oui, toujours intéressée", "#thread .bubble.bubble-in", "toujours intéressée");
        browser.await(
                PAGE,
                "the composer open again",
                d -> "badge-assigned".equals(badge())
                        && browser.find("#desk-text").isEnabled());
        browser.shot("desk-window-reopened");
    }

    /** An approved template of this test, with one body parameter, as the template sync would store it. */
    private String approvedTemplate() {
        String name = "reprise_" + Long.toString(System.nanoTime(), 36);
        jdbc.sql("INSERT INTO whatsapp_templates (name, language, category, status, components, synced_at)"
                        + " VALUES (?, 'fr', 'UTILITY', 'APPROVED', ?::jsonb, now())")
                .params(
                        name,
                        "[{\"type\": \"BODY\", \"text\": \"Bonjour {{1}}, souhaitez-vous reprendre notre échange ?\"}]")
                .update();
        return name;
    }

    @Test
    void markupFromACustomerIsShownAsText() {
        signInAndGoAvailable();
        String desk = browser.window();
        String attack = "<img src=x onerror=alert(1)>";
        Customer customer = newCustomerInSimulator();
        liveOnDesk(desk, customer, attack, ITEM, customer.name());
        browser.switchTo(customer.window());
        assertThat(simulatorBubble("sim-out", attack).getText()).contains(attack);
        assertNoAlert();
        browser.shot("simulator-markup-sent");

        browser.switchTo(desk);
        deskItem(customer.name()).click();
        WebElement bubble = browser.await(PAGE, "the message in the thread", d -> bubble("bubble-in", attack));
        browser.shot("desk-markup-as-text");

        assertThat(bubble.findElement(By.cssSelector(".bubble-text")).getText()).isEqualTo(attack);
        assertThat(browser.findAll("img[src='x']")).isEmpty();
        assertThat(bubble.findElements(By.cssSelector("img"))).isEmpty();
        assertNoAlert();
    }

    // --- the agent's side

    /**
     * The customer writes in the simulator, and what shows it ({@code css} containing {@code shown}) must appear on
     * the agent's desk, in the page already open, within {@link #LIVE} of the send. The page notes the moment itself.
     */
    private void liveOnDesk(String desk, Customer customer, String text, String css, String shown) {
        browser.switchTo(desk);
        browser.watchFor("desk", css, shown);
        Instant sent = customer.writes(text);
        browser.switchTo(desk);
        Duration took = Duration.between(sent, browser.appeared("desk", PAGE));
        System.out.printf("[browser] on the desk %d ms after the customer's send: %s%n", took.toMillis(), shown);
        assertThat(took)
                .as("'%s' on the desk within %s of the customer's send", shown, LIVE)
                .isLessThanOrEqualTo(LIVE);
    }

    private void signInAndGoAvailable() {
        browser.open(url("/login"));
        browser.find("#username").sendKeys(agent.username());
        browser.find("#password").sendKeys(TestUsers.PASSWORD);
        browser.shot("sign-in");
        browser.find("form[action$='/login'] button[type=submit]").click();
        browser.await(PAGE, "signed in", d -> !d.getCurrentUrl().endsWith("/login"));
        browser.open(url("/desk"));
        browser.await(
                PAGE,
                "the desk",
                d -> !browser.findAll("#desk-status .status-unavailable").isEmpty());
        browser.shot("desk-unavailable");
        browser.find("#desk-status button").click();
        browser.await(
                PAGE,
                "the agent AVAILABLE",
                d -> !browser.findAll("#desk-status .status-available").isEmpty());
        browser.shot("desk-available");
    }

    /** The agent's list entry for the customer, or null. */
    private WebElement deskItem(String contactName) {
        for (WebElement link : browser.findAll("#conversations a")) {
            List<WebElement> name = link.findElements(By.cssSelector(".desk-item-name"));
            if (!name.isEmpty() && name.get(0).getText().equals(contactName)) {
                return link;
            }
        }
        return null;
    }

    /** A bubble of the open conversation ({@code bubble-in} from the customer, {@code bubble-out} ours) with text. */
    private WebElement bubble(String side, String text) {
        for (WebElement bubble : browser.findAll("#thread .bubble." + side)) {
            if (bubble.getText().contains(text)) {
                return bubble;
            }
        }
        return null;
    }

    /** The class naming the open conversation's status, e.g. {@code badge-assigned}. */
    private String badge() {
        List<WebElement> badges = browser.findAll("#pane .pane-head .badge");
        if (badges.isEmpty()) {
            return null;
        }
        for (String cls : badges.get(0).getAttribute("class").split("\\s+")) {
            if (cls.startsWith("badge-")) {
                return cls;
            }
        }
        return null;
    }

    private void assertNoAlert() {
        assertThatThrownBy(() -> browser.driver().switchTo().alert())
                .as("no alert opened")
                .isInstanceOf(NoAlertPresentException.class);
    }

    // --- the customer's side, in the simulator

    private record Customer(String name, String phone, String window, Browser browser) {

        /** Sends a text from the customer's phone; returns when the webhook took it. */
        Instant writes(String text) {
            browser.switchTo(window);
            WebElement input = browser.find("#sim-text");
            input.sendKeys(text);
            Instant sent = Instant.now();
            browser.find("form.sim-compose:not(.sim-image) button[type=submit]").click();
            browser.await(PAGE, "the customer's message in the simulator", d -> {
                for (WebElement bubble : browser.findAll("#sim-thread .sim-bubble.sim-out")) {
                    if (bubble.getText().contains(text)) {
                        return true;
                    }
                }
                return false;
            });
            // On the record, to tell the webhook's share of the 2 s from the desk's.
            System.out.printf(
                    "[browser] the simulator showed the customer's message %d ms after the send%n",
                    Duration.between(sent, Instant.now()).toMillis());
            return sent;
        }
    }

    private Customer newCustomerInSimulator() {
        String name = "Inès Client " + customers.incrementAndGet() + "-" + Long.toString(System.nanoTime(), 36);
        String phone =
                "3367" + String.format("%07d", Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 10_000_000L));
        String window = browser.newWindow(url("/simulator"));
        browser.find("#sim-name").sendKeys(name);
        browser.find("#sim-phone").sendKeys(phone);
        browser.find("form.sim-new-customer button[type=submit]").click();
        browser.await(
                PAGE, "the customer's phone", d -> !browser.findAll("#sim-text").isEmpty());
        return new Customer(name, phone, window, browser);
    }

    private WebElement simulatorBubble(String side, String text) {
        for (WebElement bubble : browser.findAll("#sim-thread .sim-bubble." + side)) {
            if (bubble.getText().contains(text)) {
                return bubble;
            }
        }
        return null;
    }

    // --- an admin's changes, honoured by the desk at once (issue 9)

    /**
     * The admin works on {@code 127.0.0.1} and the agent on {@code localhost}: cookies are per host, so one browser
     * holds both sessions side by side, each in its own window.
     */
    private static String adminUrl(String path) {
        return "http://127.0.0.1:" + PORT + path;
    }

    /** A team of its own on a business number of its own, its agent (UNAVAILABLE) and an admin. */
    private record OwnDesk(Team team, CustomerWebhook customers, UserAccount agent, UserAccount admin) {}

    private OwnDesk ownDesk() {
        Team team = teams.create("Browser admin " + UUID.randomUUID(), 3, null);
        String number = "9"
                + String.format(
                        "%014d", Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 100_000_000_000_000L));
        teams.servePhoneNumber(team.id(), number);
        UserAccount agent = users.create(Role.AGENT);
        teams.addMember(team.id(), agent.id());
        CustomerWebhook customers = new CustomerWebhook(
                url("/webhooks/whatsapp"), webhookSecrets.appSecrets().get(0), number);
        return new OwnDesk(team, customers, agent, users.create(Role.ADMIN));
    }

    @Test
    void anAdminSetsAnAgentsCapacityAndTheDeskRoutingHonoursItAtOnce() {
        OwnDesk own = ownDesk();
        String admin = browser.window();
        signIn(adminUrl(""), own.admin());
        browser.open(adminUrl("/admin/users"));
        browser.find("a[href$='/admin/users/" + own.agent().id() + "']").click();
        browser.await(
                PAGE,
                "the agent's page",
                d -> !browser.findAll("form#user-edit-form #capacity").isEmpty());
        saveCapacity("1");
        assertThat(agents.find(own.agent().id()).orElseThrow().capacity()).isEqualTo(1);

        String desk = browser.newWindow(url("/login"));
        signIn(url(""), own.agent());
        goAvailable();
        browser.markDocument();

        String first = "Inès Capacité 1-" + Long.toString(System.nanoTime(), 36);
        String firstPhone = newPhone();
        browser.watchFor("first", ITEM, first);
        own.customers().text(firstPhone, first, "Bonjour, une question.", clock.instant());
        browser.appeared("first", PAGE);
        assertThat(ownerOf(firstPhone)).isEqualTo(own.agent().id());
        browser.await(PAGE, "the agent BUSY at 1 of 1", d -> busyWith("1 of 1"));
        browser.shot("desk-first-assigned-busy");

        String second = "Inès Capacité 2-" + Long.toString(System.nanoTime(), 36);
        String secondPhone = newPhone();
        clock.advance(Duration.ofMinutes(1));
        own.customers().text(secondPhone, second, "Bonjour, moi aussi.", clock.instant());
        browser.await(PAGE, "one waiting in the team queue", d -> queueLength() == 1);
        assertThat(deskItem(second))
                .as("the second customer is not on the agent's desk")
                .isNull();
        assertThat(statusOf(secondPhone)).isEqualTo(ConversationStatus.QUEUED);
        assertThat(busyWith("1 of 1")).isTrue();
        WebElement status = browser.find("#desk-status button.status-busy");
        // Orange: the design's --busy colour.
        assertThat(status.getCssValue("color")).isEqualTo("rgba(194, 65, 12, 1)");
        browser.shot("desk-second-waits-in-queue");

        // The admin raises the capacity to 2: the waiting conversation is the agent's at once, on a desk left open.
        browser.watchFor("second", ITEM, second);
        browser.switchTo(admin);
        Instant saved = saveCapacity("2");
        browser.switchTo(desk);
        Duration took = Duration.between(saved, browser.appeared("second", PAGE));
        System.out.printf(
                "[browser] the waiting conversation on the desk %d ms after the admin's save%n", took.toMillis());
        assertThat(took).as("on the desk within %s of the admin's save", LIVE).isLessThanOrEqualTo(LIVE);
        browser.await(
                PAGE, "the queue empty and the agent BUSY at 2 of 2", d -> queueLength() == 0 && busyWith("2 of 2"));
        assertThat(ownerOf(secondPhone)).isEqualTo(own.agent().id());
        assertThat(browser.stillSameDocument()).as("the desk was not reloaded").isTrue();
        browser.shot("desk-second-taken-at-once");
    }

    @Test
    void anAdminChangesThePauseChoicesAndTheDeskOffersTheNewOnes() {
        Map<String, String> rulesBefore = plainSettings();
        try {
            OwnDesk own = ownDesk();
            signIn(url(""), own.agent());
            goAvailable();
            String desk = browser.window();
            String name = "Inès Pause " + Long.toString(System.nanoTime(), 36);
            String phone = newPhone();
            browser.watchFor("customer", ITEM, name);
            own.customers().text(phone, name, "Je vous rappelle plus tard.", clock.instant());
            browser.appeared("customer", PAGE);
            deskItem(name).click();
            browser.await(
                    PAGE,
                    "the conversation's pause choices",
                    d -> !pauseChoices().isEmpty());
            browser.shot("desk-pause-choices-before");

            browser.newWindow(adminUrl("/login"));
            signIn(adminUrl(""), own.admin());
            browser.open(adminUrl("/admin/rules"));
            WebElement choices = browser.find("form#rules-form #pauseChoices");
            choices.clear();
            choices.sendKeys("30m, 2h, 48h");
            WebElement defaultPause = browser.find("form#rules-form #defaultPause");
            defaultPause.clear();
            defaultPause.sendKeys("2h");
            browser.shot("admin-rules-changed");
            browser.markDocument();
            browser.find("form#rules-form button[type=submit]").click();
            browser.await(
                    PAGE,
                    "the rules saved",
                    d -> !browser.stillSameDocument()
                            && !browser.findAll(".alert-info").isEmpty());
            // 48 h is shown as the admins would write it.
            assertThat(browser.find("#pauseChoices").getDomProperty("value")).isEqualTo("30m, 2h, 2d");
            assertThat(browser.find("#defaultPause").getDomProperty("value")).isEqualTo("2h");
            browser.shot("admin-rules-saved");

            browser.switchTo(desk);
            browser.open(browser.driver().getCurrentUrl());
            browser.await(PAGE, "the new pause choices", d -> pauseChoices().equals(List.of("PT30M", "PT2H", "PT48H")));
            Select duration = new Select(browser.find("select#pause-duration"));
            assertThat(duration.getOptions()).extracting(WebElement::getText).containsExactly("30 min", "2 h", "48 h");
            assertThat(duration.getFirstSelectedOption().getDomProperty("value"))
                    .isEqualTo("PT2H");
            browser.shot("desk-pause-choices-after");

            duration.selectByValue("PT48H");
            Instant pausedAt = clock.instant();
            browser.find(".pause-form button[type=submit]").click();
            browser.await(PAGE, "the conversation paused", d -> "badge-paused".equals(badge()));
            assertThat(statusOf(phone)).isEqualTo(ConversationStatus.PAUSED);
            assertThat(pausedUntil(phone)).isEqualTo(pausedAt.plus(Duration.ofHours(48)));
            browser.shot("desk-paused-48h");
        } finally {
            // Every test context of the run reads the same settings table: put the rules back as they were.
            restorePlainSettings(rulesBefore);
        }
    }

    /** Saves the capacity on the admin's open user page; returns when the save was sent. */
    private Instant saveCapacity(String capacity) {
        WebElement field = browser.find("form#user-edit-form #capacity");
        field.clear();
        field.sendKeys(capacity);
        browser.shot("admin-capacity-" + capacity);
        browser.markDocument();
        Instant sent = Instant.now();
        browser.find("form#user-edit-form button[type=submit]").click();
        browser.await(
                PAGE,
                "the capacity saved",
                d -> !browser.stillSameDocument()
                        && !browser.findAll(".alert-info").isEmpty());
        assertThat(browser.find("#capacity").getDomProperty("value")).isEqualTo(capacity);
        browser.shot("admin-capacity-" + capacity + "-saved");
        return sent;
    }

    private void signIn(String base, UserAccount user) {
        browser.open(base + "/login");
        browser.find("#username").sendKeys(user.username());
        browser.find("#password").sendKeys(TestUsers.PASSWORD);
        browser.find("form[action$='/login'] button[type=submit]").click();
        browser.await(
                PAGE, "signed in as " + user.role(), d -> !d.getCurrentUrl().endsWith("/login"));
    }

    /** On the desk of the agent signed in this window, turns AVAILABLE. */
    private void goAvailable() {
        browser.open(url("/desk"));
        browser.await(
                PAGE,
                "the desk",
                d -> !browser.findAll("#desk-status .status-unavailable").isEmpty());
        browser.find("#desk-status button").click();
        browser.await(
                PAGE,
                "the agent AVAILABLE",
                d -> !browser.findAll("#desk-status .status-available").isEmpty());
        browser.shot("desk-available");
    }

    /** The queue length the desk shows (the number in "Team queue: 1 waiting"). */
    private int queueLength() {
        return Integer.parseInt(
                browser.find("#conversations .desk-queue").getText().replaceAll("\\D+", ""));
    }

    /** The status button shows BUSY, with the reason (e.g. "1 of 1") in its tooltip and beside it. */
    private boolean busyWith(String load) {
        List<WebElement> busy = browser.findAll("#desk-status button.status-busy");
        return !busy.isEmpty()
                && busy.get(0).getAttribute("title").contains(load)
                && browser.find("#desk-status .status-hint").getText().contains(load);
    }

    /** Scrolls the pause form into the screenshot. */
    private void showPauseForm() {
        browser.script("arguments[0].scrollIntoView({block: 'center'});", browser.find(".pause-form"));
    }

    private List<String> pauseChoices() {
        return browser.findAll("select#pause-duration option").stream()
                .map(option -> option.getDomProperty("value"))
                .toList();
    }

    private Map<String, String> plainSettings() {
        Map<String, String> values = new HashMap<>();
        jdbc.sql("SELECT key, value FROM settings WHERE sealed IS NULL").query(rs -> {
            values.put(rs.getString(1), rs.getString(2));
        });
        return values;
    }

    private void restorePlainSettings(Map<String, String> before) {
        plainSettings().forEach((key, value) -> {
            if (!before.containsKey(key)) {
                settings.clear(key);
            } else if (!Objects.equals(before.get(key), value)) {
                settings.set(key, before.get(key), null);
            }
        });
    }

    private static String newPhone() {
        return "3366" + String.format("%07d", Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 10_000_000L));
    }

    /** The latest conversation of the customer with this phone. */
    private ConversationRow conversationWith(String phone) {
        UUID contact = history.contactByPhone(phone).orElseThrow();
        return jdbc.sql("SELECT status, agent_id, paused_until FROM conversations WHERE contact_id = ?"
                        + " ORDER BY opened_at DESC LIMIT 1")
                .param(contact)
                .query((rs, n) -> new ConversationRow(
                        ConversationStatus.valueOf(rs.getString(1)),
                        rs.getObject(2, Long.class),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant()))
                .single();
    }

    private record ConversationRow(ConversationStatus status, Long agentId, Instant pausedUntil) {}

    private ConversationStatus statusOf(String phone) {
        return conversationWith(phone).status();
    }

    private Long ownerOf(String phone) {
        return conversationWith(phone).agentId();
    }

    private Instant pausedUntil(String phone) {
        return conversationWith(phone).pausedUntil();
    }

    // --- the database, to check what the pages say

    private UUID conversationOf(Customer customer) {
        UUID contact = history.contactByPhone(customer.phone()).orElseThrow();
        return jdbc.sql("SELECT id FROM conversations WHERE contact_id = ? ORDER BY opened_at DESC LIMIT 1")
                .param(contact)
                .query(UUID.class)
                .single();
    }

    private ConversationStatus status(Customer customer) {
        return ConversationStatus.valueOf(jdbc.sql("SELECT status FROM conversations WHERE id = ?")
                .param(conversationOf(customer))
                .query(String.class)
                .single());
    }

    private static String url(String path) {
        return "http://localhost:" + PORT + path;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
