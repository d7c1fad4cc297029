package dev.switchboard.telephony.twilio;

import dev.switchboard.telephony.Deadline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.telephony.AvailableNumber;
import dev.switchboard.telephony.Capabilities;
import dev.switchboard.telephony.EmulatedFault;
import dev.switchboard.telephony.NumberType;
import dev.switchboard.telephony.ProviderAccount;
import dev.switchboard.telephony.ProviderFault;
import dev.switchboard.telephony.twilio.TwilioEmulator.Fault;
import dev.switchboard.telephony.twilio.TwilioEmulator.InventoryNumber;
import dev.switchboard.telephony.twilio.TwilioEmulator.OwnedNumber;
import dev.switchboard.telephony.twilio.TwilioEmulator.ReceivedRequest;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How the Twilio adapter buys, finds and releases one number over Twilio's wire: what it sends (a form POST, a
 * filtered GET, a DELETE by SID), how it reads Twilio's answers and error codes, and that a purchase is sent once.
 */
class TwilioBuyingTest {

    private static Deadline deadline() {
        return TwilioAdapterTest.deadline();
    }


    private static final String SID = TwilioAdapterTest.SID;
    private static final String TOKEN = TwilioAdapterTest.TOKEN;
    private static final String ON_SALE = "+13125550175";

    private TwilioEmulator twilio;
    private TwilioAdapter adapter;
    private final ProviderAccount account = TwilioAdapterTest.account(SID, TOKEN);

    @BeforeEach
    void startTwilio() {
        twilio = TwilioEmulator.start().registerAccount(SID, TOKEN)
                .addInventory(InventoryNumber.of(ON_SALE, "US", NumberType.LOCAL).in("IL", "Chicago", "60601")
                        .capabilities(true, true, false, true).addressRequirements("local"))
                .addOwned(SID, OwnedNumber.of("+14165550123", NumberType.LOCAL),
                        OwnedNumber.of("+18885550142", NumberType.TOLL_FREE));
        adapter = TwilioAdapterTest.adapter(TwilioAdapterTest.TIMEOUT, twilio.baseUrl(), Clock.systemUTC());
    }

    @AfterEach
    void everyExchangeConformedToTwiliosDocument() {
        try {
            twilio.assertConformant();
        } finally {
            adapter.close();
            twilio.close();
        }
    }

    @Test
    void buyingPostsThePhoneNumberAsAFormAndReadsTheNumberTwilioCreated() {
        AvailableNumber bought = adapter.buy(account, ON_SALE, deadline());

        ReceivedRequest post = twilio.requests().getLast();
        assertThat(post.method()).isEqualTo("POST");
        assertThat(post.path()).isEqualTo("/2010-04-01/Accounts/" + SID + "/IncomingPhoneNumbers.json");
        assertThat(post.form()).isEqualTo(Map.of("PhoneNumber", List.of(ON_SALE)));
        assertThat(post.query()).isEmpty();
        OwnedNumber created = twilio.owned(SID).getLast();
        assertThat(bought).isEqualTo(new AvailableNumber(ON_SALE, "US", NumberType.LOCAL, null, null, null,
                new Capabilities(true, true, false, true), "local", null, false, created.sid()));
        assertThat(created.sid()).matches("PN[0-9a-f]{32}");
        assertThat(twilio.inventory()).extracting(InventoryNumber::phoneNumber).doesNotContain(ON_SALE);
    }

    @ParameterizedTest
    @ValueSource(ints = {21421, 21422, 21452})
    void twiliosCodesForANumberItWillNotSellAreNumberNotOnSale(int code) {
        twilio.injectNext(Fault.twilioError(400, code, "PhoneNumber is not available"));

        assertThatThrownBy(() -> adapter.buy(account, ON_SALE, deadline()))
                .isInstanceOfSatisfying(ProviderFault.NumberNotOnSale.class, f -> {
                    assertThat(f.phoneNumber()).isEqualTo(ON_SALE);
                    assertThat(f.provider()).isEqualTo(adapter.name());
                });
    }

    @Test
    void anotherRefusalOfThePurchaseIsARejectedRequestCarryingTwiliosCode() {
        twilio.injectNext(Fault.twilioError(400, 21631, "Phone Number Requires an Address"));

        assertThatThrownBy(() -> adapter.buy(account, ON_SALE, deadline()))
                .isInstanceOfSatisfying(ProviderFault.RejectedRequest.class, f -> {
                    assertThat(f.providerCode()).isEqualTo("21631");
                    assertThat(f.getMessage()).contains(ON_SALE, "Requires an Address");
                });
    }

    @Test
    void theEmulatorAnswersANumberNotOnSaleWithTwilios21422() {
        assertThatThrownBy(() -> adapter.buy(account, "+15005550000", deadline()))
                .isInstanceOf(ProviderFault.NumberNotOnSale.class);
        assertThatThrownBy(() -> adapter.buy(account, "not-a-number", deadline()))
                .isInstanceOf(ProviderFault.NumberNotOnSale.class);
    }

    @Test
    void aPurchaseThatFailsIsSentOnceAndNeverRetried() {
        twilio.inject(new EmulatedFault.DropConnection());
        assertThatThrownBy(() -> adapter.buy(account, ON_SALE,
                deadline())).isInstanceOf(ProviderFault.Unavailable.class);
        twilio.inject(Fault.twilioError(503, 20503, "Service Unavailable"));
        assertThatThrownBy(() -> adapter.buy(account, ON_SALE,
                deadline())).isInstanceOf(ProviderFault.Unavailable.class);
        twilio.inject(Fault.twilioError(429, 20429, "Too Many Requests"));
        assertThatThrownBy(() -> adapter.buy(account, ON_SALE,
                deadline())).isInstanceOf(ProviderFault.RateLimited.class);

        assertThat(twilio.requestCount("POST")).isEqualTo(3);
        assertThat(twilio.requestCount()).isEqualTo(3);
    }

    @Test
    void findOwnedAsksTwilioForThatNumberAndTellsCountryAndTypeFromIt() {
        AvailableNumber toronto = adapter.findOwned(account, "+14165550123", deadline()).orElseThrow();
        AvailableNumber tollFree = adapter.findOwned(account, "+18885550142", deadline()).orElseThrow();

        assertThat(twilio.requests()).extracting(r -> r.parameter("PhoneNumber").orElseThrow())
                .containsExactly("+14165550123", "+18885550142");
        assertThat(toronto.country()).isEqualTo("CA");
        assertThat(toronto.type()).isEqualTo(NumberType.LOCAL);
        assertThat(toronto.providerNumberId()).isEqualTo(TwilioEmulator.sidFor("PN", "+14165550123"));
        assertThat(tollFree.country()).isEqualTo("US");
        assertThat(tollFree.type()).isEqualTo(NumberType.TOLL_FREE);
        assertThat(adapter.findOwned(account, ON_SALE, deadline())).isEmpty();
    }

    @Test
    void releaseWithTheSidDeletesItAtOnce() {
        String sid = TwilioEmulator.sidFor("PN", "+14165550123");

        adapter.release(account, "+14165550123", sid, deadline());

        assertThat(twilio.requests()).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("DELETE");
            assertThat(r.path()).isEqualTo("/2010-04-01/Accounts/" + SID + "/IncomingPhoneNumbers/" + sid + ".json");
        });
        assertThat(twilio.owned(SID)).extracting(OwnedNumber::phoneNumber).containsExactly("+18885550142");
    }

    @Test
    void releaseWithoutASidOrWithAnotherProvidersIdLooksTheSidUpFirst() {
        adapter.release(account, "+14165550123", null, deadline());
        adapter.release(account, "+18885550142", "SB0123456789abcdef0123456789abcdef", deadline());

        assertThat(twilio.requests()).extracting(ReceivedRequest::method)
                .containsExactly("GET", "DELETE", "GET", "DELETE");
        assertThat(twilio.owned(SID)).isEmpty();
    }

    @Test
    void releasingANumberNoLongerOwnedSucceeds() {
        String sid = TwilioEmulator.sidFor("PN", "+14165550123");
        adapter.release(account, "+14165550123", sid, deadline());

        adapter.release(account, "+14165550123", sid, deadline()); // Twilio's 404: already released
        adapter.release(account, "+14165550123", null, deadline()); // not found by the look-up: no DELETE at all

        assertThat(twilio.requests()).extracting(ReceivedRequest::method).containsExactly("DELETE", "DELETE", "GET");
    }

    @Test
    void aReleaseAnsweredWithABodyThatIsNotJsonIsUnavailable() {
        twilio.injectNext(new EmulatedFault.Respond(200, "text/html", "<html>maintenance</html>", Map.of()));

        assertThatThrownBy(() -> adapter.release(account, "+14165550123", TwilioEmulator.sidFor("PN", "+14165550123"),
                deadline()))
                .isInstanceOfSatisfying(ProviderFault.Unavailable.class,
                        f -> assertThat(f.getMessage()).contains("unknown"));
    }
}
