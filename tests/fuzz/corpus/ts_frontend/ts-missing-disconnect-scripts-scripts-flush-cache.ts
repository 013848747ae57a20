// node-redis client, quit() in finally.
import { createClient } from 'redis'

// Not reported: redis.quit() in finally.
const redis = createClient({ url: process.env.REDIS_URL }) // ok: client-not-closed
await redis.connect()
try {
  const keys = await redis.keys('cache:product:*')
  if (keys.length > 0) await redis.del(keys)
} finally {
  await redis.quit()
}
