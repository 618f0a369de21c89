/**
 * Where the data lives: the external PostgreSQL named by {@code SPRING_DATASOURCE_URL}, or the embedded one of demo
 * mode; and one clear sentence when the database cannot be reached.
 */
@org.springframework.modulith.ApplicationModule(
        type = org.springframework.modulith.ApplicationModule.Type.OPEN,
        allowedDependencies = {"shared"})
package io.wadesk.database;
