// CommonJS consumers: the pool arrives through `require('../lib/db')`, destructured or as a namespace.
const { pool } = require('../lib/db')
const db = require('../lib/db')
const cache = require('../lib/cache')

// Reported: the destructured pool, one update per account.
async function syncAccounts(accounts) {
  for (const account of accounts) {
    await pool.query('UPDATE accounts SET synced_at = now(), plan = $2 WHERE id = $1', [account.id, account.plan]) // expect: query-in-loop
  }
}

// Reported: `db.pool` from the required module object, inside Promise.all(map).
function loadAccounts(ids) {
  return Promise.all(ids.map((id) => db.pool.query('SELECT * FROM accounts WHERE id = $1', [id]))) // expect: query-in-loop
}

// Not reported: one query with `= ANY($1)`.
async function loadAccountsBatched(ids) {
  const { rows } = await pool.query('SELECT * FROM accounts WHERE id = ANY($1)', [ids]) // ok: query-in-loop
  return rows
}

// Not reported: `cache.get` in a loop; the cache is an in-memory Map, not a client.
async function cachedPlans(ids) {
  const plans = []
  for (const id of ids) {
    plans.push(await cache.get(`plan:${id}`)) // ok: query-in-loop
  }
  return plans
}

module.exports = { syncAccounts, loadAccounts, loadAccountsBatched, cachedPlans }
