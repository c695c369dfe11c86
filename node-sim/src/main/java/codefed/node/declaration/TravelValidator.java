package codefed.node.declaration;

import codefed.node.region.Regions;
import healthcode.federation.v1.TransportMode;
import healthcode.federation.v1.Travel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** The travel part of the form (省外入滇人员: origin, departure, transport, arrival, destination). */
final class TravelValidator {
  /** Seed 003 covers people who intend to come (拟入晋人员): travel may lie ahead, within reason. */
  static final Duration MAX_AHEAD = Duration.ofDays(30);

  private final Regions regions;
  private final Clock clock;

  TravelValidator(Regions regions, Clock clock) {
    this.regions = regions;
    this.clock = clock;
  }

  Travel validate(Travel t) throws InvalidDeclarationException {
    String country = t.getOriginCountry().trim().toUpperCase(Locale.ROOT);
    if (country.isEmpty()) {
      throw new InvalidDeclarationException("declaration.travel.origin_country", Problem.MISSING);
    }
    if (!country.matches("[A-Z]{2}")) {
      throw new InvalidDeclarationException(
          "declaration.travel.origin_country", Problem.COUNTRY, country);
    }
    String origin = t.getOriginAreaCode().trim();
    if (country.equals("CN")) {
      origin =
          DeclarationValidator.areaCode("declaration.travel.origin_area_code", origin, regions);
    } else if (!origin.isEmpty()) {
      throw new InvalidDeclarationException(
          "declaration.travel.origin_area_code", Problem.AREA_FOR_ABROAD);
    }
    Instant departed =
        DeclarationValidator.instant(
            "declaration.travel.departed_at", t.getDepartedAt(), t.hasDepartedAt());
    TransportMode transport =
        DeclarationValidator.specified(
            "declaration.travel.transport",
            t.getTransport(),
            TransportMode.TRANSPORT_MODE_UNSPECIFIED);
    Instant arrived =
        DeclarationValidator.instant(
            "declaration.travel.arrived_at", t.getArrivedAt(), t.hasArrivedAt());
    Instant latest = clock.instant().plus(MAX_AHEAD);
    if (departed.isAfter(latest)) {
      throw new InvalidDeclarationException(
          "declaration.travel.departed_at", Problem.TOO_FAR_AHEAD, departed);
    }
    if (arrived.isBefore(departed)) {
      throw new InvalidDeclarationException(
          "declaration.travel.arrived_at", Problem.ARRIVAL_BEFORE_DEPARTURE);
    }
    if (arrived.isAfter(latest)) {
      throw new InvalidDeclarationException(
          "declaration.travel.arrived_at", Problem.TOO_FAR_AHEAD, arrived);
    }
    String destination =
        DeclarationValidator.areaCode(
            "declaration.travel.destination_area_code", t.getDestinationAreaCode(), regions);
    return t.toBuilder()
        .setOriginCountry(country)
        .setOriginAreaCode(origin)
        .setTransport(transport)
        .setDestinationAreaCode(destination)
        .setDestinationAddress(
            DeclarationValidator.text(
                "declaration.travel.destination_address",
                t.getDestinationAddress(),
                DeclarationValidator.MAX_TEXT,
                true))
        .setTransit(
            DeclarationValidator.text(
                "declaration.travel.transit", t.getTransit(), DeclarationValidator.MAX_TEXT, false))
        .build();
  }
}
