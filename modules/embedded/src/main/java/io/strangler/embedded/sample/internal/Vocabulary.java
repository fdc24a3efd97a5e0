package io.strangler.embedded.sample.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Word lists and value ranges for the sample data. Some words are deliberately non-ASCII or contain quotes so
 * that encodings and escaping are exercised on both engines.
 */
public final class Vocabulary {

    public static final List<String> FIRST_NAMES = List.of("Ada", "Björn", "Chloé", "Dmitri", "Elif", "François",
            "Grace", "Hiroshi", "Inês", "Jamal", "Katarzyna", "Liam", "Mei", "Nuno", "Olúwa", "Priya", "Quinn",
            "Rafael", "Søren", "Tariq", "Uma", "Viktor", "Wen", "Ximena", "Yusuf", "Zoë");
    public static final List<String> LAST_NAMES = List.of("Anderson", "Brown", "Çelik", "Dubois", "Eriksson",
            "Fernández", "García", "Hansen", "Ivanova", "Jensen", "Kowalski", "López", "Müller", "Nguyen",
            "O'Brien", "Petrov", "Rossi", "Schmidt", "Tanaka", "Urban", "Virtanen", "Wójcik", "Yamamoto", "Zhang");
    public static final List<String> CITIES = List.of("Amsterdam", "Berlin", "Córdoba", "Dublin", "Espoo",
            "Genève", "Hamburg", "Kraków", "Lisbon", "Malmö", "Nantes", "Oslo", "Porto", "São Paulo", "Turin",
            "Vienna", "Zürich");
    public static final List<String> COUNTRIES = List.of("DE", "FR", "NL", "PL", "PT", "SE", "CH", "AT", "IE", "BR");
    public static final List<String> STREETS = List.of("Main Street", "Station Road", "Rue de la Paix",
            "Hauptstraße", "Calle Mayor", "Kungsgatan", "Via Roma", "Ulica Długa");
    public static final List<String> ADJECTIVES = List.of("Classic", "Compact", "Deluxe", "Eco", "Ergonomic",
            "Heavy-duty", "Lightweight", "Modern", "Portable", "Rustic", "Smart", "Vintage", "Wireless");
    public static final List<String> NOUNS = List.of("Backpack", "Blender", "Chair", "Desk Lamp", "Headphones",
            "Jacket", "Kettle", "Keyboard", "Mug", "Notebook", "Sneakers", "Tent", "Umbrella", "Watch");
    public static final List<String> CATEGORY_WORDS = List.of("Home", "Garden", "Kitchen", "Outdoor", "Office",
            "Sports", "Fashion", "Electronics", "Toys", "Books", "Beauty", "Tools");
    public static final List<String> COLORS = List.of("black", "blue", "green", "grey", "red", "white", "yellow");
    public static final List<String> SIZES = List.of("XS", "S", "M", "L", "XL");
    public static final List<String> MATERIALS = List.of("aluminium", "bamboo", "cotton", "leather", "steel", "wool");
    public static final List<String> CURRENCIES = List.of("EUR", "EUR", "EUR", "USD", "GBP", "CHF");
    public static final List<String> CARRIERS = List.of("DHL", "UPS", "PostNL", "La Poste", "DPD", "GLS");
    public static final List<String> REVIEW_TITLES = List.of("Does the job", "Excellent value", "Not as described",
            "Would buy again", "Arrived broken", "Five stars!", "Meh", "Better than expected");
    public static final List<String> REVIEW_PHRASES = List.of("Shipping was quick.", "The colour is a bit off.",
            "Works exactly as advertised.", "My kids love it — highly recommended.", "Build quality could be better.",
            "I'd say it's \"good enough\".", "Returned it after a week.", "Great customer service.");
    public static final List<String> ORDER_NOTES = List.of("Leave at the door.", "Ring twice — the bell is broken.",
            "Gift wrap, please: it's for \"Mum\".", "Deliver after 6 pm.\nThanks!", "Call before delivery.");

    /** All generated instants lie in [2024-01-01, 2026-01-01) UTC: inside MariaDB's TIMESTAMP range. */
    public static final Instant EPOCH = Instant.parse("2024-01-01T00:00:00Z");
    public static final long SPAN_MICROS = 731L * 24 * 3600 * 1_000_000;
    public static final LocalDate DATE_EPOCH = LocalDate.of(2024, 1, 1);

    private Vocabulary() {
    }

    /** A random instant with microsecond precision in the sample's time span. */
    public static Instant instant(Rng rng) {
        return plusMicros(EPOCH, rng.between(0L, SPAN_MICROS - 1));
    }

    public static Instant plusMicros(Instant instant, long micros) {
        return instant.plusNanos(micros * 1000);
    }

    /** A zone-less wall-clock time with microsecond precision, independent of the JVM time zone. */
    public static LocalDateTime localDateTime(Rng rng) {
        return LocalDateTime.ofInstant(instant(rng), ZoneOffset.UTC);
    }

    public static LocalDate dateOf(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }
}
