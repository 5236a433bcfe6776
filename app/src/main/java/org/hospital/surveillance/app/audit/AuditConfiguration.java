package org.hospital.surveillance.app.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The audit log of history access: its table, the filter that writes it, and GET /api/audit. */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

    @Bean
    AuditLog auditLog(DataSource dataSource) {
        return new AuditLog(dataSource);
    }

    @Bean
    HistoryAccessFilter historyAccessFilter(AuditLog auditLog, ObjectMapper json) {
        return new HistoryAccessFilter(auditLog, json, Clock.systemUTC());
    }
}
