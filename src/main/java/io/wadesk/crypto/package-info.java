/**
 * Encryption at rest (docs/design.md §3): every module stores personal data through this one.
 *
 * <ul>
 *   <li>{@link io.wadesk.crypto.Vault} seals a value (AES-256-GCM) under its owner's data key, bound to the table,
 *       column and row it is stored in; a repository seals before it writes and opens after it reads.
 *   <li>{@link io.wadesk.crypto.BlindIndex} makes words and phone numbers searchable through keyed tokens.
 *   <li>{@link io.wadesk.crypto.CryptoShredder} destroys an owner's data key and tokens: its values become
 *       {@link io.wadesk.crypto.Opened.Destroyed}, in the database and in every backup.
 * </ul>
 *
 * <p>Keys come from the configuration, never from the database: {@code WADESK_CRYPTO_KEYS}
 * ({@code id:base64,id:base64}), {@code WADESK_CRYPTO_ACTIVE_KEY}, {@code WADESK_CRYPTO_INDEX_KEY}, or
 * {@code WADESK_CRYPTO_KEY_FILE}; demo mode generates them next to its embedded database.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package io.wadesk.crypto;
