/**
 * The rule-set administrator of the browser tests: playwright.config.ts passes it to the
 * server as ADMIN_EMAILS, so which account administers rule sets does not depend on which
 * test signs up first.
 */
export const E2E_RULE_SET_ADMIN_EMAIL = "rule-set-admin@example.test";
