// MongoDB maintenance script that forgets client.close().
import { MongoClient } from 'mongodb'

// Reported: client.close() is missing.
const client = new MongoClient(process.env.MONGO_URL!) // expect: client-not-closed

async function main() {
  await client.connect()
  await client.db('app').collection('events').createIndex({ userId: 1, at: -1 })
}

main().catch(console.error)
