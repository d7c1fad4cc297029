package dev.switchboard.telephony.sandbox;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sandbox provider's books in the database ({@code V2__sandbox_holdings.sql}): numbers sold, by connection, and
 * starter numbers released. Every read is one query on an index; every write is one statement.
 *
 * <p>Writes run in a transaction of their own ({@code REQUIRES_NEW}), never in a caller's: the sandbox stands for a
 * provider, and a provider's sale does not roll back with the caller's database work (a caller that records its
 * intent, buys and then fails must find the number bought, as it would at Twilio). It also keeps a refused duplicate
 * sale from aborting a caller's PostgreSQL transaction.
 */
final class SandboxHoldingRepository {

    /** One connection's changes to what it owns: numbers it bought, and starter numbers it released. */
    record Holdings(List<Sale> bought, Set<String> releasedStarters) {
        static final Holdings NONE = new Holdings(List.of(), Set.of());
    }

    /** A number sold to a connection, with the sandbox's id of the sale. */
    record Sale(String phoneNumber, String providerNumberId) {}

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;

    SandboxHoldingRepository(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
        this.ownTransaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Every number sold to any connection, in E.164: they are no longer on sale. */
    Set<String> soldNumbers() {
        return new HashSet<>(jdbc.sql("SELECT phone_number FROM sandbox_sold_numbers").query(String.class).list());
    }

    /** What the connection bought and released, in one query. */
    Holdings holdingsOf(UUID connectionId) {
        record Row(String phoneNumber, @Nullable String providerNumberId) {}
        List<Row> rows = jdbc.sql("""
                        SELECT phone_number, provider_number_id FROM sandbox_sold_numbers WHERE connection_id = :c
                        UNION ALL
                        SELECT phone_number, NULL FROM sandbox_released_starters WHERE connection_id = :c""")
                .param("c", connectionId)
                .query((rs, i) -> new Row(rs.getString(1), rs.getString(2)))
                .list();
        if (rows.isEmpty()) {
            return Holdings.NONE;
        }
        List<Sale> bought = rows.stream().filter(r -> r.providerNumberId() != null)
                .map(r -> new Sale(r.phoneNumber(), r.providerNumberId())).toList();
        Set<String> released = new HashSet<>();
        rows.stream().filter(r -> r.providerNumberId() == null).forEach(r -> released.add(r.phoneNumber()));
        return new Holdings(bought, released);
    }

    /** Sells the number to the connection; false when it is already sold (to anyone). */
    boolean recordSale(UUID connectionId, String phoneNumber, String providerNumberId) {
        try {
            ownTransaction.executeWithoutResult(status -> jdbc.sql("""
                            INSERT INTO sandbox_sold_numbers (phone_number, connection_id, provider_number_id, sold_at)
                            VALUES (:number, :connection, :id, :now)""")
                    .param("number", phoneNumber).param("connection", connectionId).param("id", providerNumberId)
                    .param("now", OffsetDateTime.now(ZoneOffset.UTC))
                    .update());
            return true;
        } catch (DuplicateKeyException alreadySold) {
            return false;
        }
    }

    /**
     * Takes the number back from the connection (it goes back on sale); with a provider id, only that very sale,
     * so a stale id cannot release a later purchase of the same number. False when there was no such sale.
     */
    boolean removeSale(UUID connectionId, String phoneNumber, @Nullable String providerNumberId) {
        String sql = "DELETE FROM sandbox_sold_numbers WHERE phone_number = :number AND connection_id = :connection"
                + (providerNumberId == null ? "" : " AND provider_number_id = :id");
        Integer removed = ownTransaction.execute(status -> {
            JdbcClient.StatementSpec delete = jdbc.sql(sql).param("number", phoneNumber)
                    .param("connection", connectionId);
            return (providerNumberId == null ? delete : delete.param("id", providerNumberId)).update();
        });
        return removed != null && removed > 0;
    }

    /** Records that the connection released one of its starter numbers; releasing it again changes nothing. */
    void recordStarterReleased(UUID connectionId, String phoneNumber) {
        try {
            ownTransaction.executeWithoutResult(status -> jdbc.sql("""
                            INSERT INTO sandbox_released_starters (connection_id, phone_number, released_at)
                            VALUES (:connection, :number, :now)""")
                    .param("connection", connectionId).param("number", phoneNumber)
                    .param("now", OffsetDateTime.now(ZoneOffset.UTC))
                    .update());
        } catch (DuplicateKeyException alreadyReleased) {
            // released before: nothing more to do
        }
    }

    /** Where the connection's number points (V7's {@code sandbox_routing}); empty when it was never pointed anywhere. */
    java.util.Optional<dev.switchboard.telephony.RoutingTarget> routing(UUID connectionId, String phoneNumber) {
        return jdbc.sql("SELECT voice_url, sms_url, application_id FROM sandbox_routing "
                        + "WHERE connection_id = :connection AND phone_number = :number")
                .param("connection", connectionId).param("number", phoneNumber)
                .query((rs, i) -> new dev.switchboard.telephony.RoutingTarget(rs.getString("voice_url"),
                        rs.getString("sms_url"), rs.getString("application_id")))
                .optional();
    }

    /** Stores where the number points now, in full (what the sandbox provider merged from the target). */
    void saveRouting(UUID connectionId, String phoneNumber, dev.switchboard.telephony.RoutingTarget routing) {
        ownTransaction.executeWithoutResult(status -> {
            jdbc.sql("DELETE FROM sandbox_routing WHERE connection_id = :connection AND phone_number = :number")
                    .param("connection", connectionId).param("number", phoneNumber).update();
            jdbc.sql("""
                            INSERT INTO sandbox_routing (connection_id, phone_number, voice_url, sms_url, application_id,
                              updated_at) VALUES (:connection, :number, :voice, :sms, :application, :now)""")
                    .param("connection", connectionId).param("number", phoneNumber)
                    .param("voice", routing.voiceUrl()).param("sms", routing.smsUrl())
                    .param("application", routing.applicationId())
                    .param("now", OffsetDateTime.now(ZoneOffset.UTC))
                    .update();
        });
    }

    /** Forgets where a released number pointed: bought again, it points nowhere. */
    void forgetRouting(UUID connectionId, String phoneNumber) {
        ownTransaction.executeWithoutResult(status -> jdbc.sql(
                        "DELETE FROM sandbox_routing WHERE connection_id = :connection AND phone_number = :number")
                .param("connection", connectionId).param("number", phoneNumber).update());
    }
}
