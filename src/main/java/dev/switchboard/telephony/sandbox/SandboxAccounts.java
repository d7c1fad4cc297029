package dev.switchboard.telephony.sandbox;

import dev.switchboard.telephony.NumberType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The starter numbers of each sandbox account, by account connection: a connection starts out owning a handful of
 * numbers drawn from the seed and its id (three US local, one Canadian local, one US toll-free), none of them on
 * sale in the inventory, so two connections own different numbers and a connection owns the same ones on every run.
 *
 * <p>Starters are a pure function of the seed and the connection, cached once drawn; what an account bought or
 * released since lives in the database ({@link SandboxHoldingRepository}), and {@link SandboxTelephonyProvider}
 * combines the two.
 */
final class SandboxAccounts {

    private record Starter(String country, NumberType type, int count) {}

    private static final List<Starter> STARTERS = List.of(
            new Starter("US", NumberType.LOCAL, 3),
            new Starter("CA", NumberType.LOCAL, 1),
            new Starter("US", NumberType.TOLL_FREE, 1));

    private final SandboxCatalogue catalogue;
    private final NumberingPlan plan;
    private final SandboxInventory inventory;
    private final ConcurrentMap<UUID, List<SandboxNumber>> starters = new ConcurrentHashMap<>();

    SandboxAccounts(SandboxCatalogue catalogue, NumberingPlan plan, SandboxInventory inventory) {
        this.catalogue = catalogue;
        this.plan = plan;
        this.inventory = inventory;
    }

    /** The numbers the connection's sandbox account starts out owning, in the sandbox's stable order. */
    List<SandboxNumber> starters(UUID connectionId) {
        return starters.computeIfAbsent(connectionId, this::starterNumbers);
    }

    private List<SandboxNumber> starterNumbers(UUID connectionId) {
        Random random = plan.randomFor(NumberingPlan.ACCOUNT, connectionId.getMostSignificantBits(),
                connectionId.getLeastSignificantBits());
        List<SandboxNumber> owned = new ArrayList<>();
        for (Starter starter : STARTERS) {
            int[] rateCenters = catalogue.ofKind(starter.country(), starter.type()).stream().toArray();
            if (rateCenters.length == 0) {
                continue; // a trimmed-down catalogue (in a test) may lack the kind
            }
            for (int i = 0; i < starter.count(); i++) {
                RateCenter rc = catalogue.rateCenter(rateCenters[random.nextInt(rateCenters.length)]);
                SandboxNumber number;
                do {
                    number = plan.draw(rc, random);
                } while (inventory.isOnSale(number.nationalNumber()) || contains(owned, number));
                owned.add(number.ownedAs(numberId(connectionId, number)));
            }
        }
        owned.sort(Comparator.comparingLong(n -> plan.orderKey(n.nationalNumber())));
        return List.copyOf(owned);
    }

    /** Like a provider's own id of an owned number (Twilio's {@code PN...}): stable, and plainly the sandbox's. */
    private String numberId(UUID connectionId, SandboxNumber number) {
        Random random = plan.randomFor(NumberingPlan.NUMBER_ID, connectionId.getMostSignificantBits(),
                connectionId.getLeastSignificantBits(), Long.parseLong(number.nationalNumber()));
        HexFormat hex = HexFormat.of();
        return "SB" + hex.toHexDigits(random.nextLong()) + hex.toHexDigits(random.nextLong());
    }

    private static boolean contains(List<SandboxNumber> numbers, SandboxNumber number) {
        return numbers.stream().anyMatch(n -> n.nationalNumber().equals(number.nationalNumber()));
    }
}
