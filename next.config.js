/** @type {import('next').NextConfig} */
const nextConfig = {
  // ssh2 and better-sqlite3 carry native addons: load them from node_modules at run time.
  serverExternalPackages: ['ssh2', 'better-sqlite3', 'cpu-features'],
  poweredByHeader: false,
};
module.exports = nextConfig;
