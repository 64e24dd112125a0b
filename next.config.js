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
        ],
      },
    ];
  },
};
module.exports = nextConfig;
