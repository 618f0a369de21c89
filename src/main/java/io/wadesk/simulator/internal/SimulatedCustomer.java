package io.wadesk.simulator.internal;

/** A customer played in the simulator: a WhatsApp profile name and a phone number in international form. */
public record SimulatedCustomer(String name, String phone) {}
