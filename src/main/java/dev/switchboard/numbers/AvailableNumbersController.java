package dev.switchboard.numbers;

import dev.switchboard.users.AuthenticatedUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /v1/numbers/available}: the seed endpoint. */
@RestController
class AvailableNumbersController {

    private final AvailableNumbersService service;
    private final AcrossAccountsSearch acrossAccounts;

    AvailableNumbersController(AvailableNumbersService service, AcrossAccountsSearch acrossAccounts) {
        this.service = service;
        this.acrossAccounts = acrossAccounts;
    }

    // The query is parsed by hand (every unknown or repeated parameter is a 422), so its four parameters are
    // declared here for the API description, with the seed's names, types and requiredness.
    @Operation(summary = "Numbers you can put to work on one telephony account",
            description = "Numbers on sale at the provider (`filters.source: inventory`, for POST /v1/numbers/buy) "
                    + "or already owned by the connected account (`source: account`, for POST /v1/numbers/link). "
                    + "Each filter is applied by the provider or by Switchboard; one that neither can honour answers "
                    + "422 naming it. An empty result is 200 with `items: []`.",
            parameters = {
                @Parameter(name = "telephony_provider", in = ParameterIn.QUERY, required = true,
                        description = "Must match the type of the account connection",
                        schema = @Schema(type = "string", allowableValues = {"twilio", "telnyx", "vonage", "sandbox"})),
                @Parameter(name = "telephony_account_connection", in = ParameterIn.QUERY, required = true,
                        description = "Id of one of your account connections",
                        schema = @Schema(type = "string", format = "uuid")),
                @Parameter(name = "limit", in = ParameterIn.QUERY,
                        description = "How many numbers, 1–100 (an integral number)",
                        schema = @Schema(type = "number", minimum = "1", maximum = "100", defaultValue = "20")),
                @Parameter(name = "filters", in = ParameterIn.QUERY,
                        description = "A JSON object encoded as a string. Keys, all optional: "
                                + "`source` (`inventory` default, or `account`), `country` (ISO 3166-1 alpha-2, default "
                                + "`US` for `inventory`, none for `account`), `type` (`local`, the default for "
                                + "`inventory`, `toll_free`, `mobile`, `national`; none for `account`), `area_code`, "
                                + "`contains` (digits or letters: `CALL` is 2255), `starts_with`, `ends_with`, `region`, "
                                + "`locality`, `postal_code`, `capabilities` (array of `voice`, `sms`, `mms`, `fax`), "
                                + "`exclude_address_required` (boolean), `best_effort` (boolean), `sort` (`monthly_price`, "
                                + "`setup_price` or `number`: ranks the provider's numbers as docs/filters.md says; "
                                + "left out, the provider's order). An unknown key or a value of the wrong type answers "
                                + "422 naming the key.",
                        example = "{\"area_code\": \"415\", \"capabilities\": [\"sms\"]}",
                        schema = @Schema(type = "string"))})
    @GetMapping("/v1/numbers/available")
    AvailableNumbersResponse available(AuthenticatedUser user,
            @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> query) {
        return service.search(user.id(), AvailableNumberQueryParser.parse(query));
    }

    @Operation(summary = "Numbers on sale across all your telephony accounts, ranked",
            description = "Asks each of your telephony account connections (all of them, or those in `connections`) "
                    + "the same search at once, under one deadline, and ranks what they answer: exact matches before "
                    + "best-effort ones, then by `filters.sort` (`monthly_price` by default), prices compared in "
                    + "`switchboard.pricing.currency` (`provider_details.converted_price`), unknown prices last; ties "
                    + "by number, provider and connection id. Each item is the single search's item, so POST "
                    + "/v1/numbers/buy takes it as is. `sources` says, per connection, whether it answered (`ok`), "
                    + "cannot honour a filter (`refused`) or failed (`failed`), with the problem its single search "
                    + "would have answered in `error` (plus `retry_after` in seconds). Answers 422 only when every "
                    + "connection refused the filters; another user's connection id answers 404 like an unknown one.",
            parameters = {
                @Parameter(name = "connections", in = ParameterIn.QUERY,
                        description = "Comma list of ids of your telephony account connections (at most "
                                + AvailableNumberQueryParser.MAX_CONNECTIONS + "); left out, all of them",
                        schema = @Schema(type = "string"),
                        example = "0f9d7c1e-2a3b-4c5d-8e6f-7a8b9c0d1e2f,11111111-2222-3333-4444-555555555555"),
                @Parameter(name = "limit", in = ParameterIn.QUERY,
                        description = "How many numbers each connection is asked for, and how many of the best are "
                                + "answered, 1–100",
                        schema = @Schema(type = "number", minimum = "1", maximum = "100", defaultValue = "20")),
                @Parameter(name = "filters", in = ParameterIn.QUERY,
                        description = "The filters of GET /v1/numbers/available (numbers on sale only: `source` may "
                                + "only be `inventory`), and `sort`: `monthly_price` (default), `setup_price` or "
                                + "`number`",
                        example = "{\"area_code\": \"415\", \"capabilities\": [\"sms\"], \"sort\": \"monthly_price\"}",
                        schema = @Schema(type = "string"))})
    @GetMapping("/v1/numbers/available/all")
    AcrossAccountsResponse availableEverywhere(AuthenticatedUser user,
            @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> query) {
        return acrossAccounts.search(user.id(), AvailableNumberQueryParser.parseAcrossAccounts(query));
    }
}
