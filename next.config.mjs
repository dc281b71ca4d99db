/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // BROWSER_SOURCE_MAPS=1 next build: source maps of the browser's scripts, to read profiles.
  productionBrowserSourceMaps: process.env.BROWSER_SOURCE_MAPS === "1",
  // The build type-checks the app only; tests are checked by `npm run typecheck`. CI has run
  // that over everything before it builds (.ci/run sets BUILD_SKIP_TYPECHECK=1), so its build
  // does not check the app a second time.
  typescript: {
    tsconfigPath: "tsconfig.build.json",
    ignoreBuildErrors: process.env.BUILD_SKIP_TYPECHECK === "1",
  },
  // Database drivers and the websocket server stay plain Node modules, never bundled.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pg",
    "ws",
    "drizzle-orm",
    "yjs",
    "y-protocols",
    "lib0",
  ],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

export default nextConfig;
