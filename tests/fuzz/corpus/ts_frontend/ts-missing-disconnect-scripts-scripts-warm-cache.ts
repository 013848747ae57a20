// ioredis client in a script that never quits.
import Redis from 'ioredis'

// Reported: redis.quit() is missing; the connection stays open.
const redis = new Redis(process.env.REDIS_URL!) // expect: client-not-closed

async function main() {
  const pipeline = redis.pipeline()
  pipeline.set('config:banner', 'Spring sale')
  pipeline.expire('config:banner', 3600)
  await pipeline.exec()
}

main()
