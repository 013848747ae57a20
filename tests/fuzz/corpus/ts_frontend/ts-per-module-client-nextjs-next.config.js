/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  serverExternalPackages: ['knex', 'mysql2'],
}

module.exports = nextConfig
