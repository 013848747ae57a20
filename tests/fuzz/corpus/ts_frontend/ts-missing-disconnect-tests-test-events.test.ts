// MongoDB in a jest-style test: connect in beforeAll, close in afterAll.
import { MongoClient } from 'mongodb'

describe('events', () => {
  let client: MongoClient

  beforeAll(async () => {
    // Not reported: client.close() in afterAll of the same describe block.
    client = new MongoClient(process.env.TEST_MONGO_URL!) // ok: client-not-closed
    await client.connect()
  })

  afterAll(async () => {
    await client.close()
  })

  it('inserts an event', async () => {
    const res = await client.db('test').collection('events').insertOne({ type: 'signup' })
    expect(res.acknowledged).toBe(true)
  })
})
