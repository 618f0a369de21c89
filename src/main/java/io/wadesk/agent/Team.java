package io.wadesk.agent;

/** A team: its queue, its default capacity and its optional signature. */
public record Team(long id, String name, int defaultCapacity, String signatureFormat, boolean isDefault) {}
