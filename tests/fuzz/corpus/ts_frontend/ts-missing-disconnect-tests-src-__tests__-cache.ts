// A test under __tests__/ (no .test suffix): ioredis created in beforeAll, quit in afterAll.
import Redis from 'ioredis'

let redis: Redis

beforeAll(() => {
  // Not reported: paired with redis.quit() in afterAll.
  redis = new Redis(process.env.TEST_REDIS_URL!) // ok: client-not-closed
})

afterAll(async () => {
  await redis.quit()
})

test('stores a session', async () => {
  await redis.set('session:t1', 'u1', 'EX', 60)
  expect(await redis.get('session:t1')).toBe('u1')
})
