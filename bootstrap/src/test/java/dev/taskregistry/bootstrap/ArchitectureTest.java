package dev.taskregistry.bootstrap;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The module dependency table of DESIGN.md §2, as rules. Every rule fails when the packages it names
 * hold no classes, so a typo in a package name cannot make a rule pass vacuously. The test-support modules
 * ({@code domain-testing}, {@code redis-testing}) are main sources on this test class path: imported like
 * every module, held to rules of their own, and never depended on by production code.
 */
@AnalyzeClasses(packages = "dev.taskregistry", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String DOMAIN = "dev.taskregistry.domain..";
    private static final String DOMAIN_TESTING = "dev.taskregistry.domain.testing..";
    private static final String APPLICATION = "dev.taskregistry.application..";
    private static final String IN_MEMORY = "dev.taskregistry.adapters.inmemory..";
    private static final String REDIS = "dev.taskregistry.adapters.redis..";
    private static final String REDIS_TESTING = "dev.taskregistry.redis.testing..";
    private static final String REST = "dev.taskregistry.adapters.rest..";
    private static final String MCP = "dev.taskregistry.adapters.mcp..";
    private static final String BOOTSTRAP = "dev.taskregistry.bootstrap..";
    private static final String[] FRAMEWORKS = {
        "jakarta..",
        "javax..",
        "io.helidon..",
        "redis.clients..",
        "com.fasterxml..",
        "org.eclipse.microprofile..",
        "org.glassfish.."
    };

    @ArchTest
    static final ArchRule the_domain_depends_on_nothing_but_the_jdk = classes()
            .that()
            .resideInAPackage(DOMAIN)
            .and()
            .resideOutsideOfPackage(DOMAIN_TESTING)
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(DOMAIN, "java..")
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule the_application_depends_only_on_the_domain = classes()
            .that()
            .resideInAPackage(APPLICATION)
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(APPLICATION, DOMAIN, "java..")
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule domain_and_application_use_no_framework = noClasses()
            .that()
            .resideInAnyPackage(DOMAIN, APPLICATION)
            .and()
            .resideOutsideOfPackage(DOMAIN_TESTING)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(FRAMEWORKS)
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule the_in_memory_adapter_depends_only_on_the_domain = classes()
            .that()
            .resideInAPackage(IN_MEMORY)
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(IN_MEMORY, DOMAIN, "java..")
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule the_rest_adapter_depends_on_the_core_and_its_frameworks_only = classes()
            .that()
            .resideInAPackage(REST)
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    REST,
                    APPLICATION,
                    DOMAIN,
                    "java..",
                    "jakarta..",
                    "com.fasterxml..",
                    "org.eclipse.microprofile.metrics..",
                    "org.eclipse.microprofile.openapi..")
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule the_mcp_adapter_depends_on_the_core_the_mcp_sdk_and_its_frameworks_only = classes()
            .that()
            .resideInAPackage(MCP)
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    MCP,
                    APPLICATION,
                    DOMAIN,
                    "java..",
                    "jakarta..",
                    "com.fasterxml..",
                    "io.modelcontextprotocol..",
                    "reactor.core..",
                    "org.eclipse.microprofile.openapi..")
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule the_mcp_adapter_never_names_another_adapter = noClasses()
            .that()
            .resideInAPackage(MCP)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(IN_MEMORY, REDIS, REST, BOOTSTRAP)
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule the_redis_adapter_depends_on_the_domain_jedis_and_jackson_only = classes()
            .that()
            .resideInAPackage(REDIS)
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    REDIS, DOMAIN, "java..", "redis.clients..", "com.fasterxml..", "org.apache.commons.pool2..")
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule the_in_memory_adapter_never_names_another_adapter = noClasses()
            .that()
            .resideInAPackage(IN_MEMORY)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(REDIS, REST, BOOTSTRAP)
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule the_redis_adapter_never_names_another_adapter = noClasses()
            .that()
            .resideInAPackage(REDIS)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(IN_MEMORY, REST, BOOTSTRAP)
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule the_rest_adapter_never_names_a_store_adapter = noClasses()
            .that()
            .resideInAPackage(REST)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(IN_MEMORY, REDIS, BOOTSTRAP)
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule the_domain_test_support_builds_on_the_domain_junit_and_assertj_only = classes()
            .that()
            .resideInAPackage(DOMAIN_TESTING)
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(DOMAIN, "java..", "org.junit..", "org.assertj..")
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule the_redis_test_support_knows_no_module_of_the_registry = classes()
            .that()
            .resideInAPackage(REDIS_TESTING)
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(REDIS_TESTING, "java..", "redis.clients..", "org.testcontainers..", "org.junit..")
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule no_production_code_depends_on_test_support = noClasses()
            .that()
            .resideOutsideOfPackages(DOMAIN_TESTING, REDIS_TESTING)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(DOMAIN_TESTING, REDIS_TESTING)
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule only_the_bootstrap_wires_the_modules_together = noClasses()
            .that()
            .resideOutsideOfPackage(BOOTSTRAP)
            .should()
            .dependOnClassesThat()
            .resideInAPackage(BOOTSTRAP)
            .allowEmptyShould(false);

    @Test
    void aRuleOverAPackageWithNoClasses_fails() {
        JavaClasses classes = new ClassFileImporter().importPackages("dev.taskregistry");
        ArchRule typo = classes()
                .that()
                .resideInAPackage("dev.taskregistry.domian..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("java..")
                .allowEmptyShould(false);

        assertThatThrownBy(() -> typo.check(classes))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("failed to check any classes");
    }
}
