package io.wadesk.archive.internal;

import java.time.LocalDate;

/**
 * A search of the archive; a null or blank filter matches everything. Dates are days (inclusive) of closing, in the
 * application's time zone. Keywords and tags are all required.
 */
record ArchiveQuery(
        LocalDate from,
        LocalDate to,
        Long teamId,
        Long agentId,
        String phone,
        String keywords,
        String tags,
        String consent,
        String transcript,
        Sort sort,
        int page) {

    enum Sort {
        NEWEST,
        OLDEST
    }

    static final int PAGE_SIZE = 20;

    ArchiveQuery {
        sort = sort == null ? Sort.NEWEST : sort;
        page = Math.max(page, 0);
    }

    static ArchiveQuery everything() {
        return new ArchiveQuery(null, null, null, null, null, null, null, null, null, Sort.NEWEST, 0);
    }

    ArchiveQuery withPage(int other) {
        return new ArchiveQuery(from, to, teamId, agentId, phone, keywords, tags, consent, transcript, sort, other);
    }
}
