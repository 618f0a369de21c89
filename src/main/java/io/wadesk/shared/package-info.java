/**
 * Small rules that several modules apply the same way: how long to wait before trying again ({@link
 * io.wadesk.shared.Backoff}) and how background threads are made and stopped ({@link io.wadesk.shared.Worker}).
 * Depends on no other module.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.wadesk.shared;
