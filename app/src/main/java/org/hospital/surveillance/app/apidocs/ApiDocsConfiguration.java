package org.hospital.surveillance.app.apidocs;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The API's OpenAPI description at {@code /v3/api-docs} and its Swagger UI at
 * {@code /swagger-ui.html}, both readable without a login (security configuration): they describe
 * the published contract and carry no patient data. Trying a call from the UI needs credentials
 * (its Authorize button), like any call.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsConfiguration {

    @Bean
    ContractDescription contractDescription() {
        return new ContractDescription();
    }
}
