package io.wadesk.agent;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The global default capacity: used when neither the agent nor any of their teams sets one. */
@ConfigurationProperties("wadesk.routing")
record DefaultCapacityProperties(@DefaultValue("3") int defaultCapacity) {}
