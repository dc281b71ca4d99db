import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

/**
 * Long load tests (`npm run test:load`), run alone after `npm test`: they need the machine to
 * themselves, and beside other test files they would only measure how busy the machine is.
 */
export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL("./", import.meta.url)) } },
  test: {
    include: ["tests/load/**/*.test.ts"],
    environment: "node",
    maxWorkers: 1,
    hookTimeout: 180_000,
  },
});
