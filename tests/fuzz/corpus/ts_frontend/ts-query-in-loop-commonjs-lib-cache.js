// An in-memory cache with a `get` method: not a database client.
const store = new Map()

module.exports = {
  get: async (key) => store.get(key),
  set: async (key, value) => {
    store.set(key, value)
  },
}
