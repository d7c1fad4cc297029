package dev.switchboard.support;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The service on a real PostgreSQL server, as in production: external datasource, secret key from the environment. */
@ExtendWith(PostgresDatabase.class)
public abstract class OnPostgres extends ApiTest {

    /** A fixed test key (base64 of 32 bytes); production keys come from SWITCHBOARD_SECRET_KEY. */
    public static final String SECRET_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", PostgresDatabase::url);
        registry.add("spring.datasource.username", PostgresDatabase::user);
        registry.add("spring.datasource.password", () -> "");
        registry.add("switchboard.secret-key", () -> SECRET_KEY);
    }
}
