package io.wadesk.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * French or English: the browser's preference between the two, French otherwise; {@code ?lang=en} or
 * {@code ?lang=fr} switches, remembered in a cookie (no server state).
 */
@Configuration(proxyBeanMethods = false)
class LocaleConfiguration implements WebMvcConfigurer {

    private static final Set<String> SUPPORTED = Set.of("fr", "en");

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("WADESK_LANG");
        resolver.setDefaultLocaleFunction(LocaleConfiguration::preferredSupportedLocale);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        return resolver;
    }

    private static Locale preferredSupportedLocale(HttpServletRequest request) {
        Locale requested = request.getHeader("Accept-Language") == null ? Locale.FRENCH : request.getLocale();
        return SUPPORTED.contains(requested.getLanguage())
                ? Locale.forLanguageTag(requested.getLanguage())
                : Locale.FRENCH;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor interceptor = new LocaleChangeInterceptor();
        interceptor.setParamName("lang");
        interceptor.setIgnoreInvalidLocale(true);
        // Meta's webhook has no locale. Reading ?lang= makes the container parse a form body, and a body declared as a
        // form that does not decode would be refused with a stack trace in the log instead of the webhook's 415.
        registry.addInterceptor(interceptor).excludePathPatterns("/webhooks/**");
    }
}
