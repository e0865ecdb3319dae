package org.safeguarding.hub.intake;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.safeguarding.hub.partner.Feed;
import org.safeguarding.hub.security.HubUser;
import org.safeguarding.hub.web.HubProblem;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.util.List;
import java.util.UUID;

/**
 * Partner systems push their feeds here and read their receipts back. The agency is always the
 * authenticated system's (HubUser), never anything in the payload. A new message answers 201 with its
 * receipt; a re-sent one (same X-Message-Id or same content) answers 200 with the original receipt.
 * With {@code ?dryRun=true} any feed answers 200 with the outcomes it would give ({@link DryRun}) and
 * stores nothing ({@link IntakeService#dryRun}). One operation per feed, so that the OpenAPI document
 * gives each its own request schema (docs/feeds, openapi.ApiContract).
 */
@RestController
// Receipts are JSON: an Accept the hub cannot answer is refused (406) before anything is stored.
@RequestMapping(path = "/api/v1/intake", produces = {MediaType.APPLICATION_JSON_VALUE, "application/fhir+json"})
@PreAuthorize("hasRole('partner-system')")
@Tag(name = "Intake", description = "Partner feeds in, receipts out (docs/feeds)")
class IntakeController {

    static final List<String> JSON = List.of("application/json");
    static final List<String> CSV = List.of("text/csv", "application/csv");
    static final List<String> FHIR = List.of("application/fhir+json", "application/json", "application/fhir+xml",
            "application/xml", "text/xml");

    private final IntakeService intake;
    private final Receipts receipts;
    private final RequestBodies bodies;

    IntakeController(IntakeService intake, Receipts receipts, RequestBodies bodies) {
        this.intake = intake;
        this.receipts = receipts;
        this.bodies = bodies;
    }

    /** The answers every feed operation documents; the request body is each feed's own. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(responseCode = "201", description = "Stored: the receipt, one outcome per record",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = Receipt.class)))
    @ApiResponse(responseCode = "200", description = "A re-sent message's original receipt (Receipt); with "
            + "dryRun=true, the outcomes the message would get, nothing stored (DryRun)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(oneOf = {Receipt.class, DryRun.class})))
    @ApiResponse(responseCode = "400", description = "The message cannot be read as a whole; nothing was stored",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "#/components/schemas/Problem")))
    @ApiResponse(responseCode = "403", description = "No information-sharing agreement covers this feed for your agency",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "#/components/schemas/Problem")))
    @ApiResponse(responseCode = "413", description = "Larger than a message may be; split the batch",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "#/components/schemas/Problem")))
    @ApiResponse(responseCode = "415", description = "A Content-Type the feed does not take",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "#/components/schemas/Problem")))
    @interface FeedAnswers {
    }

    @PostMapping("/police")
    @Operation(summary = "Police feed: a batch of up to 10,000 records",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(ref = "#/components/schemas/police"))))
    @FeedAnswers
    @DryRunParameter
    ResponseEntity<?> police(@AuthenticationPrincipal HubUser user, HttpServletRequest request,
                             @MessageIdHeader @RequestHeader(name = "X-Message-Id", required = false) String messageId) throws IOException {
        return answer(user, Feed.POLICE, request, messageId, JSON);
    }

    @PostMapping("/social-care")
    @Operation(summary = "Children's social care extract: a batch of up to 10,000 records",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(ref = "#/components/schemas/social-care"))))
    @FeedAnswers
    @DryRunParameter
    ResponseEntity<?> socialCare(@AuthenticationPrincipal HubUser user, HttpServletRequest request,
                                 @MessageIdHeader @RequestHeader(name = "X-Message-Id", required = false) String messageId) throws IOException {
        return answer(user, Feed.SOCIAL_CARE, request, messageId, JSON);
    }

    @PostMapping("/marf")
    @Operation(summary = "Multi-agency referral form: one form per message; it becomes a MASH contact",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(ref = "#/components/schemas/marf"))))
    @FeedAnswers
    @DryRunParameter
    ResponseEntity<?> marf(@AuthenticationPrincipal HubUser user, HttpServletRequest request,
                           @MessageIdHeader @RequestHeader(name = "X-Message-Id", required = false) String messageId) throws IOException {
        return answer(user, Feed.MARF, request, messageId, JSON);
    }

    @PostMapping("/education")
    @Operation(summary = "Education feed: UTF-8 CSV keyed by UPN, the header row is the contract "
            + "(docs/feeds/education.csv.md)",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "text/csv", schema = @Schema(type = "string", description = "record_id,record_type,upn,"
                    + "given_name,family_name,date_of_birth,postcode,occurred_on[,sex,attendance_percent,exclusion_kind,notes]"))))
    @FeedAnswers
    @DryRunParameter
    ResponseEntity<?> education(@AuthenticationPrincipal HubUser user, HttpServletRequest request,
                                @MessageIdHeader @RequestHeader(name = "X-Message-Id", required = false) String messageId) throws IOException {
        return answer(user, Feed.EDUCATION, request, messageId, CSV);
    }

    @PostMapping("/health")
    @Operation(summary = "Health feed: a FHIR R4 transaction or collection Bundle (docs/feeds/health-fhir-mapping.md)",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
                    @Content(mediaType = "application/fhir+json", schema = @Schema(type = "object",
                            description = "FHIR R4 Bundle (http://hl7.org/fhir/R4/bundle.html)")),
                    @Content(mediaType = "application/fhir+xml", schema = @Schema(type = "string"))}))
    @FeedAnswers
    @DryRunParameter
    ResponseEntity<?> health(@AuthenticationPrincipal HubUser user, HttpServletRequest request,
                             @MessageIdHeader @RequestHeader(name = "X-Message-Id", required = false) String messageId) throws IOException {
        return answer(user, Feed.HEALTH, request, messageId, FHIR);
    }

    @GetMapping("/receipts/{receiptId}")
    @Operation(summary = "A receipt of your agency's, read back")
    Receipt receipt(@AuthenticationPrincipal HubUser user, @PathVariable UUID receiptId) {
        return receipts.byReceiptId(receiptId, user.agencyId())
                .orElseThrow(() -> HubProblem.notFound("Your agency has no receipt " + receiptId + "."));
    }

    private ResponseEntity<?> answer(HubUser user, Feed feed, HttpServletRequest request, String messageId,
                                     List<String> types) throws IOException {
        if (!DryRunFlag.of(request)) {
            return submit(user, feed, request, messageId, types);
        }
        checkMessageId(messageId);
        byte[] body = bodies.read(request, types);
        return ResponseEntity.ok(intake.dryRun(user.agencyId(), user.name(), feed, messageId, request.getContentType(), body));
    }

    ResponseEntity<Receipt> submit(HubUser user, Feed feed, HttpServletRequest request, String messageId,
                                   List<String> types) throws IOException {
        checkMessageId(messageId);
        byte[] body = bodies.read(request, types);
        Receipt receipt = intake.submit(user.agencyId(), user.name(), feed, messageId, request.getContentType(), body);
        return ResponseEntity.status(receipt.resent() ? HttpStatus.OK : HttpStatus.CREATED)
                .location(URI.create("/api/v1/intake/receipts/" + receipt.receiptId())).body(receipt);
    }

    private static void checkMessageId(String messageId) {
        if (messageId != null && (messageId.isBlank() || messageId.length() > 200)) {
            throw HubProblem.badRequest("X-Message-Id must be 1 to 200 characters.", "X-Message-Id");
        }
    }

    @Target(ElementType.PARAMETER)
    @Retention(RetentionPolicy.RUNTIME)
    @Parameter(name = "X-Message-Id", description = "your id for the message (1-200 characters): a message re-sent "
            + "with the same id gets its original receipt")
    @interface MessageIdHeader {
    }

    /** On each feed operation: the query parameter is read by {@link DryRunFlag}, the one reading of it. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @Parameter(name = DryRunFlag.NAME, in = ParameterIn.QUERY, schema = @Schema(type = "boolean", defaultValue = "false"),
            description = "true: check the message and answer the outcomes it would get, storing "
            + "nothing (no receipt, record, quarantine entry or inbound message); the audit trail notes the dry run. "
            + "true or false in any letter case; any other value is refused (400) and nothing is stored")
    @interface DryRunParameter {
    }
}
