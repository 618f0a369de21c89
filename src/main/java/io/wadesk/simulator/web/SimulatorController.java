package io.wadesk.simulator.web;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.wadesk.shared.NoTranscriptContent;
import io.wadesk.simulator.internal.Autopilot;
import io.wadesk.simulator.internal.GraphFailure;
import io.wadesk.simulator.internal.SimulatedCustomer;
import io.wadesk.simulator.internal.Simulator;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The customer's phone: any signed-in user plays customers, and what they do reaches the webhook as Meta would send
 * it. {@code GET /simulator} serves the full page, or only the customer's thread to htmx, which polls it.
 */
@NoTranscriptContent("the development simulator of Meta's API and of customers: no stored transcript")
@Controller
@RequestMapping("/simulator")
@ConditionalOnBooleanProperty("wadesk.simulator.enabled")
class SimulatorController {

    private static final Logger log = LoggerFactory.getLogger(SimulatorController.class);
    private static final int MAX_TEXT = 4096;

    private static final int MAX_PACE_SECONDS = 600;
    /** WhatsApp's limit for an image (docs/cloud-api.md §7). */
    static final long MAX_IMAGE_BYTES = 5L << 20;

    private final Simulator simulator;
    private final Autopilot autopilot;

    SimulatorController(Simulator simulator, Autopilot autopilot) {
        this.simulator = simulator;
        this.autopilot = autopilot;
    }

    /** The full page, or only the customer's thread when htmx polls it. */
    @GetMapping
    String page(@RequestParam(name = "customer", required = false) String phone, HtmxRequest htmx, Model model) {
        SimulatedCustomer customer =
                phone == null ? null : simulator.customer(phone).orElse(null);
        model.addAttribute("customer", customer);
        model.addAttribute("thread", customer == null ? List.of() : simulator.thread(customer.phone()));
        if (htmx.isHtmxRequest()) {
            return "simulator/index :: thread";
        }
        addControls(model);
        return "simulator/index";
    }

    private void addControls(Model model) {
        model.addAttribute("customers", simulator.customers());
        model.addAttribute("failures", GraphFailure.values());
        model.addAttribute("failuresLeft", simulator.failuresLeft());
        model.addAttribute("failure", simulator.failure());
        model.addAttribute("autopilot", autopilot.state());
        model.addAttribute("autopilotMax", Autopilot.MAX_CUSTOMERS);
    }

    @PostMapping("/customers")
    String addCustomer(
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String phone,
            RedirectAttributes redirect) {
        try {
            return redirectTo(simulator.addCustomer(name, phone).phone());
        } catch (IllegalArgumentException invalid) {
            redirect.addFlashAttribute("error", "simulator.error.phone");
            return "redirect:/simulator";
        }
    }

    @PostMapping("/messages")
    String send(
            @RequestParam String customer, @RequestParam(defaultValue = "") String text, RedirectAttributes redirect) {
        String body = text.strip();
        if (!body.isEmpty()) {
            act(
                    redirect,
                    () -> simulator.sendText(customer, body.length() > MAX_TEXT ? body.substring(0, MAX_TEXT) : body));
        }
        return redirectTo(customer);
    }

    /** The customer sends a JPEG or PNG photo (WhatsApp's image types), at most 5 MB, with an optional caption. */
    @PostMapping("/images")
    String sendImage(
            @RequestParam String customer,
            @RequestParam(name = "image", required = false) MultipartFile image,
            @RequestParam(defaultValue = "") String caption,
            RedirectAttributes redirect)
            throws IOException {
        byte[] bytes = image == null || image.isEmpty() || image.getSize() > MAX_IMAGE_BYTES ? null : image.getBytes();
        String mimeType = bytes == null ? null : imageType(bytes);
        if (mimeType == null) {
            redirect.addFlashAttribute("error", "simulator.error.image");
            return redirectTo(customer);
        }
        String text = caption.strip();
        act(
                redirect,
                () -> simulator.sendImage(
                        customer, bytes, mimeType, text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text));
        return redirectTo(customer);
    }

    /** The type the bytes really have, whatever the browser claimed: JPEG or PNG, else null. */
    static String imageType(byte[] bytes) {
        if (bytes.length > 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8 && (bytes[2] & 0xFF) == 0xFF) {
            return "image/jpeg";
        }
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
        return bytes.length > png.length && Arrays.equals(Arrays.copyOf(bytes, png.length), png) ? "image/png" : null;
    }

    @PostMapping("/taps")
    String tap(
            @RequestParam String customer,
            @RequestParam String message,
            @RequestParam String button,
            RedirectAttributes redirect) {
        act(redirect, () -> simulator.tap(customer, message, button));
        return redirectTo(customer);
    }

    @PostMapping("/failures")
    String failNext(
            @RequestParam(defaultValue = "1") int count,
            @RequestParam GraphFailure kind,
            @RequestParam(name = "customer", required = false) String customer) {
        simulator.failNext(count, kind);
        return customer == null || customer.isBlank() ? "redirect:/simulator" : redirectTo(customer);
    }

    @PostMapping("/autopilot")
    String startAutopilot(
            @RequestParam(defaultValue = "3") int customers, @RequestParam(defaultValue = "10") int pace) {
        autopilot.start(customers, Duration.ofSeconds(Math.max(1, Math.min(pace, MAX_PACE_SECONDS))));
        return "redirect:/simulator";
    }

    @PostMapping("/autopilot/stop")
    String stopAutopilot() {
        autopilot.stop();
        return "redirect:/simulator";
    }

    private static void act(RedirectAttributes redirect, Runnable action) {
        try {
            action.run();
        } catch (IllegalArgumentException unknown) {
            redirect.addFlashAttribute("error", "simulator.error.unknown");
        } catch (RuntimeException refused) {
            log.warn("Simulator: the webhook did not take the customer's message: {}", refused.getMessage());
            redirect.addFlashAttribute("error", "simulator.error.webhook");
        }
    }

    private static String redirectTo(String phone) {
        return "redirect:"
                + UriComponentsBuilder.fromPath("/simulator")
                        .queryParam("customer", Simulator.normalisedPhone(phone))
                        .toUriString();
    }
}
