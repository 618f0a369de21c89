package io.wadesk.crypto;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Search without decrypting: values are indexed by keyed tokens (truncated HMAC-SHA256 of the normalised word or
 * number, see {@link TokenHasher}), stored per owner and field in {@code crypto_token}, and removed when the owner is
 * destroyed. A token reveals nothing without the index key, but equal words give equal tokens, so only index what
 * must be searchable.
 *
 * <p>Typical use: {@code index(KeyOwner.conversation(id), "body", wordTokens(text))} when a message is stored, then
 * {@code ownersMatchingAll("conversation", "body", wordTokens(query))}.
 */
@Service
public class BlindIndex {

    private static final Pattern FIELD = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");

    private final TokenHasher hasher;
    private final TokenRows tokens;
    private final DataKeyRows keyRows;
    private final DataKeys dataKeys;
    private final CryptoProperties properties;

    BlindIndex(
            TokenHasher hasher, TokenRows tokens, DataKeyRows keyRows, DataKeys dataKeys, CryptoProperties properties) {
        this.hasher = hasher;
        this.tokens = tokens;
        this.keyRows = keyRows;
        this.dataKeys = dataKeys;
        this.properties = properties;
    }

    /** The tokens of the words of a text: lower-cased, accents removed, split on anything but letters and digits. */
    public Set<String> wordTokens(String text) {
        return SearchableText.words(text).stream()
                .map(word -> hasher.token(TokenHasher.Kind.WORD, word))
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /**
     * The token of a phone number, normalised to E.164 digits first, so that every way of writing one number gives
     * one token (numbers in national form get {@code wadesk.crypto.phone-country-code}).
     *
     * @throws IllegalArgumentException if the text is not a phone number
     */
    public String phoneToken(String phone) {
        return hasher.token(TokenHasher.Kind.PHONE, SearchableText.phoneDigits(phone, properties.phoneCountryCode()));
    }

    /** The token of an identifier the caller has already normalised, such as a WhatsApp business-scoped user id. */
    public String token(String normalisedValue) {
        return hasher.token(TokenHasher.Kind.IDENTIFIER, Objects.requireNonNull(normalisedValue, "normalisedValue"));
    }

    /**
     * Adds tokens (from this class) to an owner's field; tokens already there are kept. Waits for, and refuses, a
     * concurrent destruction of the owner, so that no token outlives its owner's key.
     *
     * @throws ValueDestroyedException if the owner was destroyed
     */
    @Transactional
    public void index(KeyOwner owner, String field, Collection<String> tokens) {
        Set<String> distinct = checkedTokens(tokens);
        checkField(field);
        if (distinct.isEmpty()) {
            return;
        }
        // Tokens hang off the owner's key row (created if need be); a shared lock on it keeps a destruction out
        // until this transaction ends.
        dataKeys.forSealing(owner);
        DataKeyRows.Row row = keyRows.lockShared(owner).orElseThrow();
        if (row.destroyed()) {
            throw new ValueDestroyedException(owner, row.destroyedAt(), row.reason());
        }
        this.tokens.add(owner, field, distinct);
    }

    /** The owners of one kind whose field holds the token. */
    public Set<KeyOwner> ownersMatching(String ownerKind, String field, String token) {
        checkField(field);
        return owners(ownerKind, tokens.ownerIds(ownerKind, field, token));
    }

    /** The owners of one kind whose field holds every one of the tokens; none for no tokens. */
    public Set<KeyOwner> ownersMatchingAll(String ownerKind, String field, Collection<String> tokens) {
        checkField(field);
        Set<String> distinct = checkedTokens(tokens);
        if (distinct.isEmpty()) {
            return Set.of();
        }
        return owners(ownerKind, this.tokens.ownerIdsWithAll(ownerKind, field, distinct));
    }

    private static Set<KeyOwner> owners(String kind, Collection<String> ids) {
        return ids.stream().map(id -> KeyOwner.of(kind, id)).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** Only tokens from this class, never a plain word passed by mistake, reach the table. */
    private static Set<String> checkedTokens(Collection<String> tokens) {
        Set<String> distinct = new LinkedHashSet<>(tokens);
        for (String token : distinct) {
            if (token == null || !TokenHasher.TOKEN.matcher(token).matches()) {
                throw new IllegalArgumentException(
                        "Not a blind-index token: index what wordTokens, phoneToken or token return");
            }
        }
        return distinct;
    }

    private static void checkField(String field) {
        if (field == null || !FIELD.matcher(field).matches()) {
            throw new IllegalArgumentException("A field name is 1 to 64 lower-case letters, digits, _, . or -");
        }
    }
}
