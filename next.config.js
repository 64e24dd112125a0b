/**
 * Everything the pages load comes from this origin. Next's App Router streams its bootstrap as
 * inline scripts and server-renders style attributes, and static pages can carry no per-request
 * nonce, hence 'unsafe-inline' for those two; nothing else may run, frame, or be posted elsewhere.
 * `next dev` also needs eval for its refresh runtime.
 */
function contentSecurityPolicy() {
  const dev = process.env.NODE_ENV !== 'production';
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** @type {import('next').NextConfig} */
const nextConfig = {
  // ssh2 and better-sqlite3 carry native addons: load them from node_modules at run time.
  serverExternalPackages: ['ssh2', 'better-sqlite3', 'cpu-features'],
  poweredByHeader: false,
  async headers() {
    // An admin console that changes load balancers: never framed (clickjacking), never sniffed.
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'same-origin' },
          { key: 'Content-Security-Policy', value: contentSecurityPolicy() },
        ],
      },
    ];
  },
};
module.exports = nextConfig;
