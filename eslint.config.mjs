import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";

/**
 * The dependency direction of the architecture (see README, "Layout"):
 *   lib/        pure domain code shared by browser and server: no React, no Node, no database
 *   server/     Node only: never imports app/ or components/
 *   components/ React UI: never imports server/
 * A wrong import fails `npm run lint`.
 */
const layer = (name) => ({
  regex: `^(@/|(\\.\\./)+|\\./)${name}(/|$)`,
  message: `this layer must not import ${name}/ (see the dependency rules in eslint.config.mjs)`,
});

export default tseslint.config(
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      "data/**",
      "dist/**",
      "drizzle/migrations/**",
      "next-env.d.ts",
      "test-results/**",
      "playwright-report/**",
      // The browser tests' database, written while CI lints beside them.
      "data-e2e/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-non-null-assertion": "error",
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "no-console": ["error", { allow: ["warn", "error", "info"] }],
    },
  },
  {
    files: ["**/*.tsx", "components/**/*.ts", "app/**/*.ts"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
    },
  },
  {
    files: ["lib/**/*.ts", "lib/**/*.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            layer("app"),
            layer("components"),
            layer("server"),
            layer("drizzle"),
            { regex: "^node:", message: "lib/ is shared with the browser: no Node built-ins" },
            {
              regex:
                "^(react|react-dom|next|next-auth|ws|pg|drizzle-orm|@electric-sql/pglite|ioredis|nodemailer)(/|$)",
              message: "lib/ is pure domain code: no UI framework, server or database packages",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["server/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [layer("app"), layer("components")] }],
    },
  },
  {
    files: ["components/**/*.ts", "components/**/*.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [layer("server"), layer("drizzle"), layer("app")] },
      ],
    },
  },
  {
    files: ["**/*.test.ts", "tests/**/*.ts", "bench/**/*.ts", "scripts/**/*.ts"],
    rules: { "no-console": "off" },
  },
);
