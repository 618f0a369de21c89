package io.wadesk.crypto;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which owners of one kind still have a data key: for a module that names its owners by an ordered id (the webhook
 * inbox keys one owner per day) and must find the keys left behind, without reading the crypto tables itself.
 */
@Component
public class DataKeyOwners {

    private final JdbcClient jdbc;

    public DataKeyOwners(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The ids of the owners of {@code kind} with a live data key whose id sorts before {@code before}, in order. */
    public List<String> idsBefore(String kind, String before) {
        return jdbc.sql("SELECT owner_id FROM crypto_data_key WHERE owner_kind = ? AND owner_id < ? ORDER BY owner_id")
                .params(kind, before)
                .query(String.class)
                .list();
    }
}
