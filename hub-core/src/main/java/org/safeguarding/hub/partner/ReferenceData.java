package org.safeguarding.hub.partner;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes the partner registry's partnerships and agencies into the reference tables that every
 * canonical row points to. Runs at start-up; changes in {@code partners.yml} are applied,
 * nothing is deleted (rows that history points to must stay).
 */
public class ReferenceData {

    private final JdbcClient jdbc;

    public ReferenceData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    public void write(PartnerRegistry registry) {
        for (Partnership p : registry.partnerships()) {
            jdbc.sql("""
                    INSERT INTO partnership (id, name, child_population) VALUES (:id, :name, :population)
                    ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, child_population = EXCLUDED.child_population
                    """).param("id", p.id()).param("name", p.name()).param("population", p.childPopulation()).update();
        }
        for (Agency a : registry.agencies()) {
            jdbc.sql("""
                    INSERT INTO agency (id, name, kind) VALUES (:id, :name, :kind)
                    ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind
                    """).param("id", a.id()).param("name", a.name()).param("kind", a.kind().code()).update();
            for (String partnership : a.partnerships()) {
                jdbc.sql("INSERT INTO partnership_agency (partnership_id, agency_id) VALUES (:partnership, :agency) "
                        + "ON CONFLICT DO NOTHING").param("partnership", partnership).param("agency", a.id()).update();
            }
        }
    }
}
