// Server component reading through the cached postgres.js client.
import { sql } from '../../lib/db'

export default async function DashboardPage() {
  const [row] = await sql`select count(*)::int as count from orders where status = 'open'`
  return <p>{row.count} open orders</p>
}
