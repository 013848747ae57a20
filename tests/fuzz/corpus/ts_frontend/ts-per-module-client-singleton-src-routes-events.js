// CommonJS route requiring the shared MongoDB client.
const { Router } = require('express')
const { mongo } = require('../lib/db')

const eventsRouter = Router()

eventsRouter.post('/', async (req, res) => {
  await mongo.db('app').collection('events').insertOne({ ...req.body, at: new Date() })
  res.status(202).end()
})

module.exports = { eventsRouter }
