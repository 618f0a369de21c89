package io.wadesk.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Multipart bodies only where a form uploads a file, and only within that form's limit, refused before anything
 * parses them: the container would otherwise parse (and spool to disk) a multipart body up to its own ceiling
 * ({@code spring.servlet.multipart.max-request-size}, sized for the largest upload) for any route and any visitor, as
 * soon as the CSRF filter reads a parameter. Sits in each security chain before the CSRF filter, where the signed-in
 * user is known.
 */
class MultipartGuard extends OncePerRequestFilter {

    /** A route taking a file, its largest body and whether the sender must be signed in. */
    record Upload(PathPatternRequestMatcher matcher, DataSize maxBody, boolean signedIn) {

        static Upload of(String pattern, DataSize maxBody, boolean signedIn) {
            return new Upload(
                    PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, pattern), maxBody, signedIn);
        }
    }

    /**
     * The composer's attachment (a document up to 100 MB, with its form fields), the simulator's customer photo (5 MB),
     * and the simulator's fake Graph API, to which this application's own client uploads the agents' files.
     */
    static final List<Upload> UPLOADS = List.of(
            Upload.of("/desk/conversations/*/send", DataSize.ofMegabytes(101), true),
            Upload.of("/simulator/images", DataSize.ofMegabytes(6), true),
            Upload.of("/simulator/graph/*/*/media", DataSize.ofMegabytes(101), false));

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!isMultipart(request)) {
            chain.doFilter(request, response);
            return;
        }
        Upload upload = UPLOADS.stream()
                .filter(candidate -> candidate.matcher().matches(request))
                .findFirst()
                .orElse(null);
        if (!refused(upload, request, response)) {
            chain.doFilter(request, response);
        }
    }

    /** Whether the body is refused (and the error sent): no upload here, an anonymous sender, or too large. */
    private static boolean refused(Upload upload, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (upload == null) {
            response.sendError(HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, "No file is taken here");
        } else if (upload.signedIn() && !signedIn()) {
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED, "Sign in to send a file");
        } else if (request.getContentLengthLong() > upload.maxBody().toBytes()) {
            // A body of unknown length (chunked) is cut by the container's ceiling instead.
            response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "The file is too large");
        } else {
            return false;
        }
        return true;
    }

    private static boolean isMultipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    private static boolean signedIn() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null
                && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken);
    }
}
