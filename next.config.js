// The server (server/index.ts) owns the HTTP listener; Next only renders pages.
// `output: 'standalone'` is deliberately absent: it cannot be used with a custom server.
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The dashboard is never built with type errors: `npm test` type-checks first.
  typescript: { ignoreBuildErrors: false },
};

export default nextConfig;
