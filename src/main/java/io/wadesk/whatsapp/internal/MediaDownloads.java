package io.wadesk.whatsapp.internal;

import io.wadesk.whatsapp.CloudApiException;
import io.wadesk.whatsapp.CloudApiProperties;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.ResourceAccessException;

/**
 * Media downloads with the bearer token, which goes only to Meta's media hosts ({@code wadesk.whatsapp.media.hosts})
 * over https, or to the configured Graph host (which the built-in simulator serves over http); a redirect is followed
 * by hand, and only to such a host. No more than the allowed size is read.
 */
final class MediaDownloads {

    /** Enough for a CDN's hop or two; more is a loop. */
    private static final int MAX_REDIRECTS = 3;

    private final GraphCalls graph;
    private final URI graphBase;
    private final List<String> mediaHosts;

    MediaDownloads(GraphCalls graph, CloudApiProperties properties) {
        this.graph = graph;
        this.graphBase = URI.create(properties.graphUrl().toString().replaceAll("/+$", ""));
        this.mediaHosts = properties.media().hosts();
    }

    /**
     * Downloads a file from the URL {@link #mediaInfo} gave, with the bearer token as Meta requires. The token goes
     * only to Meta's media hosts ({@code wadesk.whatsapp.media.hosts}) over https, or to the configured Graph host
     * (which the built-in simulator serves over http); a redirect is followed by hand, and only to such a host.
     */
    byte[] download(String url, long maxBytes) {
        URI target = URI.create(url);
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            if (!mayReceiveToken(target)) {
                throw downloadError(
                        CloudApiErrorClass.INVALID,
                        "Refused a media URL that is not https on one of Meta's media hosts: " + target.getHost(),
                        0,
                        null);
            }
            Downloaded downloaded = downloadOnce(target, maxBytes);
            if (downloaded.bytes() != null) {
                return downloaded.bytes();
            }
            target = target.resolve(downloaded.redirect());
        }
        throw downloadError(CloudApiErrorClass.RETRY_LATER, "Media download redirected too often", 0, null);
    }

    /** The file, or where it moved. */
    private record Downloaded(byte[] bytes, URI redirect) {}

    private Downloaded downloadOnce(URI target, long maxBytes) {
        try {
            return graph.download()
                    .get()
                    .uri(target)
                    .headers(graph::bearer)
                    .exchangeForRequiredValue((req, res) -> downloaded(res, maxBytes), true);
        } catch (ResourceAccessException ex) {
            throw downloadError(
                    CloudApiErrorClass.RETRY_LATER,
                    "Media download failed: "
                            + ex.getMostSpecificCause().getClass().getSimpleName(),
                    0,
                    ex);
        }
    }

    private static Downloaded downloaded(ClientHttpResponse res, long maxBytes) throws java.io.IOException {
        int status = res.getStatusCode().value();
        URI location = res.getHeaders().getLocation();
        if (res.getStatusCode().is3xxRedirection() && location != null) {
            return new Downloaded(null, location);
        }
        return new Downloaded(body(res, status, maxBytes), null);
    }

    private static byte[] body(ClientHttpResponse res, int status, long maxBytes) throws java.io.IOException {
        if (status < 200 || status >= 300) {
            // A 404 is a URL that expired (they live 5 minutes, and a file may wait for room to be read): the next
            // attempt asks for a fresh one (docs/cloud-api.md §7).
            throw downloadError(
                    status == 404 ? CloudApiErrorClass.RETRY_LATER : CloudApiErrorClass.of(null, status),
                    "Media download answered HTTP " + status,
                    status,
                    null);
        }
        byte[] bytes = readBody(res.getBody(), res.getHeaders().getContentLength(), maxBytes, status);
        if (bytes.length > maxBytes) {
            throw downloadError(CloudApiErrorClass.INVALID, "Media larger than " + maxBytes + " bytes", status, null);
        }
        return bytes;
    }

    /** The configured Graph host (any scheme: the simulator's is http), or https to one of Meta's media hosts. */
    boolean mayReceiveToken(URI target) {
        String host = target.getHost() == null ? "" : target.getHost().toLowerCase(Locale.ROOT);
        if (host.isEmpty()) {
            return false;
        }
        if (host.equalsIgnoreCase(graphBase.getHost()) && target.getPort() == graphBase.getPort()) {
            return true;
        }
        return "https".equalsIgnoreCase(target.getScheme())
                && target.getUserInfo() == null
                && mediaHosts.stream().anyMatch(allowed -> host.equals(allowed) || host.endsWith("." + allowed));
    }

    /**
     * The body of a download. With its length known (Meta sends it) and within the limit, it is read into one array of
     * that size: {@link java.io.InputStream#readNBytes(int)} gathers chunks and copies them, which would double the heap
     * a large file takes for a moment. Otherwise, at most one byte past the limit, for the caller to refuse.
     */
    private static byte[] readBody(java.io.InputStream body, long length, long maxBytes, int status)
            throws java.io.IOException {
        if (length < 0 || length > maxBytes) {
            return body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        }
        byte[] bytes = new byte[(int) length];
        int read = body.readNBytes(bytes, 0, bytes.length);
        if (read < bytes.length) {
            throw downloadError(
                    CloudApiErrorClass.RETRY_LATER,
                    "Media download ended after " + read + " of " + length + " bytes",
                    status,
                    null);
        }
        return bytes;
    }

    /** A failed download: no Graph error code, subcode or details, only what went wrong. */
    private static CloudApiException downloadError(
            CloudApiErrorClass errorClass, String title, int httpStatus, Throwable cause) {
        return new CloudApiException(errorClass, null, null, title, null, httpStatus, cause);
    }
}
