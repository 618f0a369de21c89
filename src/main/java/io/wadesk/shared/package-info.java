/** Small rules that several modules apply the same way (e.g. how long to wait before trying again). */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.wadesk.shared;
