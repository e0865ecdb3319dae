package org.safeguarding.hub.scorecard;

import org.safeguarding.hub.scorecard.measures.ShippedComputations;
import org.safeguarding.hub.calendar.CalendarConfiguration;
import org.safeguarding.hub.calendar.WorkingCalendar;
import org.safeguarding.hub.config.ConfigFiles;
import org.safeguarding.hub.database.TestPostgres;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import javax.sql.DataSource;

/** A migrated test database with the hand-built scorecard dataset, and the engine over it. */
final class ScorecardFixture {

    static final String PARTNERSHIP = "herefordshire";

    final DataSource dataSource;
    final JdbcClient jdbc;
    final MeasureCatalogue catalogue;
    final WorkingCalendar calendar;
    final MeasureEngine engine;

    ScorecardFixture() {
        dataSource = TestPostgres.migratedDatabase();
        new ResourceDatabasePopulator(new ClassPathResource("scorecard/fixture.sql")).execute(dataSource);
        jdbc = JdbcClient.create(dataSource);
        ConfigFiles files = ConfigFiles.defaults();
        catalogue = MeasureCatalogue.load(files, ShippedComputations.all());
        calendar = CalendarConfiguration.load(files);
        engine = new MeasureEngine(jdbc, new TransactionTemplate(new DataSourceTransactionManager(dataSource)), "64MB",
                ShippedComputations.all(), calendar);
    }

    MeasureResult compute(String measureId, String period) {
        return engine.compute(PARTNERSHIP, catalogue.measure(measureId).orElseThrow(), Period.parse(period), 8);
    }
}
