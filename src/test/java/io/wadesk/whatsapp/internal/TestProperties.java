package io.wadesk.whatsapp.internal;

import io.wadesk.whatsapp.CloudApiProperties;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@link CloudApiProperties} as Spring binds them, pointing at a stub, with some settings changed. */
final class TestProperties {

    private TestProperties() {}

    static CloudApiProperties against(URI graphUrl, Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.put("wadesk.whatsapp.graph-url", graphUrl.toString());
        all.putIfAbsent("wadesk.whatsapp.access-token", "test-token");
        all.putIfAbsent("wadesk.whatsapp.read-timeout", "2s");
        return new Binder(new MapConfigurationPropertySource(all))
                .bindOrCreate("wadesk.whatsapp", CloudApiProperties.class);
    }
}
