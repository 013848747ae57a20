// MongoDB export that closes the client in finally.
import { writeFile } from 'node:fs/promises'
import { MongoClient } from 'mongodb'

async function main() {
  // Not reported: client.close() in finally.
  const client = new MongoClient(process.env.MONGO_URL!) // ok: client-not-closed
  try {
    const events = await client.db('app').collection('events').find({ type: 'signup' }).limit(1000).toArray()
    await writeFile('signups.json', JSON.stringify(events))
  } finally {
    await client.close()
  }
}

main()
