// knex in a script without knex.destroy(): the pool keeps the process (and the connections) alive.
import knex from 'knex'

// Reported: destroy() is missing.
const db = knex({ client: 'pg', connection: process.env.DATABASE_URL }) // expect: client-not-closed

const updated = await db('posts').whereNull('slug').update({ slug: db.raw("lower(regexp_replace(title, '[^a-zA-Z0-9]+', '-', 'g'))") })
console.log(`updated ${updated} posts`)
