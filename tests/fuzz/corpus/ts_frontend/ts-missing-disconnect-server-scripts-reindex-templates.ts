// The same libraries in a one-off script ARE expected to close: this one never does.
import { MongoClient } from 'mongodb'

// Reported: a script under scripts/ without client.close().
const mongo = new MongoClient(process.env.MONGO_URL!) // expect: client-not-closed

async function main() {
  await mongo.connect()
  await mongo.db('delivery').collection('templates').createIndex({ locale: 1, key: 1 }, { unique: true })
}

main()
